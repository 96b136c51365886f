"""Ingest on the five annotated dev pages: furniture removed, text kept verbatim, dates found."""
from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest.neardup import NearDuplicateIndex
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import iter_documents
from dateline.model import Article, InputError, RawDocument

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"

pytestmark = pytest.mark.skipif(not (DEV / "articles").is_dir(),
                                reason=f"dev set not found at {DEV} (shared/ beside the repo)")

EXPECTED_DATES = {
    "000_0a6870a6add54e36": (date(2024, 2, 9), "text"),
    "001_c5645c16b48ed874": (date(2024, 1, 24), "text"),
    "002_2b589bb78f0a956f": (date(2020, 10, 1), "weekday-inference"),
    "003_abb5d20fce3071d5": (date(2024, 4, 24), "text"),
    "004_67e2879abe4f7e98": (date(2024, 2, 9), "text"),
}
FURNITURE = ["A+ A-", "Post a comment", "Required", "Previous Article", "Next Article",
             "Related Posts", "Rudaw moderates all comments", "community guidelines",
             "Photo:", "File –", "@AzhiYR"]


def _prepared_files() -> dict[str, Article]:
    articles = {}
    for item in iter_documents([str(DEV / "articles")]):
        assert not isinstance(item, InputError), item
        articles[item.id or ""] = prepare(item)
    return articles


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return _prepared_files()


def test_every_dev_page_is_ingested(articles: dict[str, Article]) -> None:
    assert sorted(articles) == sorted(EXPECTED_DATES)


@pytest.mark.parametrize("article_id", sorted(EXPECTED_DATES))
def test_no_furniture_left(articles: dict[str, Article], article_id: str) -> None:
    text = articles[article_id].text
    for furniture in FURNITURE:
        assert furniture not in text, f"{article_id} still holds {furniture!r}"
    # The ESTA page's navigation lists other stories' headlines; they carry no events.
    assert "Nagorno-Karabakh" not in text
    assert "Trump moved to military hospital" not in text
    # Header lines: the printed date and the outlet's name on its own line.
    lines = text.split("\n")
    assert not any(line.strip() in ("Rudaw", "Iraq", "09-02-2024", "24-04-2024") for line in lines)


@pytest.mark.parametrize("article_id", sorted(EXPECTED_DATES))
def test_no_paragraph_repeated(articles: dict[str, Article], article_id: str) -> None:
    paragraphs = [p for p in articles[article_id].text.split("\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs))


def test_doubled_body_is_kept_once(articles: dict[str, Article]) -> None:
    text = articles["001_c5645c16b48ed874"].text
    assert text.count("At least one militiaman was killed") == 1
    assert text.count("Diyar Kurda contributed to this article") == 1
    assert articles["001_c5645c16b48ed874"].removed_lines >= 17


def test_every_gold_quote_is_in_the_cleaned_text(articles: dict[str, Article]) -> None:
    checked = 0
    for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for source in record["sources"]:
            assert source["quote"] in articles[source["article"]].text, source
            checked += 1
        if record["kind"] == "statement":
            assert record["quote"] in articles[record["sources"][0]["article"]].text
    assert checked > 30


@pytest.mark.parametrize("article_id", sorted(EXPECTED_DATES))
def test_publication_date_without_the_published_field(articles: dict[str, Article],
                                                      article_id: str) -> None:
    article = articles[article_id]
    assert (article.published, article.published_method) == EXPECTED_DATES[article_id]


def test_corpus_dates_with_and_without_published(tmp_path: Path) -> None:
    stripped = tmp_path / "corpus.jsonl"
    lines = (DEV / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    stripped.write_text("\n".join(json.dumps({k: v for k, v in json.loads(line).items()
                                              if k != "published"}) for line in lines),
                        encoding="utf-8")
    for spec, given in ((str(DEV / "corpus.jsonl"), True), (str(stripped), False)):
        for item in iter_documents([spec]):
            assert isinstance(item, RawDocument), item
            article = prepare(item)
            expected_date, method = EXPECTED_DATES[article.id]
            assert article.published == expected_date
            assert article.published_method == ("given" if given else method)


def test_titles_places_and_byline(articles: dict[str, Article]) -> None:
    metadata = {json.loads(line)["id"]: json.loads(line)
                for line in (DEV / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    for article_id, article in articles.items():
        assert article.title == metadata[article_id]["title"], article_id
    places = {article_id: article.dateline_place for article_id, article in articles.items()}
    assert places == {"000_0a6870a6add54e36": "Erbil", "001_c5645c16b48ed874": "Erbil",
                      "002_2b589bb78f0a956f": "Sulaimani", "003_abb5d20fce3071d5": "Erbil",
                      "004_67e2879abe4f7e98": "Erbil"}
    assert articles["004_67e2879abe4f7e98"].author == "Azhi Rasul"
    # The outlet is read from the header where the page prints its name.
    outlets = {article_id: article.outlet for article_id, article in articles.items()}
    assert outlets["000_0a6870a6add54e36"] == outlets["003_abb5d20fce3071d5"] == "Rudaw"
    assert outlets["004_67e2879abe4f7e98"] is None


def test_dev_pages_are_not_near_duplicates_of_each_other(articles: dict[str, Article]) -> None:
    # 000 and 004 share background paragraphs but are different stories.
    index = NearDuplicateIndex([])
    for article in articles.values():
        assert index.links_for(article) == []
        index.add(article)


def test_reprint_of_a_dev_page_is_linked(articles: dict[str, Article]) -> None:
    original = articles["003_abb5d20fce3071d5"]
    raw = (DEV / "articles" / "003_abb5d20fce3071d5.txt").read_text(encoding="utf-8")
    reprint_text = (raw.replace("Pentagon spokesman", "Defense Department spokesman")
                    .replace("Rudaw’s Nasir Ali", "our correspondent"))
    reprint = prepare(RawDocument(origin="reprint.txt", id="reprint", text=reprint_text))
    assert reprint.content_hash != original.content_hash
    index = NearDuplicateIndex([(original.id, original.minhash or b"")])
    links = index.links_for(reprint)
    assert [link[0] for link in links] == [original.id]
    assert links[0][1] >= 0.8


def test_same_text_in_jsonl_and_file_has_same_hash(articles: dict[str, Article]) -> None:
    for item in iter_documents([str(DEV / "corpus.jsonl")]):
        assert isinstance(item, RawDocument)
        from_corpus = prepare(dataclasses.replace(item, published=None))
        assert from_corpus.content_hash == articles[from_corpus.id].content_hash
