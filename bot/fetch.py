"""Fetching pages and feeds from addresses users give: bounded, typed and kept off the inside.

Only http and https URLs with a valid host and port are fetched. Every redirect hop is
requested through a transport that resolves the host once, refuses it if any address is not
public (``bot.fetch_guard``, ``bot.addresses``) and connects to the address it checked, unless
the deployment allows it (``FETCH_ALLOW_PRIVATE``, ``FETCH_ALLOW_HOSTS``, for tests and
intranets). Bodies are decoded a bounded step at a time and refused past the size cap on what
they decode to (``bot.fetch_body``); one deadline covers the whole fetch, redirects included.
The content type must be one the caller accepts. Conditional GET (ETag, Last-Modified) lets
feeds be polled cheaply.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass

import httpcore
import httpx

from bot.fetch_body import ACCEPTED_ENCODINGS, BodyDecoder, BodyTooLarge, UnreadableBody
from bot.fetch_guard import GuardedTransport, Resolver, UnsafeAddress, system_resolver

__all__ = ["FetchError", "FetchPolicy", "Fetched", "Fetcher"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_HOPS = 5


class FetchError(Exception):
    """A fetch that did not give a usable body; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()  # host names or addresses allowed even if internal
    user_agent: str = "Tally/0.1 (+casualty-claims tracker)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        try:
            return self.body.decode(_charset(self.content_type), errors="replace")
        except LookupError:  # a charset the codec registry does not know: read it as UTF-8
            return self.body.decode("utf-8", errors="replace")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _parse(url: str, base: httpx.URL | None = None) -> httpx.URL:
    """``url`` (resolved against ``base``) if it can be fetched at all, else why not."""
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
        host, port = parsed.host, parsed.port
    except (httpx.InvalidURL, ValueError) as exc:  # ValueError: bad IDNA names and brackets
        raise FetchError(f"{url!r} is not a valid address ({exc})") from exc
    if parsed.scheme not in ("http", "https") or not host:
        raise FetchError(f"only http and https addresses can be fetched, not {url!r}")
    if port is not None and not 0 < port < 65536:
        raise FetchError(f"{url!r} is not a valid address (port {port} is out of range)")
    return parsed


class Fetcher:
    """Fetches under one policy. ``resolve`` and ``network`` replace the system's name lookup
    and sockets, for tests that play a hostile resolver or a piece of the internet."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        resolve: Resolver = system_resolver,
        network: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.policy = policy
        self._client = httpx.AsyncClient(
            transport=GuardedTransport(
                allow_private=policy.allow_private,
                allow_hosts=policy.allow_hosts,
                resolve=resolve,
                network=network,
            ),
            timeout=policy.timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": ACCEPTED_ENCODINGS},
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def get(
        self,
        url: str,
        accept: Collection[str],
        *,
        etag: str = "",
        last_modified: str = "",
    ) -> Fetched:
        """GET ``url`` following up to five checked redirects; the body must be one of the
        ``accept`` media types (a prefix such as ``text/`` matches a family)."""
        headers = {"Accept": ", ".join(accept) or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        target = _parse(url)
        try:
            async with asyncio.timeout(self.policy.timeout):
                for _ in range(_MAX_HOPS + 1):
                    fetched = await self._once(target, headers, accept)
                    if isinstance(fetched, Fetched):
                        return fetched
                    target = _parse(fetched, base=target)
        except TimeoutError as exc:
            raise FetchError(f"{target} took longer than {self.policy.timeout:g} s") from exc
        raise FetchError(f"{url}: more than {_MAX_HOPS} redirects")

    async def _once(
        self, url: httpx.URL, headers: dict[str, str], accept: Collection[str]
    ) -> Fetched | str:
        """One request: the response, or the location it redirects to."""
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return response.headers["location"]
                return await self._read(response, accept)
        except UnsafeAddress as exc:
            raise FetchError(str(exc)) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc

    async def _read(self, response: httpx.Response, accept: Collection[str]) -> Fetched:
        url = response.url
        etag = response.headers.get("etag", "")
        modified = response.headers.get("last-modified", "")
        if response.status_code == 304:
            return Fetched(str(url), 304, "", b"", etag, modified)
        if response.status_code >= 400:
            raise FetchError(f"{url} answered {response.status_code}")
        content_type = response.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if accept and not any(
            media == a or (a.endswith("/") and media.startswith(a)) for a in accept
        ):
            raise FetchError(f"{url} is {media or 'of no stated type'}, not {', '.join(accept)}")
        too_large = f"{url} is larger than {self.policy.max_bytes:,} bytes"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(too_large)
        body = bytearray()
        try:
            decoder = BodyDecoder(
                response.headers.get_list("content-encoding", split_commas=True),
                self.policy.max_bytes,
            )
            async for raw in response.aiter_raw():
                for piece in decoder.feed(raw):
                    body += piece
                    await asyncio.sleep(0)  # the deadline and the other tasks get their turn
            for piece in decoder.flush():
                body += piece
        except BodyTooLarge as exc:
            raise FetchError(too_large) from exc
        except UnreadableBody as exc:
            raise FetchError(f"{url} cannot be read: {exc}") from exc
        return Fetched(str(url), response.status_code, content_type, bytes(body), etag, modified)
