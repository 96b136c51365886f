"""Ingest output through the real pipeline and store, with an extractor that finds nothing."""
from __future__ import annotations

from pathlib import Path

from dateline.model import Article, Record
from dateline.pipeline import ingest
from dateline.store.db import Store

STORY = """Ferry service resumes on the Shatt al-Arab

BASRA, Iraq - A passenger ferry across the Shatt al-Arab resumed service on Monday after a two-month halt for repairs, the port authority said, cutting the trip between the two banks to a few minutes again.

The authority said the ferry had been fitted with new engines and life jackets, and would run every half hour from dawn until ten at night.

Residents of the eastern bank, many of whom work in the city, had relied on a long detour by road across the only bridge while the ferry was out of service.
"""


class _NoRecords:
    """Stands in for the extractor: this test is about what ingest hands to the store."""

    def extract(self, article: Article) -> list[Record]:
        return []


def test_pipeline_stores_articles_links_reprints_and_reports_errors(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a_story.txt").write_text(STORY, encoding="utf-8")
    (inbox / "b_reprint.txt").write_text(
        STORY.replace("Ferry service resumes on the Shatt al-Arab", "Basra ferry back in service")
        .replace("BASRA, Iraq - ", "BASRA (Agency) — ").replace("two-month", "two month"),
        encoding="utf-8")
    (inbox / "c_empty.txt").write_bytes(b"")
    store = Store(tmp_path / "ledger.db")
    try:
        first = ingest(store, [str(inbox)], _NoRecords())  # type: ignore[arg-type]
        assert first.new == ["a_story", "b_reprint"]
        assert [error.origin for error in first.rejected] == [str(inbox / "c_empty.txt")]
        stored = store.article("a_story")
        assert stored is not None and stored.dateline_place == "Basra"
        assert stored.title == "Ferry service resumes on the Shatt al-Arab"
        assert stored.minhash is not None
        links = store.links("b_reprint")
        assert [(other, kind) for other, kind, _similarity in links] == [
            ("a_story", "near-duplicate")]
        assert links[0][2] >= 0.8
        # A second run over the same inputs finds everything already stored.
        second = ingest(store, [str(inbox)], _NoRecords())  # type: ignore[arg-type]
        assert second.new == [] and second.known == ["a_story", "b_reprint"]
    finally:
        store.close()
