"""Fetching pages and feeds from addresses users give: bounded, typed and kept off the inside.

Every hop of a redirect is checked before it is requested: only http and https, and no host
that resolves to a private, loopback, link-local or otherwise internal address unless the
deployment allows it (``FETCH_ALLOW_PRIVATE``, for tests and intranets). Bodies are read as a
stream and refused past the size cap; the content type must be one the caller accepts; each
request has a timeout. Conditional GET (ETag, Last-Modified) lets feeds be polled cheaply.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

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
        return self.body.decode(_charset(self.content_type), errors="replace")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _internal(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class Fetcher:
    def __init__(self, policy: FetchPolicy, client: httpx.AsyncClient | None = None) -> None:
        self.policy = policy
        self._client = client or httpx.AsyncClient(
            timeout=policy.timeout,
            follow_redirects=False,
            headers={"User-Agent": policy.user_agent},
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"only http and https addresses can be fetched, not {url!r}")
        if self.policy.allow_private or parts.hostname in self.policy.allow_hosts:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                parts.hostname,
                parts.port or (443 if parts.scheme == "https" else 80),
                type=socket.SOCK_STREAM,
            )
        except OSError as exc:
            raise FetchError(f"cannot resolve {parts.hostname}: {exc}") from exc
        for info in infos:
            if _internal(str(info[4][0])):
                raise FetchError(
                    f"{parts.hostname} is a private or local address; fetching it is not allowed"
                )

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
        for _ in range(_MAX_HOPS + 1):
            await self._check(url)
            try:
                async with asyncio.timeout(self.policy.timeout):
                    fetched = await self._once(url, headers, accept)
            except TimeoutError as exc:
                raise FetchError(f"{url} took longer than {self.policy.timeout:g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
            if isinstance(fetched, str):
                url = fetched
                continue
            return fetched
        raise FetchError(f"{url}: more than {_MAX_HOPS} redirects")

    async def _once(
        self, url: str, headers: dict[str, str], accept: Collection[str]
    ) -> Fetched | str:
        async with self._client.stream("GET", url, headers=headers) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return urljoin(url, response.headers["location"])
            etag = response.headers.get("etag", "")
            modified = response.headers.get("last-modified", "")
            if response.status_code == 304:
                return Fetched(url, 304, "", b"", etag, modified)
            if response.status_code >= 400:
                raise FetchError(f"{url} answered {response.status_code}")
            content_type = response.headers.get("content-type", "")
            media = content_type.split(";")[0].strip().lower()
            if accept and not any(
                media == a or (a.endswith("/") and media.startswith(a)) for a in accept
            ):
                raise FetchError(
                    f"{url} is {media or 'of no stated type'}, not {', '.join(accept)}"
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(f"{url} is larger than {self.policy.max_bytes:,} bytes")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    raise FetchError(f"{url} is larger than {self.policy.max_bytes:,} bytes")
            return Fetched(
                str(response.url), response.status_code, content_type, bytes(body), etag, modified
            )
