"""Places the gazetteer does not know, told by a place it does.

A village told by a reference town: "the village of Ziwan near Al Bab", "Shiha and Jawza, west
of Tikrit", "Hasana village west of Maar Tahroma town".

The text says the village lies near the reference town. When every place the gazetteer knows by
the village's name in the town's country lies far from the town (a namesake in another province),
or all lie abroad (unless the town's own name is ambiguous with a place there), the gazetteer does not know this village: it keeps its own name and takes
the town's coordinates and admin units, as near the town (ACLED's geo_precision 2, as its coders
place a village they cannot find).

A named facility or quarter told by the place it lies in: "the Khor Mor gas field in Chamchamal",
"Chamchamal's Khor Mor gas field", "the al-Hilaliya neighborhood of Qamishlo" (gas and oil
fields, refineries, dams, crossings, heights, bases, quarters and sub-districts that no open
source lists): the event is there, under its name, with the coordinates and admin units of the
place that holds it, as near it.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from dateline.extract.gazetteer import distance_km

STAND_IN_NOTE = "placed at the reference town the text gives"
FAR_KM = 75.0   # farther than this from the town the text puts it near, a namesake is another place
_TOWN_KINDS = ("locality", "neighbourhood", "county", "facility", "airport")
# What stands between the village (or the last of a list of villages) and the reference town.
_REFERENCE_BETWEEN = re.compile(
    r"^\s*(?:village|town|area|hamlet|neighbou?rhood)?\s*,?\s*(?:(?:just|some|about|around)\s+)?(?:"
    r"near|outside|close\s+to|in\s+the\s+vicinity\s+of|on\s+the\s+outskirts\s+of|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|district)\s+of\s+)?$", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,|and|,\s*and|or)\s*(?:the\s+)?$", re.I)


def _unknown_near(mention: Any, town_mention: Any) -> bool:
    """True when no candidate of the mention in the town's country lies near the town."""
    town = town_mention.places[0]
    top = mention.places[0]
    if top.kind not in ("locality", "neighbourhood") or top.rank >= 50_000:
        return False    # a sizeable town is the town, wherever the text puts it
    home = [c for c in mention.places if c.country == town.country]
    if not home:
        # A village known only abroad: the town is the anchor, unless the town's name has a
        # namesake in the village's country ("Sayyid Hamid, southwest of Riyad in Kirkuk": the
        # Kirkuk village Riyad, not Riyadh), when neither reading is sure and the village stands.
        abroad = {c.country for c in mention.places}
        return not any(c.country in abroad for c in town_mention.places[1:])
    return all(distance_km(c, town) > FAR_KM for c in home)


def stand_ins(window: str, mentions: list[Any]) -> list[Any]:
    """Returns the mentions with each village the text puts near a reference town, and that the
    gazetteer knows only far from it, replaced by a stand-in at the town (module docstring)."""
    out = list(mentions)
    for index in range(1, len(mentions)):
        town_mention = mentions[index]
        town = town_mention.places[0] if town_mention.places else None
        if town is None or town.kind not in _TOWN_KINDS:
            continue
        previous = mentions[index - 1]
        if not previous.places or not _REFERENCE_BETWEEN.match(window[previous.end:town_mention.start]):
            continue
        # "Shiha and Jawza, west of Tikrit": every village of the list is near the town.
        first = index - 1
        while first > 0 and _LIST_GAP.match(window[mentions[first - 1].end:mentions[first].start]):
            first -= 1
        for k in range(first, index):
            if out[k].places and _unknown_near(out[k], town_mention):
                stand_in = dataclasses.replace(town, kind="locality", note=STAND_IN_NOTE)
                out[k] = dataclasses.replace(out[k], places=(stand_in,))
    return out


# "the Khor Mor gas field in Chamchamal", "Chamchamal's Khor Mor gas field": a named facility the
# gazetteer does not know, told by the place it lies in.
_NAME_WORD = r"(?:(?:al|el|Al|El)-)?[A-Z](?:[\w-]|['’](?!s\b))*"
_FEATURE = re.compile(r"(?<![\w’'-])(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})\s+"
                      r"(gas\s+field|oil\s*field|gas\s+plant|refinery|border\s+crossing|crossing|dam|Heights|"
                      r"air\s*base|military\s+base|base|neighbou?rhood|quarter|sub-?district|district)\b")
# Heads that name a populated place: the name alone is written, as a quarter or a village.
_PLACE_HEADS = {"neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "quarter": "neighbourhood",
                "district": "neighbourhood", "sub-district": "locality", "subdistrict": "locality"}
# "the Khor Mor gas field in Chamchamal", "..., which is near Chamchamal", "..., located outside X".
_FEATURE_THEN_HOLDER = re.compile(r"^\s*,?\s*(?:(?:which|that)\s+(?:is|lies|sits)\s+|(?:located|situated)\s+)?"
                                  r"(?:(?:just|about|some)\s+)?(?:in|near|outside|of|at|inside)\s+(?:the\s+)?"
                                  r"(?:[\w’'-]+\s+){0,4}?(?:(?:in|of)\s+(?:the\s+)?)?$")
_HOLDER_THEN_FEATURE = re.compile(r"^\s*(?:['’]s\s+|,\s+(?:the\s+)?|\s+(?:district|province|governorate)['’]s\s+)"
                                  r"(?:(?:north|south|east|west)(?:ern)?\s+)?$", re.I)
_ADJECTIVE = re.compile(r"(?:ish|ian|ean|ese|i|an)$")   # "Turkish", "Iraqi", "American"
_FEATURE_WORDS = frozenset({"the", "a", "an", "this", "that", "its", "their", "us", "u.s.", "iraqi", "syrian"})


def named_feature(window: str, mention: Any, place: Any, mentions: list[Any]) -> Any | None:
    """The chosen place renamed after the facility the gazetteer does not know that the text puts
    in it ("the Khor Mor gas field in Chamchamal" → "Khor Mor gas field" at Chamchamal), else None.
    Only for places below a country, and only when no gazetteer mention covers the facility."""
    if place.kind in ("country", "facility", "airport"):
        return None
    for match in _FEATURE.finditer(window):
        name = match.group(1)
        words = name.split()
        while words and words[0].lower() in _FEATURE_WORDS:
            words = words[1:]
        head = " ".join(match.group(2).split())
        if words and head.lower() not in _PLACE_HEADS and all(_ADJECTIVE.search(w) or w.isupper() for w in words):
            continue   # "the Turkish military base", "a PMF base": no name
        if not words or re.search(r"[\w’']-(?!(?:al|el|ad|ash|as|az|ar|at|an)-)[a-z]{3,}", " ".join(words)):
            continue   # "the HTS-held town": an adjective, not a name
        if any(m.start < match.end() and match.start(1) < m.end and m is not mention and
               m.places and m.places[0].kind in ("facility", "airport") for m in mentions):
            continue   # the gazetteer knows it
        if any(m.start <= match.start(1) and match.end() <= m.end for m in mentions):
            continue   # inside a found name
        after = mention.start >= match.end() and _FEATURE_THEN_HOLDER.match(window[match.end():mention.start])
        before = mention.end <= match.start(1) and _HOLDER_THEN_FEATURE.match(window[mention.end:match.start(1)])
        if after or before:
            kind = _PLACE_HEADS.get(head.lower(), "facility")
            if kind != "facility" and (place.kind not in ("locality", "county") if kind == "neighbourhood"
                                       else place.kind == "neighbourhood"):
                continue   # a quarter lies in a town or district; a village in more than a quarter
            label = " ".join(words) if kind != "facility" else " ".join(words) + " " + head
            return dataclasses.replace(place, name=label, kind=kind, note=STAND_IN_NOTE)
    return None
