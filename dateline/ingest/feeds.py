"""Raw documents for the items of an RSS/Atom feed: the item's own content, or its fetched link."""
from __future__ import annotations

import html as html_escape
import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

import feedparser

from dateline.ingest.fetch import Fetched, fetch, page_document, url_id
from dateline.ingest.safety import scrub_surrogates
from dateline.model import InputError, RawDocument

# An item whose content has at least this many words carries the article itself; fewer words
# are a teaser (most feeds' <description>), so the item's link is fetched instead.
MIN_ARTICLE_WORDS = 80

_TAG = re.compile(r"<[^>]+>")
# Numeric character references: `&#8217;`, `&#x2019;` (the parser calls chr() on them unguarded).
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));?")


def feed_documents(data: bytes, origin: str, feed_url: str | None = None,
                   fetcher: Callable[[str], Fetched] = fetch) -> Iterator[RawDocument | InputError]:
    """Yields a raw document per feed item, or an InputError for a failing item or feed.

    `feed_url` resolves relative item links; `fetcher` gets item pages (tests pass their own).
    """
    try:
        parsed = feedparser.parse(io.BytesIO(_valid_char_refs(data)),
                                  response_headers={"content-location": feed_url} if feed_url else None)
    except Exception as error:  # the parser's own failures; the run goes on with the next input
        yield InputError(origin, f"is not a readable RSS/Atom feed ({type(error).__name__})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            reason = parsed.get("bozo_exception")
            yield InputError(origin, f"is not a readable RSS/Atom feed ({reason})")
        else:
            yield InputError(origin, "feed has no items")
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        link = _text(entry.get("link"))
        if link and feed_url:
            link = urljoin(feed_url, link)
        item_origin = link or f"{origin}#item-{number}"
        title = _plain(_text(entry.get("title")))
        published = _entry_date(entry)
        content = _entry_html(entry)
        if _words(content) >= MIN_ARTICLE_WORDS:
            key = link or _text(entry.get("id")) or f"{origin}#item-{number}"
            page = (f"<html><head><title>{html_escape.escape(title or '')}</title></head>"
                    f"<body><article>{content}</article></body></html>")
            yield RawDocument(origin=item_origin, id=url_id(key), html=page, url=link, title=title,
                              outlet=outlet, published=published)
        elif link and link.lower().startswith(("http://", "https://")):
            try:
                document = page_document(fetcher(link), link)
            except InputError as error:
                yield error
                continue
            document.title = document.title or title
            document.published = document.published or published
            yield document
        else:
            yield InputError(item_origin, "feed item has only a short summary and no link to fetch")


def _valid_char_refs(data: bytes) -> bytes:
    """Returns the feed with every character reference to no character (over U+10FFFF, a
    surrogate, NUL) replaced by a reference to U+FFFD."""
    return _CHAR_REF.sub(_char_ref, data) if b"&#" in data else data


def _char_ref(found: re.Match[bytes]) -> bytes:
    digits = found.group(1) or found.group(2)
    if len(digits) > 8:
        return b"&#xFFFD;"
    code = int(digits, 16 if found.group(1) else 10)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return b"&#xFFFD;"
    return found.group()


def _entry_html(entry: Any) -> str:
    """Returns the fullest HTML body of an item: its longest content element, else its summary."""
    bodies = [scrub_surrogates(str(part.get("value", ""))) for part in entry.get("content") or []]
    bodies.append(scrub_surrogates(str(entry.get("summary") or "")))
    return max(bodies, key=_words)


def _entry_date(entry: Any) -> date | None:
    """Returns the item's publication date (or, failing that, its update date), if it has one."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    except ValueError:
        return None


def _words(fragment: str) -> int:
    """Returns the number of words in an HTML fragment once its tags are removed."""
    return len(_TAG.sub(" ", fragment).split())


def _plain(fragment: str | None) -> str | None:
    """Returns an item title without markup or entities (feeds escape titles inconsistently)."""
    if fragment is None:
        return None
    return " ".join(html_escape.unescape(_TAG.sub(" ", fragment)).split()) or None


def _text(value: object) -> str | None:
    return scrub_surrogates(value).strip() or None if isinstance(value, str) else None
