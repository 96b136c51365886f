"""Labelled comments for training, calibrating and measuring the screen: reading them and
splitting them.

Two line formats are read: the shared training set's (`text`, `violating`, `reasons`) and the
project's own test set's (`text`, `labels`). The split is by a hash of the `id`, so it is stable
whatever order the file is in: 70 % train, 10 % validation (thresholds), 20 % test. Which sources
may train shipped weights follows ../shared/data/comments/README.md: the others only measure."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dateline.moderation.features import REASONS

TRAIN_SOURCES = ("davidson", "ghc", "hatexplain", "jigsaw", "sms", "hateval")
MEASURE_SOURCES = ("sfu_ctc", "datacamp", "impermium")


class LabelledError(ValueError):
    """A labelled line cannot be read."""


@dataclass(frozen=True)
class Labelled:
    id: str
    text: str
    violating: bool
    reasons: frozenset[str]
    source: str


def split_of(comment_id: str) -> str:
    """Returns "train", "validation" or "test" for an id (a stable hash, not the file order)."""
    bucket = int(hashlib.sha1(comment_id.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 7 else "validation" if bucket == 7 else "test"


def comment_row(line: str) -> tuple[dict[str, Any], str]:
    """Returns a JSONL line's object and its `text`. Raises ValueError, KeyError or TypeError when
    the line is not JSON, has no text, or its text is not a string."""
    row = json.loads(line)
    text = row["text"]
    if not isinstance(text, str):
        raise TypeError("text is not a string")
    return row, text


def read_labelled(lines: Iterable[str], name: str = "input") -> list[Labelled]:
    """Returns the labelled comments of a JSONL stream. Raises LabelledError naming the line."""
    found = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row, text = comment_row(line)
            if "violating" in row:
                reasons = frozenset(row.get("reasons") or ())
                violating = bool(row["violating"])
            else:
                reasons = frozenset(row["labels"])
                violating = bool(reasons)
        except (ValueError, KeyError, TypeError) as error:
            raise LabelledError(f"{name}: line {number}: not a labelled comment "
                                f"(needs text and violating or labels): {error}") from error
        unknown = reasons - set(REASONS)
        if unknown:
            raise LabelledError(f"{name}: line {number}: unknown reason {sorted(unknown)[0]!r}")
        found.append(Labelled(str(row.get("id", number)), text, violating, reasons,
                              str(row.get("source", ""))))
    return found


@dataclass(frozen=True)
class Figures:
    """Screen quality on labelled comments: violating recall and clean false-positive rate for
    flag-or-review (and for flag alone), and precision / recall per named reason."""

    comments: int
    violating: int
    recall: float
    fpr: float
    flag_recall: float
    flag_fpr: float
    reasons: dict[str, tuple[float, float, int]]  # precision, recall, support


def figures(rows: list[Labelled], decisions: list[str], named: list[set[str]]) -> Figures:
    """Returns the figures of screen decisions and named reasons against the labels."""
    bad = [i for i, row in enumerate(rows) if row.violating]
    good = [i for i, row in enumerate(rows) if not row.violating]

    def share(indices: list[int], wanted: tuple[str, ...]) -> float:
        return sum(decisions[i] in wanted for i in indices) / len(indices) if indices else float("nan")

    reasons = {}
    for reason in REASONS:
        tp = sum(1 for i, row in enumerate(rows) if reason in row.reasons and reason in named[i])
        found = sum(1 for i in range(len(rows)) if reason in named[i])
        support = sum(1 for row in rows if reason in row.reasons)
        reasons[reason] = (tp / found if found else float("nan"),
                           tp / support if support else float("nan"), support)
    return Figures(len(rows), len(bad), share(bad, ("flag", "review")),
                   share(good, ("flag", "review")), share(bad, ("flag",)), share(good, ("flag",)),
                   reasons)


def figures_table(title: str, result: Figures) -> list[str]:
    """Returns the figures as Markdown lines."""
    lines = [f"**{title}**: {result.comments} comments, {result.violating} violating. "
             f"Flag or review: violating recall **{result.recall:.3f}**, clean FPR "
             f"**{result.fpr:.3f}**; flag alone: recall {result.flag_recall:.3f}, "
             f"FPR {result.flag_fpr:.3f}.", "",
             "| reason | precision | recall | support |", "| --- | --- | --- | --- |"]
    for reason, (precision, recall, support) in result.reasons.items():
        if support:
            lines.append(f"| {reason} | {precision:.3f} | {recall:.3f} | {support} |")
    return lines + [""]
