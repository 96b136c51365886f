"""Measures the authorities take in answer to violence: a curfew, an ordered departure.

"Protesters set fire to the consulate in the city. Authorities announced a curfew shortly
afterwards." The measure is an event of its own (ACLED: Strategic developments / Other), never a
detail of the violence before it, and when its words name no place ("a curfew in the city",
"announced a curfew") it was imposed where that violence happened: the place of the latest
event told before it, of another type, in the same country, a few sentences back at most.
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


__all__ = ["MEASURE_REACH", "is_measure", "place_unplaced_measures"]
