"""A denied cause still leaves the explosion that happened; on reports written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_a_denied_strike_leaves_the_explosion_it_was_said_to_cause(extractor: Extractor) -> None:
    text = "Local officials denied on Monday that a drone strike was behind the explosion at a militia weapons depot in Hit."
    [event] = events_of(extractor, text, date(2022, 5, 10))
    assert (event.event_type, event.location) == ("Explosions/Remote violence", "Hit")
    # The denied weapon is not the explosion's.
    assert event.sub_event_type != "Air/drone strike" and "drone" not in event.weapons


def test_an_asserted_cause_stays_the_event_and_a_denied_one_alone_is_none(extractor: Extractor) -> None:
    text = "A drone strike was behind the explosion at a militia weapons depot in Hit on Monday, officials said."
    [event] = events_of(extractor, text, date(2022, 5, 10))
    assert (event.sub_event_type, event.location) == ("Air/drone strike", "Hit")
    assert events_of(extractor, "Local officials denied on Monday that a drone strike hit a militia depot in Hit.",
                     date(2022, 5, 10)) == []


def test_a_denied_cause_leaves_the_explosion_even_with_no_time_or_town_of_its_own(extractor: Extractor) -> None:
    # "behind the explosion" needs its article: it is no sign of an event told before.
    text = "The office of the Diyala governor denied that an air strike was behind the explosion at an army depot in the province."
    [event] = events_of(extractor, text, date(2022, 5, 10))
    assert (event.event_type, event.country) == ("Explosions/Remote violence", "Iraq")
    assert event.date_precision == "unknown" and event.location is None
    # "the province" is the one its sentence named, here inside an official's title.
    assert event.admin1 == "Diyala"


def test_the_province_is_none_when_the_sentence_names_two(extractor: Extractor) -> None:
    text = ("The Diyala council and the Salahuddin council denied that an air strike was behind the explosion "
            "at an army depot in the province.")
    [event] = events_of(extractor, text, date(2022, 5, 10))
    assert event.event_type == "Explosions/Remote violence" and event.admin1 is None
