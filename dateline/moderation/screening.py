"""Screening: the policy reasons a comment gives, each with a score and the words that
triggered it, and a combined risk. Word lists and patterns (data/) are combined with the shipped
offensive-language classifier (classifier.py)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dateline.moderation.classifier import OffensiveLanguageModel
from dateline.moderation.lexicon import Lexicon, load_lexicon
from dateline.moderation.normalise import Normaliser, Normalised
from dateline.moderation.patterns import Evidence, PatternSet, load_patterns

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
    """What screening found: flagged reasons (score >= FLAG_AT), weaker hints, combined risk."""

    reasons: tuple[Reason, ...]
    risk: float
    hints: tuple[Reason, ...] = ()
    classifier: float | None = None

    @property
    def flagged(self) -> bool:
        return bool(self.reasons)

    def as_dict(self) -> dict[str, Any]:
        """Returns the public form: reasons (flagged only) and risk."""
        return {"reasons": [reason.as_dict() for reason in self.reasons],
                "risk": round(self.risk, 3)}

    def to_json(self) -> str:
        """Returns everything, spans and hints included, for storing with the comment."""
        return json.dumps({
            "reasons": [reason.as_dict(spans=True) for reason in self.reasons],
            "hints": [reason.as_dict(spans=True) for reason in self.hints],
            "risk": round(self.risk, 3),
            "classifier": None if self.classifier is None else round(self.classifier, 3),
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Screening:
        data = json.loads(text)
        return cls(reasons=tuple(Reason.from_dict(item) for item in data["reasons"]),
                   hints=tuple(Reason.from_dict(item) for item in data.get("hints", ())),
                   risk=float(data["risk"]), classifier=data.get("classifier"))


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
    """Screens comments. Built from a lexicon, patterns and an optional classifier, so tests and
    the quality benchmark can compare lists only, classifier only, and both."""

    def __init__(self, lexicon: Lexicon | None = None, patterns: PatternSet | None = None,
                 classifier: OffensiveLanguageModel | None = None, use_rules: bool = True) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.patterns = patterns or load_patterns(self.lexicon)
        self.classifier = classifier
        self.use_rules = use_rules
        known = set(self.lexicon.words) | _common_words()
        if classifier is not None:
            known |= classifier.vocabulary
        self.normalise = Normaliser(known, self.lexicon.spell,
                                    spell_joined=self.lexicon.spell_joined)

    def screen(self, text: str) -> Screening:
        """Returns the screening of one comment."""
        reading = self.normalise(text)
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
        return Screening(flagged, round(risk, 3), hints, probability)


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
    """Returns the shipped screener: word lists, patterns and the classifier. Raises
    ClassifierUnavailable when alt-profanity-check is missing: a pinned dependency, so an
    install without it is broken and must not screen silently with less."""
    return Screener(classifier=OffensiveLanguageModel.from_package())


def screen(text: str) -> Screening:
    """Returns the screening of one comment with the shipped screener."""
    return default_screener().screen(text)


def screen_jsonl(lines: Iterable[str], output: IO[str],
                 screener: Screener | None = None) -> tuple[int, list[str]]:
    """Screens a JSONL stream of {"id", "text"} objects, writing {"id", "reasons", "risk"} a
    line; returns how many were screened and a message for each line that could not be read."""
    screener = screener or default_screener()
    count = 0
    errors = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (ValueError, KeyError, TypeError) as error:
            errors.append(f"line {number}: {error}")
            continue
        result = screener.screen(text)
        output.write(json.dumps({"id": row.get("id"), **result.as_dict()}, ensure_ascii=False) + "\n")
        count += 1
    return count, errors
