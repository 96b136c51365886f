"""Killings an article recalls in passing, as a noun: "after the killing of <a leader> in <a city>",
with the party it is blamed on; and what must stay one event or no agent."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor
from dateline.extract.roles import AGENT, SPEAKER, role_of


def test_a_killing_named_after_the_news_is_an_event_with_its_blamed_attacker(extractor: Extractor) -> None:
    text = ("Two drones struck an oil field in northern Iraq on Tuesday, officials said. The strike came days "
            "after the killing of Hezbollah commander Ali Karim in Damascus, which has been blamed on Israel.")
    events = events_of(extractor, text, date(2024, 5, 9))
    [killing] = [e for e in events if e.country == "Syria"]
    assert killing.location == "Damascus"
    assert killing.actor1 == "Military Forces of Israel"
    assert killing.event_type == "Explosions/Remote violence"
    assert killing.sub_event_type == "Air/drone strike"  # a state's forces abroad, no weapon named


def test_a_killing_told_as_the_outcome_of_strikes_is_the_same_event(extractor: Extractor) -> None:
    text = ("Three villages near Qamishli came under heavy strikes on Sunday, which resulted in the killing of "
            "at least ten fighters of the Syrian Democratic Forces.")
    events = events_of(extractor, text, date(2022, 11, 21))
    assert events and all(e.event_type == "Explosions/Remote violence" for e in events)
    assert all(e.fatalities in (10, None) for e in events)


def test_blamed_on_names_the_attacker_not_a_place() -> None:
    text = "The bombing, blamed on Turkey, killed four people."
    start = text.index("Turkey")
    assert role_of(text, start, start + len("Turkey"), text.index("killed")).role == AGENT


def test_officials_bracing_for_a_reply_are_not_the_attacker() -> None:
    text = "US officials brace for a response to the killing of a commander."
    assert role_of(text, 0, 2, text.index("killing")).role == SPEAKER
    text = "Tehran's promised response to the killing of its guest"
    assert role_of(text, 0, 6, text.index("killing")).role == SPEAKER


def test_neither_confirmed_nor_denied_but_claimed_is_the_subjects_event(extractor: Extractor) -> None:
    text = ("Turkey has neither confirmed nor denied the bombing, but did claim the assassination of PKK "
            "commander Aram Dilan in Sulaymaniyah.")
    [event] = [e for e in events_of(extractor, text, date(2024, 6, 3)) if e.location == "Sulaymaniyah"]
    assert event.actor1 == "Military Forces of Turkey"


def test_each_place_takes_the_party_told_at_it(extractor: Extractor) -> None:
    text = ("Officials await a reply to the killing last week of a Hamas official in Damascus and a "
            "Hezbollah commander outside Beirut.")
    by_place = {e.location: e for e in events_of(extractor, text, date(2024, 8, 6))}
    assert by_place["Damascus"].actor2 == "Hamas Movement"
    assert by_place["Beirut"].actor2 == "Hezbollah"


def test_the_base_of_an_article_that_names_one_base_is_that_base(extractor: Extractor) -> None:
    text = ("Several soldiers were hurt on Monday in a rocket attack on Ain al-Asad air base in western Iraq. "
            "Militants fired two rockets at the base last week as well, officials said.")
    events = events_of(extractor, text, date(2024, 3, 7))
    earlier = [e for e in events if e.date_precision == "range"]
    assert earlier and earlier[0].location == "Ain al-Asad Air Base"
    assert "an article that names one" in earlier[0].evidence["location"].rule
    assert earlier[0].actor2 == "Military Forces of the United States"  # the forces the base hosts (KB)


def test_the_base_stays_unplaced_when_the_article_names_two_bases(extractor: Extractor) -> None:
    text = ("Rockets hit Ain al-Asad air base on Monday, and a drone struck Harir air base on Tuesday. "
            "Militants fired two rockets at the base last week as well, officials said.")
    events = events_of(extractor, text, date(2024, 3, 7))
    earlier = [e for e in events if e.date_precision == "range"]
    assert earlier and all(e.location is None for e in earlier)


def test_a_site_attacked_again_in_a_month_of_its_own_is_another_event(extractor: Extractor) -> None:
    text = ("Rockets struck Ain al-Asad air base in western Iraq on Monday evening. "
            "The base was also attacked in June, a local official said.")
    events = events_of(extractor, text, date(2022, 7, 26))
    [june] = [e for e in events if e.date_precision == "month"]
    assert june.event_date == "2022-06-15" and june.location == "Ain al-Asad Air Base"
    assert june.event_type == "Explosions/Remote violence"


def test_a_site_attacked_with_no_time_of_its_own_stays_background(extractor: Extractor) -> None:
    text = ("Rockets struck Ain al-Asad air base in western Iraq on Monday evening. "
            "The base was also attacked, a local official said.")
    assert len(events_of(extractor, text, date(2022, 7, 26))) == 1
