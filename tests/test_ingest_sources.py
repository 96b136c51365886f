"""Local inputs: files, folders, JSONL and feeds; every bad input is one InputError and the run goes on."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest.decode import MAX_BYTES, decode_bytes
from dateline.ingest.prepare import prepare
from dateline.ingest.sources import folder_files, iter_documents
from dateline.model import Article, InputError, RawDocument

DATA = Path(__file__).parent / "data" / "ingest"

STORY = ("KIRKUK, Iraq - Two rockets landed near an oil company compound on Monday night, causing"
         " a small fire that was put out within the hour, police said.\n\n"
         "No one was hurt, and production was not affected, a company engineer said by telephone.\n")
ARABIC = ("كركوك - سقط صاروخان قرب مجمع لشركة نفطية مساء الاثنين، ما تسبب في حريق صغير أخمد خلال"
          " ساعة، بحسب ما أفادت الشرطة.\n\nولم يصب أحد بأذى، ولم يتأثر الإنتاج، وفق مهندس في الشركة.\n")
FRENCH = ("KIRKOUK, Irak - Deux roquettes sont tombées près d'un complexe pétrolier lundi soir,"
          " provoquant un petit incendie éteint en moins d'une heure, a déclaré la police.\n\n"
          "Personne n'a été blessé et la production n'a pas été affectée, selon un ingénieur.\n")


def run(specs: list[str]) -> tuple[list[Article], list[InputError]]:
    """Ingests like the pipeline does: errors from sources and from prepare are collected."""
    articles, errors = [], []
    for item in iter_documents(specs):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        try:
            articles.append(prepare(item))
        except InputError as error:
            errors.append(error)
    return articles, errors


@pytest.fixture()
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / "a_good.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub" / "b_good.html").write_text(
        (DATA / "article.html").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "huge.txt").write_bytes(b"word " * (MAX_BYTES // 5 + 1))
    (folder / "arabic.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "french.txt").write_bytes(FRENCH.encode("latin-1"))
    (folder / "broken.html").write_text("<html><body><div><<<>>></span></table>", encoding="utf-8")
    (folder / "nofeed.xml").write_text((DATA / "empty_feed.rss").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (folder / ".git" / "config.txt").write_text(STORY, encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": STORY, "outlet": "Kirkuk Now", "published": "2024-03-04"}),
        '{"id": "j2", "text": "unterminated',
        json.dumps({"id": "j3", "html": (DATA / "article.html").read_text(encoding="utf-8")}),
        json.dumps({"id": "j4", "text": STORY, "published": "04/03/2024"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": "j5", "title": "no body"}),
    ]
    (folder / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_every_bad_input_is_one_error_and_the_run_goes_on(mixed_folder: Path) -> None:
    articles, errors = run([str(mixed_folder)])
    by_origin = {Path(error.origin).name: error.problem for error in errors}
    assert len(by_origin) == len(errors), "one error per input"
    assert sorted(by_origin) == sorted([
        "binary.txt", "empty.txt", "huge.txt", "broken.html", "nofeed.xml", "notes.pdf",
        "corpus.jsonl:2", "corpus.jsonl:4", "corpus.jsonl:5", "corpus.jsonl:7"])
    assert "binary" in by_origin["binary.txt"]
    assert "empty" in by_origin["empty.txt"]
    assert "5 MB" in by_origin["huge.txt"]
    assert "no article text" in by_origin["broken.html"]
    assert by_origin["nofeed.xml"] == "feed has no items"
    assert "unsupported file type .pdf" in by_origin["notes.pdf"]
    assert "not valid JSON" in by_origin["corpus.jsonl:2"]
    assert "YYYY-MM-DD" in by_origin["corpus.jsonl:4"]
    assert "not an object" in by_origin["corpus.jsonl:5"]
    assert all("\n" not in error.problem for error in errors)
    ids = [article.id for article in articles]
    assert ids == ["a_good", "arabic", "j1", "j3", "french", "b_good"]


def test_legacy_encodings_are_decoded(mixed_folder: Path) -> None:
    articles, _errors = run([str(mixed_folder / "arabic.txt"), str(mixed_folder / "french.txt")])
    assert [a.text for a in articles] == [ARABIC.strip(), FRENCH.strip()]


def test_jsonl_fields(mixed_folder: Path) -> None:
    documents = [d for d in iter_documents([str(mixed_folder / "corpus.jsonl")])
                 if isinstance(d, RawDocument)]
    first = documents[0]
    assert (first.origin, first.id, first.outlet, first.published) == (
        f"{mixed_folder / 'corpus.jsonl'}:1", "j1", "Kirkuk Now", date(2024, 3, 4))
    assert documents[1].html is not None and documents[1].text is None


def test_folder_order_is_sorted_and_skips_hidden(mixed_folder: Path) -> None:
    names = [path.relative_to(mixed_folder).as_posix() for path in folder_files(mixed_folder)]
    assert names == sorted(names, key=lambda name: name.split("/"))
    assert ".hidden.txt" not in names and not any(name.startswith(".git") for name in names)


def test_missing_path_is_an_error() -> None:
    assert [str(e) for e in iter_documents(["/no/such/place.txt"])] == [
        "/no/such/place.txt: no such file, folder or URL"]


def test_rss_file_items_are_ingested() -> None:
    articles, errors = run([str(DATA / "feed.rss")])
    assert errors == []
    assert [a.title for a in articles] == ["Border crossing reopens after week-long closure",
                                           "Rocket lands near airport perimeter; no casualties"]
    first = articles[0]
    assert first.url == "https://tigrisledger.example/news/2024/05/12/border-crossing"
    assert first.origin == first.url and len(first.id) == 16
    assert (first.published, first.published_method) == (date(2024, 5, 12), "given")
    assert first.dateline_place == "Zakho" and first.outlet == "Tigris Ledger"
    assert "slept in their cabs for six nights" in first.text


def test_file_id_is_the_stem_and_a_missing_id_comes_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "000_0a6870a6add54e36.txt"
    path.write_text(STORY, encoding="utf-8")
    assert [d.id for d in iter_documents([str(path)]) if isinstance(d, RawDocument)] == [
        "000_0a6870a6add54e36"]
    article = prepare(RawDocument(origin="x", text=STORY))
    assert article.id == f"doc-{article.content_hash[:16]}"


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "is empty"),
    (b"   \n\t\n", "is empty"),
    (b"\x00\x01\x02binary", "binary"),
    (bytes(range(1, 32)) * 10, "binary"),
])
def test_decode_refusals(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as caught:
        decode_bytes(data, "sample.txt")
    assert caught.value.origin == "sample.txt"


def test_decode_cap_and_declared_charset() -> None:
    with pytest.raises(InputError, match="over the 1 MB limit"):
        decode_bytes(b"a" * (1024 * 1024 + 1), "big.txt", max_bytes=1024 * 1024)
    assert decode_bytes("Zürich".encode("utf-16"), "x") == "Zürich"
    assert decode_bytes(b"\xef\xbb\xbfplain", "x") == "plain"
    # A declared charset is believed when the bytes are not UTF-8.
    assert decode_bytes("Erbil’s market".encode("cp1252"), "x", declared="windows-1252") == (
        "Erbil’s market")


def test_malformed_html_that_holds_an_article_is_still_read() -> None:
    html = ("<html><body><div><p>KIRKUK, Iraq - Two rockets landed near an oil company compound"
            " on Monday night, causing a small fire, police said.<p><b><i>No one was hurt, and"
            " production was not affected, a company engineer said by telephone.</div></span>"
            "</table><p>Police closed the road to the compound while they searched the area"
            " for the launch site.</td></html></html>")
    article = prepare(RawDocument(origin="malformed.html", html=html))
    assert article.dateline_place == "Kirkuk"
    assert "No one was hurt, and production was not affected" in article.text
    assert "searched the area for the launch site" in article.text
