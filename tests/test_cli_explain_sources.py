"""`ingest` reports reprints; `explain` on a merged event says why each source joined it."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from test_web_counting import DOCS

from dateline.cli import main


def test_explain_lists_every_source_with_why_it_joined(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    run = CliRunner().invoke(main, ["--db", db, "ingest", str(corpus)], catch_exceptions=False)
    assert run.output.strip().splitlines()[-1] == "3 new (1 of them reprints), 0 already known, 0 rejected"
    events = CliRunner().invoke(main, ["--db", db, "events"], catch_exceptions=False).output
    [record_id] = re.findall(r"^(ev-\S+)\s.*Mashtal", events, re.M)
    text = CliRunner().invoke(main, ["--db", db, "explain", record_id], catch_exceptions=False).output
    sources = text[text.index("  sources:"):]
    assert sources.count("[wire-1]") == 1 and "[paper-7]" in sources and "[other-3]" in sources
    assert "reprint of wire-1" in sources
    # the first report founds the event; the other outlet's joins with its score and reasons
    assert sources.count("joined: first report") == 1
    assert re.search(r"\[(?:other-3|wire-1)\].*\n\s+joined: score [\d.]+ \(threshold [\d.]+\): .*same day.*"
                     r"same place \(Mashtal\)", sources)
