"""Hostile and broken input (issue 12): each is stored, or rejected with one line naming it, and
the run goes on; nothing is echoed raw to the terminal and nothing is read without a cap."""
from __future__ import annotations

import json
import os
import random
import sqlite3
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.ingest.decode import decode_bytes
from dateline.ingest.feeds import feed_documents
from dateline.ingest.prepare import prepare
from dateline.ingest.safety import has_sentence_of_words, printable
from dateline.ingest.sources import iter_documents
from dateline.model import Article, InputError, RawDocument
from dateline.pipeline import ingest
from dateline.store.db import Store

STORY = ("Rockets hit the base in Anbar on Monday night, officials said.\n\n"
         "No one was hurt, a spokesman for the provincial council said by telephone.\n")


class NoEvents:
    """An extractor that reads nothing: these tests are about ingest, not extraction."""

    def extract(self, article: Article) -> list[object]:
        return []


def run(store: Store, *specs: str) -> tuple[list[str], list[str]]:
    report = ingest(store, list(specs), NoEvents())  # type: ignore[arg-type]
    return report.new, [str(error) for error in report.rejected]


def stored_texts(store: Store) -> dict[str, str]:
    return {article.id: article.text for article in store.articles()}


# -- 1. lone surrogates ---------------------------------------------------------------------------
def test_a_lone_surrogate_in_json_is_replaced_and_stored(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s1", "title": "T\\udc00", "text": "Rockets hit the base \\ud800 in Anbar'
                      ' on Monday, officials said."}\n', encoding="utf-8")
    store = Store(tmp_path / "t.db")
    new, rejected = run(store, str(corpus))
    assert (new, rejected) == (["s1"], [])
    assert "base \ufffd in Anbar" in stored_texts(store)["s1"]


def test_surrogate_bytes_in_a_file_are_replaced_with_a_note(tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cesu.txt"
    path.write_bytes(STORY.encode().replace(b"the base", b"the \xed\xa0\x80 base")
                     + "Smile \U0001F600".encode("utf-16-le", "surrogatepass").decode(
                         "utf-16-le", "surrogatepass").encode("utf-8", "surrogatepass"))
    store = Store(tmp_path / "t.db")
    with caplog.at_level("WARNING", logger="dateline.ingest.notes"):
        new, rejected = run(store, str(path))
    assert (new, rejected) == (["cesu"], [])
    text = stored_texts(store)["cesu"]
    assert "the \ufffd base" in text
    assert "cesu.txt: read as UTF-8" in caplog.text


def test_a_file_name_with_an_undecodable_byte_is_stored_under_an_escaped_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"story\xff.txt"), "wb") as handle:
        handle.write(STORY.encode())
    store = Store(tmp_path / "t.db")
    new, rejected = run(store, str(folder))
    assert (new, rejected) == (["story\\xff"], [])
    assert store.articles()[0].origin.endswith("story\\xff.txt")


def test_api_ingest_of_a_lone_surrogate_is_not_a_server_error(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dateline.serve.app import create_app
    from dateline.store.accounts import add_analyst

    db = tmp_path / "web.db"
    store = Store(db)
    add_analyst(store.connection, "alice", "correct horse battery")
    store.close()
    client = TestClient(create_app(str(db)))
    body = '{"id": "web1", "text": "Rockets hit the base \\ud800 in Anbar on Monday, officials said."}'
    response = client.post("/api/articles", content=body, auth=("alice", "correct horse battery"),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    assert response.json()["new"] == ["web1"]


# -- 2. character references out of range ---------------------------------------------------------
@pytest.mark.parametrize("reference", ["&#x110000;", "&#99999999999999;", "&#xD800;", "&#0;"])
def test_feed_with_an_impossible_character_reference_is_read(reference: str) -> None:
    body = " ".join(["word"] * 90)
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {reference}</title>'
            f"<item><title>Rockets {reference} hit</title><link>https://example.org/a</link>"
            f"<description>{body} {reference} end</description></item></channel></rss>").encode()
    items = list(feed_documents(feed, "feed.xml", fetcher=lambda url: pytest.fail("no fetch")))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    assert items[0].title is not None and items[0].title.startswith("Rockets")
    assert "\ufffd" in (items[0].html or "")


# -- 3. deep nesting -------------------------------------------------------------------------------
def test_deeply_nested_json_is_one_rejected_line(tmp_path: Path) -> None:
    corpus = tmp_path / "deep.jsonl"
    corpus.write_text("[" * 50_000 + "\n" + json.dumps({"id": "ok", "text": STORY}) + "\n",
                      encoding="utf-8")
    store = Store(tmp_path / "t.db")
    new, rejected = run(store, str(corpus))
    assert new == ["ok"]
    assert rejected == [f"{corpus}:1: line is not usable JSON (arrays or objects nested too deeply)"]


# -- 5. special files ------------------------------------------------------------------------------
def test_fifo_and_symlink_to_dev_zero_are_skipped_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    outcome: list[tuple[list[str], list[str]]] = []
    worker = threading.Thread(target=lambda: outcome.append(run(Store(tmp_path / "t.db"), str(folder))),
                              daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "ingest blocked on a special file"
    new, rejected = outcome[0]
    assert new == ["story"]
    assert sorted(line.split(": ", 1)[1] for line in rejected) == [
        "is not a regular file (a device); skipped", "is not a regular file (a device); skipped",
        "is not a regular file (a pipe); skipped", "is not a regular file (a pipe); skipped"]


# -- 7. one stray byte in UTF-8 --------------------------------------------------------------------
def test_utf8_with_one_stray_byte_is_read_as_utf8_and_said(caplog: pytest.LogCaptureFixture) -> None:
    text = "Des roquettes sont tombées près d’un complexe pétrolier à Kirkouk lundi."
    data = text.encode("utf-8").replace(b"lundi", b"lun\x97di")
    with caplog.at_level("WARNING", logger="dateline.ingest.notes"):
        decoded = decode_bytes(data, "stray.txt")
    assert decoded == text.replace("lundi", "lun\ufffddi")
    assert caplog.messages == ["stray.txt: read as UTF-8 with 1 invalid byte sequence replaced by U+FFFD"]


def test_a_legacy_file_is_still_decoded_as_legacy() -> None:
    text = "Des roquettes sont tombées près d'un complexe pétrolier à Kirkouk lundi soir, a déclaré la police."
    assert decode_bytes(text.encode("cp1252"), "legacy.txt") == text


def test_cli_prints_the_repair_note(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(STORY.replace("Monday", "Mond\u00e9y").encode().replace(b"night", b"ni\xffght"))
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert f"note: {path}: read as UTF-8 with 1 invalid byte sequence replaced by U+FFFD" in result.output


# -- 8. noise --------------------------------------------------------------------------------------
def test_unicode_noise_is_rejected_and_real_text_in_other_scripts_is_not() -> None:
    rng = random.Random(12)
    pool = [c for c in map(chr, range(0x20, 0x3000)) if c.isprintable()]
    noise = "\n\n".join("".join(rng.choice(pool) if rng.random() < 0.8 else " " for _ in range(120))
                        for _ in range(6))
    with pytest.raises(InputError, match="no sentence of words in a supported script"):
        prepare(RawDocument(origin="noise.txt", text=noise))
    assert has_sentence_of_words("Rockets hit a base")
    assert has_sentence_of_words("سقط صاروخان قرب مجمع لشركة نفطية")
    assert not has_sentence_of_words("x y z w v u t")


# -- 14. empty name and control characters ---------------------------------------------------------
def test_an_empty_input_name_is_refused_not_the_current_folder(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    items = list(iter_documents([""]))
    assert [str(item) for item in items] == ["'': is an empty name, not a file, folder or URL"]


def test_control_characters_in_file_names_are_escaped_on_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[2J\x07.pdf").write_bytes(b"%PDF")
    (folder / "ok\x1b]0;title\x07.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "t.db"), "ingest", str(folder)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\\x1b[2J\\x07.pdf: unsupported file type" in result.output
    ids = [row[0] for row in sqlite3.connect(tmp_path / "t.db").execute("SELECT id FROM articles")]
    assert ids == ["ok\\x1b]0;title\\x07"]
    assert printable("a\u202eb\x9b") == "a\\u202eb\\x9b"


# -- 4 (first half). one crashing item does not abort the batch -----------------------------------
def test_an_unexpected_failure_costs_one_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline import pipeline
    from dateline.ingest import sources

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.jsonl"):
        body = STORY.replace("Anbar", name[0].upper() + "nbar")
        (folder / name).write_text(json.dumps({"text": body}) + "\n" if name.endswith(".jsonl") else body,
                                   encoding="utf-8")
    real_prepare, real_jsonl = pipeline.prepare, sources.jsonl_documents

    def flaky_prepare(raw: RawDocument) -> Article:
        if raw.origin.endswith("a.txt"):
            raise ValueError("a parser's bug\nwith two lines")
        return real_prepare(raw)

    def broken_jsonl(path: Path):  # type: ignore[no-untyped-def]
        yield from real_jsonl(path)
        raise RuntimeError("the reader broke after the last line")

    monkeypatch.setattr(pipeline, "prepare", flaky_prepare)
    monkeypatch.setattr(sources, "jsonl_documents", broken_jsonl)
    store = Store(tmp_path / "t.db")
    new, rejected = run(store, str(folder))
    assert len(new) == 3  # b, c and the JSONL line
    assert rejected == [f"{folder / 'a.txt'}: could not be read (ValueError: a parser's bug with two lines)",
                        f"{folder / 'd.jsonl'}: could not be read (RuntimeError: the reader broke after the"
                        " last line)"]
