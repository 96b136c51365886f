"""The ledger does not depend on the order articles arrive in, and re-running changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.extract.extractor import Extractor
from dateline.pipeline import ingest
from dateline.store.db import Store

SAMPLE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "sample"
CASES = Path(__file__).resolve().parent / "data" / "extraction_cases.jsonl"


def _lines(dev_dir: Path) -> list[str]:
    lines = (dev_dir / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    for path in sorted(SAMPLE.glob("*.jsonl")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    if CASES.is_file():
        for line in CASES.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            lines.append(json.dumps({"id": case["id"], "text": case["text"],
                                     "published": case.get("published")}))
    return [line for line in lines if line.strip()]


def _ledger(store: Store) -> list[str]:
    return [json.dumps([rid, record.as_export()], sort_keys=True) for rid, record in store.records()]


def _ingest_in_order(tmp: Path, lines: list[str], order: list[int], extractor: Extractor,
                     batches: int) -> list[str]:
    store = Store(tmp / f"ledger-{'-'.join(map(str, order[:6]))}-{batches}.db")
    size = max(1, len(order) // batches)
    for start in range(0, len(order), size):
        corpus = tmp / f"batch-{start}.jsonl"
        corpus.write_text("\n".join(lines[i] for i in order[start:start + size]) + "\n", encoding="utf-8")
        ingest(store, [str(corpus)], extractor)
    ledger = _ledger(store)
    store.close()
    return ledger


def test_ledger_is_the_same_in_any_order(dev_dir: Path, extractor: Extractor,
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    lines = _lines(dev_dir)
    reference = _ingest_in_order(tmp_path_factory.mktemp("ref"), lines, list(range(len(lines))),
                                 extractor, 1)
    assert any('"event"' in row for row in reference)

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(order=st.permutations(range(len(lines))), batches=st.integers(min_value=1, max_value=4))
    def check(order: list[int], batches: int) -> None:
        ledger = _ingest_in_order(tmp_path_factory.mktemp("perm"), lines, list(order), extractor, batches)
        assert ledger == reference

    check()


def test_reingesting_changes_nothing(dev_dir: Path, extractor: Extractor, tmp_path: Path) -> None:
    store = Store(tmp_path / "again.db")
    first = ingest(store, [str(dev_dir / "corpus.jsonl")], extractor)
    before = _ledger(store)
    second = ingest(store, [str(dev_dir / "corpus.jsonl")], extractor)
    assert len(first.new) == 5 and second.new == [] and len(second.known) == 5
    assert _ledger(store) == before
    assert store.article_count() == 5
