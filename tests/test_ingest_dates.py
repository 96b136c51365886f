"""Publication dates: each method, the order between them, and ambiguous numeric dates."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.ingest.prepare import prepare
from dateline.ingest.pubdate import (
    PublicationDate,
    date_order,
    find_publication_date,
    outlet_named_in,
    resolve_numeric,
    url_date,
    weekday_inference,
)
from dateline.model import RawDocument

DATA = Path(__file__).parent / "data" / "ingest"
TODAY = date(2025, 6, 1)


def found(text: str = "", header: tuple[str, ...] = (), **kwargs: object) -> PublicationDate:
    kwargs.setdefault("today", TODAY)
    return find_publication_date(text=text, header=header, **kwargs)  # type: ignore[arg-type]


def test_header_date_read_day_first_when_weekdays_agree() -> None:
    text = "The ministry on Friday said talks would resume. Strikes on Wednesday killed three."
    result = found(text, ("09-02-2024",))
    assert (result.value, result.method, result.evidence) == (date(2024, 2, 9), "text", "09-02-2024")


def test_weekdays_overrule_the_outlet_convention_when_decisive() -> None:
    friday = "The ministry on Friday said talks would resume."
    assert found(friday, ("09-02-2024",), outlet="Al-Monitor").value == date(2024, 2, 9)
    monday = "The ministry on Monday said talks would resume."
    # 2 September 2024 is a Monday, 9 February 2024 a Friday.
    assert found(monday, ("09-02-2024",)).value == date(2024, 9, 2)


def test_outlet_convention_decides_when_weekdays_do_not() -> None:
    assert found("No weekday here.", ("09-02-2024",), outlet="Al-Monitor").value == date(2024, 9, 2)
    assert found("No weekday here.", ("09-02-2024",), outlet="Rudaw").value == date(2024, 2, 9)
    assert found("No weekday here.", ("09-02-2024",)).value == date(2024, 2, 9)  # day-first default
    # 13 cannot be a month, whatever the outlet says.
    assert found("", ("13-02-2024",), outlet="Al-Monitor").value == date(2024, 2, 13)


def test_outlet_table_lookup() -> None:
    assert date_order("rudaw") == "dmy"
    assert date_order(None, "https://www.al-monitor.com/originals/2024/01/x") == "mdy"
    assert date_order("Unknown Gazette") is None
    assert outlet_named_in(["09-02-2024", "rudaw", "A+ A-"]) == "Rudaw"
    assert outlet_named_in(["Rudaw says it was hacked"]) is None


def test_resolve_numeric_never_returns_a_future_date() -> None:
    assert resolve_numeric(3, 4, 2025, None, [], TODAY) == date(2025, 4, 3)
    assert resolve_numeric(3, 7, 2025, None, [], TODAY) == date(2025, 3, 7)  # 3 July is after today
    assert resolve_numeric(30, 7, 2025, None, [], TODAY) is None


def test_header_prefers_the_original_date_to_the_update() -> None:
    header = ("Updated: 5 March 2024 18:00", "Published: 3 March 2024 09:12")
    assert found("", header).value == date(2024, 3, 3)
    assert found("", ("Tuesday, March 5, 2024 - 10:30 GMT",)).value == date(2024, 3, 5)
    # A line that says more than a date is not a date line.
    assert found("", ("Clashes on 5 March 2024 killed two",)).value is None


def test_caption_date_with_a_matching_weekday_in_the_body() -> None:
    text = ("The spokesperson in a presser on January 24, 2024. Photo: Screengrab\n"
            "ERBIL - The State Department on Wednesday said the strikes were a response.")
    assert found(text).value == date(2024, 1, 24)
    assert found(text).method == "text"
    unsupported = text.replace("on Wednesday", "on Monday")
    assert found(unsupported) == PublicationDate(None, "none")


def test_a_weekday_written_with_the_date_is_not_support() -> None:
    text = "The attack on Friday, March 3, 2023 is remembered each year."
    assert found(text).value is None


def test_date_in_url() -> None:
    assert url_date("https://x.example/news/2023/10/29/story", TODAY) == PublicationDate(
        date(2023, 10, 29), "url", "2023/10/29")
    assert url_date("https://x.example/story-20231029.html", TODAY).value == date(2023, 10, 29)
    assert url_date("https://x.example/2023/13/45/story", TODAY).value is None
    assert url_date("https://x.example/id/99999999", TODAY).value is None
    assert found("", url="https://x.example/2024/02/03/x").method == "url"


@pytest.mark.parametrize(("text", "today", "expected"), [
    # 1 October was a Thursday in 2015, 2020 and 2026.
    ("An official said on Thursday (October 1) that talks continue.", date(2025, 6, 1), 2020),
    ("An official said on Thursday (October 1) that talks continue.", date(2026, 11, 22), 2026),
    ("An official said on Thursday, Oct. 1 that the 2014 plan failed.", date(2026, 11, 22), 2015),
    ("Secretary of State Mike Pompeo said on Thursday (October 1) that talks continue.",
     date(2026, 11, 22), 2020),
    ("Former Secretary of State Mike Pompeo said on Thursday (October 1) that talks continue.",
     date(2026, 11, 22), 2026),
])
def test_weekday_inference(text: str, today: date, expected: int) -> None:
    result = weekday_inference(text, today)
    assert result.value == date(expected, 10, 1)
    assert result.method == "weekday-inference"


def test_methods_in_order() -> None:
    text = "The minister spoke on Wednesday (January 24) about the 2024 budget."
    url = "https://x.example/2024/01/20/story"
    assert found(text, ("25-01-2024",), given=date(2024, 1, 26), html_date=date(2024, 1, 27),
                 url=url).method == "given"
    assert found(text, ("25-01-2024",), html_date=date(2024, 1, 27), url=url).method == "html-metadata"
    assert found(text, ("25-01-2024",), url=url).method == "text"
    assert found(text, url=url).method == "url"
    assert found(text) == PublicationDate(date(2024, 1, 24), "weekday-inference",
                                          "Wednesday (January 24)")
    assert found("Nothing dates this text.") == PublicationDate(None, "none")


def test_never_a_future_or_implausible_date() -> None:
    assert found("", ("12-05-2031",)).value is None
    assert found("", html_date=date(2030, 1, 1)).method == "none"
    assert found("Rockets fell on Sunday. The truce of January 5, 2031 holds.").value is None


def test_html_metadata_date_is_the_original_one() -> None:
    html = (DATA / "article.html").read_text(encoding="utf-8")
    article = prepare(RawDocument(origin="article.html", html=html, url=None))
    # Published 5 March; modified 7 March; the canonical URL says 4 March.
    assert (article.published, article.published_method) == (date(2024, 3, 5), "html-metadata")
