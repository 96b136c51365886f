"""Finds on-record positions ("Iraq condemned the strikes", "the US warned…") in a sentence.

A statement needs a speaker (an actor or a titled official) and a stance verb; the stance comes
from the verb: condemn, warn, deny, claim, call, reassure.
"""
from __future__ import annotations

import re
from typing import Any

from dateline.model import Article, Evidence, Source, StatementRecord

_STANCES = [
    ("condemn", re.compile(r"\b(?:condemn\w*|denounc\w*|violation of|unacceptable|assault on)\b", re.I)),
    ("deny", re.compile(r"\b(?:denied|denies|deny|fabricated|rejected (?:claims|reports))\b", re.I)),
    ("claim", re.compile(r"\bclaim(?:ed|s)? (?:responsibility|credit)\b", re.I)),
    ("warn", re.compile(r"\b(?:warn\w*|will not hesitate|threaten\w*)\b", re.I)),
    ("call", re.compile(r"\b(?:call(?:ed|s)? (?:on|for)|urg\w+|demand\w*)\b", re.I)),
    ("reassure", re.compile(r"\b(?:reassur\w*|committed to|not announced any changes|remains? unchanged|"
                            r"no (?:change|adjustment)s?)\b", re.I)),
]
_SPEECH = re.compile(r"\b(?:said|says|told|stated|announced|added|wrote|stressed|warned|"
                     r"condemned|denied|called|urged|reiterated)\b", re.I)
_QUOTE = re.compile(r"[“\"](?P<quote>[^”\"]{12,})[”\"]")


def find_statement(fact: Any, actors: Any, article: Article) -> StatementRecord | None:
    """Returns the statement a sentence reports, or None."""
    text = fact.text
    speech = _SPEECH.search(text)
    if not speech:
        return None
    stance = next((name for name, pattern in _STANCES if pattern.search(text)), None)
    if stance is None:
        return None
    speakers = [m for m in fact.actors if not getattr(m.actor, "generic", False)]
    if not speakers:
        return None
    before = [m for m in speakers if m.start < speech.start()] or speakers
    speaker = before[0]
    target = next((m.actor.name for m in speakers if m is not speaker
                   and m.actor.name != speaker.actor.name), None)
    quote_match = _QUOTE.search(text)
    quote = quote_match.group("quote") if quote_match else text
    when = [t for t in fact.times if t.date is not None and not getattr(t, "future", False)]
    if when:
        stated, precision = when[0].date.isoformat(), when[0].precision
    elif article.published:
        stated, precision = article.published.isoformat(), "day"
    else:
        stated, precision = None, "unknown"
    name = speaker.actor.name
    if getattr(speaker.actor, "type", "") == "state_military" and stance != "claim":
        name = actors.government_of(speaker.actor).name
    notes = f"{name} ({stance}){' about ' + target if target else ''}."
    return StatementRecord(
        speaker=name or speaker.actor.name, target=target, stance=stance, date=stated,
        date_precision=precision, quote=quote, sources=[Source(article.id, text)], notes=notes,
        evidence={"speaker": Evidence(name, speaker.text, "actor before the speech verb"),
                  "stance": Evidence(stance, speech.group(), "stance words (statements.py)")})


__all__ = ["find_statement"]
