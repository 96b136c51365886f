"""Whole wire-style reports (tests/data/articles, written for the project): the ledger they give."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from dateline.extract.extractor import Extractor
from dateline.model import Article, EventRecord, TallyRecord
from dateline.resolve.merge import resolve

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def _ledger(extractor: Extractor, name: str, published: date) -> list[object]:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    article = Article(id=name, text=text, content_hash=name, published=published, published_method="given")
    records = extractor.extract(article)
    return [r for _id, r, _m in resolve([(i, name, r) for i, r in enumerate(records)], {},
                                        extractor.actors.is_part_of)]


def test_strike_told_over_several_sentences_is_one_event(extractor: Extractor) -> None:
    ledger = _ledger(extractor, "wire_baghdad_strike.txt", date(2024, 2, 8))
    events = sorted((r for r in ledger if isinstance(r, EventRecord)), key=lambda e: e.event_date or "")
    # The attack recalled as the cause ("after a drone attack killed three American soldiers in
    # Jordan last month") is a background event of its own, in Jordan (dev-real's convention).
    assert [(e.event_date, e.sub_event_type, e.country) for e in events] == [
        ("2024-01-15", "Air/drone strike", "Jordan"), ("2024-02-06", "Shelling/artillery/missile attack", "Iraq"),
        ("2024-02-07", "Air/drone strike", "Iraq")]
    _recalled, rocket, strike = events
    # The place comes from the follow-up sentence ("…through the Mashtal neighborhood").
    assert (strike.location, strike.admin1) == ("Mashtal", "Baghdad")
    assert (strike.actor1, strike.actor2) == ("Military Forces of the United States", "Kataib Hezbollah")
    assert len(strike.sources) >= 2
    assert rocket.location == "Victory Base Complex" and rocket.actor1 == "Unidentified Armed Group (Iraq)"
    [tally] = [r for r in ledger if isinstance(r, TallyRecord)]
    assert (tally.value, tally.qualifier, tally.period_start) == (160, "more than", "2023-10-18")
    assert tally.attributed_to == "Islamic Resistance in Iraq"


def test_strikes_in_two_countries_and_the_attack_that_prompted_them(extractor: Extractor) -> None:
    events = [r for r in _ledger(extractor, "wire_turkish_strikes.txt", date(2024, 1, 14))
              if isinstance(r, EventRecord)]
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert {e.country for e in strikes} == {"Iraq", "Syria"}
    assert all(e.actor1 == "Military Forces of Turkey" and e.event_date == "2024-01-14" for e in strikes)
    # "its jets had struck … in the Metina, Hakurk and Gara regions": one event a listed area.
    assert sorted(e.location or "" for e in strikes if e.country == "Iraq") == ["Gara", "Khwakurk", "Metina"]
    [attack] = [e for e in events if e.event_type == "Battles"]
    assert (attack.event_date, attack.actor2, attack.fatalities) == ("2024-01-12", "Military Forces of Turkey", 9)
    # Nothing from the dateline ("ERBIL, Iraq, Jan 14 (Reuters)") or the generic last paragraph.
    assert all(e.location != "Erbil" for e in events) and len(events) == 5


def test_background_events_get_their_own_dates_and_the_riot_is_one_event(extractor: Extractor) -> None:
    events = [r for r in _ledger(extractor, "wire_airport_strike.txt", date(2020, 1, 3))
              if isinstance(r, EventRecord)]
    by_date = sorted((e.event_date or "", e.sub_event_type, e.country) for e in events)
    assert ("2019-12-27", "Shelling/artillery/missile attack", "Iraq") in by_date  # "on Dec. 27"
    # "struck the group's facilities in Iraq and Syria two days later": one event per country.
    assert ("2019-12-29", "Air/drone strike", "Iraq") in by_date
    assert ("2019-12-29", "Air/drone strike", "Syria") in by_date
    [airport] = [e for e in events if e.event_date == "2020-01-03"]
    assert (airport.location, airport.actor1) == ("Baghdad International Airport",
                                                  "Military Forces of the United States")
    k1 = next(e for e in events if e.event_date == "2019-12-27")
    assert (k1.location, k1.fatalities, k1.injured) == ("K1 Air Base", 1, 6)
    riots = [e for e in events if e.event_type == "Riots"]
    assert len(riots) == 1 and riots[0].location == "US Embassy Baghdad"


def test_claimed_rocket_attack_and_a_separate_incident(extractor: Extractor) -> None:
    events = sorted((r for r in _ledger(extractor, "wire_erbil_rockets.txt", date(2021, 2, 16))
                     if isinstance(r, EventRecord)), key=lambda e: e.event_date or "")
    assert len(events) == 2
    rockets, raid = events
    # "late on Monday night" in an article of Tuesday 16 February 2021; the speaker's
    # "Kurdistan Region" is not a second place.
    assert (rockets.event_date, rockets.location, rockets.fatalities, rockets.injured) == \
        ("2021-02-15", "Erbil International Airport", 1, 9)
    assert rockets.claimed_by == [rockets.actor1] and "Awliya al-Dam" in rockets.actor1
    assert rockets.actor2 == "Coalition Forces"
    assert (raid.event_type, raid.actor1, raid.admin1, raid.fatalities) == \
        ("Battles", "Islamic State (Iraq)", "Diyala", 2)


def test_a_roundup_of_three_incidents(extractor: Extractor) -> None:
    told = sorted((r for r in _ledger(extractor, "wire_syria_roundup.txt", date(2023, 9, 14))
                   if isinstance(r, EventRecord)), key=lambda e: e.event_date or "")
    events = [e for e in told if e.sub_event_type != "Disrupted weapons use"]
    assert [(e.event_date, e.admin1, e.fatalities) for e in events] == [
        ("2023-09-12", "Deir ez-Zor", 1), ("2023-09-13", "Homs", 2), ("2023-09-14", "Rural Damascus", 3)]
    # "Syrian air defences intercepted most of the missiles": the part stopped is an event of its
    # own (ACLED: Disrupted weapons use, the interceptor first), on the strike's day and place.
    [stopped] = [e for e in told if e.sub_event_type == "Disrupted weapons use"]
    assert (stopped.event_date, stopped.location, stopped.actor1, stopped.actor2) == \
        ("2023-09-14", events[2].location, "Military Forces of Syria", "Military Forces of Israel")
    depot = events[1]
    # A long clause still keeps its date and toll: "an explosion in a weapons depot … on
    # Wednesday night killed two members of the group".
    assert (depot.sub_event_type, depot.actor2) == ("Remote explosive/landmine/IED", "Hezbollah")
    assert events[2].actor1 == "Military Forces of Israel"
