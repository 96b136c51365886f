"""Place phrases built on a country's name: "Iraq's capital", "northern Israel".

Reports name places through their country: "a base close to Iraq's capital" is at Baghdad, and
"drones launched at northern Israel" hit Israel's Northern District. Both are read from the
gazetteer itself: the capital is the town whose GeoNames feature is PPLC, and the part of a
country is the first-level division named by that direction alone ("Northern District", "North
Governorate", "Eastern Province"); a country with no such division keeps the country.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

CAPITAL_PHRASE = re.compile(r"['’]s\s+capital\b(?!\s+(?:of|city\s+of)\b)", re.I)
_DIRECTIONS = {"north": "north", "northern": "north", "south": "south", "southern": "south",
               "east": "east", "eastern": "east", "west": "west", "western": "west",
               "central": "central"}
_DIVISION = re.compile(r"^(north|south|east|west|central)(?:ern)?\s+(?:district|governorate|province|region)$",
                       re.I)


def direction_regions(places: list[Any]) -> dict[tuple[str, str], int]:
    """(country, direction) → index of the first-level division named by that direction alone."""
    out: dict[tuple[str, str], int] = {}
    for index, place in enumerate(places):
        if place.kind != "region":
            continue
        match = _DIVISION.match(place.name)
        if match:
            out.setdefault((place.country, match.group(1).lower()), index)
    return out


def capitals(places: list[Any]) -> dict[str, int]:
    """Country → index of its capital (the town with the GeoNames feature PPLC)."""
    out: dict[str, int] = {}
    for index, place in enumerate(places):
        if place.kind == "locality" and place.feature == "PPLC":
            best = out.get(place.country)
            if best is None or places[best].rank < place.rank:
                out[place.country] = index
    return out


def read_phrases(text: str, mentions: list[Any], places: list[Any], capital_of: dict[str, int],
                 region_of: dict[tuple[str, str], int]) -> list[Any]:
    """Returns the mentions with "X's capital" read as X's capital and "northern X" as X's
    northern division, where the gazetteer has them."""
    out = []
    for mention in mentions:
        top = mention.places[0] if mention.places else None
        if top is None or top.kind != "country":
            out.append(mention)
            continue
        phrase = CAPITAL_PHRASE.match(text, mention.end)
        if phrase is not None and top.country in capital_of:
            capital = places[capital_of[top.country]]
            out.append(replace(mention, end=phrase.end(), text=text[mention.start:phrase.end()],
                               places=(capital, *mention.places)))
            continue
        direction = _DIRECTIONS.get(mention.qualifier or "")
        if direction and (top.country, direction) in region_of:
            region = places[region_of[(top.country, direction)]]
            out.append(replace(mention, places=(region, *mention.places)))
            continue
        out.append(mention)
    return out


_DEMONYM_CAPITAL = re.compile(r"\bthe\s+([A-Z][a-z]+)\s+capital\b(?!\s+(?:of|city\s+of)\b)")


def demonym_capitals(text: str, mentions: list[Any], places: list[Any], capital_of: dict[str, int],
                     demonyms: dict[str, str]) -> list[Any]:
    """"Clashes erupted in the Iraqi capital": mentions of the capital a nationality adjective
    names (`demonyms`: adjective → country), where no other place mention covers the words."""
    out = []
    for match in _DEMONYM_CAPITAL.finditer(text):
        country = demonyms.get(match.group(1).lower())
        if country is None or country not in capital_of or \
                any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        from dateline.extract.gazetteer import PlaceMention  # the gazetteer imports this module
        out.append(PlaceMention(match.start(), match.end(), match.group(), (places[capital_of[country]],)))
    return out
