"""Screening quality of the shipped screen on labelled comments it was not fitted to.

Prints, for flag-or-review (the screen's "violating") and for flag alone, the recall on
violating comments and the false-positive rate on clean ones, and precision / recall per named
reason, on:

- the `test` part of the id-hash split of the training sources (../shared/data/comments),
  overall and one source at a time;
- the three measure-only sources (sfu_ctc, datacamp, impermium), overall and one by one;
- the `test` half of the project's own comments (tests/data/comments/labelled.jsonl).

The screen before the trained model (word lists, patterns and the third-party classifier
deciding on their own) is measured alongside for comparison.

    .venv/bin/python benchmarks/screening_quality.py
    .venv/bin/python benchmarks/screening_quality.py --misses measure   # list what was missed
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.moderation.classifier import OffensiveLanguageModel  # noqa: E402 (path set above)
from dateline.moderation.labelled import (MEASURE_SOURCES, TRAIN_SOURCES, Labelled,  # noqa: E402
                                          figures, figures_table, read_labelled, split_of)
from dateline.moderation.screening import Screener, default_screener  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "comments" / "train.jsonl"
PROJECT = ROOT / "tests" / "data" / "comments" / "labelled.jsonl"


def groups(shared: Path) -> dict[str, list[Labelled]]:
    found: dict[str, list[Labelled]] = {}
    if shared.is_file():
        with shared.open(encoding="utf-8") as handle:
            rows = read_labelled(handle, str(shared))
        found["training sources, test split"] = [
            r for r in rows if r.source in TRAIN_SOURCES and split_of(r.id) == "test"]
        for source in TRAIN_SOURCES:
            found[f"test split: {source}"] = [r for r in rows if r.source == source
                                              and split_of(r.id) == "test"]
        found["measure-only sources"] = [r for r in rows if r.source in MEASURE_SOURCES]
        for source in MEASURE_SOURCES:
            found[f"measure-only: {source}"] = [r for r in rows if r.source == source]
    else:
        print(f"({shared} is not here: only the project's comments are measured)")
    lines = PROJECT.read_text(encoding="utf-8").splitlines()
    test_ids = {str(json.loads(line)["id"]) for line in lines if line.strip()
                and json.loads(line)["split"] == "test"}
    found["project comments, test half"] = [r for r in read_labelled(lines, str(PROJECT))
                                            if r.id in test_ids]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED, help="The shared labelled comments.")
    parser.add_argument("--misses", default="", help="List the misses of groups containing this.")
    args = parser.parse_args()
    shipped = default_screener()
    before = Screener(classifier=OffensiveLanguageModel.from_package())
    for name, rows in groups(args.data).items():
        results = [shipped.screen(row.text) for row in rows]
        measured = figures(rows, [r.decision for r in results],
                           [{x.reason for x in r.reasons} for r in results])
        print("\n".join(figures_table(f"{name} (trained screen)", measured)))
        old = [before.screen(row.text) for row in rows]
        old_figures = figures(rows, [r.decision for r in old], [{x.reason for x in r.reasons}
                                                                for r in old])
        print(f"before the trained screen (lists, patterns, classifier): violating recall "
              f"{old_figures.recall:.3f}, clean FPR {old_figures.fpr:.3f}\n")
        if args.misses and args.misses in name:
            for row, result in zip(rows, results):
                if row.violating != result.suspect:
                    print(f"  {row.id}: violating={row.violating} decision={result.decision} "
                          f"p={result.probability} | {row.text[:100]!r}")


if __name__ == "__main__":
    main()
