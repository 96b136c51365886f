"""The trained screen: one logistic model per head (the comment violates the policy at all, each
policy reason, and promotion against every other comment) over the features of features.py,
evaluated with numpy. The overall probability is the larger of the two detectors (DETECTORS).

The weights (data/screen_weights.npz) are written by scripts/train_screen.py; the hashed part is
stored as int8 with one scale per head (a 2^18 x 7 table in well under a megabyte compressed).
How it was trained and what it scores on data it did not see: data/SCREEN_MODEL.md."""
from __future__ import annotations

import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from dateline.moderation.features import BUCKETS, DENSE, REASONS, Features

# "violating" says whether the comment breaks the policy at all; each reason head, trained on
# violating comments only, says which reason; "promotion_vs_all", trained on every comment, says
# whether it promotes something. Spam is unlike abuse, and one head for both underweights it: on
# the validation split, SMS spam recall at the same threshold rose from 0.82 to 0.95 when the
# overall probability became the larger of "violating" and "promotion_vs_all"
# (scripts/train_screen.py, SCREEN_MODEL.md).
DETECTORS = ("violating", "promotion_vs_all")
HEADS = ("violating", *REASONS, "promotion_vs_all")
WEIGHTS_FILE = "screen_weights.npz"


class ModelUnavailable(Exception):
    """The shipped weights are missing or do not fit the features of this version."""


@dataclass(frozen=True)
class Scores:
    """The probability of each head (HEADS order) and the per-token contribution to each
    head's log-odds from the hashed n-grams."""

    probabilities: dict[str, float]
    by_token: np.ndarray  # (tokens, heads)
    dense: np.ndarray  # (len(DENSE), heads): each dense signal's contribution


class ScreenModel:
    """Linear heads over hashed n-grams and dense signals."""

    def __init__(self, hashed: np.ndarray, dense: np.ndarray, bias: np.ndarray,
                 trained: str = "") -> None:
        if hashed.shape != (BUCKETS, len(HEADS)) or dense.shape != (len(DENSE), len(HEADS)):
            raise ModelUnavailable(f"screen weights have shape {hashed.shape} and {dense.shape}, "
                                   f"expected ({BUCKETS}, {len(HEADS)}) and ({len(DENSE)}, {len(HEADS)})")
        self.hashed = np.ascontiguousarray(hashed, dtype=np.float32)
        self.dense = np.asarray(dense, dtype=np.float64)
        self.bias = np.asarray(bias, dtype=np.float64)
        self.trained = trained

    @classmethod
    def load(cls, path: Path | None = None) -> ScreenModel:
        """Returns the model in `path` (default: the shipped data/screen_weights.npz)."""
        source = path or (resources.files("dateline.moderation") / "data" / WEIGHTS_FILE)
        try:
            with source.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
                heads = tuple(str(name) for name in data["heads"])
                dense_names = tuple(str(name) for name in data["dense_names"])
                if heads != HEADS or dense_names != DENSE:
                    raise ModelUnavailable(f"{source}: the weights were trained for other heads "
                                           "or features; retrain with scripts/train_screen.py")
                hashed = data["hashed"].astype(np.float32) * data["hashed_scale"].astype(np.float32)
                return cls(hashed, data["dense"], data["bias"], str(data["trained"]))
        except (OSError, KeyError, ValueError) as error:
            raise ModelUnavailable(f"{source}: cannot read the screen weights ({error})") from error

    def save(self, path: Path, trained: str) -> None:
        """Writes the weights, the hashed part quantised to int8 per head."""
        peak = np.abs(self.hashed).max(axis=0)
        scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        quantised = np.round(self.hashed / scale).astype(np.int8)
        np.savez_compressed(path, hashed=quantised, hashed_scale=scale,
                            dense=self.dense.astype(np.float32), bias=self.bias.astype(np.float32),
                            heads=np.array(HEADS), dense_names=np.array(DENSE),
                            trained=np.array(trained))

    def scores(self, features: Features, tokens: int) -> Scores:
        """Returns the probabilities of every head and where they came from."""
        by_token = np.zeros((max(tokens, 1), len(HEADS)))
        if features.buckets:
            rows = self.hashed[features.buckets]
            # Owners ascend (features are made token by token): sum each token's run at once.
            owners = np.asarray(features.owners)
            starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
            by_token[owners[starts]] = np.add.reduceat(rows, starts, axis=0) * features.scale
        dense = np.asarray(features.dense)[:, None] * self.dense
        logits = by_token.sum(axis=0) + dense.sum(axis=0) + self.bias
        probabilities = {head: _sigmoid(float(value)) for head, value in zip(HEADS, logits)}
        probabilities["violating"] = max(probabilities[head] for head in DETECTORS)
        return Scores(probabilities, by_token, dense)


def _sigmoid(value: float) -> float:
    if value < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))
