"""Compressed bodies: read when honest, refused with little memory when they are bombs.

The bombs decode to a gigabyte of zeros: once gzipped (about 1 MB on the wire) and gzipped
again (1,827 bytes). Each is fetched by a separate Python process running the Fetcher, which
reports its own peak memory and how long the refusal took, as ``tally ingest URL`` would.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tracemalloc
import zlib
from functools import cache
from pathlib import Path

import pytest

from bot.fetch import Fetcher, FetchError
from bot.fetch_body import STEP, BodyDecoder
from tests.fakes.web import Site

PAGE = ("text/html",)
TIMEOUT = 2.0
ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import asyncio, json, resource, sys, time

# a fetcher that decodes the bomb whole fails here, not by taking the machine's memory
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

from bot.fetch import Fetcher, FetchError, FetchPolicy


async def fetch(url, timeout):
    fetcher = Fetcher(FetchPolicy(timeout=timeout, allow_hosts=frozenset({"127.0.0.1"})))
    started = time.monotonic()
    try:
        await fetcher.get(url, ("text/html",))
        outcome = "fetched"
    except FetchError as exc:
        outcome = str(exc)
    finally:
        await fetcher.close()
    return outcome, time.monotonic() - started


outcome, seconds = asyncio.run(fetch(sys.argv[1], float(sys.argv[2])))
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mib": peak_mib}))
"""


def gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    return packer.compress(data) + packer.flush()


@cache
def gzipped_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def bomb(encoding: str) -> bytes:
    once = gzipped_zeros(1 << 30)
    return gzip(once) if encoding == "gzip, gzip" else once


@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip"])
async def test_a_gigabyte_bomb_is_refused_quickly_in_little_memory(
    site: Site, encoding: str
) -> None:
    url = site.page("/bomb", bomb(encoding), encoding=encoding)
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        url,
        str(TIMEOUT),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await child.communicate()
    assert child.returncode == 0, err.decode()
    report = json.loads(out)
    assert report["outcome"].endswith("is larger than 5,000,000 bytes")
    assert report["peak_mib"] < 300
    assert report["seconds"] < TIMEOUT + 2  # the bound the fetching spec sets


async def test_decoding_a_bomb_holds_little_more_than_the_cap(site: Site, fetcher: Fetcher) -> None:
    url = site.page("/bomb", gzipped_zeros(200 << 20), encoding="gzip")
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
            await fetcher.get(url, PAGE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # one whole chunk off the wire would decode to some 64 MB
    assert peak < 16 << 20


ARTICLE = "<p>Ukraine said 1,200 soldiers were killed.</p>" * 500


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip(ARTICLE.encode())),
        ("gzip, gzip", gzip(gzip(ARTICLE.encode()))),
        ("deflate", zlib.compress(ARTICLE.encode())),
        ("deflate", zlib.compress(ARTICLE.encode())[2:-4]),  # raw deflate, as some servers send
        ("identity", ARTICLE.encode()),
    ],
)
async def test_an_honest_compressed_page_reads_as_its_text(
    site: Site, fetcher: Fetcher, encoding: str, body: bytes
) -> None:
    url = site.page("/a", body, encoding=encoding)
    assert (await fetcher.get(url, PAGE)).text() == ARTICLE
    assert site.hits("/a")[0]["Accept-Encoding"] == "gzip, deflate"


def test_a_body_fed_a_few_bytes_at_a_time_decodes_whole_in_bounded_pieces() -> None:
    text = ARTICLE.encode() * 40  # about a megabyte
    body = gzip(zlib.compress(text))  # Content-Encoding: deflate, gzip
    decoder = BodyDecoder(["deflate", "gzip"], limit=2_000_000)
    pieces = [piece for at in range(0, len(body), 7) for piece in decoder.feed(body[at : at + 7])]
    pieces += decoder.flush()
    assert b"".join(pieces) == text
    assert max(len(piece) for piece in pieces) <= STEP


async def test_a_page_decoding_to_the_cap_is_read_and_one_byte_more_is_not(
    site: Site, fetcher: Fetcher
) -> None:
    fits = site.page("/fits", gzip(bytes(1_000_000)), encoding="gzip")
    assert len((await fetcher.get(fits, PAGE)).body) == 1_000_000
    over = site.page("/over", gzip(bytes(1_000_001)), encoding="gzip")
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetcher.get(over, PAGE)


@pytest.mark.parametrize(
    ("encoding", "body", "why"),
    [
        ("br", b"\x0b\x02\x80hello\x03", "encoded as br"),
        ("gzip", b"\x1f\x8b not gzip at all", "corrupt compressed data"),
        ("gzip, gzip, gzip, gzip, gzip", b"", "compressed 5 times over"),
    ],
)
async def test_a_body_that_cannot_be_decoded_is_an_error(
    site: Site, fetcher: Fetcher, encoding: str, body: bytes, why: str
) -> None:
    url = site.page("/odd", body, encoding=encoding)
    with pytest.raises(FetchError, match=f"cannot be read: .*{why}"):
        await fetcher.get(url, PAGE)
