"""Response bodies decoded a bounded step at a time, with the size cap on what they decode to.

httpx decodes each chunk off the wire whole before anyone can count it: 64 KiB of gzip can
become 64 MB, and a second gzip layer makes each of those a gigabyte. Here the raw bytes are
fed through one zlib decompressor per content coding, each asked for at most ``STEP`` bytes at
a time, and every layer's output is counted against the cap, so memory stays near the cap
whatever the stream claims, and a bomb is refused after decoding little more than the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence

__all__ = ["ACCEPTED_ENCODINGS", "BodyDecoder", "BodyTooLarge", "UnreadableBody"]

STEP = 64 * 1024
ACCEPTED_ENCODINGS = "gzip, deflate"  # what the fetcher asks for; the decoder reads these
_MAX_LAYERS = 4
_GZIP = frozenset({"gzip", "x-gzip"})


class BodyTooLarge(Exception):
    """The body, or one of its decoding layers, passed the cap."""


class UnreadableBody(Exception):
    """A content coding we do not read, or compressed data that is corrupt."""


class _Layer:
    """One gzip or deflate coding, undone at most ``STEP`` bytes per call."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._gzip = encoding in _GZIP
        # gzip: a gzip header; deflate: a zlib header, or (as some servers send) raw deflate
        self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._started = False
        self._limit = limit
        self._count = 0

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._zlib.eof:  # anything after the end of the stream is ignored
            try:
                out = self._zlib.decompress(data, STEP)
            except zlib.error as exc:
                if self._gzip or self._started:
                    raise UnreadableBody(f"corrupt compressed data ({exc})") from exc
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                continue
            self._started = True
            data = self._zlib.unconsumed_tail
            self._count += len(out)
            if self._count > self._limit:
                raise BodyTooLarge
            if out:
                yield out
            if not data and len(out) < STEP:  # a full step may leave output pending
                return

    def flush(self) -> Iterator[bytes]:
        yield from self.feed(b"")


class BodyDecoder:
    """Undoes the content codings of one response, in the reverse of the order they are listed."""

    def __init__(self, encodings: Sequence[str], limit: int) -> None:
        codings = [
            e.strip().lower() for e in encodings if e.strip().lower() not in ("", "identity")
        ]
        unknown = sorted({e for e in codings if e not in _GZIP and e != "deflate"})
        if unknown:
            raise UnreadableBody(f"it is encoded as {', '.join(unknown)}, which is not read here")
        if len(codings) > _MAX_LAYERS:
            raise UnreadableBody(f"it is compressed {len(codings)} times over")
        self._layers = [_Layer(e, limit) for e in reversed(codings)]
        self._limit = limit
        self._count = 0

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next raw chunk, each at most ``STEP`` bytes when coded."""
        self._count += len(raw)
        if self._count > self._limit:
            raise BodyTooLarge
        yield from self._through(0, raw)

    def flush(self) -> Iterator[bytes]:
        """What the layers still hold once the raw stream has ended."""
        for index, layer in enumerate(self._layers):
            for piece in layer.flush():
                yield from self._through(index + 1, piece)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(index + 1, piece)
