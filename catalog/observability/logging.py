"""Logs: one line per record, as text or JSON (`catalog --log-format json`), each carrying the
context of the call it was written in (request id, door, caller, method), with secrets redacted.

- `RedactionFilter` rewrites passwords in URLs (`postgresql://user:***@host`), `password=`/`token=`
  style key-values, and bearer tokens (`Bearer ***`) in every message and traceback, whatever
  logger wrote it. It runs on the handlers `configure()` installs, so nothing reaches the output
  unredacted.
- `ContextFilter` adds `request_id`, `door`, `caller`, `method` (and `remote`) from
  `catalog.observability.calls.current_call()`.
- `JsonFormatter` writes `{"ts", "level", "logger", "msg", ...context, ...extra}`; `extra=` fields
  given to a logging call (`duration_ms`, `outcome`, …) are included.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import re
import sys

_URL_PASSWORD = re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]*:)([^\s@/]+)(@)")
_KEY_VALUE = re.compile(
    r"(?i)\b(password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|api_key|apikey)"
    r"(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s&,;'\"]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+=*)")
_AUTH_HEADER = re.compile(r"(?i)(['\"]?authorization['\"]?\s*[:=]\s*['\"]?)([^'\"\n,}]+)")


def redact(text: str) -> str:
    """`text` with secrets replaced by ***."""
    if not text:
        return text
    text = _URL_PASSWORD.sub(r"\1***\3", text)
    text = _AUTH_HEADER.sub(lambda m: m.group(1) + _auth_value(m.group(2)), text)
    text = _BEARER.sub(r"\1\2***", text)
    text = _KEY_VALUE.sub(r"\1\2***", text)
    return text


def _auth_value(v: str) -> str:
    scheme = v.strip().split(" ", 1)[0]
    return f"{scheme} ***" if scheme.lower() in ("bearer", "basic") else "***"


class RedactionFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string: keep the raw message
            msg = str(record.msg)
        record.msg = redact(msg)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key in _EXTRA_STRINGS:
            v = record.__dict__.get(key)
            if isinstance(v, str):
                record.__dict__[key] = redact(v)
        return True


_EXTRA_STRINGS = ("args_summary", "path", "url", "target")


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from catalog.observability.calls import current_call

        ctx = current_call()
        if ctx is not None:
            d = record.__dict__
            d.setdefault("request_id", ctx.request_id)
            d.setdefault("door", ctx.door)
            d.setdefault("method", ctx.method)
            if ctx.caller is not None:
                d.setdefault("caller", ctx.caller)
            if ctx.remote is not None:
                d.setdefault("remote", ctx.remote)
        return True


_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": _dt.datetime.fromtimestamp(record.created, _dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for k, v in record.__dict__.items():
            if k not in _STANDARD and not k.startswith("_") and v is not None:
                out[k] = v
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The classic line, with the call context and extra fields appended as key=value."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = [
            f"{k}={v}"
            for k, v in record.__dict__.items()
            if k not in _STANDARD and not k.startswith("_") and v is not None
        ]
        if extra:
            first, nl, rest = line.partition("\n")
            line = first + " [" + " ".join(extra) + "]" + nl + rest
        return line


def make_handler(fmt: str = "text", stream=None) -> logging.Handler:
    h = logging.StreamHandler(stream or sys.stderr)
    h.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    h.addFilter(ContextFilter())
    h.addFilter(RedactionFilter())
    h._catalog_handler = True  # type: ignore[attr-defined]
    return h


def configure(level: str = "info", fmt: str = "text", stream=None) -> logging.Handler | None:
    """Log to stderr in `fmt` ('text' or 'json') at `level`, replacing a handler installed earlier by
    this function or by logging.basicConfig. Like basicConfig, it changes nothing when the root logger
    has other handlers (an embedding application's, or pytest's): they keep their own format."""
    root = logging.getLogger()
    ours = [
        h for h in root.handlers if getattr(h, "_catalog_handler", False) or type(h) is logging.StreamHandler
    ]
    if len(ours) != len(root.handlers):
        return None
    for h in ours:
        root.removeHandler(h)
    handler = make_handler(fmt, stream)
    root.addHandler(handler)
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    for noisy in ("uvicorn.access", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


__all__ = [
    "ContextFilter",
    "JsonFormatter",
    "RedactionFilter",
    "TextFormatter",
    "configure",
    "make_handler",
    "redact",
]
