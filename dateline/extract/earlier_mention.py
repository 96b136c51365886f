"""A definite mention placed by the sentence that first named its event.

"The Pentagon struck a militia responsible for a rocket attack on a base near Kirkuk. … The
rocket attack earlier this week killed a contractor": the event the later sentence tells ("The
rocket attack") is the one an earlier sentence named in passing, with its place. When the later
sentence names no place of its own, the earlier mention's place is the event's.
"""
from __future__ import annotations

import re
from typing import Any

from dateline.extract.article_places import give_place
from dateline.model import EventRecord, Evidence

# The words after the earlier mention's event noun that lead to its place: "on an Iraqi military
# base near Kirkuk", "in Erbil", "at a checkpoint outside Tikrit".
# "The clashes, in the countryside of Deir al-Zour, pitted…": a place set off by a comma counts too.
_TO_PLACE = re.compile(r"^,?[^.;:!?,]{0,60}?\b(?:in|near|at|outside|on)\s+(?:the\s+)?"
                       r"(?:(?:countryside|outskirts|suburbs|vicinity)\s+of\s+(?:the\s+)?)?(?:[\w’'-]+[’']s\s+)?$", re.I)
EARLIER_REACH = 6  # sentences back where the first mention of the event may be


def place_from_earlier_mention(events: list[EventRecord], facts: list[Any], sentence_of: dict[int, int],
                               precision_of: dict[str, int]) -> None:
    """Gives an unplaced event told by a definite mention ("The rocket attack …") the place an
    earlier sentence named with the same event words ("… a rocket attack on a base near Kirkuk")."""
    for event in events:
        index = sentence_of.get(id(event))
        told = event.evidence.get("event_type")
        if index is None or event.location or event.admin1 or told is None or not told.span:
            continue
        words = told.span.strip()
        if not re.search(rf"\b(?:the|this|that)\s+{re.escape(words)}\b", facts[index].text, re.I):
            continue
        for back in range(index - 1, max(-1, index - 1 - EARLIER_REACH), -1):
            found = _place_after(facts[back], words, event.country)
            if found is None:
                continue
            place, span = found
            give_place(event, place, span, precision_of, "named where an earlier sentence first mentions the event")
            break


def _place_after(fact: Any, words: str, country: str | None) -> tuple[Any, str] | None:
    """The first place below the country named right after an indefinite mention of `words`."""
    # "a rocket attack on…", "clashes in…" (a bare plural), "The clashes, in…" (named again).
    plural = words.lower().endswith("s")
    article = r"(?:an?|one|the)\s+" if not plural else r"(?:(?:the|these)\s+)?"
    for mention in re.finditer(rf"\b{article}{re.escape(words)}\b", fact.text, re.I):
        for place in sorted(fact.places, key=lambda m: m.start):
            top = place.places[0] if place.places else None
            if place.start < mention.end() or top is None or top.kind == "country" \
                    or (country and top.country != country):
                continue
            if _TO_PLACE.match(fact.text[mention.end():place.start]):
                return top, place.text
            break
    return None


# "rockets fired at the base", "the field was also attacked in June": a site the clause does not
# name, by the noun that names its kind.
_THE_SITE = re.compile(r"\bthe\s+(?:(?:gas|oil|military)\s+)?(?P<noun>air\s*base|base|field|airport)\b"
                       r"(?!\s+(?:of|in|near|at|outside)\b)", re.I)
_SITE_NOUNS = {"base": re.compile(r"\b(?:air\s*)?base\b", re.I), "field": re.compile(r"\bfield\b", re.I),
               "airport": re.compile(r"\bairport\b", re.I)}


def _noun(word: str) -> str:
    return "base" if word.lower().replace(" ", "").endswith("base") else word.lower()


def place_the_base(events: list[EventRecord], facts: list[Any], sentence_of: dict[int, int],
                   precision_of: dict[str, int]) -> None:
    """An unplaced event told at "the base" ("the field", "the airport") happened at the one site of
    that kind the article names (in its country): "Rockets hit Ain al-Asad on Monday. … Militants
    fired two rockets at the base last week". With two named, "the base" is left unplaced."""
    sites: dict[str, dict[str, tuple[Any, str]]] = {noun: {} for noun in _SITE_NOUNS}
    for fact in facts:
        for mention in fact.places:
            top = mention.places[0] if mention.places else None
            if top is None or top.kind not in ("facility", "airport"):
                continue
            for noun, pattern in _SITE_NOUNS.items():
                if pattern.search(top.name) or pattern.search(mention.text):
                    sites[noun].setdefault(top.name, (top, mention.text))
    for event in events:
        index = sentence_of.get(id(event))
        if index is None or event.location or event.admin1:
            continue
        said = _THE_SITE.search(facts[index].text)
        named = sites[_noun(said.group("noun"))] if said else {}
        if len(named) != 1:
            continue
        [(place, span)] = named.values()
        if event.country and event.country != place.country:
            continue
        give_place(event, place, span, precision_of, f"'the {said.group('noun')}' of an article that names one")
        hosts = getattr(place, "hosts", "")
        if hosts and event.actor2 is None and event.actor1 != hosts and \
                event.event_type in ("Explosions/Remote violence", "Battles"):
            event.actor2 = hosts
            event.evidence["actor2"] = Evidence(hosts, span, "target: the forces the attacked base hosts (KB facility)")


__all__ = ["place_from_earlier_mention", "place_the_base"]
