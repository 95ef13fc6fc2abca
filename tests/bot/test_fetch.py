"""Fetching what users give: a real HTTP server on 127.0.0.1, allowed by name only."""

from __future__ import annotations

import pytest

from bot.fetch import Fetcher, FetchError, FetchPolicy
from tests.fakes.web import Site

PAGE = ("text/html",)


async def test_a_page_is_fetched_with_its_type_and_validators(site: Site, fetcher: Fetcher) -> None:
    url = site.page("/a", "<p>hello</p>", etag='"v1"')
    fetched = await fetcher.get(url, PAGE)
    assert (fetched.status, fetched.text(), fetched.etag) == (200, "<p>hello</p>", '"v1"')
    again = await fetcher.get(url, PAGE, etag='"v1"')
    assert again.not_modified
    assert site.hits("/a")[-1]["If-None-Match"] == '"v1"'


async def test_a_missing_page_is_an_error(site: Site, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="answered 404"):
        await fetcher.get(site.base + "/nothing", PAGE)


@pytest.mark.parametrize("stream", [False, True])
async def test_a_10_mb_page_is_refused(site: Site, fetcher: Fetcher, stream: bool) -> None:
    url = site.page("/big", b"x" * 10_000_000, stream=stream)
    with pytest.raises(FetchError, match="larger than 1,000,000 bytes"):
        await fetcher.get(url, PAGE)


@pytest.mark.parametrize(
    "target",
    ["http://10.0.0.7/admin", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/"],
)
async def test_a_redirect_to_a_private_address_is_refused(
    site: Site, fetcher: Fetcher, target: str
) -> None:
    url = site.redirect("/go", target)
    with pytest.raises(FetchError, match="private or local address"):
        await fetcher.get(url, PAGE)


async def test_a_redirect_to_localhost_by_another_name_is_refused(
    site: Site, fetcher: Fetcher
) -> None:
    site.page("/inside", "secret")
    url = site.redirect("/go", site.base.replace("127.0.0.1", "localhost") + "/inside")
    with pytest.raises(FetchError, match="private or local"):
        await fetcher.get(url, PAGE)
    assert site.hits("/inside") == []


async def test_loopback_is_refused_without_the_allowance(site: Site) -> None:
    url = site.page("/a", "<p>hello</p>")
    strict = Fetcher(FetchPolicy(timeout=2.0))
    try:
        with pytest.raises(FetchError, match="private or local"):
            await strict.get(url, PAGE)
    finally:
        await strict.close()
    assert site.hits("/a") == []


async def test_wrong_type_scheme_and_slowness_are_errors(site: Site, fetcher: Fetcher) -> None:
    png = site.page("/img", b"\x89PNG", content_type="image/png")
    with pytest.raises(FetchError, match="image/png"):
        await fetcher.get(png, PAGE)
    with pytest.raises(FetchError, match="only http and https"):
        await fetcher.get("file:///etc/passwd", PAGE)
    slow = site.page("/slow", "late", delay=3.0)
    with pytest.raises(FetchError, match="longer than 2 s"):
        await fetcher.get(slow, PAGE)


async def test_one_deadline_covers_every_redirect_hop(site: Site, fetcher: Fetcher) -> None:
    # each hop answers well within the 2 s deadline; the four together do not
    site.page("/end", "<p>at last</p>")
    for hop in range(4):
        target = site.base + (f"/hop{hop + 1}" if hop < 3 else "/end")
        site.redirect(f"/hop{hop}", target, delay=0.7)
    with pytest.raises(FetchError, match="longer than 2 s"):
        await fetcher.get(site.base + "/hop0", PAGE)
    assert site.hits("/end") == []
