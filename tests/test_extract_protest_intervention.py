"""Protests met by security forces, on reports written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_security_forces_clashing_with_protesters_is_a_protest_with_intervention(extractor: Extractor) -> None:
    # "Riot police" names a force, not a riot.
    text = "Riot police and demonstrators clashed in Basra on Thursday, witnesses said."
    [event] = events_of(extractor, text, date(2022, 5, 12))
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    assert (event.actor1, event.actor2) == ("Protesters (Iraq)", "Police Forces of Iraq")
    assert "clashed with the protesters" in event.evidence["event_type"].rule


def test_a_protest_with_no_force_named_stays_peaceful(extractor: Extractor) -> None:
    # A clash word with no security force named says nothing of an intervention.
    text = "Hundreds of demonstrators rallied in Basra on Thursday after clashes between two tribes."
    [event] = events_of(extractor, text, date(2022, 5, 12))
    assert (event.sub_event_type, event.actor2) == ("Peaceful protest", None)
