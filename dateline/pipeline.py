"""Drives the stages in order for one run: ingest → extract → resolve → store."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dateline.extract.extractor import Extractor
from dateline.ingest.neardup import NearDuplicateIndex
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_documents
from dateline.ledger import LedgerUpdate, Related, rebuild_ledger, update_ledger
from dateline.model import Article, InputError, RawDocument, Record
from dateline.store.db import MentionRow, Store

__all__ = ["IngestReport", "ingest", "ingest_documents", "rebuild_ledger", "reextract", "update_ledger"]

# What extraction gives for one document: the article and its records, or why it was rejected.
# (On a Dask worker the records are already made into the rows the store inserts.)
Extracted = tuple[Article, list[Record]] | tuple[Article, list[MentionRow]] | InputError


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    rejected: list[InputError] = field(default_factory=list)
    reprints: list[str] = field(default_factory=list)  # also in `new`: another source of stored text
    ledger: LedgerUpdate | None = None

    def summary(self) -> str:
        reprinted = f" ({len(self.reprints)} of them reprints)" if self.reprints else ""
        return (f"{len(self.new)} new{reprinted}, {len(self.known)} already known, "
                f"{len(self.rejected)} rejected")


def ingest(store: Store, specs: Iterable[str], extractor: Extractor,
           on_document: Callable[[str], None] | None = None,
           on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Ingests every source, one transaction per article, then brings the ledger up to date."""
    return ingest_documents(store, iter_documents(list(specs)), extractor, on_document, on_error)


def ingest_documents(store: Store, items: Iterable[RawDocument | InputError], extractor: Extractor,
                     on_document: Callable[[str], None] | None = None,
                     on_error: Callable[[InputError], None] | None = None,
                     extracted: Iterator[Extracted] | None = None,
                     stop: Callable[[], bool] | None = None) -> IngestReport:
    """Stores raw documents in order, one transaction per article, then updates the ledger.

    `extracted`, when given, yields what `extract_document` gives for each raw document of
    `items`, in the same order (computed elsewhere, e.g. on a Dask cluster); the store is still
    written here, by this one writer, in article order. `stop()` ends the run between articles."""
    report = IngestReport()
    index = NearDuplicateIndex(store.minhashes())
    for item in items:
        if isinstance(item, InputError):
            report.rejected.append(item)
            if on_error:
                on_error(item)
            continue
        outcome = next(extracted) if extracted is not None else extract_document(item, extractor, store)
        try:
            if isinstance(outcome, InputError):
                raise outcome
            article, records = outcome
            stored, status = _store_article(store, index, item, article, records)
            (report.known if status == "known" else report.new).append(stored)
            if status == "reprint":
                report.reprints.append(stored)
        except InputError as error:
            report.rejected.append(error)
            if on_error:
                on_error(error)
        if on_document:
            on_document(item.origin)
        if stop and stop():
            break
    report.ledger = update_ledger(store, _affiliation(extractor))
    return report


def extract_document(item: RawDocument, extractor: Extractor, store: Store | None = None) -> Extracted:
    """Cleans one raw document and extracts its records (pure: reads nothing but `store`'s
    content hashes, to skip extracting an article already stored)."""
    try:
        try:
            article = prepare(item)
        except InputError:
            raise
        except Exception as error:  # a bug must cost one document, not the whole run
            raise InputError(item.origin, f"could not be read ({type(error).__name__}:"
                                          f" {' '.join(str(error).split())[:200]})") from error
        if store is not None and store.article_by_hash(article.content_hash) is not None:
            return article, []
        try:
            return article, extractor.extract(article)
        except Exception as error:  # a bug must cost one article, not the whole run
            raise InputError(item.origin, f"extraction failed ({type(error).__name__}: {error});"
                                          " the article was not stored") from error
    except InputError as error:
        return error


def _store_article(store: Store, index: NearDuplicateIndex, item: RawDocument, article: Article,
                   records: list[Record] | list[MentionRow]) -> tuple[str, str]:
    """Stores one article with its records and links; returns (its id, "new"), (the reprint's id,
    "reprint") for the same text from another source, or (the stored article's id, "known")."""
    known = store.article_by_hash(article.content_hash)
    if known is not None and store.is_reprint(article, known):
        # The same text under another id or URL is another source (syndicated copy).
        return store.add_reprint(article, known), "reprint"
    if known is not None:
        return known, "known"
    links = index.links_for(article)
    # add_article checks the text, then the id, inside its write transaction: a check of the id
    # here could see the same text stored by another ingest meanwhile and call it a clash.
    stored_as = store.add_article(article, records, links)
    if stored_as is not None:  # another ingest stored the same text meanwhile
        return stored_as, "known"
    index.add(article)
    return article.id, "new"


def _affiliation(extractor: Extractor) -> Related | None:
    """The knowledge base's "belongs to" relation between actors, when the extractor has one."""
    actors = getattr(extractor, "actors", None)
    return getattr(actors, "is_part_of", None)


def reextract(store: Store, extractor: Extractor) -> int:
    """Runs extraction again over every stored article (after a knowledge-base change)."""
    articles = store.articles()
    for article in articles:
        store.replace_mentions(article.id, extractor.extract(article))
    return rebuild_ledger(store, _affiliation(extractor))
