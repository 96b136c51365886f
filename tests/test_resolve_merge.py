"""Merging reports of one event: most precise fields, all sources, conflicting figures kept."""
from __future__ import annotations

from dataclasses import replace

from dateline.model import EventRecord, Source
from dateline.resolve.merge import resolve


def _report(article: str, quote: str, **fields: object) -> EventRecord:
    base = dict(event_date="2024-02-07", date_precision="day", event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike", actor1="Military Forces of the United States",
                actor2="Kataib Hezbollah", country="Iraq", admin1="Baghdad", location="Mashtal",
                latitude=33.33, longitude=44.45, geo_precision=1, fatalities=None, injured=None)
    base.update(fields)
    return EventRecord(**base, sources=[Source(article, quote)])  # type: ignore[arg-type]


def _events(mentions: list[EventRecord], **kwargs: object) -> list[EventRecord]:
    resolved = resolve([(i, m.sources[0].article, m) for i, m in enumerate(mentions)], **kwargs)  # type: ignore[arg-type]
    return [r for _id, r, _m in resolved if isinstance(r, EventRecord)]


def test_three_reports_become_one_event_with_the_most_precise_fields() -> None:
    merged = _events([
        _report("a", "A US drone strike in Mashtal killed three.", fatalities=3),
        _report("b", "Days later a drone strike in eastern Baghdad killed three people.",
                event_date="2024-02-05", date_precision="range", actor1="Unidentified Armed Group (Iraq)",
                location=None, geo_precision=3, fatalities=3),
        _report("c", "The strike on Wednesday in Baghdad's Mashtal killed a commander.", fatalities=1),
    ])
    assert len(merged) == 1
    event = merged[0]
    assert (event.event_date, event.date_precision) == ("2024-02-07", "day")
    assert event.actor1 == "Military Forces of the United States"
    assert event.location == "Mashtal"
    assert {s.article for s in event.sources} == {"a", "b", "c"}
    assert event.fatalities == 3  # the figure most reports give
    reported = sorted(r["value"] for r in event.evidence["fatalities_reported"].value)
    assert reported == [1, 3, 3]


def test_two_places_the_same_night_in_one_province_stay_apart() -> None:
    qaim = _report("a", "Strikes hit Qaim.", admin1="Anbar", location="Al-Qaim", latitude=34.39, longitude=40.99)
    asad = _report("b", "Strikes hit Ain al-Asad.", admin1="Anbar", location="Ain al-Asad Air Base",
                   latitude=33.79, longitude=42.44)
    assert len(_events([qaim, asad])) == 2


def test_tie_between_figures_takes_the_most_conservative() -> None:
    merged = _events([_report("a", "killed five", fatalities=5), _report("b", "killed three", fatalities=3)])
    assert [e.fatalities for e in merged] == [3]


def test_reprints_count_once_as_evidence_but_are_all_sources() -> None:
    reports = [_report("wire", "Ten were killed.", fatalities=10),
               _report("reprint", "Ten were killed.", fatalities=10),
               _report("other", "Seven were killed.", fatalities=7)]
    assert _events(reports)[0].fatalities == 10
    grouped = _events(reports, groups={"wire": "wire", "reprint": "wire"})[0]
    assert grouped.fatalities == 7  # one report of 10 against one of 7: the lower one
    assert {s.article for s in grouped.sources} == {"wire", "reprint", "other"}


def test_affiliated_actors_merge_only_when_the_kb_says_so() -> None:
    kh = _report("a", "A strike hit Kataib Hezbollah in Mashtal.")
    pmf = replace(_report("b", "A strike hit the PMF in Baghdad."), actor2="Popular Mobilization Forces",
                  location=None, latitude=None, longitude=None, geo_precision=3)
    assert len(_events([kh, pmf])) == 2
    related = lambda child, parent: (child, parent) == ("Kataib Hezbollah", "Popular Mobilization Forces")  # noqa: E731
    merged = _events([kh, pmf], related=related)
    assert len(merged) == 1 and merged[0].actor2 in ("Kataib Hezbollah", "Popular Mobilization Forces")


def test_an_undated_country_level_mention_from_another_article_stays_apart() -> None:
    dated = _report("a", "A strike hit Mashtal on Wednesday.")
    vague = _report("b", "US strikes in Iraq have angered Baghdad.", event_date=None, date_precision="unknown",
                    admin1=None, location=None, latitude=None, longitude=None, geo_precision=3)
    assert len(_events([dated, vague])) == 2


def test_ids_are_stable_across_input_order() -> None:
    reports = [_report("a", "one", fatalities=3), _report("b", "two"),
               _report("c", "three", location="Karrada", latitude=33.30, longitude=44.43)]
    forward = resolve([(i, r.sources[0].article, r) for i, r in enumerate(reports)])
    backward = resolve([(10 - i, r.sources[0].article, r) for i, r in enumerate(reports)])
    assert sorted(rid for rid, _r, _m in forward) == sorted(rid for rid, _r, _m in backward)
