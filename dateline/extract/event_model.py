"""A learned judge of sentences: does it report a concrete event that happened, and of which type?

Two linear models over hashed word n-grams, trained by `scripts/train_event_model.py` from real
labelled text (see `dateline/data/models/event_model.md`, the model card):

- `event`: the probability that a sentence reports an event that happened (not a threat, plan,
  denial, statement, generic activity or tally);
- `type`: the probability of each ACLED event type (Protests and Riots are one class: the 2018
  ACLED coding does not tell them apart).

The features are computed here, for training and for use alike, so both see the same numbers.
Scoring is a sum of weight rows in numpy: no scikit-learn at run time, microseconds a sentence.
"""
from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_DIR = "models"
WEIGHTS = "event_model.npz"
TYPES = ("Explosions/Remote violence", "Battles", "Violence against civilians", "Protests/Riots",
         "Strategic developments")

VETO_BELOW = 0.25
_TOKEN = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+")


def tokens(text: str) -> list[str]:
    """Lower-cased words; numbers become '0' so a count does not become a word of its own."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


def features(text: str, bits: int) -> list[int]:
    """Hashed indices of the unigrams, bigrams and a bias feature of `text`."""
    words = tokens(text)
    grams = ["<bias>"] + words + [f"{a} {b}" for a, b in zip(["<s>"] + words, words + ["</s>"])]
    mask = (1 << bits) - 1
    return [zlib.crc32(g.encode()) & mask for g in grams]


@dataclass(frozen=True)
class Judgement:
    """The model's view of one sentence."""

    event: float                 # P(the sentence reports an event that happened)
    types: dict[str, float]      # P(event type), over TYPES

    @property
    def event_logit(self) -> float:
        p = min(max(self.event, 1e-6), 1 - 1e-6)
        return math.log(p / (1 - p))

    def describe(self) -> str:
        best = max(self.types, key=self.types.__getitem__)
        return f"model: event {self.event:.2f}, type {best} {self.types[best]:.2f}"


class EventModel:
    """Loaded weights: `event` (bits-wide vector) and `type` (bits × classes)."""

    def __init__(self, event_w: np.ndarray, type_w: np.ndarray, bits: int, meta: dict) -> None:
        self.event_w = event_w.astype(np.float32)
        self.type_w = type_w.astype(np.float32)
        self.bits = bits
        self.meta = meta
        self.combine: dict[str, float] = dict(meta.get("combine", {}))
        self._recent: dict[str, Judgement] = {}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], meta: dict) -> EventModel:
        return cls(arrays["event"], arrays["type"], int(meta["bits"]), meta)

    def judge(self, text: str) -> Judgement:
        """The judgement of a sentence; the last few are remembered (a sentence has several
        clauses, each decided on the sentence's score)."""
        cached = self._recent.get(text)
        if cached is None:
            cached = self._judge(text)
            if len(self._recent) > 64:
                self._recent.clear()
            self._recent[text] = cached
        return cached

    def _judge(self, text: str) -> Judgement:
        idx = features(text, self.bits)
        z = float(self.event_w[idx].sum())
        scores = self.type_w[idx].sum(axis=0)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return Judgement(1.0 / (1.0 + math.exp(-z)), {t: float(s) for t, s in zip(TYPES, scores)})

    def decide(self, reason: str | None, judgement: Judgement, flags: dict[str, bool]) -> tuple[bool, str]:
        """One decision over the rules' finding for a clause and the model's score of its
        sentence: a logistic combination whose weights were fitted on cross-validated clauses
        (the `combine` entry of the metadata). Returns (keep, the words `explain` shows)."""
        w = self.combine
        z = w.get("bias", 0.0) + w.get("model", 1.0) * judgement.event_logit
        z += w.get(f"reason:{reason or 'none'}", 0.0)
        z += sum(w.get(name, 0.0) for name, on in flags.items() if on)
        p = 1.0 / (1.0 + math.exp(-z))
        finding = f"rules: {reason}" if reason else "rules: a concrete event"
        if reason and not (flags.get("own_date") or flags.get("specific_place")):
            # A clause the rules doubt stands as an event of its own only with its own time or
            # place; otherwise it is a detail of an event told before (its figures join that one).
            return False, f"{judgement.describe()}; {finding}; no time or place of its own"
        # The learned weights put the cut at 0.5 for every clause; a clause the rules read as a
        # concrete event is dropped only when the combination is sure it is not one (below
        # VETO_BELOW): the rules' reading is what gives its date, place and actors, and the
        # training label (the sentence quotes a gold event) undercounts such clauses.
        if reason is None and (flags.get("own_date") or flags.get("specific_place")):
            # The rules read a concrete event with its own time or place: the judge of a whole
            # sentence (trained on about a thousand) is not sure enough to veto it.
            return True, f"{judgement.describe()}; {finding}; combined {p:.2f}; kept: own time or place"
        keep = p >= (VETO_BELOW if reason is None else 0.5)
        return keep, f"{judgement.describe()}; {finding}; combined {p:.2f}"


@lru_cache(maxsize=1)
def default_model() -> EventModel | None:
    """The shipped model, or None when the package was built without it."""
    folder = resources.files("dateline.data").joinpath(MODEL_DIR)
    weights = folder.joinpath(WEIGHTS)
    if not weights.is_file():
        return None
    with weights.open("rb") as handle:
        data = np.load(handle, allow_pickle=False)
        arrays = {k: data[k] for k in data.files if k != "meta"}
        meta = json.loads(str(data["meta"]))
    return EventModel.from_arrays(arrays, meta)


__all__ = ["EventModel", "Judgement", "TYPES", "default_model", "features", "tokens"]
