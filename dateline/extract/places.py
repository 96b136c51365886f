"""Chooses where a clause's event happened, and splits a clause that names several places.

"strikes near Qaim and Jurf al-Nasr" are two events; "85 targets in Iraq and Syria" one per
country; "Mashtal neighborhood in eastern Baghdad" one event at the more precise place. Places
named as launch sites ("launched from Iraq"), as reference points ("south of Baghdad") or inside an
actor's name ("Islamic Resistance in Iraq") are not where the event happened.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from dateline.extract.place_phrases import CAPITAL_PHRASE
from dateline.extract.place_reference import STAND_IN_NOTE, named_feature, stand_ins
from dateline.extract.placenames import TOKEN, key_tokens, name_key, split_descriptors

# ACLED geo_precision by the kind of place the location names.
PRECISION = {"facility": 1, "airport": 1, "neighbourhood": 1, "locality": 1, "county": 2,
             "region": 3, "country": 3}
LEVEL = {"facility": 0, "airport": 0, "neighbourhood": 1, "locality": 2, "county": 3,
          "region": 4, "country": 5}

# "launched from Syria", "while flying over the Golan": where the weapon or the aircraft was, not its target.
_LAUNCH_FROM = re.compile(r"\b(?:(?:launched|fired|took\s+off|flown|came|originated)\s+from|"
                          r"(?:flying|flew|flown|hovering)\s+over)\b", re.I)
# After the launch point, a target word or where the projectile came down ("a drone launched from
# Syria crashed in X", "rockets fired from Gaza landed near X") starts the event's own place.
_TOWARD_TARGET = re.compile(r"\b(?:target\w*|toward|towards|at|hit\w*|struck|striking|on|into|against|"
                            r"crash(?:ed|ing)|land(?:ed|ing)|fell|falling|exploded|exploding|impacted|"
                            r"detonated|slammed)\b",
                            re.I)
_REFERENCE = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|"
                        r"outskirts)(?:ern)?\s+of\s+(?:the\s+)?$|\bkm\s+(?:\w+\s+)?(?:of|from)\s+$",
                        re.I)
_NEAR = re.compile(r"\b(?:near|close to|outside|around|on the outskirts of|in the vicinity of)\s+"
                   r"(?:the\s+)?(?:[\w’'-]+\s+){0,3}$|\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?$|\b(?:km|kms|kilomet(?:re|er)s?|miles?)\s+(?:\w+\s+)?(?:of|from)\s+"
                   r"(?:the\s+)?$", re.I)
# "30 km from Erbil", "15 kilometres north of Kirkuk": the reference place locates the event, near it.
_DISTANCE = re.compile(r"\b(?:km|kms|kilomet(?:re|er)s?|miles?)\s+(?:\w+\s+)?from\s+(?:the\s+)?$", re.I)
# The attribution that closes a sentence: ", the Kurdistan Region's interior ministry said."
_REPORTING_TAIL = re.compile(r",\s*(?:[^,]{0,80}?\s)?(?:said|says|told|reported|announced|added|stated)"
                             r"(?:\s+(?:on|in|late|early)\b[^,]{0,40})?\s*[.”\"]*\s*$", re.I)
# A country named as sponsor, origin or cause is not where it happened: "a site linked to Iran
# in Syria", "groups backed by Iran", "condemning Washington's support for Israel in its war in
# the Gaza Strip", "in retaliation for ...".
_SPONSOR = re.compile(r"\b(?:linked|tied|allied|loyal|affiliated|aligned|close|connected)\s+(?:to|with)\s+"
                      r"(?:the\s+)?$|\b(?:backed|supported|funded|sponsored|armed|trained|financed|"
                      r"supplied|run|directed)\s+by\s+(?:the\s+)?$|\b(?:proxies|proxy|allies|ally|agents?)\s+of\s+"
                      r"(?:the\s+)?$", re.I)
_CAUSE = re.compile(r"\b(?:condemning|denouncing|protesting|in\s+protest\s+(?:at|against|of|over)|"
                    r"in\s+retaliation\s+(?:for|against)|in\s+response\s+to|in\s+solidarity\s+with|"
                    r"support\s+for|in\s+support\s+of|because\s+of|due\s+to|over\s+(?:its|their|the)\s+"
                    r"(?:war|offensive|support|role))\b", re.I)
# The place line that opens a wire story says where the reporter files from: "ERBIL, Kurdistan
# Region —", "ERBIL (Kurdistan 24) –", "BEIRUT, LEBANON (8:30 P.M.) –", "Baghdad:", "Beirut, Aug. 30,
# (dpa) –".
_PLACE_LINE = re.compile(r"^\s*(?:date\s+\d{4}-\d\d-\d\d\s+)?(?:<p>\s*)?(?:[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*"
                         r"(?:,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?(?:\s*\([^)]{0,40}\))?\s*[–—:-]|"
                         r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?::|[–—])|"
                         r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*(?:\([^)]{0,40}\))?\s*[–—-])\s")
# A sentence that opens by naming its source: "In a statement issued by the embassy in Baghdad, ...".
_SOURCE_LEAD = re.compile(r"^\s*(?:In|in)\s+(?:a|an|its|their|his|her|the)\s+(?:[\w-]+\s+)?(?:statement|tweet|post|"
                          r"interview|briefing|press\s+conference|communiqu\w+|message|speech)\b[^,;.]{0,100},")
_PLACE_WORD = re.compile(r"\b(?:village|town|city|neighbou?rhood|area|district|sub-?district|hamlet|farms?)$", re.I)
# What someone demands is not what happened: "calling on Washington to bring an end to ..."
_DEMAND = re.compile(r"\b(?:an\s+end\s+to|calling\s+(?:on|for)|called\s+(?:on|for)|urg(?:ed|ing)|demand(?:ed|ing))\b",
                     re.I)
# "Israel's offensive", "Iran's support": a country with a possessive before a common noun is a party.
_POSSESSIVE_PARTY = re.compile(r"['’]s\s+(?!(?:north|south|east|west|central|border|capital|province|"
                               r"region|territory|airspace|soil|city|town|coast|outskirts|suburb|"
                               r"neighbou?rhood|district|quarter|airport|street|countryside|centre|center|"
                               r"downtown|old|port|southern|northern|eastern|western)\w*)[a-z]")
_MISSION_AFTER = re.compile(r"\s+(?:embassy|embassies|consulates?|consulate[- ]general|consular|diplomatic\s+mission)\b",
                            re.I)
_DESTINATION = re.compile(r"\b(?:headed|heading|bound|en\s+route|on\s+(?:its|their)\s+way)\s+"
                          r"(?:to|towards?|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_WATER_OF = re.compile(r"\b(?:Gulf|Sea|Strait|Straits|Bay)\s+of\s+(?:the\s+)?$")
_COORDINATED = re.compile(r"^[^.;:]{0,45}?(?:\band\b|,|\bas well as\b)", re.I)
# "…the Zap, Gara and Qandil areas of the Kurdistan Region": the region after a list's "areas of"
# is where the listed places lie, not one more place of the list.
# "the Damascus suburbs of Kisweh and Qudsaya", "the towns of Derbasia and Meshref": the names
# after "suburbs of" are the places; the one before only says where they lie.
_PART_OF = re.compile(r"\b(?:suburbs?|outskirts|towns?|villages?|neighbou?rhoods?|districts?|areas?)\s+of\s+(?:the\s+)?$",
                      re.I)
_LIST_WITHIN = re.compile(r"\b(?:areas?|districts?|regions?|provinces?|governorates?|parts?)\s+of\s+(?:the\s+)?$",
                          re.I)
# "airstrikes against a militia responsible for a rocket attack on a base near Kirkuk", "brace
# for Iran's response to the killing of a Hamas leader in Tehran": an event noun after a
# preposition and a determiner names another event, and the places after it are that event's.
_OTHER_EVENT_NOUN = re.compile(r"\b(?:for|to|after|following|over|against|of|since|before|amid|"
                               r"avenge|avenging|retaliat\w+|responsible\s+for)\s+(?:an?|the|its|their|his|"
                               r"her|this|that|these|those|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)


@dataclass
class PlaceChoice:
    """Where one event happened: the chosen place and the mentions that support it."""

    place: Any
    mention_start: int
    mention_text: str
    near: bool
    chain: list[tuple[int, int]] = field(default_factory=list)  # spans of the place and its parents
    launch_country: str | None = None

    @property
    def geo_precision(self) -> int:
        base = PRECISION.get(self.place.kind, 3)
        if self.near and base == 1:
            return 2
        return base


def level(place: Any) -> int:
    """How precise a place is: 0 a facility … 5 a country."""
    return LEVEL.get(place.kind, 5)


# "two in Syria and one in Iraq", "three sites in Iraq": a count of events or targets per place.
_COUNTED_IN = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                         r"(?:(?!times\b)[\w-]+\s+){0,3}?in\s+(?:the\s+)?$", re.I)


def counted_in(text: str, mention: Any) -> bool:
    """True when the text gives a count of events or targets at the place ("two in Syria")."""
    return bool(_COUNTED_IN.search(text, max(0, mention.start - 60), mention.start))


def other_event_start(text: str, hits: list[Any], primary: Any) -> int | None:
    """Returns where a clause's words about another event begin: the first event noun after the
    clause's own trigger that a preposition and a determiner introduce ("responsible for a
    rocket attack", "response to the killing"); places from there on are not this event's."""
    for hit in hits:
        if hit is primary or hit.start < primary.end or hit.trigger.name == primary.trigger.name \
                or hit.text.lower().endswith("ed"):
            continue
        # The preposition and determiner stand between the two triggers: "a civilian was
        # injured after an unidentified landmine exploded" is one event.
        if _OTHER_EVENT_NOUN.search(text, max(primary.end, hit.start - 80), hit.start):
            return hit.start
    return None


def usable_mentions(window: str, mentions: list[Any], blocked: list[tuple[int, int]],
                    departure: bool = False) -> tuple[list[Any], str | None]:
    """Returns the place mentions of a window that can locate the event, and a launch country.

    With `departure` (an ordered departure, a withdrawal) "from X" names where it happened."""
    kept, launch_country = [], None
    mentions = stand_ins(window, mentions)
    tail = _REPORTING_TAIL.search(window)
    opening = _PLACE_LINE.match(window)
    if opening is not None and any(m.start >= opening.end() for m in mentions):
        mentions = [m for m in mentions if m.start >= opening.end()]
    source = _SOURCE_LEAD.match(window)
    if source is not None:
        # "In a statement issued by the US Embassy in Baghdad, Washington denounced the attacks
        # on ...": where the statement came from, not where the attacks were.
        mentions = [m for m in mentions if m.start >= source.end()]
    for mention in mentions:
        if tail and mention.start >= tail.start() and len(mentions) > 1:
            continue  # ", the Kurdistan Region's interior ministry said": who speaks, not where
        party = bool(mention.places) and mention.places[0].kind in ("country", "region", "locality")
        if any(a <= mention.start and mention.end <= b and (b - a > mention.end - mention.start or party)
               for a, b in blocked):
            continue  # an actor, or part of its name: "Ankara has conducted", "Islamic Resistance in Iraq"
        before = window[max(0, mention.start - 60):mention.start]
        if re.match(r"\s+(?:local\s+)?time\b", window[mention.end:]):
            continue  # "6:30 p.m. (Baghdad time)": a clock, not a place
        launches = [m.end() for m in _LAUNCH_FROM.finditer(window, 0, mention.start)]
        if launches and not _TOWARD_TARGET.search(window[launches[-1]:mention.start]):
            launch_country = mention.places[0].country if mention.places else None
            continue
        if _REFERENCE.search(before) and any(k.places and k.places[0].kind != "country" for k in kept):
            continue
        # A country, or a capital standing for its government ("Tehran's first attack on
        # Israel", "backed by Damascus"), named as a party is not where the event happened.
        capital = bool(mention.places) and mention.places[0].kind == "locality" and \
            mention.places[0].feature == "PPLC"
        sponsor = _SPONSOR.search(before)
        if capital and sponsor is not None and sponsor.group().lower().startswith("close"):
            sponsor = None   # "close to Baghdad" is near the city
        if (capital or (bool(mention.places) and mention.places[0].kind == "country")) and (
                sponsor is not None or _POSSESSIVE_PARTY.match(window, mention.end)):
            continue
        if mention.places and mention.places[0].kind == "country" and len(mentions) > 1 and \
                _MISSION_AFTER.match(window, mention.end):
            continue  # "set fire to Iran consulate in Najaf": the mission's owner, not where it is
        if _DESTINATION.search(before):
            continue  # "a drone headed towards Eilat" was intercepted before it got there
        if _WATER_OF.search(before):
            continue  # "the Gulf of Aden", "the Sea of Galilee": a body of water, not the town
        if _DEMAND.search(window, 0, mention.start):
            continue
        cause = _CAUSE.search(window, 0, mention.start)
        if cause is not None and any(k.start < cause.start() for k in kept) and \
                not re.search(r"[.;]", window[cause.end():mention.start]):
            continue  # a place in the reason given, after the places where it happened
        if not departure and re.search(r"\bfrom\s+(?:the\s+)?$", before, re.I) and not _DISTANCE.search(before):
            continue  # "condemnation from Baghdad", "troops from Iraq": not where it happened
        kept.append(mention)
    return kept, launch_country


def _in_context(mention: Any, mentions: list[Any], contains: Any) -> Any:
    """The candidate of an ambiguous name that lies inside another place the clause names
    ("Dhiban in Deir ez-Zor province" is the Syrian Dhiban, not the Jordanian one)."""
    if len(mention.places) < 2:
        return mention.places[0]
    others = [m.places[0] for m in mentions if m is not mention and m.places]
    for candidate in mention.places:
        if any(contains(other, candidate) for other in others):
            return candidate
    top = mention.places[0]
    if others and top.country not in {o.country for o in others}:
        # "Sayda town in eastern Dar'a" is the Syrian village, not Sidon (Sayda) in Lebanon: a
        # namesake in the province the clause names, or, for a name written with a place word
        # ("X village", "X town"), in its country, beats a bigger place abroad.
        areas = {(o.country, o.admin1) for o in others if o.admin1}
        same_area = [c for c in mention.places if (c.country, c.admin1) in areas]
        if same_area:
            return same_area[0]
        if _PLACE_WORD.search(mention.text):
            same_country = [c for c in mention.places if c.country in {o.country for o in others}]
            if same_country:
                return same_country[0]
    # "Albu Kamal city, Deir ez-Zor": the province that holds another named place.
    for candidate in mention.places:
        if candidate.kind in ("region", "county") and any(contains(candidate, other) for other in others):
            return candidate
    return mention.places[0]


# "the village of Suwayda in the region of Jarablus", "Khalkhalah in the southern Suweida region":
# the words that put one named place inside another.
_INSIDE = re.compile(r"^\s*,?\s*(?:in|inside|within|of)\s+(?:the\s+)?(?:(?:region|province|governorate|district|"
                     r"countryside|outskirts|area)\s+of\s+)?(?:(?:north|south|east|west)(?:ern)?\s+)?$", re.I)


_UNIT_WORD = re.compile(r"\b(?:district|province|governorate|sub-?district|qada|nahiya)$", re.I)
_QUARTER = re.compile(r"^\s*(?:neighbou?rhood|quarter|suburb)\s+(?:of|in)\s+(?:the\s+)?"
                      r"(?:(?:north|south|east|west)(?:ern)?\s+)?(?:city\s+of\s+)?$", re.I)
_QUARTER_WORD = re.compile(r"\b(?:neighbou?rhood|quarter|suburb)$", re.I)


def _holder_of_namesake(window: str, mention: Any, mentions: list[Any], contains: Any) -> Any:
    """The place that holds a name the clause puts inside it ("the village of Suwayda in the region
    of Jarablus", "the al-Hilaliya neighborhood of Qamishli") when none of the gazetteer's places
    of that name lies in that place's province, or, for a quarter of a city, in that city (the
    gazetteer knows only namesakes elsewhere), else None."""
    for other in mentions:
        if other is mention or not other.places or other.start < mention.end:
            continue
        between = window[mention.end:other.start]
        quarter = bool(_QUARTER.match(between)) or (_QUARTER_WORD.search(mention.text) is not None
                                                    and _INSIDE.match(between) is not None)
        # "the area of Jumhuriya, Dujayl district": a comma, then the named district or province.
        named_unit = bool(_UNIT_WORD.search(other.text)) and between.strip() == ","
        if not quarter and not _INSIDE.match(between) and not named_unit:
            continue
        holder = other.places[0]
        if holder.kind == "country" or not holder.admin1:
            return None
        home = [c for c in mention.places if c.country == holder.country]
        if quarter and holder.kind == "locality":
            inside = any(contains(holder, dataclasses.replace(c, kind="neighbourhood")) for c in home
                         if c.kind in ("locality", "neighbourhood"))
            return None if inside else holder
        return holder if all(c.admin1 and c.admin1 != holder.admin1 for c in home) else None
    return None


def _as_written(place: Any, text: str) -> Any:
    """A town or quarter keeps the spelling the text gives it ("Kobane", "Qushqaya"), as a
    reader of the report would write it; bases, regions and countries keep their canonical names."""
    if place.kind not in ("locality", "neighbourhood") or CAPITAL_PHRASE.search(text):
        return place     # "Iraq's capital" is Baghdad by its own name
    words = key_tokens(text)
    core, _hint = split_descriptors(words)
    if len(core) != len(words):
        # "Khurmala oil field", "Sayda town": the name without its place words.
        text = _without_descriptors(text, len(core))
    if not core or not text or text.isupper() or name_key(text) == name_key(place.name):
        return place     # a capitalised dateline, or the same name
    written = text.strip()
    if not written[:1].isupper():
        written = written[:1].upper() + written[1:]
    return dataclasses.replace(place, name=written)


def _without_descriptors(text: str, core_words: int) -> str:
    """Returns the words of a name before its place words ("Sayda town" → "Sayda"), or "" when
    the place words come first ("Camp Taji") or the words do not line up."""
    spans = list(TOKEN.finditer(text))
    kept = [m for m in spans if name_key(m.group())]   # articles ("al") carry no key
    if len(kept) < core_words or not kept:
        return ""
    last = kept[core_words - 1]
    if name_key(text[:last.end()]) != " ".join(key_tokens(text)[:core_words]):
        return ""
    return text[:last.end()].strip()


def _references(window: str, group: list[tuple[Any, Any]]) -> set[int]:
    """The mentions (ids) of a group that a town, village or quarter named before them is said
    to be near: "the suburb of X near the Y airport", "X village outside the Y base" — the site
    after "near" locates the place, it is not where the event was."""
    out = set()
    for mention, _place in group:
        near = _NEAR.search(window, max(0, mention.start - 50), mention.start)
        if near is not None and any(other.end <= near.start() and level(place) <= LEVEL["locality"]
                                    for other, place in group if other is not mention):
            out.add(id(mention))
    return out


def choose_places(window: str, mentions: list[Any], contains: Any) -> list[PlaceChoice]:
    """Returns one PlaceChoice per event the window tells: leaves of the place hierarchy, split
    only where the text coordinates them ("Qaim and Jurf al-Nasr", "Iraq and Syria")."""
    resolved, namesakes = [], set()
    for m in mentions:
        if not m.places:
            continue
        holder = _holder_of_namesake(window, m, mentions, contains)
        if holder is not None:
            # The place the gazetteer does not know takes the coordinates of the place that holds
            # it, under its own name, as near that place (ACLED geo_precision 2).
            namesakes.add(id(m))
            kind = "locality" if holder.kind in ("locality", "neighbourhood", "county") else holder.kind
            resolved.append((m, dataclasses.replace(holder, kind=kind)))
        else:
            resolved.append((m, _in_context(m, mentions, contains)))
    if not resolved:
        return []
    leaves: list[tuple[Any, Any]] = []
    for mention, place in resolved:
        inner = [p for _m, p in resolved if p is not place and p.id != place.id and contains(place, p)]
        if inner:
            continue
        if any(p.id == place.id or (p.name == place.name and p.country == place.country)
               for _m, p in leaves):
            continue
        leaves.append((mention, place))
    groups: list[list[tuple[Any, Any]]] = [[leaves[0]]]
    for previous, current in zip(leaves, leaves[1:]):
        between = window[previous[0].end:current[0].start]
        # "X, Anbar" is an apposition naming the province, not a second place.
        # "Musenna, Qadisiyyah and Ziqar provinces": a province right after a province's comma
        # (or a country after a country's) is the next name of a list, not where the first lies.
        apposition = (not re.search(r"\band\b|\bas well as\b", between, re.I)
                      or bool(_LIST_WITHIN.search(between))) and current[1].kind in ("region", "country") \
            and not (between.strip() == "," and level(current[1]) == level(previous[1])) \
            or (between.strip() == "," and current[1].kind == "county" and bool(_UNIT_WORD.search(current[0].text)))
        if _COORDINATED.match(between) and not apposition:
            groups.append([current])
        else:
            groups[-1].append(current)
    choices = []
    for group in groups:
        # Juxtaposed names in two countries ("Wadi al-Shay area of Daquq district (Kirkuk)"): keep
        # the country that more of the clause's names point to.
        support = {country: sum(1 for _m, p in resolved if p.country == country)
                   for country in {p.country for _m, p in group}}
        best_country = max(sorted(support), key=lambda country: support[country])
        group = [(m, p) for m, p in group if p.country == best_country] or group
        # Equal levels: a place inside one first-level unit beats one spanning several ("Kurdistan Region").
        parts = {id(m) for m, _p in group if _PART_OF.search(window[max(0, m.start - 40):m.start])}
        references = _references(window, group)
        mention, place = min(group, key=lambda mp: (id(mp[0]) in references, level(mp[1]), not mp[1].admin1,
                                                    id(mp[0]) not in parts, mp[0].start))
        chain = [(m.start, m.end) for m, p in resolved if p.id == place.id or contains(p, place)]
        near = bool(_NEAR.search(window[max(0, mention.start - 50):mention.start])) or id(mention) in namesakes \
            or place.note == STAND_IN_NOTE
        feature = named_feature(window, mention, place, mentions)
        written = _as_written(place, mention.text) if feature is None else feature
        choices.append(PlaceChoice(written, mention.start, mention.text, near or feature is not None, chain))
    return choices
