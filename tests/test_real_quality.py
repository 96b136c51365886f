"""The quality gate on real reporting: ../shared/dev-real scored with score.py, and the ACLED
notes' dev split scored with acled_bench.py, against pinned floors.

Neither set was fitted: no rule, alias or model in the project was built from dev-real or from
the ACLED `dev` rows. Raise a floor when quality rises; never lower one silently (say why in the
commit). Each set is ingested once per session (dev-real ~2 s, ACLED dev ~1,085 notes ~8 s).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from quality_support import acled_dev_corpus, ingest_export, score_acled, score_export

# Measured on branch issue-9b, 2026-12-04: dev-real event F1 0.474, field mean 0.762, sources
# recall 0.407, event_date 0.76, fatalities 0.76, injured 0.78; ACLED dev detect 0.729, type 0.896,
# location 0.669, fatalities 0.779, actor 0.767, date 0.909 (before: F1 0.346, ACLED date 0.044,
# fatalities 0.639). The floors sit a little under; raise them as quality rises.
# Branch issue-10b, 2026-12-04 (merge no longer joins different events): ACLED dev fatalities 0.863,
# date 0.961 (main before: 0.676, 0.617); floors raised to match.
# Main after every merge of the week, 2026-12-04: dev-real event F1 0.527 (0.521 with the sentence
# judge cross-validated by article), field mean 0.826, sources recall 0.500, tally F1 0.952,
# event_date 0.81, fatalities 0.76, injured 0.78; ACLED dev detect 0.942, type 0.927, location 0.928,
# actor 0.881, fatalities 0.860, date 0.957. Floors a little under.
# Main after session 3's merges, 2026-12-05: dev-real event F1 0.731, field mean 0.858, sources
# recall 0.615, event_date 0.88, fatalities 0.82, injured 0.84 (these rules were developed looking
# at dev-real: a development figure, not a blind one). Floors raised a little under.
# Main after session 4's merges, 2026-12-05: dev-real event F1 0.741, field mean 0.884, actor1
# 0.875, actor2 0.750, location 0.925; ACLED dev location 0.946, actor 0.917. Floors a little under.
# Main after session 6's merges, 2026-12-05: dev-real event F1 0.874, field mean 0.896, sources
# recall 0.770, tally F1 0.976, event_date 0.91, fatalities 0.85, injured 0.88, actor1 0.90, actor2
# 0.73, location 0.92; ACLED dev type 0.940, actor 0.921, date 0.959. Floors a little under.
# Main after session 7's merges, 2026-12-05: dev-real event F1 0.929, field mean 0.907, sources
# recall 0.898 (issue 10: 0.85), 0 unmerged duplicates, tally F1 0.976, event_date 0.93, actor1
# 0.93, actor2 0.76, injured 0.90; ACLED dev loc 0.947. Floors a little under; duplicates stay 0.
REAL_FLOORS = {
    "event_f1": 0.90,
    "field_mean": 0.89,
    "sources_recall": 0.87,
    "tally_f1": 0.93,
}
REAL_FIELD_FLOORS = {"event_date": 0.90, "fatalities": 0.81, "injured": 0.86, "actor1": 0.90,
                     "actor2": 0.72, "location": 0.89}
ACLED_FLOORS = {
    "acled_detect": 0.92,
    "acled_type": 0.92,
    "acled_loc": 0.92,
    "acled_fatal": 0.84,
    "acled_actor": 0.90,
    "acled_date": 0.94,
}


@pytest.fixture(scope="module")
def real_export(dev_real_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_export(dev_real_dir / "corpus.jsonl", tmp_path_factory.mktemp("dev-real"), "real")[0]


@pytest.fixture(scope="module")
def real_scores(dev_real_dir: Path, real_export: Path, score_tool: Path) -> dict[str, Any]:
    return score_export(score_tool, dev_real_dir / "gold.jsonl", real_export)


@pytest.fixture(scope="module")
def acled_scores(acled_notes: Path, score_tool: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    bench = score_tool.parent / "acled_bench.py"
    if not bench.exists():
        pytest.skip(f"acled_bench.py is not here ({bench}): clone the project with ../shared beside it")
    work = tmp_path_factory.mktemp("acled-dev")
    corpus, stripped = acled_dev_corpus(bench, work)
    return score_acled(bench, corpus, ingest_export(stripped, work, "real")[0])


def test_dev_real_events(real_scores: dict[str, Any]) -> None:
    events = real_scores["events"]
    assert events["f1"] >= REAL_FLOORS["event_f1"], events
    assert events["unmerged_duplicates"] == 0, events  # issue 10: one event, one record
    assert real_scores["sources_recall"] >= REAL_FLOORS["sources_recall"], real_scores["sources_recall"]
    assert real_scores["tallies"]["f1"] >= REAL_FLOORS["tally_f1"], real_scores["tallies"]


def test_dev_real_fields(real_scores: dict[str, Any]) -> None:
    fields = real_scores["fields"]
    mean = sum(fields.values()) / len(fields)
    assert mean >= REAL_FLOORS["field_mean"], fields
    low = {k: fields[k] for k, floor in REAL_FIELD_FLOORS.items() if fields[k] < floor}
    assert not low, low


def test_dev_real_dates_never_empty(real_export: Path) -> None:
    """EVENTS.md: every event of a dated article has a date (the publication date at worst)."""
    records = [json.loads(line) for line in real_export.open(encoding="utf-8") if line.strip()]
    events = [r for r in records if r.get("kind", "event") == "event"]
    assert events and all(e["event_date"] for e in events)
    assert all(e["date_precision"] in ("day", "range", "month", "unknown") for e in events)


@pytest.mark.parametrize("name", sorted(ACLED_FLOORS))
def test_acled_dev_floor(acled_scores: dict[str, float], name: str) -> None:
    assert acled_scores[name] >= ACLED_FLOORS[name], acled_scores
