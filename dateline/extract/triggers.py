"""Finds event trigger words and weapon words in a sentence, from the KB's `[[trigger]]`/`[[weapon]]`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.extract.kb import KnowledgeBase


@dataclass(frozen=True)
class Trigger:
    name: str
    event_type: str
    sub_event_type: str
    weapons: tuple[str, ...]
    noun: bool
    needs_weapon: bool
    source: str


# Past forms that do not end in -ed, so a verb trigger is not read as a noun phrase.
_IRREGULAR_VERBS = frozenset({"struck", "hit", "shot", "fought", "blew", "went", "fell", "led", "overran",
                              "retook", "took", "stormed", "slain"})


@dataclass(frozen=True)
class TriggerHit:
    start: int
    end: int
    text: str
    trigger: Trigger

    @property
    def is_noun(self) -> bool:
        """True when the words matched are a noun ("a drone strike"), not a verb ("struck")."""
        last = self.text.split()[-1].lower()
        return self.trigger.noun and not (last.endswith("ed") or last in _IRREGULAR_VERBS)

    @property
    def plural(self) -> bool:
        last = self.text.split()[-1].lower()
        return last.endswith("s") and not last.endswith("ss") and self.is_noun


@dataclass(frozen=True)
class WeaponHit:
    start: int
    end: int
    text: str
    weapon: str


@dataclass
class TriggerLexicon:
    """Compiled trigger and weapon patterns; matching keeps the longest hit where two overlap."""

    triggers: list[tuple[re.Pattern[str], Trigger]] = field(default_factory=list)
    weapons: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    # Actor → (notes of its strikes from the air, from the ground): KB `[[strike_mode]]`, built by
    # scripts/build_strike_modes.py from ACLED's coding.
    strike_modes: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> TriggerLexicon:
        lexicon = cls()
        for entry in kb.entries("trigger"):
            trigger = Trigger(
                name=entry["name"], event_type=entry["event_type"],
                sub_event_type=entry["sub_event_type"], weapons=tuple(entry.get("weapons", [])),
                noun=bool(entry.get("noun", False)), needs_weapon=bool(entry.get("needs_weapon", False)),
                source=entry.get("source", entry.get("_file", "")))
            lexicon.triggers.append((_compile(entry["patterns"], entry["name"]), trigger))
        for entry in kb.entries("weapon"):
            lexicon.weapons.append((_compile(entry["patterns"], entry["name"]), entry["name"]))
        for entry in kb.entries("strike_mode"):
            lexicon.strike_modes[entry["name"]] = (int(entry.get("air", 0)), int(entry.get("ground", 0)))
        return lexicon

    def find(self, sentence: str) -> list[TriggerHit]:
        """Returns the trigger hits of a sentence in order, overlapping hits resolved to the longest."""
        hits = [TriggerHit(m.start(), m.end(), m.group(), trigger)
                for pattern, trigger in self.triggers for m in pattern.finditer(sentence)
                if not _names_a_place(sentence, m.start(), m.group())]
        return _non_overlapping(hits)

    def find_weapons(self, text: str) -> list[WeaponHit]:
        """Returns weapon words in order of appearance (longest where two overlap)."""
        hits = [WeaponHit(m.start(), m.end(), m.group(), name)
                for pattern, name in self.weapons for m in pattern.finditer(text)]
        return _non_overlapping(hits)


# A space in a pattern also matches a hyphen ("drone-strike", "air-strike"); a compound's
# second half counts on its own ("missile-and-drone attack") except after a negating prefix
# ("anti-aircraft", "counter-attack").
_LEFT = r"(?<![\w])(?<!anti-)(?<!Anti-)(?<!counter-)(?<!Counter-)(?<!non-)(?<!pre-)"


# A capitalised trigger word after a place preposition is a place's name: "in Hit", "the town of Hit"
# (Anbar), not a verb. Headlines in title case ("Rockets Hit Base") have no preposition before it.
_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|at|of|from|outside|around|towards?|into|between)\s+"
                                r"(?:(?:central|(?:north|south|east|west)(?:ern)?)\s+)?$")


def _names_a_place(sentence: str, start: int, words: str) -> bool:
    return (" " not in words and words[:1].isupper() and words[1:].islower()
            and _PLACE_PREPOSITION.search(sentence[max(0, start - 30):start]) is not None)


def _compile(patterns: list[str], name: str) -> re.Pattern[str]:
    try:
        # Lowercase-only patterns match any case; a pattern with capitals (IED, Grad) is
        # case-sensitive so "grad student" or "ied" inside words do not count.
        parts = [p.replace(" ?", "[\\s-]?").replace(" ", "[\\s-]") for p in patterns]
        parts = [p if any(c.isupper() for c in p) else f"(?i:{p})" for p in parts]
        return re.compile(_LEFT + "(?:" + "|".join(parts) + r")(?![\w])")
    except re.error as error:
        raise ValueError(f"knowledge-base entry {name!r}: bad pattern ({error})") from error


def _non_overlapping(hits: list) -> list:  # type: ignore[type-arg]
    chosen: list = []  # type: ignore[type-arg]
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= other.start or hit.start >= other.end for other in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)
