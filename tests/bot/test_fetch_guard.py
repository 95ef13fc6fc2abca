"""The address guard: what is checked is what is reached, and nothing inside is reached.

A hostile resolver stands in for DNS, and a small piece of "internet" stands in for sockets:
it gives a public address a server on 127.0.0.1 and records every address dialled. Anything
else it dials for real, so a fetcher that connected somewhere it had not checked would reach
the internal site, which records every request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import httpcore
import pytest

from bot.addresses import is_public
from bot.fetch import Fetcher, FetchError, FetchPolicy
from tests.fakes.web import Site

PAGE = ("text/html",)
PUBLIC = "93.184.215.14"


class Internet(httpcore.AsyncNetworkBackend):
    def __init__(self, servers: dict[str, int] | None = None) -> None:
        self.servers = servers or {}
        self.dialled: list[str] = []
        self._sockets = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.dialled.append(host)
        if host in self.servers:
            host, port = "127.0.0.1", self.servers[host]
        return await self._sockets.connect_tcp(host, port, timeout, local_address, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._sockets.sleep(seconds)


class ScriptedDNS:
    """Answers each lookup with the next of its answers, the last one ever after."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return self.answers[min(len(self.asked), len(self.answers)) - 1]


def port_of(site: Site) -> int:
    return int(site.base.rsplit(":", 1)[1])


@pytest.fixture
async def inside() -> AsyncIterator[Site]:
    async with Site() as web:
        web.page("/admin", "<p>internal secret</p>")
        yield web


@pytest.fixture
async def outside() -> AsyncIterator[Site]:
    async with Site() as web:
        web.page("/admin", "<p>a public page</p>")
        yield web


async def fetch(
    url: str, resolve: ScriptedDNS, internet: Internet, policy: FetchPolicy | None = None
) -> str:
    fetcher = Fetcher(policy or FetchPolicy(timeout=2.0), resolve=resolve, network=internet)
    try:
        return (await fetcher.get(url, PAGE)).text()
    finally:
        await fetcher.close()


async def test_a_name_rebound_to_loopback_after_the_check_never_reaches_the_inside(
    inside: Site, outside: Site
) -> None:
    rebinding = ScriptedDNS([PUBLIC], ["127.0.0.1"])
    internet = Internet({PUBLIC: port_of(outside)})
    url = f"http://news.example:{port_of(inside)}/admin"

    assert await fetch(url, rebinding, internet) == "<p>a public page</p>"
    assert rebinding.asked == ["news.example"]  # one lookup serves the check and the connection
    assert internet.dialled == [PUBLIC]
    assert outside.hits("/admin")[0]["Host"] == f"news.example:{port_of(inside)}"

    with pytest.raises(FetchError, match=r"news\.example is a private or local address"):
        await fetch(url, rebinding, internet)  # a new connection looks again, and checks again
    assert internet.dialled == [PUBLIC]
    assert inside.hits("/admin") == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.7",
        "169.254.169.254",
        "100.64.0.1",
        "100.100.100.200",  # carrier-grade NAT; a cloud metadata address
        "100.127.255.254",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fec0::1",  # site-local
        "ff0e::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "::7f00:1",  # IPv4-compatible
        "::808:808",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "2002:a9fe:a9fe::",  # 6to4 around 169.254.169.254
        "2002:c0a8:1::",  # 6to4 around 192.168.0.1
        "2002:6440:1::",  # 6to4 around 100.64.0.1
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo around 127.0.0.1
        "64:ff9b::7f00:1",  # NAT64 around 127.0.0.1
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::808:808",  # local-use NAT64
    ],
)
async def test_a_name_resolving_inside_is_refused_before_any_connection(
    inside: Site, address: str
) -> None:
    internet = Internet()
    with pytest.raises(FetchError, match=r"news\.example is a private or local address"):
        await fetch(
            f"http://news.example:{port_of(inside)}/admin", ScriptedDNS([address]), internet
        )
    assert internet.dialled == []
    assert not is_public(address)


@pytest.mark.parametrize(
    "address",
    ["8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "2002:808:808::1", "64:ff9b::808:808"],
)
def test_public_addresses_and_what_wraps_them_are_public(address: str) -> None:
    assert is_public(address)


async def test_one_inside_address_among_public_ones_refuses_the_name(inside: Site) -> None:
    internet = Internet({PUBLIC: port_of(inside)})
    with pytest.raises(FetchError, match="private or local"):
        await fetch(
            f"http://news.example:{port_of(inside)}/admin",
            ScriptedDNS([PUBLIC, "10.0.0.1"]),
            internet,
        )
    assert internet.dialled == []


@pytest.mark.parametrize(
    "url",
    [
        "http://100.100.100.200/latest/meta-data/",
        "http://[2002:7f00:1::]/",
        "http://[fec0::1]:8080/",
    ],
)
async def test_an_inside_address_written_in_the_url_is_refused(url: str) -> None:
    internet = Internet()
    fetcher = Fetcher(FetchPolicy(timeout=2.0), network=internet)
    try:
        with pytest.raises(FetchError, match="private or local"):
            await fetcher.get(url, PAGE)
    finally:
        await fetcher.close()
    assert internet.dialled == []


async def test_the_allowances_still_open_the_inside(inside: Site) -> None:
    url = f"http://intranet.example:{port_of(inside)}/admin"
    by_name = FetchPolicy(timeout=2.0, allow_hosts=frozenset({"intranet.example"}))
    assert (
        await fetch(url, ScriptedDNS(["127.0.0.1"]), Internet(), by_name)
        == "<p>internal secret</p>"
    )
    everything = FetchPolicy(timeout=2.0, allow_private=True)
    assert (
        await fetch(url, ScriptedDNS(["127.0.0.1"]), Internet(), everything)
        == "<p>internal secret</p>"
    )


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:99999/rss", "port 99999 is out of range"),
        ("http://127.0.0.1:0/rss", "port 0 is out of range"),
        ("http://[::1", "not a valid address"),
        ("http://[::1/rss", "not a valid address"),
        ("http://xn--/", "not a valid address"),
        ("http://a..b/", "cannot resolve a..b"),
        (f"http://{'a' * 64}.example/", "cannot resolve a+"),
        ("gopher://example.org/", "only http and https"),
    ],
)
async def test_a_malformed_address_is_a_fetch_error(url: str, why: str) -> None:
    fetcher = Fetcher(FetchPolicy(timeout=2.0, allow_hosts=frozenset({"127.0.0.1"})))
    try:
        with pytest.raises(FetchError, match=why):
            await fetcher.get(url, PAGE)
    finally:
        await fetcher.close()


@pytest.mark.parametrize("location", ["http://[::1", "http://127.0.0.1:99999/x"])
async def test_a_redirect_to_a_malformed_address_is_a_fetch_error(
    inside: Site, location: str
) -> None:
    url = inside.redirect("/go", location)
    fetcher = Fetcher(FetchPolicy(timeout=2.0, allow_hosts=frozenset({"127.0.0.1"})))
    try:
        # httpx reads the Location header itself and names it when it cannot parse it
        with pytest.raises(FetchError, match=r"not a valid address|Invalid URL in location header"):
            await fetcher.get(url, PAGE)
    finally:
        await fetcher.close()
