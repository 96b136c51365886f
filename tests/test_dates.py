"""Time expressions: resolution against the publication date, spans, periods, plans, relative days.

Sentences marked (000)…(004) are copied from shared/dev/articles; the others are written for the case.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dateline.extract.dates import TimeExpression, find_time_expressions, period_start, resolve_relative
from dateline.extract.day_lists import listed_days

FRI_9_FEB_2024 = date(2024, 2, 9)
WED_24_JAN_2024 = date(2024, 1, 24)
WED_24_APR_2024 = date(2024, 4, 24)
THU_1_OCT_2020 = date(2020, 10, 1)
TUE_2_JAN_2024 = date(2024, 1, 2)


def only(sentence: str, published: date | None) -> TimeExpression:
    found = find_time_expressions(sentence, published)
    assert len(found) == 1, found
    assert sentence[found[0].start:found[0].end] == found[0].text
    return found[0]


def by_text(sentence: str, published: date | None) -> dict[str, TimeExpression]:
    return {e.text: e for e in find_time_expressions(sentence, published)}


# -- weekdays -------------------------------------------------------------------------------------
def test_weekday_on_the_publication_day_is_that_day() -> None:  # (001)
    e = only("ERBIL, Kurdistan Region - The US State Department on Wednesday told Rudaw that the recent "
             "strikes against Iran-affiliated forces in Iraq were a “direct response”.", WED_24_JAN_2024)
    assert (e.text, e.date, e.precision, e.rule) == ("on Wednesday", WED_24_JAN_2024, "day",
                                                     "weekday-before-publication")
    assert not e.future


def test_weekday_is_the_latest_such_day_before_publication() -> None:  # (001)
    e = only("On Thursday, Iraqi Prime Minister Mohammed Shia’ al-Sudani reiterated that the withdrawal "
             "of the US-led coalition is “necessary”.", WED_24_JAN_2024)
    assert e.date == date(2024, 1, 18)


def test_weekday_across_a_year_boundary() -> None:
    e = only("Militants attacked a checkpoint near Kirkuk on Sunday.", TUE_2_JAN_2024)
    assert e.date == date(2023, 12, 31) and e.precision == "day"


def test_late_on_sunday_night() -> None:  # (003)
    e = only("Late on Sunday night, several rockets were launched from Iraq, targeting the Rumaylan (Rmeilan) "
             "base which houses US troops in Syria’s Hasaka province.", WED_24_APR_2024)
    assert (e.text, e.date, e.precision) == ("Late on Sunday night", date(2024, 4, 21), "day")


def test_in_the_late_hours_of_wednesday() -> None:  # (000)
    e = only("A US drone strike in eastern Baghdad’s Mashtal neighborhood in the late hours of Wednesday "
             "killed another three people, including Abu Baqer al-Saadi.", FRI_9_FEB_2024)
    assert (e.text, e.date) == ("in the late hours of Wednesday", date(2024, 2, 7))


@pytest.mark.parametrize("phrase, expected", [
    ("Wednesday night", date(2024, 2, 7)), ("early Monday morning", date(2024, 2, 5)),
    ("last Friday", date(2024, 2, 2)), ("on Friday", FRI_9_FEB_2024),
    ("In the early hours of Thursday", date(2024, 2, 8)),
])
def test_weekday_phrasings(phrase: str, expected: date) -> None:
    e = only(f"Rockets hit the base {phrase}, officials said.", FRI_9_FEB_2024)
    assert e.text == phrase and e.date == expected


def test_weekday_as_a_modifier() -> None:  # (004)
    e = only("According to a CENTCOM statement, Saadi, who was killed in Wednesday strikes, was complicit in "
             "“directly planning and participating in attacks on U.S. forces in the region.”", FRI_9_FEB_2024)
    assert e.date == date(2024, 2, 7)


def test_monday_before_publication_in_2020() -> None:  # (002)
    e = only("On Monday three children and two women were killed when two militia rockets hit a family home, "
             "the Iraqi military said.", THU_1_OCT_2020)
    assert e.date == date(2020, 9, 28)


def test_weekday_with_its_date_is_one_expression() -> None:  # (002)
    e = only("The United States will not hesitate to act to protect its personnel in Iraq, a senior State "
             "Department official said on Thursday (October 1).", THU_1_OCT_2020)
    assert (e.text, e.date, e.precision, e.rule) == ("on Thursday (October 1)", THU_1_OCT_2020, "day",
                                                     "weekday+explicit-date")
    assert not e.future  # "will" is far back, and "said" comes after it
    e = only("On Thursday, October 1, officials said the embassy stays open.", THU_1_OCT_2020)
    assert e.text == "On Thursday, October 1" and e.date == THU_1_OCT_2020


def test_future_weekday_is_flagged_and_resolved_forward() -> None:  # (004)
    e = only("A US-Iraqi military commission overseeing the transition will next meet on Sunday to “discuss "
             "and schedule the end of the international coalition’s mission in Iraq,” Rasool said.",
             FRI_9_FEB_2024)
    assert e.future and e.date == date(2024, 2, 11)
    assert only("The talks will resume next Tuesday.", FRI_9_FEB_2024).date == date(2024, 2, 13)
    assert only("On Sunday, the commission is due to meet in Baghdad.", FRI_9_FEB_2024).future


def test_report_verb_after_a_future_word_keeps_the_past() -> None:
    assert not only("Officials said on Monday that the US will withdraw.", FRI_9_FEB_2024).future
    assert not only("Rasool said on Thursday.", FRI_9_FEB_2024).future  # (004)


def test_newspaper_name_is_not_a_weekday() -> None:
    assert [e.text for e in find_time_expressions("The Sunday Times reported it on Sunday.", FRI_9_FEB_2024)] \
        == ["on Sunday"]


def test_overnight_is_the_publication_day() -> None:  # (001)
    e = only("At least one militiaman was killed in American overnight airstrikes on facilities of pro-Iran "
             "militias, mainly Kataib Hezbollah.", WED_24_JAN_2024)
    assert (e.date, e.precision, e.rule) == (WED_24_JAN_2024, "day", "overnight")


def test_without_publication_date_relative_words_are_unresolved() -> None:
    e = only("The meeting was held on Monday.", None)
    assert e.date is None and e.precision == "unknown"
    assert only("On January 24, 2024 the talks began.", None).date == date(2024, 1, 24)


# -- explicit dates -----------------------------------------------------------------------------
def test_month_day_without_year_takes_the_latest_before_publication() -> None:  # (000), with U+202F
    e = only("“On\u202fOctober 20, the Department of State ordered the departure of non-emergency personnel "
             "from U.S. Embassy Baghdad.", FRI_9_FEB_2024)
    assert (e.date, e.precision, e.rule) == (date(2023, 10, 20), "day", "explicit-date-no-year")
    assert only("The strike on December 31 killed two.", TUE_2_JAN_2024).date == date(2023, 12, 31)


@pytest.mark.parametrize("phrase, expected", [
    ("On 2 February 2024", date(2024, 2, 2)), ("Feb. 2", date(2024, 2, 2)),
    ("on January 24, 2024", date(2024, 1, 24)), ("20/10/2023", date(2023, 10, 20)),
    ("10/20/2023", date(2023, 10, 20)), ("09-02-2024", FRI_9_FEB_2024), ("2023-10-20", date(2023, 10, 20)),
])
def test_explicit_date_forms(phrase: str, expected: date) -> None:
    e = only(f"{phrase} was the day.", FRI_9_FEB_2024)
    assert (e.text, e.date, e.precision) == (phrase, expected, "day")


def test_lower_case_may_is_not_a_month() -> None:
    assert find_time_expressions("Officials may respond, the ministry said.", FRI_9_FEB_2024) == []


# -- spans, months, years, periods -----------------------------------------------------------------
def test_late_january_is_the_middle_of_21_to_31() -> None:  # (000)
    e = only("After a drone strike in late January killed three US troops in Jordan, Washington retaliated.",
             FRI_9_FEB_2024)
    assert (e.date, e.precision, e.range_start, e.range_end) == (date(2024, 1, 26), "range", date(2024, 1, 21),
                                                                 date(2024, 1, 31))


def test_early_january() -> None:  # (003)
    e = only("In early January, an American drone strike targeted the PMF’s Harakat al-Nujaba in Baghdad, "
             "killing two of its members.", WED_24_APR_2024)
    assert (e.text, e.date, e.precision) == ("In early January", date(2024, 1, 5), "range")


def test_in_recent_weeks_is_the_month_before_publication() -> None:  # (002)
    e = only("In recent weeks rocket attacks near the embassy have increased and roadside bombs targeted "
             "convoys.", THU_1_OCT_2020)
    assert (e.date, e.precision) == (date(2020, 9, 15), "range")


def test_since_mid_october_starts_a_period() -> None:  # (000)
    sentence = ("Since mid-October, American troops have come under more than 165 rocket and drone attacks in "
                "Iraq, Syria, and Jordan.")
    e = only(sentence, FRI_9_FEB_2024)
    assert (e.date, e.precision, e.role) == (date(2023, 10, 15), "range", "period-start")
    assert period_start(sentence, FRI_9_FEB_2024) == (date(2023, 10, 15), "range")
    assert period_start("the first attacks since October 17", FRI_9_FEB_2024) == (date(2023, 10, 17), "day")
    assert period_start("attacks on US forces rose", FRI_9_FEB_2024) is None


def test_between_mid_october_to_february() -> None:  # (003)
    found = find_time_expressions(
        "American troops came under more than 165 rocket and drone attacks between mid-October to February.",
        WED_24_APR_2024)
    assert [(e.text, e.date, e.role) for e in found] == [
        ("between mid-October", date(2023, 10, 15), "period-start"),
        ("to February", date(2024, 2, 15), "period-end")]
    assert found[1].range_end == date(2024, 2, 29)


def test_months_and_parts() -> None:
    found = by_text("In January, and in February, and at the end of January, and late last month.", FRI_9_FEB_2024)
    assert (found["In January"].date, found["In January"].precision) == (date(2024, 1, 15), "month")
    assert found["in February"].date == FRI_9_FEB_2024  # the current month is clipped to publication
    assert found["the end of January"].date == date(2024, 1, 28)
    assert found["late last month"].date == date(2024, 1, 26)


def test_years() -> None:  # (001)
    found = find_time_expressions("which was declared territorially defeated in 2017 and 2019 respectively.",
                                  WED_24_JAN_2024)
    assert [(e.text, e.range_start, e.range_end) for e in found] == [
        ("in 2017", date(2017, 1, 1), date(2017, 12, 31)), ("2019", date(2019, 1, 1), date(2019, 12, 31))]


def test_relative_to_publication() -> None:
    found = by_text("It happened yesterday, not today; earlier this month and last week, three days ago.",
                    FRI_9_FEB_2024)
    assert found["yesterday"].date == date(2024, 2, 8) and found["today"].date == FRI_9_FEB_2024
    assert (found["earlier this month"].range_start, found["earlier this month"].range_end) == \
        (date(2024, 2, 1), date(2024, 2, 8))
    assert (found["last week"].range_start, found["last week"].range_end) == (date(2024, 1, 29), date(2024, 2, 4))
    assert found["three days ago"].date == date(2024, 2, 6)
    assert only("In the past 48 hours nothing was issued.", WED_24_APR_2024).range_start == date(2024, 4, 22)


# -- relative to another event ---------------------------------------------------------------------
def test_a_day_later_is_relative_to_the_event_before() -> None:  # (003)
    e = only("A day later, US troops shot down two drones targeting the Ain al-Asad base in Iraq’s western "
             "Anbar province.", WED_24_APR_2024)
    assert (e.relative_to_event, e.date, e.offset_days, e.direction) == (True, None, 1, "after")
    assert resolve_relative(e, date(2024, 4, 21), "day") == (date(2024, 4, 22), "day")


def test_a_day_after_a_range_anchor_keeps_range() -> None:  # (003)
    e = only("A day after the deadly strike, Iraqi Prime Minister Mohammed Shia’ al-Sudani announced his "
             "government was working to establish a committee.", WED_24_APR_2024)
    assert resolve_relative(e, date(2024, 1, 5), "range") == (date(2024, 1, 6), "range")


def test_inverse_counts_back_from_the_anchor() -> None:  # (003): explosions = attacks - 1
    e = only("The attacks came a day after explosions occurred at the Kalsu military base in Babil province.",
             WED_24_APR_2024)
    assert e.text == "a day after"
    assert resolve_relative(e, date(2024, 4, 21), "day", inverse=True) == (date(2024, 4, 20), "day")
    assert resolve_relative(replace(e, offset_days=-1), date(2024, 4, 21), "day") == (date(2024, 4, 20), "day")


def test_other_relative_phrases() -> None:
    found = by_text("two days earlier, the next day, the day before, hours later", FRI_9_FEB_2024)
    anchor = date(2024, 2, 2)
    assert resolve_relative(found["two days earlier"], anchor, "day") == (date(2024, 1, 31), "day")
    assert resolve_relative(found["the next day"], anchor, "day") == (date(2024, 2, 3), "day")
    assert resolve_relative(found["the day before"], anchor, "day") == (date(2024, 2, 1), "day")
    assert resolve_relative(found["hours later"], anchor, "day") == (anchor, "day")
    days_later = only("Days later, a late-night drone strike in eastern Baghdad’s Mashtal neighborhood killed "
                      "another three people.", WED_24_APR_2024)  # (003)
    assert days_later.offset_days is None
    assert resolve_relative(days_later, anchor, "day") == (date(2024, 2, 6), "range")
    with pytest.raises(ValueError):
        resolve_relative(only("on Monday", FRI_9_FEB_2024), anchor, "day")


# -- speed ------------------------------------------------------------------------------------------


def test_a_possessive_weekday_dates_a_point() -> None:
    sentence = "The strikes came in response to Wednesday's rocket attack on the base."
    [expr] = find_time_expressions(sentence, date(2024, 3, 8))  # a Friday
    assert (expr.text, expr.date, expr.role) == ("Wednesday's", date(2024, 3, 6), "point")


@pytest.mark.parametrize("sentence, own, others", [
    ("Jets struck the hills on October 18, 19 and 21, the ministry said.", date(2024, 10, 18),
     [date(2024, 10, 19), date(2024, 10, 21)]),
    ("Jets struck the hills on 18, 19 and 21 October.", date(2024, 10, 21),
     [date(2024, 10, 18), date(2024, 10, 19)]),
    ("Drones hit the camp on 3 and 4 March 2024.", date(2024, 3, 4), [date(2024, 3, 3)]),
])
def test_listed_days(sentence: str, own: date, others: list[date]) -> None:
    expr = next(e for e in find_time_expressions(sentence, date(2024, 11, 1)) if e.date == own)
    assert listed_days(sentence, expr) == others


@pytest.mark.parametrize("sentence", [
    "On October 18, 19 people were killed in the town.",
    "Fighting went on between 2 and 4 March.",
    "On Feb 11, militants raided a camp.",
])
def test_not_a_list_of_days(sentence: str) -> None:
    assert all(listed_days(sentence, e) == [] for e in find_time_expressions(sentence, date(2024, 11, 1)))


@pytest.mark.parametrize("sentence", [
    "A 18th March Division commander was assassinated in the city.",
    "Leaders of the 14 March Alliance met in Beirut.",
])
def test_a_date_inside_a_name_is_not_a_date(sentence: str) -> None:
    assert find_time_expressions(sentence, date(2018, 1, 8)) == []


@pytest.mark.parametrize("phrase", ["over the past weekend", "this past weekend", "during the weekend",
                                    "the last weekend"])
def test_the_past_weekend_is_the_saturday_and_sunday_before_publication(phrase: str) -> None:
    expr = only(f"Jets struck depots in the east {phrase}.", FRI_9_FEB_2024)
    assert (expr.range_start, expr.range_end, expr.precision) == (date(2024, 2, 3), date(2024, 2, 4), "range")
    assert expr.rule == "relative-weekend" and not expr.future
