"""Screening quality on the labelled comments (tests/data/comments/labelled.jsonl).

Prints precision and recall per policy reason (and per abuse sub-reason), recall on comments
that violate the policy, the false-positive rate on clean comments, and the same binary figures
for three screeners: word lists and patterns only, the classifier only, and both combined (the
shipped one). Also the time to screen one comment.

    .venv/bin/python benchmarks/screening_quality.py                 # every split
    .venv/bin/python benchmarks/screening_quality.py --split test    # the held-out half
    .venv/bin/python benchmarks/screening_quality.py --misses        # list what was missed
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.moderation.classifier import OffensiveLanguageModel  # noqa: E402 (path set above)
from dateline.moderation.screening import REASONS, Screener, Screening  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "comments" / "labelled.jsonl"


def load(path: Path, split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if split == "all" or row.get("split") == split]


def binary(rows: list[dict[str, Any]], flagged: Callable[[str], bool]) -> tuple[float, float, int, int]:
    """Returns (recall on violating comments, false-positive rate on clean ones, counts)."""
    violating = [row for row in rows if row["labels"]]
    clean = [row for row in rows if not row["labels"]]
    caught = sum(flagged(row["text"]) for row in violating)
    false_alarms = sum(flagged(row["text"]) for row in clean)
    return (caught / max(1, len(violating)), false_alarms / max(1, len(clean)),
            len(violating), len(clean))


def per_reason(rows: list[dict[str, Any]], results: list[Screening]) -> list[tuple[str, int, int, int]]:
    """Returns (reason, true positives, false positives, false negatives) per reason and sub."""
    table = []
    names = list(REASONS) + [f"abuse/{sub}" for sub in
                             ("sexism", "racism", "homophobia", "xenophobia", "other")]
    for name in names:
        tp = fp = fn = 0
        for row, result in zip(rows, results):
            if "/" in name:
                sub = name.split("/")[1]
                gold = "abuse" in row["labels"] and row.get("abuse_sub") == sub
                found = any(r.reason == "abuse" and r.sub == sub for r in result.reasons)
            else:
                gold = name in row["labels"]
                found = any(r.reason == name for r in result.reasons)
            tp += gold and found
            fp += found and not gold
            fn += gold and not found
        table.append((name, tp, fp, fn))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=LABELLED, help="Labelled JSONL file.")
    parser.add_argument("--split", default="all", help="dev, test or all (default).")
    parser.add_argument("--misses", action="store_true", help="List missed and false flags.")
    args = parser.parse_args()
    rows = load(args.file, args.split)

    model = OffensiveLanguageModel.from_package()
    combined = Screener(classifier=model)
    rules_only = Screener(classifier=None)
    model_only = Screener(classifier=model, use_rules=False)

    started = time.perf_counter()
    results = [combined.screen(row["text"]) for row in rows]
    per_comment_ms = (time.perf_counter() - started) / max(1, len(rows)) * 1000

    print(f"{len(rows)} labelled comments ({args.split}): "
          f"{sum(bool(r['labels']) for r in rows)} violating, "
          f"{sum(not r['labels'] for r in rows)} clean")
    print()
    print(f"{'reason':<20} {'precision':>9} {'recall':>7} {'support':>8}")
    for name, tp, fp, fn in per_reason(rows, results):
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        print(f"{name:<20} {precision:>9.2f} {recall:>7.2f} {tp + fn:>8}")
    print()
    print(f"{'screener':<34} {'violating recall':>16} {'clean FPR':>10}")
    screeners: list[tuple[str, Callable[[str], bool]]] = [
        ("word lists + patterns only", lambda text: rules_only.screen(text).flagged),
        ("classifier only (p >= 0.5)", lambda text: model.score(text.lower()).probability >= 0.5),
        ("classifier only (p >= 0.9)", lambda text: model_only.screen(text).flagged),
        ("combined (shipped)", lambda text: combined.screen(text).flagged),
    ]
    for name, flagged in screeners:
        recall, false_positive_rate, _, _ = binary(rows, flagged)
        print(f"{name:<34} {recall:>16.3f} {false_positive_rate:>10.3f}")
    print()
    print(f"screening time: {per_comment_ms:.2f} ms per comment (combined)")

    if args.misses:
        print()
        for row, result in zip(rows, results):
            found = sorted({r.reason for r in result.reasons})
            gold = sorted(set(row["labels"]))
            if found != gold:
                print(f"{row['id']}: gold={gold} found={found} risk={result.risk:.2f} "
                      f"| {row['text'][:110]}")


if __name__ == "__main__":
    main()
