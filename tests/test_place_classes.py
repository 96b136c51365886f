"""Classes of places the news names that the open gazetteer missed or misread: the mountain areas
Turkey strikes in the Kurdistan Region, a city's municipal districts, a province list, other
vowels of a village, a facility a relative clause locates, a site named as a reference, and two
quarters of one city that one article names."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline.extract.gazetteer import Gazetteer
from dateline.extract.kb import load_knowledge_base
from dateline.extract.places import choose_places, usable_mentions
from dateline.model import EventRecord, Evidence, Source
from dateline.resolve.affinity import affinity
from gazetteer_support import write_places


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default(load_knowledge_base())


def _where(gazetteer: Gazetteer, sentence: str) -> list[tuple[str, str]]:
    mentions, _launch = usable_mentions(sentence, gazetteer.find(sentence), [])
    return [(c.place.name, c.place.admin1) for c in choose_places(sentence, mentions, gazetteer.contains)]


def test_the_mountain_areas_turkey_strikes_are_places_in_their_provinces(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("Turkish jets bombed hideouts in the Gara and Hakurk areas on Sunday.")
    assert [(m.places[0].name, m.places[0].admin1) for m in found] == [("Gara", "Duhok"), ("Khwakurk", "Erbil")]
    # one event a listed area, the region after "areas of" only says where they lie
    sentence = "Drones hit caves in the Zap, Gara, Asos and Bradost areas of the Kurdistan Region."
    assert [name for name, _admin1 in _where(gazetteer, sentence)] == ["Zap", "Gara", "Asos", "Bradost"]


def test_a_damascus_district_under_another_spelling_is_a_quarter_of_the_city(gazetteer: Gazetteer) -> None:
    [kafr, damascus] = gazetteer.find("A blast shook the Kafr Souseh district of Damascus.")
    assert (kafr.places[0].name, kafr.places[0].kind, kafr.places[0].parent) == ("Kafr Sousa", "neighbourhood",
                                                                                 "Damascus")
    assert gazetteer.contains(damascus.places[0], kafr.places[0])


def test_provinces_in_a_comma_list_are_one_event_each(gazetteer: Gazetteer) -> None:
    sentence = "Police and demonstrators fought in Basra, Maysan and Wasit provinces."
    assert [admin1 for _name, admin1 in _where(gazetteer, sentence)] == ["Basra", "Maysan", "Wasit"]
    # a town, then its province after a comma, is one place
    assert len(_where(gazetteer, "Gunmen attacked a checkpoint in Rutba, Anbar.")) == 1


def _small_places(tmp_path: Path) -> Path:
    """Two countries; an Iraqi village spelled "Kherba" and a Syrian "Kharabah" (one skeleton)."""
    rows = [
        ("country:IQ", "Iraq", "country", "PCLI", "Iraq", "", "", "", "33.0", "43.7", "", "10000000", "t", ""),
        ("country:SY", "Syria", "country", "PCLI", "Syria", "", "", "", "35.0", "38.5", "", "10000000", "t", ""),
        ("r:1", "Nineveh", "region", "ADM1", "Iraq", "Nineveh", "", "", "36.3", "42.6", "", "10000", "t", ""),
        ("r:2", "Hasakah", "region", "ADM1", "Syria", "Hasakah", "", "", "36.5", "40.7", "", "10000", "t", ""),
        ("l:1", "Sinjar", "locality", "PPL", "Iraq", "Nineveh", "Sinjar", "", "36.32", "41.86", "38294", "38294",
         "t", ""),
        ("l:2", "Qamishli", "locality", "PPL", "Syria", "Hasakah", "Qamishli", "", "37.05", "41.23", "184231",
         "184231", "t", ""),
        ("l:3", "Kherba", "locality", "PPL", "Iraq", "Nineveh", "Sinjar", "", "36.35", "41.9", "", "100", "t", ""),
        ("l:4", "Kharabah", "locality", "PPL", "Syria", "Hasakah", "Qamishli", "", "37.0", "41.1", "", "100", "t",
         ""),
    ]
    return write_places(tmp_path, rows)


@pytest.mark.filterwarnings("ignore:.*normaliser")
def test_other_vowels_of_a_village_count_where_the_sentence_puts_it(tmp_path: Path) -> None:
    small = Gazetteer(_small_places(tmp_path), stopwords=[])

    def first(sentence: str) -> str:
        return small.find(sentence)[0].places[0].id

    # The Syrian town beside it puts "Kherba" in Hasakah: Kharabah, written with other vowels.
    assert first("Shells fell on the villages of Kherba and Qamishli.") == "l:4"
    # Beside an Iraqi town, or alone, the name's own spelling stands.
    assert first("Shells fell on the villages of Kherba and Sinjar.") == "l:3"
    assert [p.id for p in small.find("Shells fell on the village of Kherba.")[0].places] == ["l:3"]
    # Without a town word the other vowels are not looked for.
    assert [p.id for p in small.find("Shells fell on Kherba and Qamishli.")[0].places] == ["l:3"]


def test_a_facility_a_relative_clause_locates_is_where_the_event_was(gazetteer: Gazetteer) -> None:
    sentence = "Two drones struck the Jambur oil field, which lies near Kirkuk, at dawn."
    assert _where(gazetteer, sentence) == [("Jambur oil field", "Kirkuk")]
    sentence = "Rockets hit the Qara Chogh oil field, located near Makhmour, on Friday."
    assert _where(gazetteer, sentence) == [("Qara Chogh oil field", "Erbil")]


def test_a_site_named_after_near_is_the_reference_of_the_town_before_it(gazetteer: Gazetteer) -> None:
    sentence = "Missiles hit depots in the suburb of Jaramana near Damascus International Airport."
    assert _where(gazetteer, sentence)[0][0] == "Jaramana"
    # named alone, the site is the place
    assert _where(gazetteer, "Missiles hit depots near Damascus International Airport.")[0][0] != "Jaramana"


def _quarter(article: str, name: str, lat: float, lon: float) -> EventRecord:
    return EventRecord(event_date="2024-05-02", date_precision="day", event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", actor1="Military Forces of Israel", actor2=None,
                       country="Syria", admin1="Damascus", location=name, latitude=lat, longitude=lon,
                       geo_precision=1, fatalities=None, injured=None, sources=[Source(article, f"Jets hit {name}.")],
                       evidence={"location": Evidence(name, name, "gazetteer: neighbourhood (wof)")})


def test_two_quarters_of_a_city_one_article_names_are_two_targets() -> None:
    mazzeh, kafr = _quarter("a", "Mazzeh", 33.50, 36.25), _quarter("a", "Kafr Sousa", 33.4975, 36.275)
    one_article = affinity(kafr, mazzeh, same_article=True)
    assert not one_article.joins
    assert any("two sites one article names" in reason for reason in one_article.reasons)
    # told by two outlets, the two quarters a few km apart may still be one strike
    other_outlet = affinity(_quarter("b", "Kafr Sousa", 33.4975, 36.275), mazzeh)
    assert any("km apart" in reason and "one article" not in reason for reason in other_outlet.reasons)
