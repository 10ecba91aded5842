"""docs/benchmarks.md has several writers. `python -m bench` (bench/runner.py) owns the top of the file;
every later part is a section that starts with a marker line `<!-- section: NAME -->` and runs to the
next marker (or the end). A writer replaces only its own section and keeps the others."""

from __future__ import annotations

import re
from pathlib import Path

_MARKER_RX = re.compile(r"^<!-- section: ([\w.-]+) -->[ \t]*$", re.MULTILINE)


def marker(name: str) -> str:
    return f"<!-- section: {name} -->"


def sections_tail(text: str) -> str:
    """Everything from the first section marker on ('' without one): what the runner keeps."""
    m = _MARKER_RX.search(text)
    return text[m.start() :] if m else ""


def replace_section(text: str, name: str, body: str) -> str:
    """`text` with section `name` replaced by `body` (appended at the end if absent). `body` is the
    section's content without its marker line."""
    block = marker(name) + "\n" + body.strip("\n") + "\n"
    found = [m for m in _MARKER_RX.finditer(text) if m.group(1) == name]
    if not found:
        return (text.rstrip("\n") + "\n\n" if text.strip() else "") + block
    start = found[0].start()
    nxt = _MARKER_RX.search(text, found[0].end())
    end = nxt.start() if nxt else len(text)
    rest = text[end:]
    return text[:start] + block + ("\n" + rest if rest else "")


def write_section(path: Path, name: str, body: str) -> None:
    old = path.read_text() if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_section(old, name, body))
