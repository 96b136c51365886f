"""The quality gate: the dev set scored with ../shared/tools/score.py, against pinned floors.

Raise a floor when quality rises; never lower one silently (say why in the commit).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from quality_support import ingest_export, score_export

# Measured 2026-11-22: event F1 1.000, every field 1.00, tally F1 1.000, sources recall 1.000.
# The floors leave room for one miss each (one event of 15, one source), except fields: one wrong
# value of 15 (0.93) passed unnoticed in session 7 while every field had been right since, so a
# field floor of 0.94 now catches it.
FLOORS = {
    "event_f1": 0.96,
    "fields": 0.94,
    "tally_f1": 0.99,
    "sources_recall": 0.95,
}


def _score(dev_dir: Path, score_tool: Path, tmp_path: Path, corpus: Path) -> dict[str, Any]:
    return score_export(score_tool, dev_dir / "gold.jsonl", ingest_export(corpus, tmp_path, "dev")[0])


@pytest.fixture(scope="module")
def scores(dev_dir: Path, score_tool: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _score(dev_dir, score_tool, tmp_path_factory.mktemp("dev"), dev_dir / "corpus.jsonl")


def test_event_f1_floor(scores: dict[str, Any]) -> None:
    assert scores["events"]["f1"] >= FLOORS["event_f1"], scores["events"]


def test_every_field_floor(scores: dict[str, Any]) -> None:
    low = {k: v for k, v in scores["fields"].items() if v < FLOORS["fields"]}
    assert not low, low


def test_tally_f1_floor(scores: dict[str, Any]) -> None:
    assert scores["tallies"]["f1"] >= FLOORS["tally_f1"], scores["tallies"]


def test_sources_recall_floor(scores: dict[str, Any]) -> None:
    assert (scores["sources_recall"] or 0) >= FLOORS["sources_recall"]


def test_without_given_dates_the_scores_hold(dev_dir: Path, score_tool: Path, tmp_path: Path,
                                             scores: dict[str, Any]) -> None:
    # The foundation's date finding must carry the extraction: drop `published` and score again.
    corpus = tmp_path / "undated.jsonl"
    with (dev_dir / "corpus.jsonl").open(encoding="utf-8") as source, corpus.open("w", encoding="utf-8") as out:
        for line in source:
            record = json.loads(line)
            record.pop("published", None)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    undated = _score(dev_dir, score_tool, tmp_path, corpus)
    assert undated["events"]["f1"] >= FLOORS["event_f1"]
    assert undated["events"]["f1"] >= scores["events"]["f1"] - 0.02
