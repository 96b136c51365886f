"""Terms of office of the officials a text names in office: clues to when it was written."""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources

# How far from a name its office may stand: "Iraqi Prime Minister Mustafa al-Kadhimi" puts
# two given names between them; an appositive ("Pompeo, the secretary of state,") is just after.
_BEFORE_CHARACTERS = 60
_AFTER_CHARACTERS = 40
# Words that put an office in the past, looked for between the office and the name and just
# before the office.
_PAST = re.compile(r"\b(former|formerly|ex-|then-|then|late|previous|outgoing|erstwhile)\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    """A person's time in one office; `end` is None while the office is held."""

    names: tuple[str, ...]
    start: date
    end: date | None
    source: str
    name_pattern: re.Pattern[str]
    office_pattern: re.Pattern[str]

    def covers(self, day: date) -> bool:
        """Tells whether the person held the office on that day."""
        return self.start <= day and (self.end is None or day <= self.end)


@functools.cache
def officeholders() -> tuple[Term, ...]:
    """Returns the terms listed in the shipped `officeholders.toml`, read once."""
    source = resources.files("dateline.ingest") / "officeholders.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    terms = []
    for entry in data.get("officeholder", []):
        names = tuple(entry["names"])
        terms.append(Term(
            names=names, start=entry["start"], end=entry.get("end"), source=entry.get("source", ""),
            name_pattern=re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"),
            office_pattern=re.compile("|".join(f"(?:{o})" for o in entry["offices"]),
                                      re.IGNORECASE)))
    return tuple(terms)


def terms_in_office(text: str, terms: tuple[Term, ...] | None = None) -> list[Term]:
    """Returns the terms of the people the text names with their office, as current holders."""
    found = []
    for term in terms if terms is not None else officeholders():
        if any(_office_near(text, match, term.office_pattern) and _in_office(text, match)
               for match in term.name_pattern.finditer(text)):
            found.append(term)
    return found


def _office_near(text: str, name: re.Match[str], office: re.Pattern[str]) -> bool:
    """Tells whether the office is written just before the name or just after it."""
    before = text[max(0, name.start() - _BEFORE_CHARACTERS):name.start()]
    after = text[name.end():name.end() + _AFTER_CHARACTERS]
    return office.search(before) is not None or office.search(after) is not None


def _in_office(text: str, name: re.Match[str]) -> bool:
    """Tells whether the words before the name leave the office current (no "former", "then-")."""
    before = text[max(0, name.start() - _BEFORE_CHARACTERS):name.start()]
    # Only the clause the name stands in: a "former" in the previous sentence says nothing.
    clause = re.split(r"[.;!?]\s", before)[-1]
    return _PAST.search(clause) is None
