"""The article's own geography: its main country, and namesakes read in its light.

A sentence alone cannot tell "Sousa" (a town in Iran) from the end of a Damascus quarter's name,
nor "al-Shohada" (a town in Egypt) from a camp in Iraq; the article can. Its main country is the
country its places are in, counted over the places the text names as places: a country or town
inside an actor's name ("Islamic Resistance in Iraq") or acting ("Iran said") is a party, not a
place, and so is a place something came from ("launched from Syria"); the lead counts double (it says where the story is). Its countries are the main
country and every country it names as a country or region, or by a city of some size.

A small town abroad (below `FOREIGN_TOWN_RANK`) in a country the article never names, and that
its places point to less than half as much as to its main country, is then a namesake: a candidate in one of the article's countries beats it, and with none it is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any

from dateline.extract.gazetteer import CURATED_RANK
from dateline.model import Evidence

FOREIGN_TOWN_RANK = 100_000   # a town abroad this significant may stand without its country named
LEAD_SENTENCES = 2            # the sentences whose places count double for the main country


# "launched from Syria", "fighters who crossed from Iraq": where something came from, not where it
# happened.
_ORIGIN = re.compile(r"\b(?:launched|fired|took\s+off|flown|came|coming|originated|originating|sent|"
                     r"crossed|infiltrated|returned|returning|fled|fleeing)\s+(?:\w+\s+)?from\s+(?:the\s+)?$",
                     re.I)


def _is_party(mention: Any, actors: list[Any], text: str) -> bool:
    return any(a.start <= mention.start and mention.end <= a.end for a in actors) or \
        bool(_ORIGIN.search(text, max(0, mention.start - 40), mention.start))


def country_support(facts: list[Any]) -> Counter[str]:
    """How much the article's places point to each country (see the module docstring)."""
    counts: Counter[str] = Counter()
    for index, fact in enumerate(facts):
        weight = 2 if index < LEAD_SENTENCES else 1
        for mention in fact.places:
            if mention.places and not _is_party(mention, fact.actors, fact.text):
                counts[mention.places[0].country] += weight
    if not counts:
        # An article that names places only inside actors' names: those still say where.
        for fact in facts:
            for mention in fact.places:
                if mention.places:
                    counts[mention.places[0].country] += 1
    return counts


def main_country(facts: list[Any], support: Counter[str] | None = None) -> str | None:
    """Returns the country most of the article's places are in; a tie goes to the one named first."""
    counts = country_support(facts) if support is None else support
    if not counts:
        return None
    best = max(counts.values())
    return next(country for country in counts if counts[country] == best)


def article_countries(facts: list[Any], main: str | None) -> set[str]:
    """The countries an article names: as countries or regions, by a sizeable city, or its main one."""
    countries = {main} if main else set()
    for fact in facts:
        for mention in fact.places:
            top = mention.places[0] if mention.places else None
            if top is not None and (top.kind in ("country", "region") or top.rank >= FOREIGN_TOWN_RANK):
                countries.add(top.country)
    return countries


def _namesake_abroad(place: Any, countries: set[str], weak: set[str]) -> bool:
    return place.country not in countries and place.country in weak \
        and place.kind in ("locality", "neighbourhood") and place.rank < FOREIGN_TOWN_RANK \
        and place.rank != CURATED_RANK


def in_article(mentions: list[Any], countries: set[str], support: Counter[str] | None = None) -> list[Any]:
    """Returns the mentions with namesakes abroad put after candidates in the article's
    countries, and dropped when no candidate is in them (see the module docstring). A country
    counts as abroad only when the article's places point to it less than half as much as to
    its main country: a two-line report naming one town in each of two countries keeps both."""
    if not countries:
        return mentions
    support = support or Counter()
    top = max(support.values(), default=0)
    weak = {country for country, count in support.items() if 2 * count <= top} | \
        {p.country for m in mentions for p in m.places if p.country not in support}
    out = []
    for mention in mentions:
        if not mention.places or not _namesake_abroad(mention.places[0], countries, weak):
            out.append(mention)
            continue
        home = [p for p in mention.places if not _namesake_abroad(p, countries, weak)]
        if home:
            abroad = [p for p in mention.places if _namesake_abroad(p, countries, weak)]
            out.append(replace(mention, places=tuple(home + abroad)))
    return out


_STATE_FORCES = re.compile(r"^(?:Military|Air|Police) Forces of (?:the )?(.+)$")
_MAIN_COUNTRY_RULE = "the article's main country"


def place_unplaced_interceptions(events: list[Any], countries: set[str]) -> None:
    """An interception the text places nowhere happened in the interceptor's own country when
    the article names it ("Jordanian air defences intercepted a drone headed towards Eilat"):
    states shoot down what crosses their airspace. Other unplaced events keep the main country."""
    for event in events:
        evidence = event.evidence.get("country")
        if event.sub_event_type != "Disrupted weapons use" or evidence is None or evidence.rule != _MAIN_COUNTRY_RULE:
            continue
        match = _STATE_FORCES.match(event.actor1 or "")
        if match is None or match.group(1) not in countries or match.group(1) == event.country:
            continue
        event.country = match.group(1)
        event.evidence["country"] = replace(evidence, value=event.country,
                                            rule="no place named: the country of the forces that intercepted")


# "…during the raid, which was reportedly carried out in the country's Anbar province": a later
# definite mention of the event, then where it happened.
_MENTION_THEN_PLACE = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|airstrike|air\s+strike|bombing|explosion|blast|shelling|"
    r"assault|ambush|raid|operation|clashes|fighting)s?\b[^.;:!?]{0,80}?\b(?:in|near|at|outside)\s+"
    r"(?:the\s+)?(?:[\w’'-]+[’']s\s+)?$", re.I)
PLACE_MENTION_REACH = 2  # sentences after an unplaced event where a mention of it may place it


def place_from_later_mention(events: list[Any], facts: list[Any], sentence_of: dict[int, int],
                             precision_of: dict[str, int]) -> None:
    """An event whose sentence names no place below its country takes the place a following
    sentence with no event of its own gives it through a definite mention ("the raid, which was
    carried out in Anbar province"), when it is the last event told before that sentence."""
    told_in = {sentence_of.get(id(e)) for e in events}
    for event in events:
        index = sentence_of.get(id(event))
        if index is None or event.location or event.admin1:
            continue
        for ahead in range(index + 1, min(len(facts), index + 1 + PLACE_MENTION_REACH)):
            if ahead in told_in:
                break
            place, span = _mentioned_place(facts[ahead], event.country)
            if place is None:
                continue
            give_place(event, place, span, precision_of, "named by a later mention of the event")
            break


def give_place(event: Any, place: Any, span: str, precision_of: dict[str, int], how: str) -> None:
    """Sets an unplaced event's place (a region fills only admin1) and its evidence, saying `how`
    the place was found."""
    if place.kind == "region":
        event.admin1, event.geo_precision = place.admin1 or place.name, 3
    else:
        event.location, event.admin1 = place.name, place.admin1
        event.geo_precision = precision_of.get(place.kind, 3)
    event.latitude, event.longitude = place.lat, place.lon
    event.evidence["location"] = Evidence(event.location or event.admin1, span,
                                          f"gazetteer: {place.kind} ({place.source}); {how}")


def _mentioned_place(fact: Any, country: str | None) -> tuple[Any, str]:
    for mention in fact.places:
        top = mention.places[0] if mention.places else None
        if top is None or top.kind == "country" or (country and top.country != country):
            continue
        if _MENTION_THEN_PLACE.search(fact.text[max(0, mention.start - 160):mention.start]):
            return top, mention.text
    return None, ""


def prefer_actor_countries(facts: list[Any]) -> list[Any]:
    """Returns the facts with a small town abroad put after its namesake in a country of the
    article's actors, when the article names the town's country nowhere else: "Regime forces
    shelled the village of al-Zaafaranah" is the Syrian village, not the Egyptian town; "PMF
    forces searched Jawza" the Iraqi one. Actors' countries come from the knowledge base."""
    actor_countries = {a.actor.country for f in facts for a in f.actors
                       if a.actor.country and not a.actor.country_from_context}
    if not actor_countries:
        return facts
    out = []
    for fact in facts:
        mentions = []
        for mention in fact.places:
            top = mention.places[0] if mention.places else None
            if top is not None and _yields_to_actors(top, mention, facts, actor_countries):
                home = [p for p in mention.places if p.country in actor_countries]
                rest = [p for p in mention.places if p.country not in actor_countries]
                mention = replace(mention, places=tuple(home + rest))
            mentions.append(mention)
        out.append(replace(fact, places=mentions))
    return out


def _yields_to_actors(top: Any, mention: Any, facts: list[Any], actor_countries: set[str]) -> bool:
    if top.country in actor_countries or top.kind not in ("locality", "neighbourhood") \
            or top.rank >= FOREIGN_TOWN_RANK or top.rank == CURATED_RANK:
        return False
    if not any(p.country in actor_countries for p in mention.places[1:]):
        return False
    # The town's country named elsewhere in the article (as a country, a region or another town).
    return not any(m is not mention and m.places and m.places[0].country == top.country
                   for f in facts for m in f.places)
