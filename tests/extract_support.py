"""Extracting from a text written in a test: the events the extractor reads in it as one article."""
from __future__ import annotations

import hashlib
from datetime import date

from dateline.extract.extractor import Extractor
from dateline.model import Article, EventRecord


def events_of(extractor: Extractor, text: str, published: date | None) -> list[EventRecord]:
    """The event records `extractor` gives for `text` as an article published on `published`."""
    article = Article(id="t1", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      published=published, published_method="given")
    return [r for r in extractor.extract(article) if isinstance(r, EventRecord)]
