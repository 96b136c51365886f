"""URLs and feeds fetched from a throwaway http.server on 127.0.0.1; no other network is used."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dateline.ingest.fetch import fetch, url_id
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_documents
from dateline.model import Article, InputError, RawDocument

DATA = Path(__file__).parent / "data" / "ingest"
ARTICLE = (DATA / "article.html").read_bytes()

# path -> (status, content type, body)
Routes = dict[str, tuple[int, str, bytes]]


class _Handler(BaseHTTPRequestHandler):
    routes: Routes = {}

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        if self.path == "/slow":
            time.sleep(1.0)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may have given up first (the timeout test).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        pass  # keep test output clean


@pytest.fixture()
def server() -> Iterator[tuple[str, Routes]]:
    routes: Routes = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"  # nothing listens there any more


def run(specs: list[str]) -> tuple[list[Article], list[InputError]]:
    articles, errors = [], []
    for item in iter_documents(specs):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            articles.append(prepare(item))
    return articles, errors


def test_html_article_from_a_url(server: tuple[str, Routes]) -> None:
    base, routes = server
    routes["/news/kirkuk-depot"] = (200, "text/html; charset=utf-8", ARTICLE)
    url = f"{base}/news/kirkuk-depot"
    articles, errors = run([url])
    assert errors == []
    [article] = articles
    assert article.id == url_id(url) and len(article.id) == 16
    assert article.url == url and article.origin == url
    assert article.title == "Drones strike fuel depot outside Kirkuk, officials say"
    assert article.outlet == "Tigris Ledger" and article.author == "Layla Hassan"
    assert (article.published, article.published_method) == (date(2024, 3, 5), "html-metadata")
    assert article.dateline_place == "Kirkuk"
    assert article.text.startswith("KIRKUK, Iraq (TL) — Two drones struck a fuel depot")
    for furniture in ("Post a comment", "Related Posts", "Power cuts return", "All rights reserved",
                      "Smoke rises over the depot"):
        assert furniture not in article.text


def test_legacy_charset_from_the_http_header(server: tuple[str, Routes]) -> None:
    base, routes = server
    page = ARTICLE.decode("utf-8").replace("’", "'").replace("“", '"').replace("”", '"')
    page = page.replace("<meta charset=\"utf-8\">", "").replace("Kirkuk late", "Kirkük late")
    routes["/latin"] = (200, "text/html; charset=iso-8859-1", page.encode("latin-1", "xmlcharrefreplace"))
    articles, errors = run([f"{base}/latin"])
    assert errors == [] and "Kirkük late on Monday" in articles[0].text


def test_bad_urls_each_give_one_error_and_the_run_goes_on(server: tuple[str, Routes]) -> None:
    base, routes = server
    routes["/good"] = (200, "text/html", ARTICLE)
    routes["/image"] = (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))
    routes["/gone"] = (410, "text/html", b"<html><body>gone</body></html>")
    routes["/empty-feed"] = (200, "application/rss+xml", (DATA / "empty_feed.rss").read_bytes())
    unreachable = closed_port_url()
    specs = [f"{base}/image", unreachable, f"{base}/gone", f"{base}/empty-feed", f"{base}/good"]
    articles, errors = run(specs)
    assert [a.origin for a in articles] == [f"{base}/good"]
    problems = {error.origin: error.problem for error in errors}
    assert list(problems) == specs[:4]
    assert problems[f"{base}/image"] == "has content type image/png, not an article or a feed"
    assert problems[unreachable].startswith("cannot be reached")
    assert problems[f"{base}/gone"] == "HTTP error 410 Gone"
    assert problems[f"{base}/empty-feed"] == "feed has no items"


def test_timeout_and_size_cap(server: tuple[str, Routes]) -> None:
    base, routes = server
    routes["/slow"] = (200, "text/html", ARTICLE)
    routes["/big"] = (200, "text/html", b"<html>" + b"x" * 5000 + b"</html>")
    with pytest.raises(InputError, match=r"did not answer within 0\.3 s|timed out"):
        fetch(f"{base}/slow", timeout=0.3)
    with pytest.raises(InputError, match="over the"):
        fetch(f"{base}/big", max_bytes=1000)
    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")


def test_feed_url_with_teasers_fetches_each_item_link(server: tuple[str, Routes]) -> None:
    base, routes = server
    template = (DATA / "teaser_feed.rss.in").read_text(encoding="utf-8")
    routes["/feed"] = (200, "application/xml", template.replace("{base}", base).encode("utf-8"))
    routes["/news/kirkuk-depot.html"] = (200, "text/html; charset=utf-8", ARTICLE)
    items = list(iter_documents([f"{base}/feed"]))
    assert len(items) == 2
    document, error = items
    assert isinstance(document, RawDocument) and isinstance(error, InputError)
    assert document.url == f"{base}/news/kirkuk-depot.html" and document.html
    assert document.published == date(2024, 3, 5)  # from the feed item
    assert error.origin == f"{base}/news/missing.html" and "404" in error.problem
    article = prepare(document)
    assert article.published_method == "given"
    assert "Two drones struck a fuel depot" in article.text


def test_feed_file_on_disk_with_embedded_articles_needs_no_network() -> None:
    items = list(iter_documents([str(DATA / "feed.rss")]))
    assert all(isinstance(item, RawDocument) and item.html for item in items)
    assert len(items) == 2
