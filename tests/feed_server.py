"""A feed server on 127.0.0.1 for the watch tests: pages and feeds that change between polls,
ETags with 304s, failures, slow answers, and a log of every request (to check politeness)."""
from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    delay: float = 0.0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class FeedServer:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, float, float, dict[str, str]]] = field(default_factory=list)  # path, start, end, headers
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "FeedServer":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                started = time.monotonic()
                with owner.lock:
                    owner.in_flight += 1
                    owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
                try:
                    route = owner.routes.get(self.path)
                    if route and route.delay:
                        time.sleep(route.delay)
                    if route is None:
                        self.send_response(404)
                        self.end_headers()
                    elif route.status != 200:
                        self.send_response(route.status)
                        self.end_headers()
                    elif self.headers.get("If-None-Match") == route.etag:
                        self.send_response(304)
                        self.send_header("ETag", route.etag)
                        self.end_headers()
                    else:
                        self.send_response(200)
                        self.send_header("Content-Type", route.content_type)
                        self.send_header("ETag", route.etag)
                        self.send_header("Content-Length", str(len(route.body)))
                        self.end_headers()
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with owner.lock:
                        owner.in_flight -= 1
                        owner.log.append((self.path, started, time.monotonic(), dict(self.headers)))

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for logged, _s, _e, headers in self.log if logged == path]

    def page(self, path: str, title: str, text: str) -> None:
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
        self.routes[path] = Route(f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                                  f"<h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>".encode(),
                                  "text/html; charset=utf-8")

    def feed(self, path: str, items: list[dict[str, str]]) -> None:
        """Publishes an RSS feed whose items are teasers linking to pages on this server."""
        entries = "".join(
            f"<item><title>{html.escape(item['title'])}</title><link>{self.base}{item['link']}</link>"
            f"<guid>{self.base}{item['link']}</guid><pubDate>{_rfc822(item['published'])}</pubDate>"
            f"<description>{html.escape(item['title'])}.</description></item>" for item in items)
        self.routes[path] = Route(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test wire"
                                  f"</title><link>{self.base}/</link>{entries}</channel></rss>".encode())


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc))
