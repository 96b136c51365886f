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
    # "Asos" is no gazetteer place, so "and" stands between the last known name and the region.
    text = ("Turkish jets struck suspected militant hideouts in the Zap, Metina, Qandil and Asos areas of "
            "the Kurdistan Region on Monday, the defence ministry said.")
    events = events_of(extractor, text, date(2024, 9, 4))
    assert sorted(e.location or "" for e in events) == ["Metina", "Qandil", "Zap"]
