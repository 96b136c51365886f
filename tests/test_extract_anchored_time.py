"""Events told as what came before the article's event ("The attack comes two weeks after …")."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_an_event_told_before_the_subject_is_counted_back_from_it(extractor: Extractor) -> None:
    text = ("Gunmen fired mortars at an army post in Tuz Khurmatu on Friday, March 8, killing two soldiers.\n\n"
            "The attack comes two weeks after a roadside bomb hit a police patrol in Kirkuk, killing three officers.")
    events = events_of(extractor, text, date(2024, 3, 9))
    earlier = [e for e in events if e.location == "Kirkuk"]
    assert len(earlier) == 1 and len(events) == 2
    # Counted back from the mortar attack (8 March), not from the day of publication.
    assert (earlier[0].event_date, earlier[0].date_precision) == ("2024-02-23", "range")
    assert "counted back from the event the sentence's subject names" in earlier[0].evidence["event_date"].rule


def test_an_event_the_attack_came_after_lands_where_its_target_is_based(extractor: Extractor) -> None:
    text = ("Drones struck a base in Erbil on Sunday, January 7, officials said.\n\n"
            "The attack also came after US warships launched a strike on the Yemen-based Houthi rebels "
            "targeting a missile launcher.")
    strike = [e for e in events_of(extractor, text, date(2024, 1, 8)) if e.country == "Yemen"]
    assert len(strike) == 1
    assert strike[0].actor2 == "Houthis" and strike[0].event_type == "Explosions/Remote violence"
    # No count: before the anchor, at a time the text does not give.
    assert (strike[0].event_date, strike[0].date_precision) == ("2024-01-07", "unknown")


def test_with_no_dated_anchor_nothing_is_counted_from_publication(extractor: Extractor) -> None:
    # The event the subject names has no time of its own: nothing to count back from.
    text = ("Officials said a rocket attack targeted a base near Baghdad.\n\n"
            "The attack comes two weeks after a roadside bomb hit a police patrol in Kirkuk.")
    events = events_of(extractor, text, date(2024, 3, 9))
    assert all("subject names" not in e.evidence["event_date"].rule and e.event_date != "2024-02-24"
               for e in events)


def test_a_subject_that_is_no_event_is_no_anchor(extractor: Extractor) -> None:
    text = ("Gunmen fired mortars at an army post in Tuz Khurmatu on Friday, March 8.\n\n"
            "The vote in parliament came two days after a roadside bomb hit a police patrol in Kirkuk.")
    events = events_of(extractor, text, date(2024, 3, 9))
    assert events and all("subject names" not in e.evidence["event_date"].rule for e in events)


def test_the_event_answered_is_not_done_by_the_party_that_answers_it(extractor: Extractor) -> None:
    for link in ("in retaliation for", "in retaliation to"):
        text = f"Turkish jets bombed an arms depot near Qamishli on Tuesday {link} a mortar attack on Kilis."
        events = events_of(extractor, text, date(2024, 3, 6))
        answer = [e for e in events if e.location == "Qamishli"]
        assert len(answer) == 1 and answer[0].actor1 == "Military Forces of Turkey"
        # The mortar attack, if read at all, is told at its own place and not done by the jets' owner.
        cause = [e for e in events if e is not answer[0]]
        assert all(e.actor1 != "Military Forces of Turkey" and e.location != "Qamishli" for e in cause)


def test_a_subject_dated_a_sentence_before_anchors_the_count(extractor: Extractor) -> None:
    text = ("Lawmakers demanded the withdrawal of foreign troops in a vote held on 12 June, 2022.\n\n"
            "The vote came three days after two militia commanders were killed in a Turkish raid near Sinjar.")
    events = events_of(extractor, text, date(2023, 2, 1))
    raid = [e for e in events if e.location == "Sinjar"]
    assert len(raid) == 1
    assert (raid[0].event_date, raid[0].date_precision) == ("2022-06-09", "day")
    # The victims fell in the raid of the party named before it.
    assert raid[0].actor1 == "Military Forces of Turkey"


def test_without_a_dated_subject_nothing_is_counted(extractor: Extractor) -> None:
    text = ("Lawmakers demanded the withdrawal of foreign troops.\n\n"
            "The vote came three days after two militia commanders were killed in a Turkish raid near Sinjar.")
    events = events_of(extractor, text, date(2023, 2, 1))
    assert all("subject" not in e.evidence["event_date"].rule for e in events)


def test_the_attacks_count_back_from_the_first_of_the_set_just_told(extractor: Extractor) -> None:
    # "The attacks" names both attacks told before: the explosion came a day before the first.
    text = ("Rockets hit a US base in Hasakah province on Sunday, April 14, officials said.\n\n"
            "A drone struck Ain al-Asad air base on Monday, April 15, the coalition said.\n\n"
            "The attacks came a day after explosions occurred at an army depot in Babil province.")
    events = events_of(extractor, text, date(2024, 4, 16))
    depot = [e for e in events if e.admin1 == "Babil"]
    assert len(depot) == 1
    assert (depot[0].event_date, depot[0].date_precision) == ("2024-04-13", "day")
