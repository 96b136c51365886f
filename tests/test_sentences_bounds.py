"""Sentence splitting stays linear on pathological text (issue 12, defect 6): spaCy never reads a
long run without spaces or a piece over its length cap, sentences are bounded, offsets stay
exact, and an article over its time budget is rejected with a clear message."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.extract import sentences as module
from dateline.extract.sentences import (CHUNK_CHARS, MAX_SENTENCE_CHARS, RUN_CHARS, ArticleTooSlow,
                                        Sentences, split_sentences)
from dateline.model import Article
from dateline.pipeline import ingest
from dateline.store.db import Store


@pytest.fixture()
def seen_by_spacy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every text the spaCy pipeline is given."""
    nlp = module._pipeline()
    seen: list[str] = []

    class Recording:
        def pipe(self, texts: object) -> object:
            def record():  # type: ignore[no-untyped-def]
                for text in texts:  # type: ignore[attr-defined]
                    seen.append(text)
                    yield text
            return nlp.pipe(record())

    monkeypatch.setattr(module, "_pipeline", lambda: Recording())
    return seen


@pytest.mark.parametrize("text", ["(" * 16_000, ")" * 8_000, '"' * 8_000, "a" + "(" * 8_000 + "b",
                                  "killed 12 wounded 7 " * 5_000, "Baghdad, " * 10_000])
def test_spacy_never_reads_a_long_run_and_sentences_are_bounded(text: str, seen_by_spacy: list[str]) -> None:
    found = split_sentences(text)
    assert seen_by_spacy, "spaCy was used"
    assert max(len(run) for piece in seen_by_spacy for run in piece.split()) <= RUN_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in found)
    assert all(text[s.start:s.end] == s.text for s in found)
    assert [s.index for s in found] == list(range(len(found)))
    # Nothing but spaces is lost between the pieces.
    assert "".join(s.text for s in found).replace(" ", "") == text.replace(" ", "")


def test_a_paragraph_over_spacys_million_characters_is_split(seen_by_spacy: list[str]) -> None:
    text = "Rockets hit the base. " * 60_000  # 1.3 million characters on one line
    found = split_sentences(text)
    assert len(found) == 60_000
    assert max(len(piece) for piece in seen_by_spacy) <= CHUNK_CHARS


def test_ordinary_sentences_are_unchanged() -> None:
    text = ("BAGHDAD - Rockets hit the U.S. embassy late on Sunday, officials said. See "
            "https://example.org/news/2024/01/21/a-very-long-path-to-an-article-page.html for more.\n"
            "\u201cWe will respond,\u201d a spokesman said.")
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "BAGHDAD - Rockets hit the U.S. embassy late on Sunday, officials said.",
        "See https://example.org/news/2024/01/21/a-very-long-path-to-an-article-page.html for more.",
        "\u201cWe will respond,\u201d a spokesman said."]


def test_reading_past_the_budget_raises() -> None:
    with pytest.raises(ArticleTooSlow, match="splitting the article into sentences took over -1 s"):
        split_sentences("Rockets hit the base. Two were hurt.", seconds=-1)
    found = split_sentences("Rockets hit the base. Two were hurt.")
    assert found[1].text == "Two were hurt."
    late = Sentences(list(found), deadline=0.0, seconds=20)
    with pytest.raises(ArticleTooSlow, match="reading the article took over 20 s"):
        list(late)
    with pytest.raises(ArticleTooSlow):
        late[0]


def test_an_article_over_its_budget_is_rejected_and_the_run_goes_on(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    class Slow:
        def extract(self, article: Article) -> list[object]:
            sentences = split_sentences(article.text, seconds=-1 if "slow" in article.id else 60)
            return [s for s in sentences if False]

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": name, "text": f"Rockets hit the base in Anbar ({name})."})
                                for name in ("slow-one", "fast-one")) + "\n", encoding="utf-8")
    report = ingest(Store(tmp_path / "t.db"), [str(corpus)], Slow())  # type: ignore[arg-type]
    assert report.new == ["fast-one"]
    assert len(report.rejected) == 1
    assert "extraction failed (ArticleTooSlow: splitting the article into sentences took over" in str(
        report.rejected[0])
