"""Property-based fuzzing of ingest (issue 12): random bytes, Unicode, broken HTML, JSONL, feeds,
character references and nesting go through the real pipeline (real extractor, real store).

For every batch: no exception escapes; every input is stored, already known, or rejected with
one line naming it; the batch goes on past every bad input; what is stored is valid UTF-8; and
the ledger equals a rebuild from scratch.

Inputs are ingested in batches (a folder of several files, one fresh in-memory database each) so
that 10,000 inputs run in CI in a minute or two. `DATELINE_FUZZ_INPUTS=100000` runs more (the
benchmark run); the default is 10,000, derandomized so CI is repeatable.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from dateline.model import InputError
from dateline.pipeline import ingest, rebuild_ledger
from dateline.store.db import Store

INPUTS = int(os.environ.get("DATELINE_FUZZ_INPUTS", "10000"))
BATCH = 20  # inputs per example
EXAMPLES = max(1, INPUTS // BATCH)
BENCHMARK = "DATELINE_FUZZ_INPUTS" in os.environ

WORDS = ("rockets hit the base in Anbar on Monday night officials said two soldiers were killed and "
         "five wounded drone strike Baghdad Kataib Hezbollah claimed responsibility police Erbil airport "
         "( ) [ ] , . ; : — “ ” ' \" 12 1,200 three dozens Jan. 21 2024 U.S. Mr. al-Asad").split()
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&nbsp;", "&#x110000;", "&#99999999999999;", "&#xD800;",
            "&#0;", "&#x1F600;", "&bogus;", "&", "&#", "&#x;", "&#65", "&#xdfff;", "&eacute;"]
TAGS = ["p", "div", "span", "article", "main", "script", "style", "table", "tr", "td", "a", "b", "i", "h1",
        "header", "footer", "nav", "br", "img", "iframe", "svg", "template", "![CDATA[", "!--", "?xml"]

text_noise = st.text(max_size=300)
# News-like words with entities and now and then a piece of random Unicode (cheap to draw).
news_words = st.tuples(st.lists(st.sampled_from(WORDS + ENTITIES), max_size=60),
                       st.text(max_size=4)).map(lambda parts: " ".join(parts[0]) + parts[1])


@st.composite
def stray_bytes(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with a few random bytes put in at random places."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 3))):
        data.insert(draw(st.integers(0, len(data))), draw(st.integers(0x80, 0xFF)))
    return bytes(data)


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        choice = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(draw(news_words))
        elif choice == 3:
            parts.append(draw(st.sampled_from(ENTITIES)))
        elif choice == 4:
            parts.append(f"<{tag} {draw(st.sampled_from(['class', 'href', 'charset', 'content']))}="
                         f"\"{draw(st.text(max_size=10))}\">")
        else:
            depth = draw(st.integers(1, 400))
            parts.append(f"<{tag}>" * depth)
    page = "".join(parts)
    if draw(st.booleans()):
        page = f"<html><head><title>{draw(news_words)}</title></head><body>{page}</body></html>"
    encoded = page.encode("utf-8", "surrogatepass")
    return draw(stray_bytes(encoded)) if draw(st.booleans()) else encoded


@st.composite
def jsonl_corpus(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 7))
        if kind == 0:
            record = {"id": draw(st.text(max_size=8)), "text": draw(news_words)}
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass"))
        elif kind == 1:
            lines.append(b"[" * draw(st.integers(1, 60_000)))
        elif kind == 2:
            lines.append(b'{"text": "Rockets \\ud800 hit \\udfff the base in Anbar on Monday", "title": "\\ud83d"}')
        elif kind == 3:
            lines.append(json.dumps({"html": draw(html_page()).decode("utf-8", "replace"),
                                     "published": draw(st.text(max_size=12))}).encode())
        elif kind == 4:
            value = draw(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                                      lambda children: st.lists(children, max_size=3)
                                      | st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title",
                                                                         "outlet", "published"]), children,
                                                        max_size=4), max_leaves=12))
            lines.append(json.dumps(value).encode())
        elif kind == 5:
            lines.append(draw(st.binary(max_size=200)).replace(b"\n", b" "))
        elif kind == 6:
            lines.append(b"")
        else:
            lines.append(draw(text_noise).encode("utf-8", "surrogatepass").replace(b"\n", b" "))
    return b"\n".join(lines) + (b"\n" if draw(st.booleans()) else b"")


@st.composite
def feed(draw: st.DrawFn) -> bytes:
    items = []
    for _ in range(draw(st.integers(0, 4))):
        body = " ".join([draw(news_words)] * draw(st.integers(1, 12)))
        link = draw(st.sampled_from(["", "<link>relative/path</link>", "<link>ftp://x</link>",
                                     "<link>javascript:alert(1)</link>"]))
        date = draw(st.sampled_from(["", "<pubDate>Mon, 22 Jan 2024 10:00:00 GMT</pubDate>",
                                     "<pubDate>99 Foo 99999</pubDate>", "<pubDate>&#x110000;</pubDate>"]))
        items.append(f"<item><title>{draw(news_words)}{draw(st.sampled_from(ENTITIES))}</title>{link}{date}"
                     f"<description>{body}</description></item>")
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF", "html"]))
    xml = (f'<?xml version="1.0" encoding="{draw(st.sampled_from(["utf-8", "latin-1", "bogus"]))}"?>'
           f"<{root} version=\"2.0\"><channel><title>{draw(st.sampled_from(ENTITIES))}</title>"
           f"{''.join(items)}</channel>" + (f"</{root}>" if draw(st.booleans()) else ""))
    encoded = xml.encode("utf-8", "surrogatepass")
    return draw(stray_bytes(encoded)) if draw(st.booleans()) else encoded


@st.composite
def text_file(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(text_noise).encode("utf-8", "surrogatepass")
    if kind == 1:
        text = "Attack on base\n\n" + "\n\n".join(draw(st.lists(news_words, min_size=1, max_size=6)))
        return draw(stray_bytes(text.encode("utf-8", "surrogatepass")))
    if kind == 2:
        run = draw(st.sampled_from(["(", ")", "\"", "Baghdad, ", "killed 12 wounded 7 ", "a", ". ", "\u200f"]))
        return (run * draw(st.integers(1, 6_000))).encode("utf-8")
    if kind == 3:
        return draw(news_words).encode(draw(st.sampled_from(["utf-16", "cp1256", "latin-1", "utf-8"])), "replace")
    return draw(st.binary(max_size=400))


# HTML pages are drawn less often than the rest: text extraction (trafilatura) costs tens of
# milliseconds a page, the other kinds a few.
one_input = st.one_of(
    st.tuples(st.just(".txt"), text_file()),
    st.tuples(st.just(".txt"), text_file()),
    st.tuples(st.just(".html"), html_page()),
    st.tuples(st.just(".jsonl"), jsonl_corpus()),
    st.tuples(st.just(".jsonl"), jsonl_corpus()),
    st.tuples(st.sampled_from([".xml", ".rss", ".atom"]), feed()),
    st.tuples(st.sampled_from([".pdf", "", ".md"]), st.binary(max_size=50)),
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_kb(load_knowledge_base([]))


@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not BENCHMARK,
          suppress_health_check=list(HealthCheck))
@given(batch=st.lists(one_input, min_size=BATCH, max_size=BATCH))
def test_every_input_is_stored_or_rejected_in_one_line(batch: list[tuple[str, bytes]],
                                                       extractor: Extractor) -> None:
    with tempfile.TemporaryDirectory(prefix="dateline-fuzz-") as folder:
        names = []
        for number, (suffix, data) in enumerate(batch):
            name = f"in-{number:02d}{suffix}"
            (Path(folder) / name).write_bytes(data)
            names.append(name)
        store = Store(":memory:")
        touched: list[str] = []
        rejected: list[InputError] = []
        report = ingest(store, [folder], extractor, on_document=touched.append, on_error=rejected.append)
        # Every outcome names an input of this batch, in one line.
        for error in report.rejected:
            assert "\n" not in str(error) and "\r" not in str(error)
            assert error.origin.strip(), error
            assert error.problem.strip()
        # The batch went on: every file has an outcome (a document processed or an error).
        reached = {Path(origin.split(":")[0].split("#")[0]).name for origin in touched}
        reached |= {Path(error.origin.split(":")[0]).name for error in rejected}
        for name in names:
            # Feeds and JSONL have an outcome per item or line (none when empty); a folder's .md
            # files are its documentation, never read.
            if not name.endswith((".xml", ".rss", ".atom", ".jsonl", ".md")):
                assert name in reached, (name, report.summary())
        # A reprint (the same text from another file) is a new source, stored once as text.
        assert len(report.new) - len(report.reprints) == store.article_count()
        assert len(report.reprints) == len(store.connection.execute("SELECT id FROM reprints").fetchall())
        # What is stored can be written as UTF-8 anywhere.
        for article in store.articles():
            for value in (article.id, article.text, article.title or "", article.origin, article.author or ""):
                value.encode("utf-8")
        # The ledger is what a rebuild from scratch gives.
        before = store.records()
        rebuild_ledger(store, getattr(extractor.actors, "is_part_of", None))
        assert store.records() == before
        store.close()
