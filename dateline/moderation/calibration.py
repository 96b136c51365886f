"""The screen's decision thresholds (data/screen_thresholds.toml) and how they are chosen from
labelled comments: **review** from the overall probability that keeps the false-positive rate on
clean comments within a target, **flag** from the (higher) probability that keeps it within a
stricter one, and for each reason the threshold of best F1 among the
violating comments. `dateline comments calibrate` and scripts/train_screen.py both call
`choose`."""
from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dateline.moderation.features import REASONS

THRESHOLDS_FILE = "screen_thresholds.toml"
DECISIONS = ("flag", "review", "clear")


class CalibrationError(ValueError):
    """A thresholds file or a labelled file cannot be used."""


@dataclass(frozen=True)
class Thresholds:
    """`review` and `flag` apply to the overall probability; `reasons[r]` to each reason's."""

    review: float = 0.5
    flag: float = 0.9
    reasons: dict[str, float] = field(default_factory=lambda: {r: 0.5 for r in REASONS})
    max_clean_fpr: float = 0.04
    flag_clean_fpr: float = 0.01
    note: str = ""

    def decision(self, probability: float) -> str:
        if probability >= self.flag:
            return "flag"
        return "review" if probability >= self.review else "clear"


def default_path() -> Path:
    return Path(str(resources.files("dateline.moderation") / "data" / THRESHOLDS_FILE))


def load_thresholds(path: Path | None = None) -> Thresholds:
    """Returns the thresholds in `path` (default: the shipped data/screen_thresholds.toml)."""
    path = path or default_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        decision = data["decision"]
        reasons = {reason: float(data["reasons"][reason]) for reason in REASONS}
        result = Thresholds(review=float(decision["review"]), flag=float(decision["flag"]),
                            reasons=reasons,
                            max_clean_fpr=float(decision.get("max_clean_fpr", 0.04)),
                            flag_clean_fpr=float(decision.get("flag_clean_fpr", 0.01)),
                            note=str(data.get("note", "")))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise CalibrationError(f"{path}: not a thresholds file ({error})") from error
    if not 0.0 < result.review <= result.flag <= 1.0:
        raise CalibrationError(f"{path}: review must be above 0 and at most flag, flag at most 1")
    return result


def save_thresholds(thresholds: Thresholds, path: Path) -> None:
    """Writes thresholds as TOML (numbers rounded to 4 places)."""
    lines = ["# Decision thresholds of the comment screen (dateline/moderation/calibration.py).",
             "# Recompute with: dateline comments calibrate LABELLED.jsonl",
             f'note = "{thresholds.note}"', "", "[decision]",
             "# Overall probability from which a comment goes to review, and from which it is flagged.",
             f"review = {thresholds.review:.4f}", f"flag = {thresholds.flag:.4f}",
             "# The targets they were chosen for.",
             f"max_clean_fpr = {thresholds.max_clean_fpr}",
             f"flag_clean_fpr = {thresholds.flag_clean_fpr}", "", "[reasons]",
             "# A reason is named when its probability reaches its threshold."]
    lines += [f"{reason} = {thresholds.reasons[reason]:.4f}" for reason in REASONS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def choose(overall: Sequence[float], violating: Sequence[bool],
           by_reason: dict[str, Sequence[float]], gold: Sequence[set[str]],
           max_clean_fpr: float = 0.04, flag_clean_fpr: float = 0.01,
           note: str = "") -> Thresholds:
    """Returns thresholds chosen on labelled comments: `overall[i]` is comment i's overall
    probability, `by_reason[r][i]` its probability of reason r, `gold[i]` its reasons."""
    review, flag = decision_thresholds(overall, violating, max_clean_fpr, flag_clean_fpr)
    reasons = {}
    for reason in REASONS:
        scores = by_reason[reason]
        pairs = [(scores[i], reason in gold[i]) for i in range(len(scores)) if violating[i]]
        reasons[reason] = _best_f1(pairs)
    return Thresholds(review=review, flag=flag, reasons=reasons,
                      max_clean_fpr=max_clean_fpr, flag_clean_fpr=flag_clean_fpr, note=note)


def decision_thresholds(overall: Sequence[float], violating: Sequence[bool],
                        max_clean_fpr: float = 0.04,
                        flag_clean_fpr: float = 0.01) -> tuple[float, float]:
    """Returns (review, flag): the overall probabilities from which at most `max_clean_fpr`
    and `flag_clean_fpr` of the clean comments go to review and are flagged."""
    clean = sorted((p for p, bad in zip(overall, violating) if not bad), reverse=True)
    if not clean or not any(violating):
        raise CalibrationError("calibration needs both violating and clean comments")
    review = _fpr_threshold(clean, max_clean_fpr)
    return review, max(_fpr_threshold(clean, flag_clean_fpr), review)


def _fpr_threshold(clean: list[float], rate: float) -> float:
    """Returns the lowest threshold letting at most `rate` of the clean comments (their
    probabilities, highest first) through: just above the first one past the allowed count."""
    allowed = int(rate * len(clean))
    # Thresholds are kept to 4 places, rounded up so that the comment at the limit stays out.
    above = math.floor(clean[allowed] * 10_000 + 1) / 10_000 if allowed < len(clean) else 0.0001
    return min(1.0, above)


def _best_f1(pairs: list[tuple[float, bool]]) -> float:
    ranked = sorted(pairs, key=lambda pair: -pair[0])
    total = sum(good for _, good in ranked)
    if not total:
        return 0.5
    best, threshold, hits = 0.0, 0.5, 0
    for count, (score, good) in enumerate(ranked, 1):
        hits += good
        f1 = 2 * hits / (count + total)
        if f1 > best:
            best, threshold = f1, score
    return round(threshold, 4)
