"""Names the attacker of events that the article blames on a party in a sentence of its own.

News tells a run of unclaimed attacks and then who is held responsible: "On Wednesday a drone
strike killed three people in Khalakan. On August 23 two journalists were killed in a drone
strike near Said Sadiq. Turkey has been blamed for all three." Read alone, each attack names no
attacker and becomes "Unidentified Armed Group (Iraq)"; the blame sentence names it. The
dev-real annotators (and ACLED's coders, who code an attack to the party the report attributes
it to) code the blamed party as actor1, with any denial kept in `denied_by`.

Only a named party counts ("Iran-backed groups" stays unidentified), only attacks whose attacker
the text left open are filled, and only as many as the sentence says ("both", "all three"; "it"
and "the attack" one; "them", "the attacks" every open one of the last few sentences).
"""
from __future__ import annotations

import re
from typing import Any

from dateline.model import EventRecord, Evidence

_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NOUNS = ("attack", "strike", "bombing", "blast", "explosion", "killing", "assassination", "raid")
_ATTACKS = r"(?:[\w-]+\s+){0,2}(?:air\s*)?(?:" + "|".join(_NOUNS) + r")s?"
# One attack: "it", "this/that …", or a singular noun ("the strike").
_ONE = re.compile(r"it|.*\b(?:this|that)\b.*|.*(?:" + "|".join(_NOUNS) + r")")
# "Turkey has been blamed for all three", "Israel is widely blamed for the strike".
_BLAMED_FOR = re.compile(
    r"\s*(?:[’']s\s+)?(?:(?:is|was|were|are|has|have|had)\s+(?:been\s+)?)(?:widely\s+|also\s+|largely\s+)?blamed\s+for\s+"
    r"(?P<what>all\s+(?P<n>two|three|four|five|six|\d+)\b|both\b|all\s+of\s+them\b|them\b|it\b|"
    r"(?:the|these|those|this|that)\s+" + _ATTACKS + r"\b)", re.I)
# "Ankara blamed the PKK for the attack": the party after the verb.
_BLAMES_BEFORE = re.compile(r"\b(?:blamed|blames|held)\s+(?:the\s+)?$", re.I)
_BLAMES_AFTER = re.compile(
    r"\s+(?:for|responsible\s+for)\s+(?P<what>all\s+(?P<n>two|three|four|five|six|\d+)\b|both\b|them\b|it\b|"
    r"(?:the|these|those|this|that)\s+" + _ATTACKS + r"\b)", re.I)
_VIOLENT = ("Explosions/Remote violence", "Battles", "Violence against civilians")
_WINDOW = 4     # sentences back that a blame sentence can reach
_UNARMED = ("civilians", "protesters", "rioters", "political", "international")


def attribute_blame(events: list[EventRecord], facts: list[Any], sentence_of: dict[int, int], book: Any) -> None:
    """Fills the open attacker of the events a blame sentence is about (module docstring)."""
    for index, fact in enumerate(facts):
        found = _blame(fact)
        if found is None:
            continue
        mention, what, count = found
        actor = book.forces_of(mention.actor)
        open_events = [e for e in events if e.event_type in _VIOLENT and str(e.actor1).startswith("Unidentified")
                       and index - _WINDOW <= sentence_of.get(id(e), -99) < index
                       and e.actor2 != actor.name]
        open_events.sort(key=lambda e: sentence_of.get(id(e), 0))
        for event in open_events[-count:] if count else open_events:
            name = book.localise(actor, event.country).name if actor.country_from_context else actor.name
            event.actor1 = name
            event.evidence["actor1"] = Evidence(name, fact.text[mention.start:what.end()],
                                                "discourse: the party a later sentence blames for the attack")


def _blame(fact: Any) -> tuple[Any, re.Match[str], int] | None:
    """(the party blamed, the words saying for what, how many attacks or 0 for all) of a sentence."""
    text = fact.text
    for mention in fact.actors:
        if getattr(mention.actor, "generic", False) or getattr(mention.actor, "type", "") in _UNARMED:
            continue
        what = _BLAMED_FOR.match(text, mention.end)
        if what is None and _BLAMES_BEFORE.search(text[max(0, mention.start - 20):mention.start]):
            what = _BLAMES_AFTER.match(text, mention.end)
        if what is None:
            continue
        words = what.group("what").lower()
        number = what.group("n")
        if number:
            count = int(number) if number.isdigit() else _COUNTS.get(number.lower(), 0)
        elif words.startswith("both"):
            count = 2
        elif _ONE.fullmatch(words):
            count = 1
        else:
            count = 0
        return mention, what, count
    return None


__all__ = ["attribute_blame"]
