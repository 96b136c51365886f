"""Place names read in their sentence: the end of a longer unknown name is not a place of its
own, and a town abroad loses to a namesake in the country of the sentence's other places."""
from __future__ import annotations

import pytest

from dateline.extract.gazetteer import Gazetteer
from dateline.extract.kb import load_knowledge_base


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default(load_knowledge_base())


@pytest.mark.parametrize(("sentence", "not_found"), [
    ("Regime forces shelled the village of Kafr al-Harir on Monday.", "Harir"),
    ("Gunmen stormed a farm in Tell al-Fardis overnight.", "Fardis"),
])
def test_the_end_of_a_longer_name_is_not_a_place(gazetteer: Gazetteer, sentence: str, not_found: str) -> None:
    names = [p.name for m in gazetteer.find(sentence) for p in m.places[:1]]
    assert not any(not_found in name for name in names), names


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Militants fired at the Syrian al-Tanf garrison.", "Al-Tanf garrison"),
    ("A drone hit the U.S. al-Tanf garrison.", "Al-Tanf garrison"),
    ("Rockets struck Baghdad al-Jadida on Friday.", "Baghdad"),
])
def test_an_adjective_or_a_city_before_an_article_keeps_the_name(gazetteer: Gazetteer, sentence: str,
                                                                 expected: str) -> None:
    assert expected in [m.places[0].name for m in gazetteer.find(sentence)]


def test_a_town_abroad_loses_to_a_namesake_in_the_sentences_country(gazetteer: Gazetteer) -> None:
    sentence = "Snipers fired on the Al-Zahraa neighbourhood west of Aleppo."
    zahraa = gazetteer.find(sentence)[0]
    assert zahraa.places[0].country == "Syria"
    # Alone, the ranking by size is unchanged.
    assert gazetteer.find("Police patrolled Zahra on Monday.")[0].places[0].country == "Kuwait"
