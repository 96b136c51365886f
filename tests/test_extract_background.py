"""Clauses that tell background, a period or a statement, not an event; and the dates of clauses
whose time words sit across a clause break or after a speech verb: texts written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.background import background_reason, is_period
from dateline.extract.extractor import Extractor

PUBLISHED = date(2024, 3, 7)  # a Thursday


def test_history_given_only_by_a_year_is_background(extractor: Extractor) -> None:
    text = ("Turkish drones struck a car near Sinjar on Tuesday, killing two fighters. "
            "The militants seized large parts of Nineveh in 2014 before their defeat in 2017.")
    events = events_of(extractor, text, PUBLISHED)
    assert [e.event_date for e in events] == ["2024-03-05"]


def test_a_recent_year_is_no_background_on_its_own() -> None:
    # A span that ended a few weeks before the report is not history recalled.
    assert background_reason("the army recaptured the town", False, date(2023, 7, 2), "range",
                             "own: year", date(2024, 1, 20)) is None
    assert background_reason("the army recaptured the town", False, date(2019, 7, 2), "range",
                             "own: year", date(2024, 1, 20)) is not None


def test_activity_told_in_the_perfect_over_a_period_is_no_event(extractor: Extractor) -> None:
    text = ("Several rockets hit the Khor Mor gas field on Wednesday night, officials said. "
            "Armed groups have targeted energy facilities near Chamchamal before.")
    events = events_of(extractor, text, PUBLISHED)
    assert [e.event_date for e in events] == ["2024-03-06"]


def test_a_count_of_attacks_over_a_period_is_a_tally_not_an_event(extractor: Extractor) -> None:
    text = "Militias have carried out more than 150 rocket and drone attacks on the Ain al-Asad base so far this year."
    assert events_of(extractor, text, PUBLISHED) == []


def test_a_day_of_its_own_keeps_a_perfect_clause_an_event(extractor: Extractor) -> None:
    text = "Three soldiers have been killed in a drone strike on a base near Rutba on Monday."
    [event] = events_of(extractor, text, PUBLISHED)
    assert event.event_date == "2024-03-04" and event.fatalities == 3


def test_a_period_is_no_time_of_the_clauses_own() -> None:
    assert is_period("own: recent-span") and is_period("sentence: year") and is_period("own: relative-year")
    assert not is_period("own: month-no-year") and not is_period("own: weekday-before-publication")
    # A rolling span of days still dates an event; one of weeks or more is a period.
    assert not is_period("own: recent-span", "in the previous few days")
    assert is_period("own: recent-span", "in recent months")


def test_the_day_after_a_speech_verb_dates_the_reported_clause(extractor: Extractor) -> None:
    text = ("The Pentagon said 12 service members suffered minor injuries March 2 in a drone attack "
            "on a base near Hasakah.")
    [event] = events_of(extractor, text, PUBLISHED)
    assert (event.event_date, event.date_precision) == ("2024-03-02", "day")
    assert event.evidence["event_date"].span == "March 2"


def test_the_day_of_a_statement_stays_the_statements(extractor: Extractor) -> None:
    text = "Rockets struck a base near Kirkuk, the army said in a statement issued on Tuesday."
    [event] = events_of(extractor, text, PUBLISHED)
    assert event.date_precision == "unknown"


def test_relative_days_cut_by_a_clause_break_count_from_the_event_of_the_sentence(extractor: Extractor) -> None:
    text = ("ERBIL - US jets struck militia depots near Qaim early on Monday, just three "
            "days after drones attacked a base in Erbil.")
    events = events_of(extractor, text, PUBLISHED)
    erbil = [e for e in events if e.location == "Erbil"]
    assert erbil and erbil[0].event_date == "2024-03-01"
    assert "counted from the event told before" in erbil[0].evidence["event_date"].rule


def test_a_day_inside_a_since_phrase_does_not_date_the_clause_after_it(extractor: Extractor) -> None:
    text = ("Since the start of the war on February 3, the group has launched attacks on bases "
            "in Deir ez-Zor.")
    assert all(e.event_date != "2024-02-03" for e in events_of(extractor, text, PUBLISHED))


def test_reports_the_article_denies_are_not_events(extractor: Extractor) -> None:
    text = ("The provincial council denied reports of an attack on army posts near Rutba. "
            "Some news websites reported on Wednesday that militants attacked an army post near Rutba "
            "and killed two soldiers. The council described the reports as baseless.")
    assert events_of(extractor, text, PUBLISHED) == []


def test_reports_are_events_when_nobody_denies_them(extractor: Extractor) -> None:
    text = "Local media reported on Wednesday that militants attacked an army post near Rutba and killed two soldiers."
    assert events_of(extractor, text, PUBLISHED)


def test_a_condemned_attack_told_before_is_the_same_event(extractor: Extractor) -> None:
    text = ("Rockets struck Erbil airport on Wednesday evening, wounding two contractors. "
            "The regional prime minister condemned tonight's rocket attack on Erbil in a tweet.")
    events = events_of(extractor, text, date(2024, 3, 7))
    assert len(events) == 1 and len(events[0].sources) == 2


def test_a_condemnation_of_attacks_with_no_day_is_no_event(extractor: Extractor) -> None:
    text = ("The United States on Tuesday condemned a string of recent drone attacks on oil fields "
            "in the Kurdistan Region.")
    assert events_of(extractor, text, PUBLISHED) == []


def test_people_who_suffered_injuries_are_the_injured() -> None:
    from dateline.extract.numbers import find_casualties
    found = find_casualties("Officials said 17 service members sustained minor injuries in the attack.", vague=False)
    assert (found.killed, found.injured, found.rule) == (None, 17, "suffered-injuries")
    assert find_casualties("The 12 targets suffered heavy damage.", vague=False).injured is None


def test_a_running_toll_does_not_complete_the_event_before_it(extractor: Extractor) -> None:
    text = ("Iraqi jets struck a militant hideout near Hawija on Tuesday. "
            "The group killed 212 people and wounded 340 over the past year.")
    [event] = events_of(extractor, text, PUBLISHED)
    assert event.fatalities is None and event.injured is None


def test_a_definite_mention_names_the_main_event_not_the_one_given_as_its_time(extractor: Extractor) -> None:
    text = ("US jets struck militia depots near Qaim early on Monday, just two days after drones "
            "attacked a base in Erbil. The strikes destroyed three depots, killing five fighters.")
    events = events_of(extractor, text, PUBLISHED)
    qaim = [e for e in events if e.event_date == "2024-03-04"]
    erbil = [e for e in events if e.event_date == "2024-03-02"]
    assert qaim and qaim[0].fatalities == 5
    assert erbil and all(e.fatalities is None for e in erbil)


def test_paragraph_markup_left_in_a_capture_ends_lines() -> None:
    from dateline.ingest.clean import clean_text, markup_as_lines
    text = ("<p>Gunmen attacked a checkpoint near Tuz Khurmatu on Monday, killing two policemen.</p>"
            "<p>The area has seen <span class=\"x\">attacks</span>&nbsp;since 2017.</p>")
    lines = markup_as_lines(text).split("\n")
    assert "Gunmen attacked a checkpoint near Tuz Khurmatu on Monday, killing two policemen." in lines
    assert "The area has seen attacks since 2017." in lines
    assert "<p>" not in clean_text(text).text
    assert markup_as_lines("Rockets hit 3 < 5 targets") == "Rockets hit 3 < 5 targets"


def test_a_dateline_with_a_colon_is_where_the_reporter_was(extractor: Extractor) -> None:
    text = ("IRBIL, Iraq: A drone struck an oil field in Duhok province on Tuesday, halting production "
            "at the Sarsang field.")
    [event] = events_of(extractor, text, PUBLISHED)
    assert event.location != "Erbil"


def test_a_day_before_a_speaker_and_a_speech_verb_is_the_speechs(extractor: Extractor) -> None:
    text = "On Wednesday, the ministry confirmed that a rocket hit the airport in Erbil."
    [event] = events_of(extractor, text, PUBLISHED)
    assert event.date_precision == "unknown" and event.event_date == "2024-03-06"


def test_a_verb_whose_subject_is_the_operation_tells_more_about_it(extractor: Extractor) -> None:
    text = ("US forces killed an Islamic State leader in a helicopter raid in northern Syria on Monday. "
            "Officials said the operation was launched from a base near Kobani and targeted a house "
            "in the village of Suluk.")
    events = events_of(extractor, text, PUBLISHED)
    assert len(events) == 1 and len(events[0].sources) == 2


def test_a_trailing_attribution_leaves_the_day_to_the_event(extractor: Extractor) -> None:
    text = "A drone struck a car near Qaim on Wednesday, officials said."
    [event] = events_of(extractor, text, PUBLISHED)
    assert (event.event_date, event.date_precision) == ("2024-03-06", "day")


def test_a_place_known_as_a_centre_of_protest_tells_no_protest(extractor: Extractor) -> None:
    text = ("Troops entered Kafranbel on Monday, a town long known as a hotbed of protest against the "
            "government.")
    assert all(e.event_type != "Protests" for e in events_of(extractor, text, date(2024, 3, 7)))


def test_the_start_of_a_wave_of_protests_a_count_runs_over_is_no_event(extractor: Extractor) -> None:
    text = ("At least 120 people have been killed in Basra since protests began on March 3, a rights group said. "
            "Protesters blocked the port road in Basra on Tuesday.")
    events = events_of(extractor, text, date(2024, 4, 11))
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Peaceful protest", "2024-04-09")]


def test_a_single_attack_a_period_runs_from_stays_an_event() -> None:
    assert background_reason("since the militia's attack on the base on March 3", True, None, "day",
                             "own: month-day", date(2024, 4, 11)) is None
