"""Fetched web resources: one HTTP(S) GET with a timeout, a size cap and a content-type check."""
from __future__ import annotations

import hashlib
import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from dateline.ingest.decode import MAX_BYTES, check_size, declared_charset, decode_bytes
from dateline.model import InputError, RawDocument

TIMEOUT_SECONDS = 20.0
USER_AGENT = "Dateline/0.1 (+conflict-news ledger; article fetcher)"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/xml", "text/xml"})
ACCEPTED_TYPES = HTML_TYPES | TEXT_TYPES | FEED_TYPES


@dataclass(frozen=True)
class Fetched:
    """A successful response: the final URL after redirects, its media type, charset and body."""

    url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_feed(self) -> bool:
        """Tells whether the body is an RSS/Atom feed: by media type, or by sniffing generic XML."""
        if self.content_type in ("application/rss+xml", "application/atom+xml",
                                 "application/rdf+xml"):
            return True
        if self.content_type in FEED_TYPES or not self.content_type:
            return looks_like_feed(self.body)
        return False


def looks_like_feed(body: bytes) -> bool:
    """Tells whether the start of a document is an RSS, RDF or Atom root element."""
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def url_id(url: str) -> str:
    """Returns a short stable id for a URL: 16 hex digits of its SHA-256."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES,
          accepted: frozenset[str] = ACCEPTED_TYPES) -> Fetched:
    """Returns the resource at an http(s) URL; raises InputError naming the URL on any failure."""
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(url, "only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                  "application/xml;q=0.9,text/plain;q=0.8",
        # No Accept-Encoding: urllib does not decompress, so ask for the plain body.
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = (headers.get_content_type() if headers.get("Content-Type") else "")
            if content_type and content_type not in accepted:
                raise InputError(url, f"has content type {content_type}, not an article or a feed")
            length = headers.get("Content-Length")
            if length and length.isdigit():
                check_size(int(length), url, max_bytes)
            # Read one byte past the cap so an oversized body without Content-Length is caught.
            body = response.read(max_bytes + 1)
            check_size(len(body), url, max_bytes)
            return Fetched(url=response.geturl(), content_type=content_type,
                           charset=headers.get_content_charset(), body=body)
    except urllib.error.HTTPError as error:
        raise InputError(url, f"HTTP error {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise InputError(url, f"cannot be reached ({_reason(error.reason)})") from error
    except TimeoutError as error:
        raise InputError(url, f"did not answer within {timeout:g} s") from error
    except (http.client.HTTPException, ConnectionError, ValueError) as error:
        raise InputError(url, f"failed while fetching ({error.__class__.__name__}: {error})"
                         ) from error


def _reason(reason: object) -> str:
    """Returns a short text for a URLError reason (often a nested OSError)."""
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason)


def page_document(fetched: Fetched, origin: str) -> RawDocument:
    """Returns a fetched HTML or plain-text page as a raw document; raises InputError if not one."""
    is_html = fetched.content_type in HTML_TYPES or (
        not fetched.content_type and b"<html" in fetched.body[:4096].lower())
    declared = fetched.charset or (declared_charset(fetched.body) if is_html else None)
    content = decode_bytes(fetched.body, origin, declared)
    if is_html:
        return RawDocument(origin=origin, id=url_id(fetched.url), html=content, url=fetched.url)
    if fetched.content_type in TEXT_TYPES or not fetched.content_type:
        return RawDocument(origin=origin, id=url_id(fetched.url), text=content, url=fetched.url)
    raise InputError(origin, f"has content type {fetched.content_type}, not an article page")
