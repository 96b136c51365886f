"""A detail sentence listing several places of an event told before: one event a place (texts
written for these tests)."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor

THURSDAY = date(2024, 3, 7)


def test_each_further_place_a_detail_lists_is_an_event_of_its_own(extractor: Extractor) -> None:
    text = ("Turkish warplanes bombed PKK positions in northern Iraq on Monday, killing four fighters.\n\n"
            "The strikes targeted hideouts in Zakho, Amadiya and Sidakan, officials said.")
    events = events_of(extractor, text, THURSDAY)
    assert [e.location for e in events] == ["Zakho", "Amadiya", "Sidakan"]
    assert {(e.event_date, e.sub_event_type, e.actor1, e.actor2) for e in events} == {
        ("2024-03-04", "Air/drone strike", "Military Forces of Turkey", "Kurdistan Workers' Party")}
    # The toll the lead gives stays with the event it completes; its copies have none.
    assert [e.fatalities for e in events] == [4, None, None]
    assert "one of several places" in events[2].evidence["location"].rule
    assert all(len(e.sources) == 2 for e in events)  # the lead and the detail


def test_a_detail_naming_places_of_a_suburb_list_splits_the_event(extractor: Extractor) -> None:
    text = ("Israeli jets struck Iranian targets in Syria on Tuesday, the army said.\n\n"
            "The strikes hit arms depots in the suburbs of Kisweh and Qudsaya, a monitor said.")
    events = events_of(extractor, text, THURSDAY)
    assert [(e.location, e.event_date) for e in events] == [("Kisweh", "2024-03-05"), ("Qudsaya", "2024-03-05")]


def test_a_place_that_says_where_another_lies_is_no_second_event(extractor: Extractor) -> None:
    text = ("Rockets struck a US base in Iraq on Tuesday, officials said.\n\n"
            "The rockets hit Camp Taji, north of Baghdad, a spokesman said.")
    [event] = events_of(extractor, text, THURSDAY)
    assert event.location == "Camp Taji"


def test_another_attack_told_beside_an_event_is_one_of_its_kind_at_its_time(extractor: Extractor) -> None:
    text = "Militants fired two rockets at a US base in Iraq on Sunday, along with another attack in Syria, officials said."
    rockets, other = events_of(extractor, text, THURSDAY)
    assert (rockets.country, other.country) == ("Iraq", "Syria")
    assert (other.event_date, other.date_precision) == ("2024-03-03", "day")
    assert other.sub_event_type == rockets.sub_event_type == "Shelling/artillery/missile attack"
    # The attacker stays unidentified, of the country where the other attack was.
    assert (other.actor1, other.actor2) == ("Unidentified Armed Group (Syria)", "Military Forces of the United States")
    assert "another of the kind" in other.evidence["event_type"].rule


def test_a_definite_mention_takes_the_place_of_the_first_mention_of_its_event(extractor: Extractor) -> None:
    text = ("US jets struck a militia responsible for a rocket attack on a military base near Kirkuk.\n\n"
            "The rocket attack last week killed a contractor and wounded four soldiers, officials said.")
    events = events_of(extractor, text, THURSDAY)
    [attack] = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert (attack.location, attack.admin1, attack.fatalities) == ("Kirkuk", "Kirkuk", 1)
    assert "earlier sentence first mentions the event" in attack.evidence["location"].rule


def test_clashes_named_again_take_the_place_given_with_an_earlier_mention(extractor: Extractor) -> None:
    # A bare plural ("clashes") or a definite mention set off by commas gives the place.
    text = ("At least five people were killed in clashes on Tuesday between two tribes in western Iraq.\n\n"
            "The clashes, in the countryside of Anbar, pitted the tribes against each other.\n\n"
            "The clashes erupted on Sunday after a dispute over land.")
    events = events_of(extractor, text, THURSDAY)
    [sunday] = [e for e in events if e.event_type == "Battles" and e.event_date != "2024-03-05"]
    assert sunday.admin1 == "Anbar"
    assert "earlier sentence first mentions the event" in sunday.evidence["location"].rule
