"""Place names read in their sentence: the end of a longer unknown name is not a place of its
own, and a town abroad loses to a namesake in the country of the sentence's other places."""
from __future__ import annotations

import pytest

from dateline.extract.gazetteer import Gazetteer
from dateline.extract.kb import load_knowledge_base
from dateline.extract.places import choose_places


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


def test_an_unknown_field_is_not_the_town_of_its_first_word(gazetteer: Gazetteer) -> None:
    # No open source here has the Khor Mor field; "Khor" alone is a town in Qatar.
    found = gazetteer.find("Two drones struck the Khor Mor gas field late on Friday.")
    assert all(m.places[0].country != "Qatar" for m in found), [m.places[0] for m in found]


def test_a_field_named_in_the_sources_is_found_with_its_place_words(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("Shells landed inside the Koniko gas field overnight.")
    assert found and found[0].places[0].country == "Syria" and found[0].text == "Koniko gas field"


def test_a_town_named_with_place_words_keeps_the_texts_spelling(gazetteer: Gazetteer) -> None:
    from dateline.extract.places import choose_places, usable_mentions
    sentence = "A drone came down near the Khurmala oil field on Sunday."
    chosen = choose_places(sentence, usable_mentions(sentence, gazetteer.find(sentence), [])[0], gazetteer.contains)
    assert chosen[0].place.name == "Khurmala" and chosen[0].place.admin1 == "Erbil"


@pytest.mark.parametrize(("sentence", "name", "admin1"), [
    ("Gunmen shot a man in Baghdad's Zayouneh neighbourhood.", "Zayouna", "Baghdad"),
    ("Shells fell on the town of Khirbet Ghazaleh in Daraa.", "Khirbat Ghazalah", "Daraa"),
])
def test_a_place_word_vouches_for_another_spelling(gazetteer: Gazetteer, sentence: str, name: str,
                                                   admin1: str) -> None:
    found = {m.places[0].name: m.places[0].admin1 for m in gazetteer.find(sentence)}
    assert found.get(name) == admin1, found


@pytest.mark.parametrize("sentence", [
    "The governor visited Zayouneh on Monday.",          # no place word: exact names only
    "Protesters gathered in the Khirbet Ghazaleh area.",  # "area" names no town
])
def test_without_a_town_word_only_exact_names_are_places(gazetteer: Gazetteer, sentence: str) -> None:
    assert all(m.places[0].name not in ("Zayouna", "Khirbat Ghazalah") for m in gazetteer.find(sentence))


@pytest.mark.parametrize(("sentence", "not_found"), [
    ("Clashes broke out in the Tal al-Zuhur area overnight.", "Al-Tall"),
    ("Shells fell on Deir al-Kheir on Monday.", "Deir"),
])
def test_a_generic_word_opening_a_longer_name_is_not_a_place(gazetteer: Gazetteer, sentence: str,
                                                             not_found: str) -> None:
    names = [m.places[0].name for m in gazetteer.find(sentence)]
    assert not_found not in names, names


def test_a_generic_word_that_is_a_whole_name_is_still_found(gazetteer: Gazetteer) -> None:
    assert [m.places[0].name for m in gazetteer.find("Rockets hit Tal Afar and Tell Abyad.")] == \
        ["Tall 'Afar", "Tal Abyad"]


def _place_of(gazetteer: Gazetteer, sentence: str) -> tuple[str, str, int]:
    [choice] = choose_places(sentence, gazetteer.find(sentence), gazetteer.contains)
    return choice.place.name, choice.place.admin1, choice.geo_precision


def test_a_namesake_elsewhere_of_a_village_in_a_named_district_is_placed_in_that_district(
        gazetteer: Gazetteer) -> None:
    # Salamiyah is a town in Hama: "the village of Salamiyah in the region of Manbij" is another one.
    name, admin1, precision = _place_of(gazetteer, "Gunmen killed two shepherds in the village of Salamiyah "
                                                   "in the region of Manbij.")
    assert (name, admin1, precision) == ("Salamiyah", "Aleppo", 2)


def test_a_quarter_of_a_city_is_placed_in_that_city_not_at_a_namesake_elsewhere(gazetteer: Gazetteer) -> None:
    sentence = "A drone hit a house in the Salamiyah neighbourhood of Aleppo, killing two."
    [choice] = choose_places(sentence, gazetteer.find(sentence), gazetteer.contains)
    aleppo = next(p for m in gazetteer.find("Aleppo") for p in m.places if p.kind == "locality")
    assert (choice.place.name, choice.place.admin1, choice.geo_precision) == ("Salamiyah", "Aleppo", 2)
    assert (choice.place.lat, choice.place.lon) == (aleppo.lat, aleppo.lon)


def test_a_quarter_the_gazetteer_knows_keeps_its_own_place(gazetteer: Gazetteer) -> None:
    assert _place_of(gazetteer, "A roadside bomb hit a patrol in the Mashtal neighborhood of Baghdad.") == \
        ("Mashtal", "Baghdad", 1)


def _where(gazetteer: Gazetteer, sentence: str) -> list[tuple[str, str, bool]]:
    from dateline.extract.places import usable_mentions
    mentions, _launch = usable_mentions(sentence, gazetteer.find(sentence), [])
    return [(c.place.name, c.place.admin1, c.near) for c in choose_places(sentence, mentions, gazetteer.contains)]


def test_a_village_known_only_far_from_its_reference_town_is_placed_at_the_town(gazetteer: Gazetteer) -> None:
    # The gazetteer's Jawza lies in Babil, far from Tikrit: the text's Jawza is another village.
    name, admin1, near = _where(gazetteer, "Gunmen attacked the village of Jawza, west of Tikrit.")[0]
    assert (name, admin1, near) == ("Jawza", "Salah al-Din", True)
    # Without the reference town a Jawza the gazetteer knows (elsewhere) stands.
    assert _where(gazetteer, "Gunmen attacked the village of Jawza on Monday.")[0][1] != "Salah al-Din"


def test_a_village_known_near_its_reference_town_keeps_its_own_place(gazetteer: Gazetteer) -> None:
    # Al-Kiswah is some 15 km south of Damascus: the gazetteer's own record stands.
    assert _where(gazetteer, "Shells fell on Kisweh, south of Damascus.")[0][:2] == ("Kisweh", "Rural Damascus")


def test_a_comma_then_a_named_district_places_the_name_in_that_district(gazetteer: Gazetteer) -> None:
    # One event in the district the text names, not a second event at a namesake elsewhere.
    chosen = _where(gazetteer, "Gunmen raided a house in the area of Jumhuriya, Dujayl district, at night.")
    assert [(name, admin1) for name, admin1, _near in chosen] == [("Jumhuriya", "Salah al-Din")]


@pytest.mark.parametrize("sentence", [
    "Two drones struck the Khor Mor gas field in Chamchamal late on Friday.",
    "Two drones struck Chamchamal's Khor Mor gas field late on Friday.",
])
def test_an_unknown_facility_takes_the_place_that_holds_it(gazetteer: Gazetteer, sentence: str) -> None:
    assert _where(gazetteer, sentence) == [("Khor Mor gas field", "Sulaymaniyah", True)]


def test_a_known_facility_or_a_town_alone_is_not_renamed(gazetteer: Gazetteer) -> None:
    assert _where(gazetteer, "Rockets hit Ain al-Asad air base in Anbar.")[0][0] == "Ain al-Asad Air Base"
    assert _where(gazetteer, "Two drones struck Chamchamal late on Friday.")[0][0] == "Chamchamal"


def test_an_unknown_quarter_of_a_city_is_written_at_the_city(gazetteer: Gazetteer) -> None:
    name, admin1, near = _where(gazetteer, "A car bomb exploded in the al-Siyahi neighborhood of Qamishli city.")[0]
    assert (name.lower(), admin1, near) == ("al-siyahi", "Hasakah", True)
    # "the HTS-held town of X": an adjective before a place word is no name.
    assert _where(gazetteer, "Rebels attacked the HTS-held district of Idlib.")[0][0] != "HTS-held"


def test_a_reference_town_places_an_event_the_clause_puts_only_in_a_country(gazetteer: Gazetteer) -> None:
    sentence = "Troops repelled an attack by militants who infiltrated from Syria into Iraq, west of Mosul."
    assert [(name, near) for name, _admin1, near in _where(gazetteer, sentence)] == [("Mosul", True)]
    # With a town named first, the reference town is only a reference.
    sentence = "Militants attacked Tarmiyah, north of Baghdad."
    assert [name for name, _admin1, _near in _where(gazetteer, sentence)] == ["At Tarmiyah"]


def test_a_nationality_or_an_acronym_before_base_is_no_facility_name(gazetteer: Gazetteer) -> None:
    assert [name for name, _a, _n in _where(gazetteer, "Rockets hit a PMF base in Jurf al-Sakhar.")] == \
        ["Jurf al-Sakhar"]
