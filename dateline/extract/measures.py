"""Events that happen where the violence told before them did: a measure the authorities take in
answer to it (a curfew), a crowd gathered at its scene.

"Protesters set fire to the consulate in the city. Authorities announced a curfew shortly
afterwards." The measure is an event of its own (ACLED: Strategic developments / Other), never a
detail of the violence before it, and when its words name no place ("a curfew in the city",
"announced a curfew") it was imposed where that violence happened: the place of the latest
event told before it, of another type, in the same country, a few sentences back at most.
"By the time reporters reached the scene, the wreck was surrounded by protesters": the crowd
protested at the scene of the strike told before, so in its place, country and day.
"""
from __future__ import annotations

from typing import Any

from dateline.model import EventRecord, Evidence

MEASURE_REACH = 8  # sentences back where the violence a measure answers may be told (a section)


def is_measure(event: EventRecord) -> bool:
    """True for a measure imposed by the authorities (a curfew, an ordered departure)."""
    return event.event_type == "Strategic developments" and event.sub_event_type == "Other"


def place_unplaced_measures(events: list[EventRecord], sentence_of: dict[int, int]) -> None:
    """Gives a measure with no place of its own the place of the violence told just before it."""
    for position, event in enumerate(events):
        index = sentence_of.get(id(event))
        if not is_measure(event) or event.location or event.admin1 or index is None:
            continue
        answered = _answered(events[:position], sentence_of, index, event.country)
        if answered is None:
            continue
        for name in ("location", "admin1", "latitude", "longitude", "geo_precision"):
            setattr(event, name, getattr(answered, name))
        if "location" in answered.evidence:
            told = answered.evidence["location"]
            event.evidence["location"] = Evidence(told.value, told.span,
                                                  f"{told.rule}; no place of its own: where the violence "
                                                  "it answers happened")


SCENE_REACH = 6  # sentences back where the event whose scene a crowd gathered at may be told


def place_crowds_at_scene(events: list[EventRecord], sentence_of: dict[int, int], marker: str) -> None:
    """Gives a crowd at the scene of an event told before (type rule with `marker`), with no
    place of its own, that event's place, country and day: the crowd was there."""
    for position, event in enumerate(events):
        index = sentence_of.get(id(event))
        told = event.evidence.get("event_type")
        if told is None or marker not in told.rule or event.location or event.admin1 or index is None:
            continue
        scene = next((e for e in reversed(events[:position])
                      if index - sentence_of.get(id(e), -99) <= SCENE_REACH
                      and e.event_type not in ("Protests", "Strategic developments")
                      and (e.location or e.admin1)), None)
        if scene is None:
            continue
        if event.country != scene.country and event.actor1.endswith(f"({event.country})"):
            event.actor1 = f"{event.actor1[:-len(event.country or '') - 2]}({scene.country})"
        for name in ("country", "location", "admin1", "latitude", "longitude", "geo_precision"):
            setattr(event, name, getattr(scene, name))
        for name in ("location", "country"):
            if name in scene.evidence:
                where = scene.evidence[name]
                event.evidence[name] = Evidence(where.value, where.span, f"{where.rule}; {marker}: its place")
        if scene.event_date and scene.date_precision in ("day", "range"):
            event.event_date, event.date_precision = scene.event_date, scene.date_precision
            when = scene.evidence.get("event_date")
            event.evidence["event_date"] = Evidence(event.event_date, when.span if when else None,
                                                    f"{marker}: its day")
            event.evidence["date_precision"] = Evidence(event.date_precision, event.evidence["event_date"].span,
                                                        event.evidence["event_date"].rule)


def _answered(before: list[EventRecord], sentence_of: dict[int, int], index: int,
              country: str | None) -> Any:
    """The latest placed event of violence told before, within `MEASURE_REACH` sentences."""
    for earlier in reversed(before):
        at = sentence_of.get(id(earlier))
        if at is None or index - at > MEASURE_REACH:
            return None
        if earlier.event_type == "Strategic developments" or (country and earlier.country != country):
            continue
        if earlier.location or earlier.admin1:
            return earlier
    return None


__all__ = ["MEASURE_REACH", "SCENE_REACH", "is_measure", "place_crowds_at_scene", "place_unplaced_measures"]
