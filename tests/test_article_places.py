"""Where an event happened, read with the whole article: its main country, namesakes abroad,
places that belong to another event or to a party, country phrases and counts per country."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dateline.extract.extractor import Extractor
from dateline.extract.places import choose_places, usable_mentions
from dateline.model import Article, EventRecord


def _events(extractor: Extractor, text: str, published: date = date(2024, 3, 4)) -> list[EventRecord]:
    article = Article(id="t", text=text, content_hash="t", published=published, published_method="given")
    return [r for r in extractor.extract(article) if isinstance(r, EventRecord)]


def _where(extractor: Extractor, sentence: str) -> list[Any]:
    gazetteer = extractor.gazetteer
    usable, _launch = usable_mentions(sentence, gazetteer.find(sentence), [])
    return [c.place for c in choose_places(sentence, usable, gazetteer.contains)]


def test_a_countrys_capital_named_through_the_country(extractor: Extractor) -> None:
    [place] = _where(extractor, "Two rockets landed near a base close to Iraq's capital on Sunday.")
    assert (place.name, place.admin1) == ("Baghdad", "Baghdad")


@pytest.mark.parametrize(("sentence", "admin1"), [
    ("Two drones were shot down over northern Israel on Friday.", "Northern District"),
    ("Artillery shelled villages in southern Lebanon overnight.", "South Governorate"),
])
def test_a_direction_before_a_country_names_its_division(extractor: Extractor, sentence: str, admin1: str) -> None:
    [place] = _where(extractor, sentence)
    assert (place.kind, place.admin1) == ("region", admin1)


def test_a_country_without_such_a_division_stays_the_country(extractor: Extractor) -> None:
    [place] = _where(extractor, "Jets struck targets in eastern Syria on Friday.")
    assert place.kind == "country" and place.country == "Syria"


@pytest.mark.parametrize("sentence", [
    "Tehran's first direct attack on Israel involved hundreds of drones.",
    "The militia, backed by Damascus, shelled the town.",
    "Houthi forces fired a missile at a tanker in the Gulf of Aden on Friday.",
])
def test_a_capital_as_a_party_or_a_sea_named_after_a_town_is_not_the_place(extractor: Extractor,
                                                                           sentence: str) -> None:
    assert all(p.kind in ("country", "region") for p in _where(extractor, sentence))


def test_words_after_a_village_or_hill_word_are_not_a_town_elsewhere(extractor: Extractor) -> None:
    # Kafr Sousa is a Damascus district no open gazetteer here has; Susa is a city in Iran.
    found = extractor.gazetteer.find("Rockets hit a building in Kafr Sousa, in western Damascus.")
    assert all(m.places[0].country == "Syria" for m in found), [m.places[0] for m in found]


def test_places_of_another_event_the_clause_names_are_not_this_events(extractor: Extractor) -> None:
    [event] = _events(extractor, "A US air strike on Monday hit a depot of the militia responsible for a "
                                 "rocket attack on a checkpoint outside Tikrit.")
    assert event.sub_event_type == "Air/drone strike" and event.location is None


def test_a_clause_counting_strikes_per_country_gives_an_event_in_each(extractor: Extractor) -> None:
    events = _events(extractor, "US aircraft struck militia depots in Iraq on Friday, the Pentagon said.\n\n"
                                "The strikes, four in Syria and one in Iraq, destroyed ammunition stores.")
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert sorted(e.country for e in strikes) == ["Iraq", "Syria"]
    assert {e.actor1 for e in strikes} == {"Military Forces of the United States"}
    # The militia's country-bound name is not carried across the border.
    assert all(e.actor2 is None or e.actor2.endswith(f"({e.country})") for e in strikes)


def test_a_namesake_abroad_gives_way_in_an_article_about_one_country(extractor: Extractor) -> None:
    text = ("Regime shelling hit the town of Saraqib in Idlib province on Monday, activists said. "
            "Later, an air strike on Zahra killed two civilians, the Syrian Observatory said. "
            "Syrian and Russian jets have pounded Idlib for weeks.")
    events = _events(extractor, text)
    assert events and all(e.country == "Syria" for e in events), [(e.country, e.location) for e in events]


def test_the_main_country_skips_places_inside_actor_names(extractor: Extractor) -> None:
    text = ("The Islamic Resistance in Iraq said it launched a drone at a target in Eilat on Monday. "
            "The Islamic Resistance in Iraq has claimed dozens of such attacks.")
    article = Article(id="t", text=text, content_hash="t", published=date(2024, 4, 1), published_method="given")
    from dateline.extract.article_places import main_country
    from dateline.extract.sentences import split_sentences
    facts = [extractor._facts(article, s) for s in split_sentences(text)]
    assert main_country(facts) == "Israel"


def test_an_interception_placed_nowhere_is_in_the_interceptors_country(extractor: Extractor) -> None:
    text = ("Militias in Iraq have launched drones at Israel for months, and Israeli jets struck back in Syria. "
            "Late on Tuesday, Jordanian air defences intercepted two drones heading for Eilat, the army said.")
    interceptions = [e for e in _events(extractor, text) if e.sub_event_type == "Disrupted weapons use"]
    assert interceptions and all(e.country == "Jordan" and e.location is None for e in interceptions), \
        [(e.country, e.location, e.actor1) for e in interceptions]


@pytest.mark.parametrize("sentence", [
    "The tribal fighters answer to the Manbij military council, a spokesman said.",
    "The Baghdad government condemned the strike.",
])
def test_a_place_heading_a_governing_body_is_a_party(extractor: Extractor, sentence: str) -> None:
    assert _where(extractor, sentence) == []


def test_a_dateline_with_a_colon_or_a_statement_lead_is_not_the_place(extractor: Extractor) -> None:
    events = _events(extractor, "MOSUL, Iraq: Gunmen attacked a checkpoint near Tal Afar on Tuesday.")
    assert [e.location for e in events] == ["Tal Afar"]
    assert _where(extractor, "In a statement issued by the ministry in Baghdad, officials said gunmen "
                             "attacked a checkpoint.") == []


def test_a_later_mention_of_an_unplaced_event_gives_its_place(extractor: Extractor) -> None:
    text = ("Twelve Islamic State militants were killed on Tuesday by Iraqi forces backed by coalition aircraft, "
            "the Joint Operations Command said.\n\nThe fighters had been hiding in caves during the operation, "
            "which was carried out in the country’s Salahuddin province, officials added.")
    [event] = _events(extractor, text, date(2024, 5, 9))
    assert event.admin1 == "Salah al-Din" and event.geo_precision == 3
    assert "later mention" in event.evidence["location"].rule


def test_a_later_sentence_with_an_event_of_its_own_gives_no_place(extractor: Extractor) -> None:
    text = ("Twelve Islamic State militants were killed on Tuesday by Iraqi forces, the Joint Operations Command "
            "said.\n\nOn Wednesday, a roadside bomb hit an army patrol during an operation in Salahuddin province.")
    killed = next(e for e in _events(extractor, text, date(2024, 5, 9)) if e.event_date == "2024-05-07")
    assert killed.admin1 is None


def test_a_small_town_abroad_gives_way_to_a_namesake_in_the_actors_country(extractor: Extractor) -> None:
    # Zaafarana is a town in Egypt; the Syrian army's shelling is at the Syrian village of the name.
    [event] = _events(extractor, "The Syrian army shelled the village of al-Zaafaranah on Monday, killing a girl.")
    assert (event.country, event.admin1) == ("Syria", "Homs")
    # With no actor of another country, the ranking by size is unchanged.
    [alone] = _events(extractor, "A girl was killed by shelling on the village of al-Zaafaranah on Monday.")
    assert alone.country == "Egypt"


def test_where_a_projectile_launched_from_abroad_came_down_is_the_events_place(extractor: Extractor) -> None:
    events = _events(extractor, "On Monday a drone launched from Syria crashed in an open area near Katzrin, "
                                "the army said.")
    assert [(e.country, e.location) for e in events] == [("Israel", "Katzrin")]


def test_where_the_aircraft_flew_over_is_not_where_its_missiles_struck(extractor: Extractor) -> None:
    places = _where(extractor, "Israeli jets fired missiles at the building while flying over the Golan Heights.")
    assert "Golan Heights" not in [p.name for p in places]
