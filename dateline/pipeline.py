"""Drives the stages in order for one run: ingest → extract → resolve → store."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dateline.extract.extractor import Extractor
from dateline.ingest.neardup import NearDuplicateIndex
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_documents
from dateline.model import InputError
from dateline.resolve.merge import resolve
from dateline.store.db import Store
from dateline.store.reviews import apply_reviews


@dataclass
class IngestReport:
    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    rejected: list[InputError] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.new)} new, {len(self.known)} already known, {len(self.rejected)} rejected"


def ingest(store: Store, specs: Iterable[str], extractor: Extractor,
           on_document: Callable[[str], None] | None = None,
           on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Ingests every source, one transaction per article, then re-resolves the ledger."""
    report = IngestReport()
    index = NearDuplicateIndex(store.minhashes())
    for item in iter_documents(list(specs)):
        if isinstance(item, InputError):
            report.rejected.append(item)
            if on_error:
                on_error(item)
            continue
        try:
            try:
                article = prepare(item)
            except InputError:
                raise
            except Exception as error:  # a bug must cost one document, not the whole run
                raise InputError(item.origin, f"could not be read ({type(error).__name__}:"
                                              f" {' '.join(str(error).split())[:200]})") from error
            known = store.article_by_hash(article.content_hash)
            if known is not None:
                report.known.append(known)
            elif store.article_hash(article.id) is not None:
                raise InputError(item.origin, f"article id {article.id!r} is already stored with"
                                              " different text; give the new text a new id")
            else:
                links = index.links_for(article)
                try:
                    records = extractor.extract(article)
                except Exception as error:  # a bug must cost one article, not the whole run
                    raise InputError(item.origin, f"extraction failed ({type(error).__name__}: {error});"
                                                  " the article was not stored") from error
                stored_as = store.add_article(article, records, links)
                if stored_as is not None:  # another ingest stored the same text meanwhile
                    report.known.append(stored_as)
                else:
                    index.add(article)
                    report.new.append(article.id)
        except InputError as error:
            report.rejected.append(error)
            if on_error:
                on_error(error)
        if on_document:
            on_document(item.origin)
    if report.new:
        rebuild_ledger(store, _affiliation(extractor))
    return report


def _affiliation(extractor: Extractor) -> Callable[[str, str], bool] | None:
    """The knowledge base's "belongs to" relation between actors, when the extractor has one."""
    actors = getattr(extractor, "actors", None)
    return getattr(actors, "is_part_of", None)


def rebuild_ledger(store: Store, related: Callable[[str, str], bool] | None = None) -> int:
    """Resolves every stored mention into the ledger; returns how many records it holds."""
    resolved = resolve(store.mentions(), store.near_duplicate_groups(), related)
    # Analysts' decisions are kept apart from what extraction reads, and put back on every
    # rebuild: corrections and rejections survive re-extraction.
    resolved = apply_reviews(store, resolved)
    store.replace_records(resolved)
    return len(resolved)


def reextract(store: Store, extractor: Extractor) -> int:
    """Runs extraction again over every stored article (after a knowledge-base change)."""
    articles = store.articles()
    for article in articles:
        store.replace_mentions(article.id, extractor.extract(article))
    return rebuild_ledger(store, _affiliation(extractor))
