"""Events a report tells beside another: strikes done in answer to a named attack (texts written
for these tests)."""
from __future__ import annotations

from datetime import date

from dateline.extract.extractor import Extractor
from tests.extract_support import events_of


def test_strikes_done_in_answer_to_an_attack_are_an_event(extractor: Extractor) -> None:
    # Unplaced and undated plural strikes are usually generic activity; done in answer to one
    # named attack they are that answer, one event.
    text = ("The British military carried out retaliatory air strikes on Yemen after a missile attack "
            "by Houthi fighters on a cargo ship in the Red Sea.")
    [strike] = [e for e in events_of(extractor, text, date(2024, 3, 7)) if e.country == "Yemen"]
    assert strike.actor1 == "Military Forces of the United Kingdom"
    assert strike.sub_event_type == "Air/drone strike"


def test_strikes_in_response_to_a_named_attack_are_kept_beside_it(extractor: Extractor) -> None:
    text = ("Turkish forces conducted strikes on Kurdish militant positions in Syria in response to "
            "Tuesday's bombing of a police station in Ankara.")
    events = events_of(extractor, text, date(2024, 3, 7))
    assert {e.country for e in events} == {"Syria", "Turkey"}


def test_strikes_with_no_answer_time_or_place_stay_generic(extractor: Extractor) -> None:
    for text in ("Turkish forces conducted strikes on Kurdish militant positions in Syria.",
                 "Turkish forces have repeatedly conducted retaliatory strikes on Kurdish militant "
                 "positions in Syria."):
        assert events_of(extractor, text, date(2024, 3, 7)) == []


def test_region_after_a_place_list_is_where_they_lie_not_one_more_place(extractor: Extractor) -> None:
    # "Kurajo" is no gazetteer place, so "and" stands between the last known name and the region.
    text = ("Turkish jets struck suspected militant hideouts in the Zap, Metina, Qandil and Kurajo areas of "
            "the Kurdistan Region on Monday, the defence ministry said.")
    events = events_of(extractor, text, date(2024, 9, 4))
    assert sorted(e.location or "" for e in events) == ["Metina", "Qandil", "Zap"]
    # Asos is one of the areas the knowledge base lists: one event more, still none at the region.
    events = events_of(extractor, text.replace("Kurajo", "Asos"), date(2024, 9, 4))
    assert sorted(e.location or "" for e in events) == ["Asos", "Metina", "Qandil", "Zap"]


def test_places_after_suburbs_of_are_the_places_not_the_city_before(extractor: Extractor) -> None:
    text = ("The Observatory said Israeli strikes hit weapons depots in the Damascus suburbs of Kisweh "
            "and Qudsaya on Wednesday.")
    events = events_of(extractor, text, date(2019, 11, 21))
    # Qudsaya is GeoNames' Qudsayyā (Qadsayya), found through "suburbs of": one event at each.
    assert sorted((e.location, e.admin1) for e in events) == [("Kisweh", "Rural Damascus"),
                                                              ("Qudsaya", "Rural Damascus")]


def test_a_follow_up_in_another_province_is_an_event_of_its_own(extractor: Extractor) -> None:
    text = ("Israeli warplanes struck Iranian targets around Damascus on Wednesday, state media said. "
            "The Observatory said the strikes hit weapons depots in the Damascus suburbs of Kisweh and "
            "Qudsaya.")
    events = events_of(extractor, text, date(2019, 11, 21))
    assert sorted((e.location, e.admin1) for e in events) == [("Damascus", "Damascus"),
                                                              ("Kisweh", "Rural Damascus"),
                                                              ("Qudsaya", "Rural Damascus")]


def test_a_follow_up_in_the_same_province_still_details_the_event(extractor: Extractor) -> None:
    text = ("Rockets struck Erbil on Monday night, officials said. The rockets hit a US base near Erbil "
            "International Airport.")
    events = events_of(extractor, text, date(2021, 2, 16))
    assert len(events) == 1 and events[0].admin1 == "Erbil"
