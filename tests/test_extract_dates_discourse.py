"""Dates an event takes when its own words give none, lists of days, and tolls that belong to
another event: texts written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor
from dateline.ingest.prepare import prepare
from dateline.model import RawDocument


def test_no_time_words_take_the_publication_date_as_unknown(extractor: Extractor) -> None:
    [event] = events_of(extractor, "Rockets struck a military base near Kirkuk, causing damage to a hangar.",
                      date(2024, 3, 7))
    assert (event.event_date, event.date_precision) == ("2024-03-07", "unknown")
    assert "publication date" in event.evidence["event_date"].rule


def test_the_day_of_the_report_dates_an_event_with_no_time_of_its_own(extractor: Extractor) -> None:
    text = "American jets have bombed militia depots near Qaim, the Pentagon said on Tuesday."
    [event] = events_of(extractor, text, date(2024, 3, 7))  # a Thursday
    assert (event.event_date, event.date_precision) == ("2024-03-05", "unknown")
    assert event.evidence["event_date"].span == "on Tuesday"


def test_an_undated_article_leaves_the_date_empty(extractor: Extractor) -> None:
    [event] = events_of(extractor, "Rockets struck a military base near Kirkuk, causing damage to a hangar.", None)
    assert event.event_date is None and event.date_precision == "unknown"


def test_a_list_of_days_is_one_event_a_day(extractor: Extractor) -> None:
    text = "Turkish warplanes struck PKK positions in Duhok province on October 18, 19 and 21."
    events = events_of(extractor, text, date(2024, 11, 1))
    assert sorted(e.event_date for e in events) == ["2024-10-18", "2024-10-19", "2024-10-21"]
    assert {e.location for e in events} == {events[0].location}
    assert "one of the days listed" in events[-1].evidence["event_date"].rule


def test_a_toll_of_the_event_given_as_cause_is_not_this_one(extractor: Extractor) -> None:
    text = ("Iraqi police arrested five suspects in Basra on Monday over the bombing which killed "
            "twelve people at a market last week.")
    arrests = [e for e in events_of(extractor, text, date(2024, 3, 7)) if e.sub_event_type == "Arrests"]
    assert arrests and all(e.fatalities is None for e in arrests)


def test_a_short_report_is_ingested_and_its_stamp_is_not_a_date() -> None:
    short = prepare(RawDocument(origin="t", text="Regime warplanes bombed the town of Kafr Nabl with "
                                "neither injuries nor fatalities reported", published=date(2018, 2, 3)))
    assert short.text.startswith("Regime warplanes")
    stamped = prepare(RawDocument(origin="t", text=" date 2024-01-21 Rockets hit a base in the west of "
                                  "the country, officials said.\n\nNobody was hurt, a spokesman said."))
    assert stamped.published == date(2024, 1, 21) and "2024-01-21" not in stamped.text


def test_a_casualty_clause_set_off_by_commas_completes_its_event(extractor: Extractor) -> None:
    text = "Turkish drone strikes, carried out near Qandil overnight, killed four PKK members."
    [event] = events_of(extractor, text, date(2024, 3, 7))
    assert event.fatalities == 4
    assert "casualty clause" in event.evidence["fatalities"].rule


def test_an_undated_event_that_refers_back_takes_the_date_of_the_event_before(extractor: Extractor) -> None:
    text = ("Israeli jets struck weapons depots near Damascus on Sunday, a war monitor said.\n\n"
            "The monitor gave no figures for casualties.\n\n"
            "Further strikes were reported in Quneitra province, where the targets included radar sites.")
    events = events_of(extractor, text, date(2024, 1, 30))  # a Tuesday
    assert [e.event_date for e in events] == ["2024-01-28", "2024-01-28"]
    assert "refers back" in events[1].evidence["event_date"].rule


def test_a_follow_up_toll_of_an_earlier_event_stays_off_the_event(extractor: Extractor) -> None:
    text = ("Rockets struck a base housing US troops in Anbar on Monday, officials said.\n\n"
            "The attack comes amid high tension after the killing of a militia leader in Baghdad last week.")
    events = [e for e in events_of(extractor, text, date(2024, 8, 6)) if e.admin1 == "Anbar"]
    assert events and all(e.fatalities is None for e in events)


def test_a_clause_naming_the_event_again_gives_its_toll(extractor: Extractor) -> None:
    text = "Rockets hit the base on Monday, in an attack that killed two soldiers."
    [event] = events_of(extractor, text, date(2024, 3, 7))
    assert event.fatalities == 2


def test_a_later_definite_mention_gives_an_undated_event_its_day(extractor: Extractor) -> None:
    text = ("Gunmen opened fire on mourners at a funeral in the town of Tuz Khurmatu, killing four people, "
            "local officials said.\n\nThe town's mayor called for calm. Police sealed off the roads into the town. "
            "The attack, which took place late on Thursday, was the deadliest in the province this year.")
    events = events_of(extractor, text, date(2024, 3, 9))  # a Saturday
    attack = next(e for e in events if e.fatalities == 4)
    assert (attack.event_date, attack.date_precision) == ("2024-03-07", "day")
    assert "later mention" in attack.evidence["event_date"].rule


def test_a_later_mention_dated_by_a_speaker_gives_no_day(extractor: Extractor) -> None:
    text = ("Gunmen opened fire on mourners at a funeral in the town of Tuz Khurmatu, killing four people.\n\n"
            "The attack was condemned by the governor, who said on Thursday that the killers would be found.")
    events = events_of(extractor, text, date(2024, 3, 9))
    attack = next(e for e in events if e.fatalities == 4)
    assert attack.date_precision == "unknown"


def test_earlier_in_the_day_dates_an_event_by_the_one_told_before(extractor: Extractor) -> None:
    text = ("Israeli aircraft struck an army depot near Damascus on Sunday, monitors said.\n\nThe airstrikes "
            "followed significant developments earlier in the day when rebel groups, led by the Syrian National "
            "Army (SNA), seized control of the town of Nawa.")
    events = events_of(extractor, text, date(2024, 3, 7))  # a Thursday
    seized = next(e for e in events if e.event_type == "Strategic developments" or "territory" in e.sub_event_type)
    assert (seized.event_date, seized.date_precision) == ("2024-03-03", "day")
    assert seized.evidence["event_date"].span == "earlier in the day"


def test_what_had_happened_by_a_day_spans_from_the_day_told_before(extractor: Extractor) -> None:
    text = ("On March 2, Islamic State fighters launched an assault on villages south of Mosul.\n\n"
            "By March 12, they had seized the town of Qayyarah, local officials said.")
    events = events_of(extractor, text, date(2024, 3, 20))
    seized = next(e for e in events if e.location and "Qayyarah" in e.location)
    assert (seized.event_date, seized.date_precision) == ("2024-03-07", "range")
    assert seized.evidence["event_date"].span == "By March 12"


def test_a_day_with_no_earlier_day_told_stays_a_day(extractor: Extractor) -> None:
    text = "By March 12, Islamic State fighters had seized the town of Qayyarah, local officials said."
    [seized] = events_of(extractor, text, date(2024, 3, 20))
    assert (seized.event_date, seized.date_precision) == ("2024-03-12", "day")


def test_last_week_and_the_past_weekend_date_a_plural_clause(extractor: Extractor) -> None:
    # A calendar range named against the publication is the clause's own time: a plural trigger
    # with it is an event, not generic activity (a Thursday; the week before is 26 Feb - 3 Mar).
    text = ("Drones attacked a US base in eastern Syria on Tuesday. Militants fired rockets at US bases "
            "in Iraq last week, officials said.")
    events = events_of(extractor, text, date(2024, 3, 7))
    assert [(e.event_date, e.date_precision, e.country) for e in events] == [
        ("2024-03-05", "day", "Syria"), ("2024-02-29", "range", "Iraq")]
    [weekend] = events_of(extractor, "US forces carried out airstrikes on militia depots in Iraq over the "
                                     "past weekend.", date(2024, 3, 7))
    assert (weekend.event_date, weekend.date_precision) == ("2024-03-02", "range")
    assert weekend.evidence["event_date"].rule == "own: relative-weekend"


def test_the_time_of_another_event_the_clause_names_is_not_its_own(extractor: Extractor) -> None:
    extractor.frame_log = []
    try:
        events_of(extractor, "Several soldiers were injured on Monday in a rocket attack at an air base in western "
                             "Iraq. The attack comes at a fraught time, as officials brace for a response to the "
                             "killing last week of a senior commander in Beirut.", date(2024, 3, 7))
        later, killing = [c for c in extractor.frame_log if c["sentence"].startswith("The attack comes")]
    finally:
        extractor.frame_log = None
    assert later["own_date"] is False
    # The killing named as a noun is a clause of its own, and "last week" is its time.
    assert killing["clause"].lstrip(" ,").startswith("as officials") or "killing last week" in killing["clause"]
    assert killing["own_date"] is True


def test_a_clause_told_as_the_outcome_of_another_takes_its_time(extractor: Extractor) -> None:
    text = ("Early last month, a drone attack in Syria killed a US contractor, leading to US airstrikes "
            "against militia targets, officials said.")
    attack, reply = events_of(extractor, text, date(2024, 3, 7))
    assert attack.actor2 == "Civilians (United States)" and reply.actor1 == "Military Forces of the United States"
    assert (reply.event_date, reply.date_precision) == (attack.event_date, "range") == ("2024-02-05", "range")
    assert "the clause it follows from" in reply.evidence["event_date"].rule


def test_a_day_set_before_another_event_noun_dates_that_event(extractor: Extractor) -> None:
    # "The February 16 attack prompted…": the day is the attack's, not the airstrikes' it prompted.
    extractor.frame_log = []
    try:
        events = events_of(extractor, "Rockets struck a base in Iraq on Tuesday. The February 16 attack prompted "
                                      "the United States to carry out airstrikes against a target in Syria.",
                           date(2024, 3, 7))
        [later] = [c for c in extractor.frame_log if c["sentence"].startswith("The February")]
    finally:
        extractor.frame_log = None
    assert later["own_date"] is False
    assert all(e.event_date != "2024-02-16" for e in events)
    [tuesday] = events_of(extractor, "The Tuesday rocket attack on the base killed two soldiers.", date(2024, 3, 7))
    assert (tuesday.event_date, tuesday.date_precision) == ("2024-03-05", "day")


def test_a_toll_suffered_after_an_attack_told_before_completes_it(extractor: Extractor) -> None:
    text = ("Militants attacked an army checkpoint near Tikrit on Monday, security sources said. "
            "The soldiers at the post suffered five casualties (two dead and three wounded) after the "
            "militants launched a surprise assault on their positions.")
    [event] = events_of(extractor, text, date(2024, 3, 7))
    assert (event.fatalities, event.injured) == (2, 3)
    assert "told in the sentence after the event" in event.evidence["fatalities"].rule


def test_an_event_told_in_a_when_clause_takes_the_date_before_it(extractor: Extractor) -> None:
    # "…since March 3, when gunmen killed…": the date the "when" clause follows is its event's.
    text = ("Shops in the town reopened on Monday for the first time since March 3, when gunmen "
            "killed 12 villagers in Mosul.")
    events = events_of(extractor, text, date(2024, 5, 20))
    killing = [e for e in events if e.event_type == "Violence against civilians"]
    assert killing and killing[0].event_date == "2024-03-03" and killing[0].date_precision == "day"
    assert "'when' clause" in killing[0].evidence["event_date"].rule


def test_a_clause_nested_in_a_when_clause_does_not_take_its_date_from_it(extractor: Extractor) -> None:
    # "…on May 3 when a man was killed after protesters marched…": only the "when" clause's own
    # event is dated by the words before "when"; the march the "after" clause tells is not.
    extractor.frame_log = []
    try:
        events_of(extractor, "Anger grew on May 3 when a man was killed after protesters marched toward the ministry "
                             "in Basra.", date(2024, 5, 20))
        [march] = [c for c in extractor.frame_log if c["clause"].lstrip().startswith("after")]
    finally:
        extractor.frame_log = None
    assert not march["own_date"]
