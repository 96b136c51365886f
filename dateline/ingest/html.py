"""Main text and metadata of an HTML article page, by trafilatura and htmldate."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import htmldate
import trafilatura
from lxml import etree

from dateline.model import InputError

# Parsing errors lxml and the two libraries let through on broken markup; anything else is a bug
# that should surface, not be turned into a rejected document.
_LIBRARY_ERRORS = (ValueError, TypeError, etree.LxmlError, RecursionError)


@dataclass(frozen=True)
class HtmlContent:
    """What an article page holds: main text (one paragraph per line) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None
    # The original publication date from the page's markup (meta tags, JSON-LD, <time>), not
    # the date of the last update.
    published: date | None = None


def extract_html(html: str, origin: str, url: str | None = None,
                 today: date | None = None) -> HtmlContent:
    """Returns the main text and metadata of a page; raises InputError when it holds no article."""
    if not html.strip():
        raise InputError(origin, "HTML page is empty")
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False)
    except _LIBRARY_ERRORS as error:
        raise InputError(origin, f"HTML cannot be parsed ({error.__class__.__name__}: {error})"
                         ) from error
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(origin, "no article text found in the HTML page")
    return HtmlContent(
        text=text,
        title=_clean(getattr(document, "title", None)),
        author=_clean(getattr(document, "author", None)),
        site_name=_clean(getattr(document, "sitename", None)),
        url=_clean(getattr(document, "url", None)) or url,
        published=metadata_date(html, today),
    )


def metadata_date(html: str, today: date | None = None) -> date | None:
    """Returns the original publication date in the page's markup, or None.

    The URL is deliberately hidden from htmldate (url=""): a date in the URL is a weaker method,
    tried after a date printed in the text, so it must not come back labelled as metadata.
    """
    latest = (today or date.today()).isoformat()
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url="",
                                   outputformat="%Y-%m-%d", max_date=latest)
    except _LIBRARY_ERRORS:
        # A page whose date markup is broken is still an article; it simply has no metadata date.
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


def _clean(value: object) -> str | None:
    """Returns a stripped metadata string, or None for a missing or blank one."""
    return value.strip() or None if isinstance(value, str) else None
