"""The offensive-language classifier: alt-profanity-check's linear model (TF-IDF words and a
calibrated linear SVM trained on toxic comments; MIT), shipped inside its wheel and run offline.
Its numbers are exported once into data/profanity_check.npz (scripts/train_screen.py) so that
screening loads them without scikit-learn.

The model is read once from the package and evaluated in plain Python: scikit-learn's
per-call overhead (about 5 ms for one comment) would be most of the screening budget, while the
arithmetic is a dozen dictionary look-ups. Words that are news vocabulary or name identity
groups (data/neutral_words.txt) are left out, because the model learnt from
Wikipedia and Twitter quarrels that "killed", "strike", "terrorists" or "gay" mark abuse, which
on a conflict site they do not."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

EXPORT_FILE = "profanity_check.npz"
# The vectoriser's own token pattern (scikit-learn's default), so the vocabulary lines up.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class ClassifierUnavailable(Exception):
    """The classifier package is not installed or its model cannot be read."""


@dataclass(frozen=True)
class ClassifierScore:
    """The model's probability that a comment is offensive, and the words that pushed it up."""

    probability: float
    words: tuple[str, ...]


class OffensiveLanguageModel:
    """A calibrated linear model over TF-IDF word weights, evaluated without scikit-learn."""

    def __init__(self, weights: dict[str, tuple[float, tuple[float, ...]]],
                 intercepts: tuple[float, ...], calibration: tuple[tuple[float, float], ...],
                 neutral: Iterable[str] = ()) -> None:
        # weights[word] = (idf, coefficient of each cross-validation fold's model)
        self.weights = weights
        self.intercepts = intercepts
        self.calibration = calibration
        self.neutral = frozenset(neutral)

    @classmethod
    def from_package(cls, neutral: Iterable[str] | None = None) -> OffensiveLanguageModel:
        """Returns the model shipped in the `alt-profanity-check` wheel."""
        try:
            import joblib
            model_dir = resources.files("profanity_check") / "data"
            vectorizer = joblib.load(str(model_dir / "vectorizer.joblib"))
            model = joblib.load(str(model_dir / "model.joblib"))
        except (ImportError, ModuleNotFoundError, OSError) as error:
            raise ClassifierUnavailable(
                f"alt-profanity-check is not installed or unreadable ({error})") from error
        folds = model.calibrated_classifiers_
        idf = vectorizer.idf_
        coefficients = [fold.estimator.coef_[0] for fold in folds]
        weights = {word: (float(idf[index]), tuple(float(c[index]) for c in coefficients))
                   for word, index in vectorizer.vocabulary_.items()}
        intercepts = tuple(float(fold.estimator.intercept_[0]) for fold in folds)
        calibration = tuple((float(fold.calibrators[0].a_), float(fold.calibrators[0].b_))
                            for fold in folds)
        return cls(weights, intercepts, calibration,
                   load_neutral_words() if neutral is None else neutral)

    @classmethod
    def load(cls, path: Path | None = None,
             neutral: Iterable[str] | None = None) -> OffensiveLanguageModel:
        """Returns the model as exported from the wheel into data/profanity_check.npz (by
        scripts/train_screen.py): the same numbers, read in milliseconds without importing
        scikit-learn (which alone takes most of a second)."""
        source = path or (resources.files("dateline.moderation") / "data" / EXPORT_FILE)
        try:
            with source.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
                words = [str(word) for word in data["words"]]
                idf = data["idf"].tolist()
                coefficients = data["coefficients"].tolist()
                intercepts = tuple(data["intercepts"].tolist())
                calibration = tuple((float(a), float(b)) for a, b in data["calibration"])
        except (OSError, KeyError, ValueError) as error:
            raise ClassifierUnavailable(f"{source}: cannot read the exported offensive-language "
                                        f"model ({error})") from error
        weights = {word: (idf[index], tuple(coefficients[index]))
                   for index, word in enumerate(words)}
        return cls(weights, intercepts, calibration,
                   load_neutral_words() if neutral is None else neutral)

    def export(self, path: Path) -> None:
        """Writes the model's numbers (vocabulary, idf, each fold's coefficients, intercepts
        and calibration) for `load`."""
        words = sorted(self.weights)
        np.savez_compressed(path, words=np.array(words),
                            idf=np.array([self.weights[word][0] for word in words]),
                            coefficients=np.array([self.weights[word][1] for word in words]),
                            intercepts=np.array(self.intercepts),
                            calibration=np.array(self.calibration))

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self.weights)

    def score(self, text: str) -> ClassifierScore:
        """Returns the probability that `text` (already normalised) is offensive."""
        counts = Counter(token for token in _TOKEN.findall(text.lower())
                         if token in self.weights and token not in self.neutral)
        values = {word: count * self.weights[word][0] for word, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in values.values())) or 1.0
        folds = len(self.intercepts)
        probability = 0.0
        for fold in range(folds):
            decision = self.intercepts[fold] + sum(
                value / norm * self.weights[word][1][fold] for word, value in values.items())
            slope, offset = self.calibration[fold]
            probability += _sigmoid(-(slope * decision + offset))
        contributions = sorted(
            ((value / norm * sum(self.weights[word][1]) / folds, word)
             for word, value in values.items()), reverse=True)
        pushing = tuple(word for contribution, word in contributions[:3] if contribution > 0.3)
        return ClassifierScore(probability / folds, pushing)


def _sigmoid(value: float) -> float:
    if value < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-value))


def load_neutral_words() -> frozenset[str]:
    """Returns the words the classifier must not count (data/neutral_words.txt)."""
    text = (resources.files("dateline.moderation") / "data" / "neutral_words.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))
