"""Screening: the decision on a comment (flag, review or clear), the policy reasons it gives,
each with its probability and the words that drove it, and the risk that orders the queue.

The shipped screener is the trained screen (features.py, screen_model.py) with its calibrated
thresholds (calibration.py); the word lists and patterns (data/) and the third-party
offensive-language classifier (classifier.py) are among its features. Without a model the lists,
patterns and classifier decide on their own, as before the screen was trained."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateline.moderation.calibration import Thresholds, load_thresholds
from dateline.moderation.classifier import OffensiveLanguageModel
from dateline.moderation.features import DENSE, Features, featurise
from dateline.moderation.labelled import comment_row
from dateline.moderation.lexicon import Lexicon, load_lexicon
from dateline.moderation.normalise import Normaliser, Normalised
from dateline.moderation.patterns import Evidence, PatternSet, load_patterns
from dateline.moderation.screen_model import Scores, ScreenModel

REASONS = ("profanity", "threat", "personal_attack", "vulgarity", "abuse", "promotion")
ABUSE_SUBS = ("sexism", "racism", "homophobia", "xenophobia", "other")
# A reason at or above this score is flagged; below it, it is a hint shown to moderators only.
FLAG_AT = 0.5
# The classifier alone flags a comment from this probability on (see benchmarks/screening_quality.py).
CLASSIFIER_FLAGS_AT = 0.9
# From this probability the classifier lifts a hint (a weak insult, a mild swear word) to a flag.
CLASSIFIER_LIFTS_AT = 0.7
# Reasons the classifier knows about: it was trained on insults and swearing, not promotion.
_CLASSIFIER_REASONS = ("personal_attack", "profanity", "abuse", "vulgarity")
# A comment with this share of its letters outside the Latin script is not English.
OTHER_SCRIPT_SHARE = 0.3
LANGUAGE_NOT_SCREENED = "language not screened"
# A word whose n-grams add this much to a reason's log-odds is shown as a trigger.
MODEL_WORD_AT = 0.3


@dataclass(frozen=True)
class Reason:
    """One policy reason found in a comment: its score, the words as typed and their spans."""

    reason: str
    score: float
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    sub: str | None = None
    rules: tuple[str, ...] = ()

    def as_dict(self, spans: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {"reason": self.reason}
        if self.sub:
            result["sub"] = self.sub
        result["score"] = round(self.score, 3)
        result["words"] = list(self.words)
        if spans:
            result["spans"] = [list(span) for span in self.spans]
            result["rules"] = list(self.rules)
        return result

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reason:
        return cls(reason=data["reason"], score=float(data["score"]),
                   words=tuple(data.get("words", ())),
                   spans=tuple((int(a), int(b)) for a, b in data.get("spans", ())),
                   sub=data.get("sub"), rules=tuple(data.get("rules", ())))


@dataclass(frozen=True)
class Screening:
    """What screening found: the decision (flag, review or clear), the reasons named (each with
    its probability and the words that drove it), weaker hints, and the risk that orders the
    moderation queue (the overall probability; at least the review threshold for a comment in a
    language the screen does not read)."""

    reasons: tuple[Reason, ...]
    risk: float
    hints: tuple[Reason, ...] = ()
    classifier: float | None = None
    decision: str = "clear"
    probability: float | None = None
    note: str = ""
    # Every reason's probability (the trained screen only; not stored): for calibration.
    scores: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def flagged(self) -> bool:
        """True when the screen flags the comment (shown first, reasons pre-filled)."""
        return self.decision == "flag"

    @property
    def suspect(self) -> bool:
        """True when the comment is flagged or sent to review: the screen's "violating"."""
        return self.decision != "clear"

    def as_dict(self) -> dict[str, Any]:
        """Returns the public form: decision, reasons and risk (and a note when there is one)."""
        result: dict[str, Any] = {"decision": self.decision,
                                  "reasons": [reason.as_dict() for reason in self.reasons],
                                  "risk": round(self.risk, 4)}
        if self.note:
            result["note"] = self.note
        return result

    def to_json(self) -> str:
        """Returns everything, spans and hints included, for storing with the comment."""
        return json.dumps({
            "decision": self.decision,
            "reasons": [reason.as_dict(spans=True) for reason in self.reasons],
            "hints": [reason.as_dict(spans=True) for reason in self.hints],
            "risk": round(self.risk, 4),
            "probability": None if self.probability is None else round(self.probability, 3),
            "note": self.note,
            "classifier": None if self.classifier is None else round(self.classifier, 3),
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Screening:
        data = json.loads(text)
        risk = float(data["risk"])
        reasons = tuple(Reason.from_dict(item) for item in data["reasons"])
        # Screenings stored before the decision existed: flagged reasons meant "flag".
        decision = data.get("decision") or ("flag" if reasons else "clear")
        return cls(reasons=reasons,
                   hints=tuple(Reason.from_dict(item) for item in data.get("hints", ())),
                   risk=risk, classifier=data.get("classifier"), decision=decision,
                   probability=data.get("probability"), note=data.get("note") or "")


@dataclass
class _Pile:
    """Evidence gathered for one reason."""

    evidence: list[Evidence] = field(default_factory=list)

    def score(self) -> float:
        # The strongest piece counts in full, the others a little: two weak hints ("stupid",
        # "pathetic") stay a hint, three strong insults rank above one.
        scores = sorted((item.score for item in self.evidence), reverse=True)
        return min(0.99, scores[0] + 0.15 * sum(scores[1:])) if scores else 0.0


class Screener:
    """Screens comments. With a trained `model` (the shipped screener) the model's heads decide
    and the word lists and patterns are among its features; without one, the lists and patterns
    (and the optional third-party `classifier`) decide as before the model existed, which tests
    and the quality benchmark use to compare."""

    def __init__(self, lexicon: Lexicon | None = None, patterns: PatternSet | None = None,
                 classifier: OffensiveLanguageModel | None = None, use_rules: bool = True,
                 model: ScreenModel | None = None, thresholds: Thresholds | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.patterns = patterns or load_patterns(self.lexicon)
        self.classifier = classifier
        self.use_rules = use_rules
        self.model = model
        self.thresholds = thresholds or Thresholds()
        known = set(self.lexicon.words) | _common_words()
        if classifier is not None:
            known |= classifier.vocabulary
        self.normalise = Normaliser(known, self.lexicon.spell,
                                    spell_joined=self.lexicon.spell_joined)

    def screen(self, text: str) -> Screening:
        """Returns the screening of one comment."""
        reading = self.normalise(text)
        piles, names, listed = self._rules(reading)
        if self.model is not None:
            return self._screen_with_model(reading, piles)
        probability = None
        if self.classifier is not None:
            # The model reads the words our lists did not already judge, so that its score is
            # evidence of its own: "stupid" must not count once as a hint and again as the
            # model's reason to lift that hint ("it's stupid to think bombing will work").
            result = self.classifier.score(" ".join(
                token.canonical for position, token in enumerate(reading.tokens)
                if position not in names and position not in listed))
            probability = result.probability
            self._add_classifier(piles, reading, probability, result.words)
        return self._combine(reading, piles, probability)

    def features(self, text: str) -> tuple[Normalised, Features]:
        """Returns a comment as read and its features for the trained model."""
        reading = self.normalise(text)
        piles, _, _ = self._rules(reading)
        return reading, featurise(reading, _rule_scores(piles), self._offensive(reading))

    def _offensive(self, reading: Normalised) -> float:
        """Returns the third-party offensive-language model's probability (0 without it)."""
        return self.classifier.score(reading.text).probability if self.classifier else 0.0

    def _rules(self, reading: Normalised) -> tuple[dict[str, _Pile], set[int], set[int]]:
        """Returns the word-list and pattern evidence by reason, the positions of listed words
        used as first names, and the positions of the listed words found."""
        piles: dict[str, _Pile] = {}
        names = self._first_names(reading)
        listed: set[int] = set()
        if self.use_rules:
            words = self._word_evidence(reading, names)
            starts = {item.start for item in words}
            listed = {position for position, token in enumerate(reading.tokens)
                      if token.start in starts}
            for item in words + self.patterns.find(reading):
                piles.setdefault(item.reason, _Pile()).evidence.append(item)
        return piles, names, listed

    def _screen_with_model(self, reading: Normalised, piles: dict[str, _Pile]) -> Screening:
        assert self.model is not None
        features = featurise(reading, _rule_scores(piles), self._offensive(reading))
        scores = self.model.scores(features, len(reading.tokens))
        probability = round(scores.probabilities["violating"], 4)
        thresholds = self.thresholds
        decision = thresholds.decision(probability)
        note = ""
        if features.dense[DENSE.index("other_script")] >= OTHER_SCRIPT_SHARE:
            # Not English: the n-grams know nothing of it; the lexicons know a few words.
            if not any(pile.score() > 0 for pile in piles.values()):
                note = LANGUAGE_NOT_SCREENED
            if decision == "clear":
                decision = "review"
        named, hints = [], []
        for position, name in enumerate(REASONS, 1):
            value = round(scores.probabilities[name], 4)
            # In a language not screened, the n-grams' reasons mean nothing: hints at most.
            if decision != "clear" and value >= thresholds.reasons[name] and not note:
                named.append(self._explain(reading, piles.get(name), scores, position, name, value))
            # A hint from the model alone needs the joint probability (the reason heads are
            # fitted on violating comments only: P(reason | violating) of a clean comment is
            # no evidence, e.g. "abuse" 0.61 on "a careful report on the attack" at 0.08).
            elif probability * value >= thresholds.reasons[name] / 2 or name in piles:
                hints.append(self._explain(reading, piles.get(name), scores, position, name, value))
        if decision != "clear" and not named and hints and not note:
            # The screen is sure something is wrong but no reason passes its threshold: the
            # likeliest one is pre-filled for the moderator all the same.
            best = max(hints, key=lambda reason: reason.score)
            hints.remove(best)
            named.append(best)
        named.sort(key=lambda reason: -reason.score)
        hints.sort(key=lambda reason: -reason.score)
        risk = max(probability, thresholds.review) if decision != "clear" else probability
        return Screening(tuple(named), round(risk, 4), tuple(hints), None, decision,
                         probability, note,
                         {name: round(scores.probabilities[name], 4) for name in REASONS})

    def _explain(self, reading: Normalised, pile: _Pile | None, scores: Scores, head: int,
                 name: str, value: float) -> Reason:
        """Returns a reason with the words that drove it: the listed words and patterns found
        for it, and the words whose n-grams add most to its log-odds."""
        spans = {(item.start, item.end) for item in pile.evidence if item.end > item.start} \
            if pile else set()
        rules = list(dict.fromkeys(item.rule for item in pile.evidence)) if pile else []
        column = scores.by_token[:, head]
        # Function words ("you", "for") are not shown as triggers: they explain nothing alone.
        stop = _common_words()
        top = [position for position in column.argsort()[::-1][:5]
               if column[position] >= MODEL_WORD_AT and position < len(reading.tokens)
               and reading.tokens[position].canonical not in stop][:3]
        for position in top:
            token = reading.tokens[position]
            spans.add((token.start, token.end))
        if top:
            rules.append("model")
        # A word inside a longer span found for the same reason is shown once, in the span.
        ordered = sorted(span for span in spans if not any(
            other != span and other[0] <= span[0] and span[1] <= other[1] for other in spans))
        words = tuple(dict.fromkeys(reading.original[a:b] for a, b in ordered))
        sub = None
        if name == "abuse":
            sub = next((item.sub for item in pile.evidence if item.sub), None) if pile else None
            sub = sub or "other"
        return Reason(name, round(value, 4), words, tuple(ordered), sub, tuple(rules))

    def _first_names(self, reading: Normalised) -> set[int]:
        """Returns the positions of listed words used as a first name ("Dick Cheney")."""
        tokens = reading.tokens
        return {position for position, token in enumerate(tokens[:-1])
                if token.canonical in self.lexicon.first_names and token.capitalised
                and tokens[position + 1].capitalised}

    def _word_evidence(self, reading: Normalised, names: set[int]) -> list[Evidence]:
        found = []
        for position, token in enumerate(reading.tokens):
            if position in names:
                continue
            for hit in self.lexicon.match(token.forms, token.masked):
                if hit.entry.score > 0:
                    found.append(Evidence(hit.entry.reason, hit.entry.sub, hit.entry.score,
                                          "word", token.start, token.end))
                if hit.entry.also:
                    found.append(Evidence(hit.entry.also, None, 0.6, "word", token.start,
                                          token.end))
        return found

    def _add_classifier(self, piles: dict[str, _Pile], reading: Normalised, probability: float,
                        words: tuple[str, ...]) -> None:
        spans = _spans_of(reading, words)
        start, end = spans[0] if spans else (0, 0)
        weak = [name for name in _CLASSIFIER_REASONS
                if name in piles and 0 < piles[name].score() < FLAG_AT]
        flagged = any(pile.score() >= FLAG_AT for pile in piles.values())
        if probability >= CLASSIFIER_LIFTS_AT and weak and not flagged:
            # The model agrees with a weak word-list signal: lift the strongest one to a flag.
            name = max(weak, key=lambda reason: piles[reason].score())
            first = piles[name].evidence[0]
            piles[name].evidence.append(Evidence(name, first.sub, FLAG_AT + (probability - 0.7) / 2,
                                                 "classifier", start, end))
        elif probability >= CLASSIFIER_FLAGS_AT and not flagged:
            # Offensive by the model and by nothing on our lists: most such comments are insults.
            piles.setdefault("personal_attack", _Pile()).evidence.append(
                Evidence("personal_attack", None, 0.5 + (probability - 0.9) * 3, "classifier",
                         start, end))

    def _combine(self, reading: Normalised, piles: dict[str, _Pile],
                 probability: float | None) -> Screening:
        reasons = []
        for name in REASONS:
            pile = piles.get(name)
            if pile is None or pile.score() <= 0:
                continue
            strongest = max(pile.evidence, key=lambda item: item.score)
            spans = sorted({(item.start, item.end) for item in pile.evidence if item.end > item.start})
            words = tuple(dict.fromkeys(reading.original[a:b] for a, b in spans))
            rules = tuple(dict.fromkeys(item.rule for item in pile.evidence))
            sub = strongest.sub if name == "abuse" else None
            if name == "abuse" and sub is None:
                sub = next((item.sub for item in pile.evidence if item.sub), "other")
            reasons.append(Reason(name, pile.score(), words, tuple(spans), sub, rules))
        reasons.sort(key=lambda reason: -reason.score)
        flagged = tuple(reason for reason in reasons if reason.score >= FLAG_AT)
        hints = tuple(reason for reason in reasons if reason.score < FLAG_AT)
        if flagged:
            risk = min(1.0, flagged[0].score + 0.05 * (len(flagged) - 1))
        else:
            # Unflagged comments still sort among themselves by their hints and the model.
            risk = max([reason.score for reason in hints] + [0.45 * (probability or 0.0)])
            risk = min(risk, FLAG_AT - 0.01)
        return Screening(flagged, round(risk, 3), hints, probability,
                         "flag" if flagged else "clear")


def _rule_scores(piles: dict[str, _Pile]) -> dict[str, tuple[float, float]]:
    """Returns, by reason, the score of the listed words and the score of the patterns."""
    scores = {}
    for name, pile in piles.items():
        words = _Pile([item for item in pile.evidence if item.rule == "word"]).score()
        patterns = _Pile([item for item in pile.evidence if item.rule != "word"]).score()
        scores[name] = (words, patterns)
    return scores


def _spans_of(reading: Normalised, words: Iterable[str]) -> list[tuple[int, int]]:
    wanted = set(words)
    return [(token.start, token.end) for token in reading.tokens if token.canonical in wanted]


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from importlib import resources
    text = (resources.files("dateline.moderation") / "data" / "common_words.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """Returns the shipped screener: the trained model (screen_model.py) over n-grams, the word
    lists and patterns and the third-party classifier, with the shipped thresholds. Raises
    ModelUnavailable or ClassifierUnavailable when weights are missing: an install without them
    is broken and must not screen silently with less."""
    return Screener(classifier=OffensiveLanguageModel.load(), model=ScreenModel.load(),
                    thresholds=load_thresholds())


def screen(text: str) -> Screening:
    """Returns the screening of one comment with the shipped screener."""
    return default_screener().screen(text)


def screen_jsonl(lines: Iterable[str], output: IO[str],
                 screener: Screener | None = None) -> tuple[int, list[str]]:
    """Screens a JSONL stream of {"id", "text"} objects, writing {"id", "decision", "reasons",
    "risk"} (and "note" when the language is not screened) a line; returns how many were screened and a message for each line that could not be read."""
    screener = screener or default_screener()
    count = 0
    errors = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row, text = comment_row(line)
        except (ValueError, KeyError, TypeError) as error:
            errors.append(f"line {number}: {error}")
            continue
        result = screener.screen(text)
        output.write(json.dumps({"id": row.get("id"), **result.as_dict()}, ensure_ascii=False) + "\n")
        count += 1
    return count, errors
