"""Transports that keep a hostile Thrift message from crashing the process.

Thrift's C-accelerated decoder skips a field it does not know (an unknown id, or a known id with
the wrong type) by recursing once per level of nesting, with no depth limit. A few megabytes of
nested struct headers (3 bytes a level) therefore overflow the C stack and kill the whole server
with SIGSEGV: no Python exception, every connection gone. Hive's IDL nests a dozen levels at most.

`NestingGuard` walks the binary-protocol structure of a message incrementally and raises a
`TProtocolException(DEPTH_LIMIT)` as soon as nesting passes `max_depth`. Walking every message in
Python would cost time on every call, so the transports here only start the walk once a message has
grown past `guard_after` bytes: a shorter message cannot nest deeper than `guard_after / 3` levels,
which the decoder handles on any thread stack of 1 MiB or more. Most calls (get_table, get_database,
…) are a few hundred bytes and never pay for it.

The transports also bound a message's total size (`max_message_bytes`, Hive's
`hive.metastore.server.max.message.size`), so an unframed client cannot stream an endless message.
"""

from __future__ import annotations

import struct
from io import BytesIO
from typing import Any

from thrift.protocol.TProtocol import TProtocolException
from thrift.transport.TTransport import CReadableTransport, TTransportBase, TTransportException

_I32 = struct.Struct(">i")
_H = struct.Struct(">h")

# Thrift TType ids
STOP, BOOL, BYTE, DOUBLE, I16, I32, I64, STRING, STRUCT, MAP, SET, LIST = (
    0,
    2,
    3,
    4,
    6,
    8,
    10,
    11,
    12,
    13,
    14,
    15,
)
_FIXED = {BOOL: 1, BYTE: 1, DOUBLE: 8, I16: 2, I32: 4, I64: 8}
VERSION_MASK = -65536  # 0xffff0000 as a signed i32


class NestingGuard:
    """Incremental validator of one binary-protocol message (header + one struct): nesting depth,
    known type ids, non-negative sizes. Feed it the message's bytes in order with `feed()`; bytes
    past the end of the message are ignored."""

    __slots__ = ("max_depth", "_buf", "_skip", "_stack", "_state", "done")

    # states: 0 message header start, 1 strict: name, 2 strict: seqid, 3 old-style: type+seqid, 4 body
    def __init__(self, max_depth: int = 64):
        self.max_depth = max_depth
        self._buf = bytearray()
        self._skip = 0  # bytes of a string body still to pass over
        self._stack: list = []  # frames: [STRUCT] or [LIST, etype, remaining] or [MAP, ktype, vtype, remaining]
        self._state = 0
        self.done = False

    def feed(self, data: bytes) -> None:
        if self.done or not data:
            return
        if self._skip:
            if len(data) <= self._skip:
                self._skip -= len(data)
                return
            data = data[self._skip :]
            self._skip = 0
        buf = self._buf
        buf += data
        pos = self._run(buf)
        del buf[:pos]

    # -- the walk -----------------------------------------------------------------------------------
    def _fail(self, msg: str, kind: int = TProtocolException.INVALID_DATA):
        raise TProtocolException(kind, msg)

    def _run(self, buf: bytearray) -> int:
        n = len(buf)
        pos = 0
        stack = self._stack
        while True:
            st = self._state
            if st != 4:
                if st == 0:
                    if n - pos < 4:
                        return pos
                    sz = _I32.unpack_from(buf, pos)[0]
                    if sz < 0:
                        if (sz & VERSION_MASK) != -2147418112:  # VERSION_1
                            self._fail("bad protocol version", TProtocolException.BAD_VERSION)
                        pos += 4
                        self._state = 1
                    else:
                        if n - pos < 4 + sz:
                            if sz > 65536:
                                self._fail("method name too long", TProtocolException.SIZE_LIMIT)
                            return pos
                        pos += 4 + sz
                        self._state = 3
                elif st == 1:
                    if n - pos < 4:
                        return pos
                    sz = _I32.unpack_from(buf, pos)[0]
                    if sz < 0 or sz > 65536:
                        self._fail("bad method name length", TProtocolException.SIZE_LIMIT)
                    if n - pos < 4 + sz:
                        return pos
                    pos += 4 + sz
                    self._state = 2
                elif st == 2:
                    if n - pos < 4:
                        return pos
                    pos += 4
                    self._state = 4
                    stack.append([STRUCT])
                elif st == 3:
                    if n - pos < 5:
                        return pos
                    pos += 5
                    self._state = 4
                    stack.append([STRUCT])
                continue
            if not stack:
                self.done = True
                return n
            top = stack[-1]
            kind = top[0]
            if kind == STRUCT:
                if n - pos < 1:
                    return pos
                t = buf[pos]
                if t == STOP:
                    pos += 1
                    stack.pop()
                    continue
                if n - pos < 3:
                    return pos
                restart = pos
                pos += 3
            elif kind == LIST:
                if top[2] == 0:
                    stack.pop()
                    continue
                t = top[1]
                # a run of fixed-size elements is passed in one step
                size = _FIXED.get(t)
                if size is not None:
                    take = min(top[2], (n - pos) // size)
                    if take == 0:
                        return pos
                    top[2] -= take
                    pos += take * size
                    continue
                restart = pos
                top[2] -= 1
            else:  # MAP: remaining counts keys and values
                if top[3] == 0:
                    stack.pop()
                    continue
                t = top[1] if top[3] % 2 == 0 else top[2]
                restart = pos
                top[3] -= 1
            # one value of type t
            size = _FIXED.get(t)
            if size is not None:
                if n - pos < size:
                    self._unconsume(top)  # read the whole value next time
                    return restart
                pos += size
            elif t == STRING:
                if n - pos < 4:
                    self._unconsume(top)
                    return restart
                sz = _I32.unpack_from(buf, pos)[0]
                if sz < 0:
                    self._fail("negative string size", TProtocolException.NEGATIVE_SIZE)
                pos += 4
                if n - pos < sz:
                    self._skip = sz - (n - pos)
                    return n
                pos += sz
            elif t == STRUCT:
                stack.append([STRUCT])
            elif t == LIST or t == SET:
                if n - pos < 5:
                    self._unconsume(top)
                    return restart
                count = _I32.unpack_from(buf, pos + 1)[0]
                if count < 0:
                    self._fail("negative list size", TProtocolException.NEGATIVE_SIZE)
                _check_type(buf[pos])
                stack.append([LIST, buf[pos], count])
                pos += 5
            elif t == MAP:
                if n - pos < 6:
                    self._unconsume(top)
                    return restart
                count = _I32.unpack_from(buf, pos + 2)[0]
                if count < 0:
                    self._fail("negative map size", TProtocolException.NEGATIVE_SIZE)
                _check_type(buf[pos])
                _check_type(buf[pos + 1])
                stack.append([MAP, buf[pos], buf[pos + 1], 2 * count])
                pos += 6
            else:
                self._fail(f"unknown field type {t}")
            if len(stack) > self.max_depth:
                self._fail(
                    f"message nested deeper than {self.max_depth} levels", TProtocolException.DEPTH_LIMIT
                )

    @staticmethod
    def _unconsume(top) -> None:
        """Give back the element a value whose bytes have not all arrived yet was counted as (a
        struct field is re-read from its header instead)."""
        if top[0] == LIST:
            top[2] += 1
        elif top[0] == MAP:
            top[3] += 1


def _check_type(t: int) -> None:
    if t not in _FIXED and t not in (STRING, STRUCT, MAP, SET, LIST):
        raise TProtocolException(TProtocolException.INVALID_DATA, f"unknown element type {t}")


class _MessageGuard:
    """Bookkeeping shared by both transports: the bytes a message consumed so far, and the guard
    once the message grew past `guard_after`."""

    def __init__(self, guard_after: int, max_depth: int, max_message_bytes: int):
        self.guard_after = guard_after
        self.max_depth = max_depth
        self.max_message_bytes = max_message_bytes
        self.begin(BytesIO(b""), 0)

    def begin(self, buf: BytesIO, pos: int) -> None:
        self.guard: NestingGuard | None = None
        self.pending: list[bytes] = []
        self.consumed = 0
        self.seg_start = pos

    def refilled(self, old: BytesIO, partial: bytes, new: bytes) -> None:
        """`old`'s unread tail `partial` and the `new` bytes read from the socket become the next
        buffer; account for what the message consumed of `old`."""
        if self.guard is not None:
            self.consumed += len(new)
            self._check_size()
            self.guard.feed(new)
        else:
            view = old.getbuffer()
            try:
                end = len(view) - len(partial)
                seg = bytes(view[self.seg_start : end]) if end > self.seg_start else b""
            finally:
                del view
            if seg:
                self.pending.append(seg)
                self.consumed += len(seg)
            if self.consumed + len(partial) + len(new) > self.guard_after:
                self.guard = NestingGuard(self.max_depth)
                self.consumed += len(partial) + len(new)
                self._check_size()
                data = b"".join(self.pending) + partial + new
                self.pending = []
                self.guard.feed(data)
        self.seg_start = 0

    def _check_size(self) -> None:
        if self.max_message_bytes and self.consumed > self.max_message_bytes:
            raise TProtocolException(
                TProtocolException.SIZE_LIMIT, f"message larger than {self.max_message_bytes} bytes"
            )


class _GuardedTransport(TTransportBase, CReadableTransport):
    """What both guarded transports share: the wrapped socket transport `_trans` and the read
    buffer `_rbuf`, refilled by `_refill` when a read finds it empty."""

    _trans: Any
    _rbuf: BytesIO

    def _refill(self, sz: int) -> None:
        raise NotImplementedError

    def has_buffered(self) -> bool:
        return self._rbuf.tell() < len(self._rbuf.getbuffer())

    def isOpen(self):
        return self._trans.isOpen()

    def open(self):
        return self._trans.open()

    def close(self):
        return self._trans.close()

    def read(self, sz):
        ret = self._rbuf.read(sz)
        if len(ret) != 0:
            return ret
        self._refill(sz)
        return self._rbuf.read(sz)

    @property
    def cstringio_buf(self):
        return self._rbuf


class GuardedBufferedTransport(_GuardedTransport):
    """TBufferedTransport (unframed) with the nesting guard and a message size bound.

    Writes go to the socket once `wbuf_size` bytes have accumulated (TBufferedTransport keeps a
    whole reply until flush): an unframed reply needs no length up front, so a reply streamed
    in batches (catalog/thrift/streaming.py: a million partitions) never sits in memory whole."""

    def __init__(
        self,
        trans,
        rbuf_size: int = 65536,
        *,
        guard_after: int = 16384,
        max_depth: int = 64,
        max_message_bytes: int = 0,
        wbuf_size: int = 1 << 20,
    ):
        self._trans = trans
        self._wbuf = BytesIO()
        self._wbuf_size = wbuf_size
        self._rbuf = BytesIO(b"")
        self._rbuf_size = rbuf_size
        self._msg = _MessageGuard(guard_after, max_depth, max_message_bytes)

    def begin_message(self) -> None:
        """Called before each message is decoded."""
        self._msg.begin(self._rbuf, self._rbuf.tell())

    def _refill(self, sz: int) -> None:
        self.cstringio_refill(b"", sz)

    def write(self, buf):
        if len(buf) >= self._wbuf_size:  # one large piece (a whole reply encoded at once): no copy
            self._send_buffered()
            self._trans.write(buf)
            return
        try:
            self._wbuf.write(buf)
        except Exception:
            self._wbuf = BytesIO()
            raise
        if self._wbuf.tell() >= self._wbuf_size:
            self._send_buffered()

    def _send_buffered(self) -> None:
        if self._wbuf.tell():
            out = self._wbuf.getvalue()
            self._wbuf = BytesIO()
            self._trans.write(out)

    def flush(self):
        self._send_buffered()
        self._trans.flush()

    def push(self) -> None:
        """Send what is buffered now, mid-reply: a streamed listing's first pages go out while
        the next ones are read, so the client decodes while the server produces."""
        self._send_buffered()

    def cstringio_refill(self, partialread, reqlen):
        new = b""
        if reqlen < self._rbuf_size:
            new = self._trans.read(self._rbuf_size)
            if not new:
                raise TTransportException(TTransportException.END_OF_FILE, "TSocket read 0 bytes")
        if len(partialread) + len(new) < reqlen:
            if self._msg.max_message_bytes and reqlen > self._msg.max_message_bytes:
                raise TProtocolException(
                    TProtocolException.SIZE_LIMIT, f"message larger than {self._msg.max_message_bytes} bytes"
                )
            new += self._trans.readAll(reqlen - len(partialread) - len(new))
        self._msg.refilled(self._rbuf, partialread, new)
        self._rbuf = BytesIO(partialread + new)
        return self._rbuf


class GuardedFramedTransport(_GuardedTransport):
    """TFramedTransport with a frame size bound and the nesting guard on large frames."""

    def __init__(
        self,
        trans,
        *,
        guard_after: int = 16384,
        max_depth: int = 64,
        max_message_bytes: int = 256 * 1024 * 1024,
    ):
        self._trans = trans
        self._rbuf = BytesIO(b"")
        self._wbuf = BytesIO()
        self.guard_after = guard_after
        self.max_depth = max_depth
        self.max_message_bytes = max_message_bytes

    def begin_message(self) -> None:
        pass

    def _refill(self, sz: int) -> None:
        self.readFrame()

    def readFrame(self):
        (size,) = _I32.unpack(self._trans.readAll(4))
        if size < 0:
            raise TTransportException(TTransportException.INVALID_FRAME_SIZE, f"negative frame size {size}")
        if self.max_message_bytes and size > self.max_message_bytes:
            raise TTransportException(
                TTransportException.SIZE_LIMIT,
                f"frame of {size} bytes is larger than {self.max_message_bytes}",
            )
        frame = self._trans.readAll(size)
        if size > self.guard_after:
            g = NestingGuard(self.max_depth)
            g.feed(frame)
        self._rbuf = BytesIO(frame)

    def write(self, buf):
        self._wbuf.write(buf)

    def flush(self):
        wout = self._wbuf.getvalue()
        self._wbuf = BytesIO()
        self._trans.write(_I32.pack(len(wout)) + wout)
        self._trans.flush()

    def cstringio_refill(self, prefix, reqlen):
        while len(prefix) < reqlen:
            self.readFrame()
            prefix += self._rbuf.getvalue()
        self._rbuf = BytesIO(prefix)
        return self._rbuf
