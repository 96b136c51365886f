"""A cleaned, dated, fingerprinted Article from a RawDocument: the last step of ingest."""
from __future__ import annotations

from collections.abc import Collection
from datetime import date

from dateline.ingest.clean import CleanedText, clean_text
from dateline.ingest.dateline_header import dateline_place
from dateline.ingest.html import extract_html
from dateline.ingest.neardup import content_hash, minhash_bytes
from dateline.ingest.pubdate import find_publication_date, outlet_named_in
from dateline.ingest.safety import has_sentence_of_words, scrub_surrogates
from dateline.model import Article, InputError, RawDocument


def prepare(raw: RawDocument, known_lines: Collection[str] = (),
            today: date | None = None) -> Article:
    """Returns the article in a raw document; raises InputError when it holds no article text.

    `known_lines` are lines the outlet repeats on its pages (`clean.learn_outlet_lines`), removed
    as furniture; `today` bounds the dates accepted (tests pin it).
    """
    if (raw.text is None) == (raw.html is None):
        raise InputError(raw.origin, "a document needs exactly one of text or html")
    html_date = None
    url = raw.url
    outlet = raw.outlet
    title = raw.title
    author = raw.author
    if raw.html is not None:
        page = extract_html(raw.html, raw.origin, raw.url, today)
        title = title or page.title
        author = author or page.author
        outlet = outlet or page.site_name
        url = url or page.url
        html_date = page.published
        # The extractor has already dropped the page's header, so only line rules apply.
        cleaned = clean_text(page.text, title=title, outlet=outlet, known_lines=known_lines,
                             capture=False)
    else:
        cleaned = clean_text(raw.text or "", title=title, outlet=outlet, known_lines=known_lines)
        title = cleaned.title
        # Captures often print the outlet's name in the header, which fixes its date convention.
        outlet = outlet or outlet_named_in(cleaned.header)
    if not cleaned.text.strip():
        raise InputError(raw.origin, "no article text is left once page furniture is removed")
    if not has_sentence_of_words(cleaned.text):
        raise InputError(raw.origin, "holds no sentence of words in a supported script"
                                     " (Latin, Cyrillic, Hebrew, Arabic): noise, not an article")
    # Entities in a page can spell surrogates (`&#xD800;`) that no UTF-8 writer accepts.
    cleaned.text = scrub_surrogates(cleaned.text)
    title, author, outlet, url = (_scrubbed(value) for value in (title, author, outlet, url))
    published = find_publication_date(
        text=_dating_text(title, cleaned), header=cleaned.header, given=raw.published,
        html_date=html_date, url=url, outlet=outlet, today=today)
    fingerprint = content_hash(cleaned.text)
    return Article(
        id=raw.id or f"doc-{fingerprint[:16]}",
        text=cleaned.text,
        content_hash=fingerprint,
        origin=raw.origin,
        url=url,
        outlet=outlet,
        title=title,
        author=_scrubbed(author or cleaned.author),
        published=published.value,
        published_method=published.method,
        dateline_place=dateline_place(cleaned.text),
        removed_lines=cleaned.removed_lines,
        minhash=minhash_bytes(cleaned.text),
    )


def _scrubbed(value: str | None) -> str | None:
    return None if value is None else scrub_surrogates(value)


def _dating_text(title: str | None, cleaned: CleanedText) -> str:
    """Returns the text searched for a printed date: headline and page up to its end zone."""
    return f"{title}\n{cleaned.scan_text}" if title else cleaned.scan_text
