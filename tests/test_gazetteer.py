"""The gazetteer: name normalisation, lookup ranking, find() in real sentences, hierarchy, data.

Most tests use the shipped places file (no ../shared needed); the build test skips when the
open data in ../shared/data/gazetteer is absent.
"""
from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.extract.gazetteer import Gazetteer, GazetteerError, Place
from dateline.extract.kb import load_knowledge_base
from dateline.extract.placenames import NORMALIZER_VERSION, fuzzy_key, name_key
from gazetteer_support import write_places

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "dateline" / "data" / "gazetteer" / "places.tsv.gz"
OPEN_DATA = REPO.parent / "shared" / "data" / "gazetteer"

MASHTAL = ("A US drone strike in eastern Baghdad’s Mashtal neighborhood in the late hours of Wednesday "
           "killed another three people")
RYDER = "Pentagon spokesman Major General Pat Ryder said in a press briefing on Tuesday"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default(load_knowledge_base())


def top(gazetteer: Gazetteer, name: str, country: str | None = None) -> Place:
    found = gazetteer.lookup(name, country)
    assert found, f"nothing found for {name!r}"
    return found[0]


# ---- normalisation ---------------------------------------------------------------------------

@pytest.mark.parametrize("spellings", [
    ("Qaim", "Al-Qa'im", "al Qāʼim", "El Qaim"),
    ("Ain al-Asad", "Ain al Asad", "ʿAin al-ʾAsad"),
    ("Deir ez-Zor", "Deir al-Zor", "Deir el Zor"),
])
def test_name_key_folds_case_diacritics_apostrophes_and_articles(spellings: tuple[str, ...]) -> None:
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize("spellings", [
    ("Qaim", "Ka'im", "Gaim"),
    ("Rmeilan", "Rumaylan", "Rmelan"),
    ("Tal Afar", "Telafar", "Tall ‘Afar"),
    ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"),
    ("Diwaniyah", "Dewaniya", "Diwaniyeh"),
    ("Mosul", "Mawsil", "Mossoul"),
    ("Abu Kamal", "Albu Kamal", "Al-Bukamal"),
])
def test_fuzzy_key_folds_romanisation_variants(spellings: tuple[str, ...]) -> None:
    assert len({fuzzy_key(s) for s in spellings}) == 1


def test_fuzzy_key_keeps_different_places_apart() -> None:
    assert fuzzy_key("Jurf al-Nasr") != fuzzy_key("Jurf al-Sakhar")
    assert fuzzy_key("Samarra") != fuzzy_key("Samawah")


# ---- lookup on the shipped data ---------------------------------------------------------------

def test_qaim_spellings_resolve_to_the_same_place_in_anbar(gazetteer: Gazetteer) -> None:
    places = {top(gazetteer, name) for name in ("Qaim", "Al-Qa'im", "Ka'im")}
    assert len(places) == 1
    (qaim,) = places
    assert (qaim.country, qaim.admin1) == ("Iraq", "Anbar")
    assert abs(qaim.lat - 34.39) < 0.1 and abs(qaim.lon - 40.99) < 0.15


@pytest.mark.parametrize("name", ["Ain al-Asad airbase", "Ayn al-Asad", "al-Asad air base", "Asad Airbase"])
def test_ain_al_asad_variants(gazetteer: Gazetteer, name: str) -> None:
    base = top(gazetteer, name)
    assert base.name == "Ain al-Asad Air Base"
    assert (base.kind, base.country, base.admin1) == ("facility", "Iraq", "Anbar")
    assert round(base.lat, 2) == 33.79 and round(base.lon, 2) == 42.44


def test_jurf_al_sakhar_and_jurf_al_nasr_are_one_place_in_babil(gazetteer: Gazetteer) -> None:
    old, new = top(gazetteer, "Jurf al-Sakhar"), top(gazetteer, "Jurf al-Nasr")
    assert old == new
    assert new.admin1 == "Babil" and new.country == "Iraq"


def test_mashtal_is_a_baghdad_neighbourhood(gazetteer: Gazetteer) -> None:
    mashtal = top(gazetteer, "Mashtal")
    assert (mashtal.kind, mashtal.parent, mashtal.admin1) == ("neighbourhood", "Baghdad", "Baghdad")


@pytest.mark.parametrize("name", ["Rmeilan", "Rumaylan"])
def test_rmeilan_is_in_hasakah_syria(gazetteer: Gazetteer, name: str) -> None:
    place = top(gazetteer, name)
    assert (place.country, place.admin1) == ("Syria", "Hasakah")


def test_hasaka_province_is_the_hasakah_region(gazetteer: Gazetteer) -> None:
    region = gazetteer.admin1_place("Syria", "Hasakah")
    assert region is not None and region.kind == "region"
    assert top(gazetteer, "Hasaka province") == region
    assert top(gazetteer, "Hasakah governorate") == region
    # The bare name is the city first (as "Baghdad" is), with the province among the candidates.
    assert region in gazetteer.lookup("Hasakah")
    assert all(p.admin1 == "Hasakah" for p in gazetteer.lookup("Hasakah")[:3])


def test_anbar_province_and_qaim_district(gazetteer: Gazetteer) -> None:
    assert top(gazetteer, "Anbar province") == gazetteer.admin1_place("Iraq", "Anbar")
    assert top(gazetteer, "Anbar").kind == "region"
    district = top(gazetteer, "Qaim district")
    assert district.admin1 == "Anbar" and district.kind in ("county", "locality")


def test_big_city_outranks_its_province_and_villages_of_its_name(gazetteer: Gazetteer) -> None:
    baghdad = top(gazetteer, "Baghdad")
    assert baghdad.kind == "locality" and baghdad.population and baghdad.population > 5_000_000
    assert top(gazetteer, "Samarra").admin1 == "Salah al-Din"
    assert top(gazetteer, "Sulaymaniyah province").kind == "region"


def test_country_hint_is_preferred(gazetteer: Gazetteer) -> None:
    assert top(gazetteer, "Sinjar").country == "Iraq"
    assert top(gazetteer, "Sinjar", country="Syria").country == "Syria"


def test_misspelling_finds_the_city(gazetteer: Gazetteer) -> None:
    assert top(gazetteer, "Mousul").name == "Mosul"


def test_country_and_admin1_places(gazetteer: Gazetteer) -> None:
    iraq = gazetteer.country_place("Iraq")
    assert iraq is not None and iraq.kind == "country"
    assert gazetteer.country_place("Türkiye") == gazetteer.country_place("Turkey")
    assert gazetteer.admin1_place("Iraq", "Salah al-Din") is not None
    assert gazetteer.admin1_place("Iraq", "Nowhere") is None


# ---- hierarchy -------------------------------------------------------------------------------

def test_contains(gazetteer: Gazetteer) -> None:
    anbar, babil = gazetteer.admin1_place("Iraq", "Anbar"), gazetteer.admin1_place("Iraq", "Babil")
    assert anbar is not None and babil is not None
    asad, qaim = top(gazetteer, "Ain al-Asad"), top(gazetteer, "Qaim")
    assert gazetteer.contains(anbar, asad)
    assert not gazetteer.contains(babil, qaim)
    iraq = gazetteer.country_place("Iraq")
    assert iraq is not None and gazetteer.contains(iraq, qaim)
    baghdad = top(gazetteer, "Baghdad")
    assert gazetteer.contains(baghdad, top(gazetteer, "Mashtal"))
    assert gazetteer.contains(baghdad, top(gazetteer, "US Embassy Baghdad"))
    assert gazetteer.contains(baghdad, top(gazetteer, "Baghdad International Airport"))
    assert not gazetteer.contains(baghdad, asad)


# ---- find() ----------------------------------------------------------------------------------

def test_find_mashtal_sentence(gazetteer: Gazetteer) -> None:
    mentions = gazetteer.find(MASHTAL)
    assert [m.places[0].name for m in mentions] == ["Baghdad", "Mashtal"]
    baghdad, mashtal = mentions
    assert MASHTAL[baghdad.start:baghdad.end] == baghdad.text == "Baghdad"
    assert baghdad.qualifier == "eastern"
    assert MASHTAL[mashtal.start:mashtal.end] == mashtal.text == "Mashtal neighborhood"
    assert mashtal.places[0].kind == "neighbourhood"


def test_find_no_place_in_a_sentence_about_a_spokesman(gazetteer: Gazetteer) -> None:
    assert gazetteer.find(RYDER) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Rockets targeted the Rumaylan (Rmeilan) base which houses US troops in Syria’s Hasaka province.",
     ["Rmelan", "Rmelan", "Syria", "Hasakah"]),
    ("Two drones targeted the Ain al-Asad base in Iraq’s western Anbar province.",
     ["Ain al-Asad Air Base", "Iraq", "Anbar"]),
    ("Overnight strikes hit near Anbar province’s Qaim district and Babil’s Jurf al-Nasr "
     "(formerly Jurf al-Sakhar).", ["Anbar", "Al-Qaim", "Babil", "Jurf al-Nasr", "Jurf al-Nasr"]),
    ("Explosions occurred at the Kalsu military base in Babil province, south of Baghdad.",
     ["Kalsu military base", "Babil", "Baghdad"]),
    ("Reuters reported on Sunday that the strike hit a convoy near Hit, in Anbar.", ["Hit", "Anbar"]),
    ("Hit by a drone, the base suffered minor damage, Rudaw reported.", []),
    ("The Iran-backed group denied the pro-Iran attack.", []),
    ("The Islamic Revolutionary Guard Corps-Quds Force and the US State Department commented.", []),
    ("Mohammed Shia’ al-Sudani met Joe Biden and Lloyd Austin on Monday.", []),
    ("Islamic Jihad and groups across Asia condemned the strike.", []),
    ("The rockets were launched near the Hama Agha and Birdya villages, close to the town of Zummar.",
     ["Zummar"]),
    ("The attack on the U.S. Embassy Baghdad came after a rocket landed in the Green Zone.",
     ["US Embassy Baghdad", "Green Zone"]),
])
def test_find_in_real_sentences(gazetteer: Gazetteer, sentence: str, expected: list[str]) -> None:
    mentions = gazetteer.find(sentence)
    assert [m.places[0].name for m in mentions] == expected
    for mention in mentions:
        assert sentence[mention.start:mention.end] == mention.text


def test_find_prefers_the_villages_of_the_sentences_province(gazetteer: Gazetteer) -> None:
    mentions = gazetteer.find("Clashes broke out in the village of Albu Ali near Ramadi.")
    assert [m.places[0].admin1 for m in mentions] == ["Anbar", "Anbar"]




# ---- knowledge base and small gazetteers ------------------------------------------------------

def test_user_kb_facility_is_found(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[facility]]\nname = "Camp Example"\naliases = ["Example base", "Al-Mithal base"]\nkind = "base"\n'
        'country = "Iraq"\nadmin1 = "Anbar"\nlat = 33.5\nlon = 42.0\nsource = "test"\n', encoding="utf-8")
    gazetteer = Gazetteer.default(load_knowledge_base([tmp_path]))
    assert top(gazetteer, "al-Mithal base").name == "Camp Example"
    mentions = gazetteer.find("A rocket hit the Example base overnight.")
    assert [m.places[0].name for m in mentions] == ["Camp Example"]
    anbar = gazetteer.admin1_place("Iraq", "Anbar")
    assert anbar is not None and gazetteer.contains(anbar, mentions[0].places[0])


def test_facility_entry_without_coordinates_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="lat"):
        Gazetteer(SHIPPED, [{"name": "Nowhere Base", "kind": "base", "country": "Iraq", "lon": 1.0,
                             "source": "x", "_file": "mine.toml"}])


def small_places(tmp_path: Path) -> Path:
    """A tiny places file in the shipped format, without precomputed keys (an old normaliser)."""
    rows = [
        ("country:IQ", "Iraq", "country", "PCLI", "Iraq", "", "", "", "33.0", "43.7", "", "10000000", "t", ""),
        ("r:1", "Anbar", "region", "ADM1", "Iraq", "Anbar", "", "", "33.0", "41.6", "", "10000", "t", "Al-Anbar"),
        ("l:1", "Ramadi", "locality", "PPLA", "Iraq", "Anbar", "Ramadi", "", "33.42", "43.3", "456853", "456853",
         "t", "Ar Ramadi"),
        ("l:2", "Albu Ali", "locality", "PPL", "Iraq", "Anbar", "Ramadi", "", "33.49", "43.22", "", "100", "t", ""),
        ("l:3", "Patel", "locality", "PPL", "Iraq", "Anbar", "Ramadi", "", "33.40", "43.10", "", "100", "t", ""),
    ]
    return write_places(tmp_path, rows)


def test_small_gazetteer_recomputes_keys_and_applies_village_rules(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="normaliser"):
        gazetteer = Gazetteer(small_places(tmp_path), stopwords=[])
    assert top(gazetteer, "Ar-Ramadi").name == "Ramadi"
    assert top(gazetteer, "Al Anbar governorate").kind == "region"
    # A village with no population needs a cue: a person called Patel is not a village.
    assert gazetteer.find("Spokesman Vedant Patel said the strike was legal.") == []
    assert gazetteer.find("Fighting reached the village of Patel.")[0].places[0].id == "l:3"
    assert gazetteer.find("Clashes broke out in Albu Ali.")[0].places[0].id == "l:2"
    assert gazetteer.find("Albu Ali residents fled.") == []


# ---- the shipped data ------------------------------------------------------------------------

def test_shipped_file_matches_the_normaliser_and_size_budget() -> None:
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as handle:
        assert f"normalizer {NORMALIZER_VERSION};" in handle.readline()
    assert SHIPPED.stat().st_size <= 3_000_000
    attribution = (SHIPPED.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for credit in ("Who's On First", "GeoNames", "Quattroshapes", "airportsdata", "Mike Borsetti", "OpenSyria"):
        assert credit in attribution


def test_every_facility_is_well_formed(gazetteer: Gazetteer) -> None:
    kb = load_knowledge_base()
    ids = {p.id for p in gazetteer.places}
    for entry in kb.entries("facility"):
        assert entry.get("source"), entry["name"]
        if entry.get("same_as"):
            assert entry["same_as"] in ids, f"{entry['name']}: same_as {entry['same_as']} not in the data"
        if entry.get("admin1"):
            assert gazetteer.admin1_place(entry["country"], entry["admin1"]), f"{entry['name']}: {entry['admin1']}"
        if str(entry["source"]).startswith("approximate"):
            assert entry.get("precision_note"), f"{entry['name']} is approximate but has no precision_note"
        assert top(gazetteer, entry["name"]).name == entry["name"]




def test_build_script_reproduces_the_shipped_file(tmp_path: Path) -> None:
    if not (OPEN_DATA / "wof").is_dir():
        pytest.skip(f"open gazetteer data not here ({OPEN_DATA}): clone the project with ../shared beside it")
    out = tmp_path / "places.tsv.gz"
    subprocess.run([sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), str(OPEN_DATA), "--out", str(out)],
                   check=True, capture_output=True, text=True)
    with gzip.open(out, "rt", encoding="utf-8") as new, gzip.open(SHIPPED, "rt", encoding="utf-8") as old:
        assert new.read() == old.read(), "the shipped gazetteer is stale: run scripts/build_gazetteer.py"


@pytest.mark.parametrize("sentence, expected", [
    # Turkish-style romanisations (th → s, dh → z) under a province word, alone or closing a list.
    ("Demonstrators gathered in Musenna, Babil and Ziqar provinces on Friday.",
     ["Muthanna", "Babil", "Dhi Qar"]),
    ("Two soldiers were killed in Selahaddin province.", ["Salah al-Din"]),
    # Without a province word a close spelling is not taken.
    ("Musenna said nothing.", []),
    # A glide between vowels: "Ayin" is "Ayn".
    ("Shells fell on Ras al-Ayin at dawn.", ["Ras al-Ain"]),
])
def test_other_romanisations_where_the_text_vouches_for_a_place(gazetteer: Gazetteer, sentence: str,
                                                                 expected: list[str]) -> None:
    assert [m.places[0].name for m in gazetteer.find(sentence)] == expected


def test_the_place_word_before_a_list_vouches_for_each_name(gazetteer: Gazetteer) -> None:
    # "Qudsaya" is another romanisation of Qadsayya (GeoNames Qudsayyā), found only because
    # "suburbs of" names the list it ends; it is in Rural Damascus, not the Kuwaiti quarter.
    mentions = gazetteer.find("Shells fell on the Damascus suburbs of Kisweh and Qudsaya overnight.")
    assert [(m.places[0].name, m.places[0].country) for m in mentions][-1] == ("Qadsayya", "Syria")
    assert gazetteer.find("Shells fell on Kisweh and Qudsaya overnight.")[-1].text == "Kisweh"


def test_the_feminine_ending_without_its_h_finds_a_town_not_a_hamlet(gazetteer: Gazetteer) -> None:
    assert [m.places[0].name for m in gazetteer.find("Militants attacked Qayyara on Monday.")] == ["Al Qayyarah"]


def test_a_town_word_makes_a_place_of_a_stop_word(gazetteer: Gazetteer) -> None:
    # "Dana" is a first name on its own, but "the town of Dana" is the town in Idlib.
    assert gazetteer.find("Dana said the town was quiet.") == []
    found = gazetteer.find("A car bomb exploded in the town of Dana on Monday.")
    assert [(m.places[0].country, m.places[0].admin1) for m in found] == [("Syria", "Idlib")]


def test_a_place_word_after_a_longer_unknown_name_does_not_vouch_for_its_end(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("Regime forces took Sarja Sharqiya village in Idleb governorate.")
    assert [m.places[0].kind for m in found] == ["region"]
    # An adjective before the name is no part of it.
    assert gazetteer.find("Shells hit the Syrian Abu Kamal city.")[0].places[0].name == "Abu Kamal"


def test_after_in_a_whole_name_spelled_very_like_a_town_is_the_town(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("A man was shot dead by security forces in Qodsayya on Monday.")
    assert [(m.places[0].name, m.places[0].admin1) for m in found] == [("Qadsayya", "Rural Damascus")]
    # Without the preposition, exact names only.
    assert gazetteer.find("Qodsayya residents said the shelling stopped.") == []


def test_a_village_without_its_final_h_needs_a_preposition_or_a_place_word(gazetteer: Gazetteer) -> None:
    # GeoNames writes Ba'shiqah; the news writes Bashiqa.
    assert [m.places[0].admin1 for m in gazetteer.find("Rockets fell near Bashiqa overnight.")] == ["Nineveh"]
    assert gazetteer.find("Bashiqa residents fled.") == []


def test_a_plural_province_word_closing_a_list_makes_each_name_a_province(gazetteer: Gazetteer) -> None:
    found = gazetteer.find("Rebels attacked army posts in Aleppo and Idlib provinces on Friday.")
    assert [(m.places[0].kind, m.places[0].admin1) for m in found] == [("region", "Aleppo"), ("region", "Idlib")]
    # A singular word after the last name names that one only: Baghdad stays the city.
    found = gazetteer.find("Bombs went off in Baghdad and Anbar province on Friday.")
    assert [m.places[0].kind for m in found] == ["locality", "region"]


def test_a_hyphenated_place_word_after_a_village_vouches_for_it(gazetteer: Gazetteer) -> None:
    # "sub-district" is one place word: its hyphen does not make the village an adjective.
    found = gazetteer.find("Shells fell in the Zummar sub-district on Monday.")
    assert [(m.text, m.places[0].admin1) for m in found] == [("Zummar sub-district", "Nineveh")]
    # "Iran-backed" still is one.
    assert gazetteer.find("Shells hit an Iran-backed group.") == []


def test_after_in_a_town_is_found_under_any_of_its_spellings() -> None:
    # Without the knowledge base's own entry: GeoNames names it Ash Shaddadah, and "Shadadi"
    # is one of its other spellings.
    plain = Gazetteer.default()
    found = plain.find("Shells fell in Shaddadi on Monday.")
    assert [(m.places[0].name, m.places[0].admin1) for m in found] == [("Ash Shaddadah", "Hasakah")]
    assert plain.find("Shaddadi residents fled.") == []


def test_the_capital_a_nationality_adjective_names_is_that_countrys_capital(gazetteer: Gazetteer) -> None:
    [mention] = gazetteer.find("Clashes erupted in the Syrian capital on Monday.")
    assert (mention.text, mention.places[0].name) == ("the Syrian capital", "Damascus")
    # "the capital of" names another place; an adjective of no known country names none.
    assert gazetteer.find("He was born in the Syrian capital of the old empire.") == []
    assert gazetteer.find("Clashes erupted in the rebel capital on Monday.") == []


def test_the_golan_heights_is_israels_northern_district(gazetteer: Gazetteer) -> None:
    # The Israeli-held Golan is coded Israel, Northern District (an area, not the Iranian villages named Golan).
    mentions = gazetteer.find("Rockets fired from Syria landed in the occupied Golan Heights on Sunday.")
    found = [(m.places[0].name, m.places[0].country, m.places[0].admin1) for m in mentions if m.places]
    assert ("Golan Heights", "Israel", "Northern District") in found
