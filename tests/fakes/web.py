"""A web site on 127.0.0.1 for ingestion tests: pages, feeds, series, redirects and failures.

Each path answers what the test set: a body with its content type, a status, a redirect, a
slow answer, a body streamed without a length, or bytes already compressed, sent as they are
under the Content-Encoding given (a decompression bomb, say). A path with an ETag or a
Last-Modified date answers 304 to a request that presents it, as real servers do for
conditional GETs. Every request is recorded.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import web

from tests.fakes.serving import listen

__all__ = ["Site"]


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    location: str = ""
    delay: float = 0.0
    stream: bool = False
    encoding: str = ""  # the body is sent as it is, under this Content-Encoding


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""
    _runner: web.AppRunner | None = None

    def page(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        **kw: object,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, **kw)  # type: ignore[arg-type]
        return self.base + path

    def redirect(self, path: str, location: str, delay: float = 0.0) -> str:
        self.routes[path] = Route(status=302, location=location, delay=delay)
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.path, dict(request.headers)))
        route = self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text="not found")
        if route.delay:
            await asyncio.sleep(route.delay)
        if route.location:
            return web.Response(status=route.status, headers={"Location": route.location})
        headers = {"ETag": route.etag} if route.etag else {}
        if route.encoding:
            headers["Content-Encoding"] = route.encoding
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            return web.Response(status=304, headers=headers)
        if route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified:
            return web.Response(status=304, headers=headers)
        if route.stream:
            response = web.StreamResponse(status=route.status, headers=headers)
            response.content_type = route.content_type.split(";")[0]
            await response.prepare(request)
            for start in range(0, len(route.body), 65536):
                await response.write(route.body[start : start + 65536])
            await response.write_eof()
            return response
        return web.Response(
            status=route.status,
            body=route.body,
            headers={**headers, "Content-Type": route.content_type},
        )

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner, port = await listen(app)
        self.base = f"http://127.0.0.1:{port}"
        return self.base

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> Site:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
