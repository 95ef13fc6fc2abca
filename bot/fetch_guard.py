"""The address check made where the connection is made, so what was checked is what is reached.

Checking a name before the request and letting the HTTP client resolve it again leaves a gap:
a name can answer a public address to the check and 127.0.0.1 to the client (DNS rebinding).
Here the client's network backend resolves the name once, refuses the connection if any
address is not public (``bot.addresses``), and connects to an address it checked. The name
still goes in the Host header and the TLS server name, since those are written from the URL.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable, Collection, Iterable

import httpcore
import httpx

from bot.addresses import is_public

__all__ = ["GuardedTransport", "Resolver", "UnsafeAddress", "system_resolver"]

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Host name and port to the addresses it resolves to, as literals."""


class UnsafeAddress(Exception):
    """The host resolves to an address that is not public; the message says so for a person."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# httpcore's backend interface takes each timeout as a parameter, hence the ASYNC109 exemptions
class _GuardedNetwork(httpcore.AsyncNetworkBackend):
    def __init__(
        self,
        resolve: Resolver,
        allowed: Callable[[str], bool],
        network: httpcore.AsyncNetworkBackend,
    ) -> None:
        self._resolve = resolve
        self._allowed = allowed
        self._network = network

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self._resolve(host, port)
        except (OSError, ValueError) as exc:  # ValueError: a label the IDNA codec refuses
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} resolves to no address")
        if not self._allowed(host) and not all(is_public(a) for a in addresses):
            raise UnsafeAddress(f"{host} is a private or local address; fetching it is not allowed")
        failure: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:
            try:
                return await self._network.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def sleep(self, seconds: float) -> None:
        await self._network.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over the guarded network; never through a proxy from the environment,
    which would connect on our behalf to whatever the name means to it."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allow_hosts: Collection[str],
        resolve: Resolver = system_resolver,
        network: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        super().__init__(trust_env=False)
        hosts = frozenset(h.strip("[]").lower() for h in allow_hosts)
        guarded = _GuardedNetwork(
            resolve,
            lambda host: allow_private or host.lower() in hosts,
            network or httpcore.AnyIOBackend(),
        )
        # httpx takes no network backend, so the pool it made is replaced by one that has ours,
        # with httpx's usual limits: an idle connection (and the address it pinned) lasts 5 s
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
            network_backend=guarded,
        )
