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


def test_a_crowd_at_the_scene_of_a_strike_is_a_protest_there_that_day(extractor: Extractor) -> None:
    text = ("A drone strike destroyed a car in Mosul on Tuesday, killing two men, police said. Residents said "
            "the driver worked for a local contractor. When reporters arrived at the site, the wreckage was "
            "surrounded by angry protesters shouting slogans against the government.")
    strike, protest = events_of(extractor, text, date(2022, 5, 12))
    assert strike.sub_event_type == "Air/drone strike"
    assert (protest.sub_event_type, protest.actor1) == ("Peaceful protest", "Protesters (Iraq)")
    assert (protest.location, protest.event_date) == (strike.location, strike.event_date) == ("Mosul", "2022-05-10")
    # Protesters named with no scene of an event are still activity, not one protest.
    assert [e.sub_event_type for e in events_of(
        extractor, "A drone strike destroyed a car in Mosul on Tuesday. Protesters have demanded an inquiry.",
        date(2022, 5, 12))] == ["Air/drone strike"]
