"""The article's own geography: its main country, and namesakes read in its light.

A sentence alone cannot tell "Sousa" (a town in Iran) from the end of a Damascus quarter's name,
nor "al-Shohada" (a town in Egypt) from a camp in Iraq; the article can. Its main country is the
country its places are in, counted over the places the text names as places: a country or town
inside an actor's name ("Islamic Resistance in Iraq") or acting ("Iran said") is a party, not a
place, and so is a place something came from ("launched from Syria"); the lead counts double (it says where the story is). Its countries are the main
country and every country it names as a country or region, or by a city of some size.

A small town abroad (below `FOREIGN_TOWN_RANK`) in a country the article never names is then a
namesake: a candidate in one of the article's countries beats it, and with none it is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from dateline.extract.gazetteer import CURATED_RANK

FOREIGN_TOWN_RANK = 100_000   # a town abroad this significant may stand without its country named
LEAD_SENTENCES = 2            # the sentences whose places count double for the main country


# "launched from Syria", "troops from Iraq": where something came from, not where it happened.
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)


def _is_party(mention: Any, actors: list[Any], text: str) -> bool:
    return any(a.start <= mention.start and mention.end <= a.end for a in actors) or \
        bool(_ORIGIN.search(text, max(0, mention.start - 12), mention.start))


def main_country(facts: list[Any]) -> str | None:
    """Returns the country most of the article's places are in (see the module docstring)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for index, fact in enumerate(facts):
        weight = 2 if index < LEAD_SENTENCES else 1
        for mention in fact.places:
            if not mention.places or _is_party(mention, fact.actors, fact.text):
                continue
            country = mention.places[0].country
            counts[country] += weight
            first_seen.setdefault(country, len(first_seen))
    if not counts:
        # An article that names places only inside actors' names: those still say where.
        for fact in facts:
            for mention in fact.places:
                if mention.places:
                    counts[mention.places[0].country] += 1
                    first_seen.setdefault(mention.places[0].country, len(first_seen))
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first_seen[c]))


def article_countries(facts: list[Any], main: str | None) -> set[str]:
    """The countries an article names: as countries or regions, by a sizeable city, or its main one."""
    countries = {main} if main else set()
    for fact in facts:
        for mention in fact.places:
            top = mention.places[0] if mention.places else None
            if top is not None and (top.kind in ("country", "region") or top.rank >= FOREIGN_TOWN_RANK):
                countries.add(top.country)
    return countries


def _namesake_abroad(place: Any, countries: set[str]) -> bool:
    return place.country not in countries and place.kind in ("locality", "neighbourhood") \
        and place.rank < FOREIGN_TOWN_RANK and place.rank != CURATED_RANK


def in_article(mentions: list[Any], countries: set[str]) -> list[Any]:
    """Returns the mentions with namesakes abroad put after candidates in the article's
    countries, and dropped when no candidate is in them (see the module docstring)."""
    if not countries:
        return mentions
    out = []
    for mention in mentions:
        if not mention.places or not _namesake_abroad(mention.places[0], countries):
            out.append(mention)
            continue
        home = [p for p in mention.places if not _namesake_abroad(p, countries)]
        if home:
            abroad = [p for p in mention.places if _namesake_abroad(p, countries)]
            out.append(replace(mention, places=tuple(home + abroad)))
    return out
