"""ActorBook on sentences as news writes them (most are taken from the dev-set articles)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.extract.actors import ActorBook, ActorMention
from dateline.extract.kb import KnowledgeBaseError, load_knowledge_base


@pytest.fixture(scope="module")
def book() -> ActorBook:
    return ActorBook.from_kb(load_knowledge_base())


def names(book: ActorBook, sentence: str, **options: bool) -> list[str]:
    return [m.actor.name for m in book.find(sentence, **options)]


def only(book: ActorBook, sentence: str) -> ActorMention:
    found = book.find(sentence)
    assert len(found) == 1, [(m.text, m.actor.name) for m in found]
    return found[0]


# --- the shipped knowledge base ------------------------------------------------------------

def test_shipped_actors_are_complete_and_sourced(book: ActorBook) -> None:
    assert len(book) >= 70
    for actor in book:
        assert actor.type, actor.name
        assert actor.country or actor.country_from_context or actor.type in ("coalition", "international")
    entries = load_knowledge_base().entries("actor")
    assert all(entry.get("source") for entry in entries)


def test_no_alias_names_two_actors() -> None:
    owner: dict[str, str] = {}
    for entry in load_knowledge_base().entries("actor"):
        for alias in entry.get("aliases", []):
            key = re.sub(r"[-\s]+", " ", re.sub(r"['’.]", "", alias)).lower()
            assert owner.setdefault(key, entry["name"]) == entry["name"], alias


# --- aliases, spellings and acronyms ---------------------------------------------------------

@pytest.mark.parametrize("written", [
    "Kataib Hezbollah", "Kata'ib Hizballah", "Kata’ib Hizballah", "Kataeb Hezbollah", "KH", "Hezbollah Brigades",
])
def test_kataib_hezbollah_spellings(book: ActorBook, written: str) -> None:
    mention = only(book, f"An official said {written} was behind the attack on the base.")
    assert mention.actor.name == "Kataib Hezbollah"
    assert mention.text == written


@pytest.mark.parametrize("written", [
    "Hashd al-Shaabi", "al-Hashd al-Shaabi", "Hashd al Shaabi", "PMF", "PMU", "Popular Mobilisation Units",
    "Popular Mobilization Forces",
])
def test_popular_mobilization_forces_spellings(book: ActorBook, written: str) -> None:
    mention = only(book, f"The explosions hit a depot of the {written} south of Baghdad.")
    assert mention.actor.name == "Popular Mobilization Forces"


def test_longest_name_wins_over_the_names_inside_it(book: ActorBook) -> None:
    assert names(book, "Harakat Hezbollah al-Nujaba threatened to keep fighting.") == ["Harakat Hezbollah al-Nujaba"]
    assert names(book, "Ansar Allah al-Awfiya and the Houthis praised the attack.") == [
        "Harakat Ansar Allah al-Awfiya", "Houthis"]
    assert names(book, "No statement has been issued by the Kataib Hezbollah Islamic Resistance.") == ["Kataib Hezbollah"]


@pytest.mark.parametrize("written", ["ISIS", "ISIL", "IS", "Daesh", "the Islamic State group"])
def test_islamic_state_takes_the_country_of_the_event(book: ActorBook, written: str) -> None:
    mention = only(book, f"{written} fighters attacked a village in the Badia desert.")
    assert mention.actor.country_from_context
    assert book.localise(mention.actor, "Syria").name == "Islamic State (Syria)"
    assert book.localise(mention.actor, "Iraq").name == "Islamic State (Iraq)"


def test_acronyms_keep_their_capitals(book: ActorBook) -> None:
    assert names(book, "This is what it is, and let us say it plainly to us all.") == []
    assert names(book, "US forces and IS cells clashed.") == ["Military Forces of the United States", "Islamic State ({country})"]
    assert names(book, "U.S. forces said KH and the IRI were responsible.") == [
        "Military Forces of the United States", "Kataib Hezbollah", "Islamic Resistance in Iraq"]


def test_dotted_and_plain_us_are_the_same(book: ActorBook) -> None:
    assert names(book, "U.S. Central Command said the strike was lawful.") == ["Military Forces of the United States"]
    assert names(book, "US Central Command (CENTCOM) said the strike was lawful.") == ["Military Forces of the United States"]


# --- possessives, compounds and brackets -------------------------------------------------------

@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessive(book: ActorBook, apostrophe: str) -> None:
    sentence = f"Kataib Hezbollah{apostrophe}s secretary-general announced a suspension of attacks."
    mention = only(book, sentence)
    assert (mention.actor.name, mention.text, mention.possessive) == ("Kataib Hezbollah", "Kataib Hezbollah", True)


def test_possessive_affiliation_keeps_only_the_group(book: ActorBook) -> None:
    sentence = "In early January, an American drone strike targeted the PMF’s Harakat al-Nujaba in Baghdad."
    assert names(book, sentence) == ["Military Forces of the United States", "Harakat Hezbollah al-Nujaba"]


def test_us_led_coalition_is_the_coalition_not_the_us(book: ActorBook) -> None:
    sentence = "The missile strike hit Anbar’s Ain al-Asad airbase, which houses US-led coalition troops."
    assert names(book, sentence) == ["Coalition Forces"]
    assert names(book, "The U.S.-led coalition said it is monitoring.") == ["Coalition Forces"]


def test_iran_backed_is_a_generic_militia_not_iran(book: ActorBook) -> None:
    found = book.find("The US strikes were a response to a missile strike by Iran-backed militias on the base.")
    assert [(m.actor.name, m.how) for m in found] == [
        ("Military Forces of the United States", "adjective"), ("Unidentified Armed Group ({country})", "generic")]
    assert found[1].text == "Iran-backed militias"
    assert book.localise(found[1].actor, "Iraq").name == "Unidentified Armed Group (Iraq)"


@pytest.mark.parametrize("phrase", [
    "pro-Iran militias", "pro-Iranian militias", "Iran-aligned groups", "Iranian-backed militias",
    "Iranian-backed Iraqi militia groups", "Iran-aligned armed groups", "Iranian-backed but state-linked armed groups",
    "Iran malign militia groups", "militia rockets",
])
def test_generic_militias(book: ActorBook, phrase: str) -> None:
    mention = only(book, f"Officials blamed {phrase} for the attack.")
    assert (mention.text, mention.how, mention.actor.generic) == (phrase, "generic", True)


def test_generic_next_to_a_named_group_is_the_named_group(book: ActorBook) -> None:
    assert names(book, "The Iran-backed militia Kataib Hezbollah denied it.") == ["Kataib Hezbollah"]
    assert names(book, "It killed a leading commander of the Kataib Hezbollah armed group.") == ["Kataib Hezbollah"]
    assert names(book, "Strikes hit pro-Iran militias, mainly Kataib Hezbollah, near Qaim.") == [
        "Unidentified Armed Group ({country})", "Kataib Hezbollah"]


def test_bracketed_acronym_is_one_mention(book: ActorBook) -> None:
    sentence = "killing at least 16 Popular Mobilization Forces (PMF) fighters and injuring another 36"
    mention = only(book, sentence)
    assert mention.text == "Popular Mobilization Forces (PMF)"
    sentence = "Targeting the PMF [Popular Mobilization Forces, or Hashd al-Shaabi] headquarters is an assault."
    assert only(book, sentence).text == "PMF [Popular Mobilization Forces, or Hashd al-Shaabi]"
    sentence = "hitting targets against the Islamic Revolutionary Guard Corps-Quds Force (IRGC-QF) in Syria"
    assert only(book, sentence).actor.name == "Islamic Revolutionary Guard Corps"


def test_hyphenated_state_names_are_not_parties(book: ActorBook) -> None:
    assert names(book, "The US-Iraqi military commission met after anti-American protests.") == []
    assert names(book, "Rockets were launched near the Iraq-Syria border.") == []


# --- demonyms and state names ------------------------------------------------------------------

def test_demonym_before_a_noun_points_at_the_forces(book: ActorBook) -> None:
    mention = only(book, "A Turkish drone struck a car near Sulaimani.")
    assert (mention.actor.name, mention.how) == ("Military Forces of Turkey", "adjective")
    assert names(book, "Turkish-backed factions shelled Manbij.") == ["Syrian National Army"]
    assert names(book, "The rockets landed near the Syrian border.") == []


def test_state_names_are_governments_and_can_be_turned_into_forces(book: ActorBook) -> None:
    sentence = "After a drone strike killed three US troops in Jordan, Washington retaliated on February 2."
    found = book.find(sentence)
    assert [(m.actor.name, m.how) for m in found] == [
        ("Military Forces of the United States", "alias"), ("Government of the United States", "context")]
    assert book.forces_of(found[1].actor).name == "Military Forces of the United States"
    assert names(book, "The US has responded on several occasions.") == ["Government of the United States"]


def test_state_names_as_places_are_left_out(book: ActorBook) -> None:
    sentence = "American troops came under attack in Iraq, Syria, and Jordan and in eastern Baghdad’s Mashtal."
    assert names(book, sentence) == ["Military Forces of the United States"]
    assert "Government of Syria" in names(book, sentence, include_locative=True)
    assert names(book, "BAGHDAD (Dateline Wire) — Baghdad International Airport was hit.") == []


# --- affiliation and lookups ---------------------------------------------------------------------

@pytest.mark.parametrize(("child", "parent", "expected"), [
    ("Kataib Hezbollah", "Popular Mobilization Forces", True),
    ("Kataib Hezbollah", "Islamic Resistance in Iraq", True),
    ("Harakat Hezbollah al-Nujaba", "Islamic Resistance in Iraq", True),
    ("Asaib Ahl al-Haq", "Islamic Resistance in Iraq", False),
    ("Popular Mobilization Forces", "Kataib Hezbollah", False),
    ("Liwa Fatemiyoun", "Military Forces of Iran", True),       # through the IRGC
    ("People's Protection Units", "Syrian Democratic Forces", True),
    ("Kataib Hezbollah", "Kataib Hezbollah", False),
])
def test_is_part_of(book: ActorBook, child: str, parent: str, expected: bool) -> None:
    assert book.is_part_of(child, parent) is expected


def test_lookups(book: ActorBook) -> None:
    assert book.unidentified("Iraq") == "Unidentified Armed Group (Iraq)"
    civilians = book.get("Civilians (Iraq)")
    assert civilians is not None and (civilians.type, civilians.country) == ("civilians", "Iraq")
    assert book.get("Quds Force") is None
    irgc = book.get("Islamic Revolutionary Guard Corps")
    assert irgc is not None and book.government_of(irgc).name == "Government of Iran"
    krg = book.get("Kurdistan Regional Government")
    assert krg is not None and book.forces_of(krg).name == "Peshmerga (Kurdistan Region)"
    assert names(book, "The IRGC Quds Force trains them.") == ["Islamic Revolutionary Guard Corps"]


# --- a user's own knowledge base ------------------------------------------------------------------

def test_user_file_adds_and_replaces_actors(tmp_path: Path) -> None:
    user = tmp_path / "yemen.toml"
    user.write_text('''
[[actor]]
name = "Southern Transitional Council"
type = "rebel"
country = "Yemen"
aliases = ["Southern Transitional Council", "southern separatists"]
acronyms = ["STC"]
source = "test"

[[actor]]
name = "Houthis"
type = "rebel"
country = "Yemen"
aliases = ["Houthis", "Ansar Allah", "Houthi movement"]
source = "test: replaces the shipped entry"
''', encoding="utf-8")
    book = ActorBook.from_kb(load_knowledge_base([user]))
    mention = only(book, "Fighters of the Southern Transitional Council (STC) took the port.")
    assert mention.actor.name == "Southern Transitional Council"
    assert "Houthis" not in names(book, "Houthi rebels fired a missile.")  # the replaced entry lost this alias
    assert names(book, "The Houthi movement fired a missile.") == ["Houthis"]


@pytest.mark.parametrize(("body", "problem"), [
    ('name = "X"\ntype = "gang"', "'type' must be one of"),
    ('name = "X"\ntype = "militia"\nparent = ["Nobody"]', "unknown actor 'Nobody'"),
    ('name = "X ({country})"\ntype = "militia"', "country_from_context"),
])
def test_bad_user_entries_are_named(tmp_path: Path, body: str, problem: str) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(f"[[actor]]\n{body}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="mine.toml") as error:
        ActorBook.from_kb(load_knowledge_base([user]))
    assert problem in str(error.value)




def test_dateline_place_is_not_a_party(book: ActorBook) -> None:
    assert names(book, "SINJAR, Iraq - A Turkish drone struck a car.") == ["Military Forces of Turkey"]


# --- data written for the project: the hand-made cases and the demo corpus -----------------------

DATA = Path(__file__).parent / "data" / "extraction_cases.jsonl"
SAMPLE = Path(__file__).parent.parent / "dateline" / "data" / "sample"
SUB_EVENTS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb", "Grenade",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
WEAPONS = {"rocket", "drone", "missile", "airstrike", "artillery", "ied", "small arms", "other"}


def load_cases() -> list[dict[str, object]]:
    import json
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_cases_follow_the_codebook_and_name_known_actors(book: ActorBook) -> None:
    from datetime import date
    cases = load_cases()
    assert len(cases) >= 25 and len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        date.fromisoformat(str(case["published"]))
        for record in case["expect"]:  # type: ignore[attr-defined]
            if record["kind"] != "event":
                continue
            assert record["sub_event_type"] in SUB_EVENTS[record["event_type"]], case["id"]
            assert set(record["weapons"]) <= WEAPONS, case["id"]
            assert record["date_precision"] in ("day", "range", "month", "unknown")
            for name in (record["actor1"], record["actor2"], *record["claimed_by"], *record["denied_by"]):
                assert name is None or book.get(name) is not None, (case["id"], name)


def test_named_actors_of_the_cases_are_found_in_their_text(book: ActorBook) -> None:
    for case in load_cases():
        mentions = book.find(str(case["text"]))
        for record in case["expect"]:  # type: ignore[attr-defined]
            if record["kind"] != "event":
                continue
            found = set()
            for mention in mentions:
                actor = book.localise(mention.actor, record["country"])
                found |= {actor.name, book.forces_of(actor).name}
            for name in (record["actor1"], record["actor2"]):
                actor = book.get(name) if name else None
                if actor is not None and not actor.generic and actor.type not in ("protesters", "rioters"):
                    assert name in found, (case["id"], name, sorted(found))


def test_demo_corpus_has_every_form() -> None:
    import json
    import xml.etree.ElementTree as ElementTree
    files = sorted(p.name for p in SAMPLE.iterdir())
    assert "README.md" in files
    html = [SAMPLE / f for f in files if f.endswith(".html")]
    assert len(html) >= 2 and all('property="article:published_time"' in p.read_text(encoding="utf-8") for p in html)
    texts = [SAMPLE / f for f in files if f.endswith(".txt")]
    assert len(texts) >= 2 and all("Share this article" in p.read_text(encoding="utf-8") for p in texts)
    rows = [json.loads(line) for p in SAMPLE.glob("*.jsonl") for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 3 and all({"id", "text", "url", "outlet", "published", "title"} <= set(r) for r in rows)
    for feed in SAMPLE.glob("*.xml"):
        items = ElementTree.parse(feed).getroot().findall("./channel/item")
        assert items and all(item.find("pubDate") is not None for item in items)
