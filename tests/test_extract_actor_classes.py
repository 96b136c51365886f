"""Actor and target classes of error found on real reporting, each tested on short reports written
for these tests (not copied from any outlet or dev set), with the ACLED convention it follows."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.actor_conventions import ARMED_WORDS
from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from test_extract_roles_types import _events


# `extractor` is conftest's fixture; `_events` reads a short report published on 2024-05-09.


# --- the owner of what was hit is the target, not the agent ----------------------------------

@pytest.mark.parametrize("text, owner", [
    ("Rockets struck a large airbase used by the US-led coalition near Erbil on Monday night.", "Coalition Forces"),
    ("Blasts hit a depot belonging to the Iran-backed Kataib Hezbollah near Qaim on Tuesday.", "Kataib Hezbollah"),
    ("US jets bombed a compound in Syria that officials said was used by Kataib Hezbollah on Friday.",
     "Kataib Hezbollah"),
])
def test_the_owner_of_a_site_hit_is_the_target(extractor: Extractor, text: str, owner: str) -> None:
    events = _events(extractor, text)
    assert events and all(e.actor2 == owner and e.actor1 != owner for e in events)


# --- who suffered an attack ---------------------------------------------------------------------

def test_forces_that_have_seen_attacks_are_their_target(extractor: Extractor) -> None:
    [event] = _events(extractor, "US forces have seen rocket attacks at the Ain al-Asad air base on Sunday.")
    assert event.actor2 == "Military Forces of the United States"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"


def test_civilians_are_never_the_attacker(extractor: Extractor) -> None:
    # ACLED train: civilians are actor1 of no violent event.
    events = _events(extractor, "The killing of a US civilian contractor in a rocket attack near Kirkuk on Friday "
                                "angered Washington.")
    assert events and not any(e.actor1.startswith("Civilians") for e in events)


def test_soldiers_from_a_named_force_are_that_force(extractor: Extractor) -> None:
    [event] = _events(extractor, "Six soldiers from the National Defense Forces were killed on Sunday by an attack "
                                 "carried out by the Islamic State near Palmyra.")
    assert event.actor2 == "National Defense Forces"
    assert event.actor1.startswith("Islamic State")


def test_fighters_from_a_named_group_attacked(extractor: Extractor) -> None:
    [event] = _events(extractor, "An army patrol was ambushed on Monday by fighters from the terrorist organisation "
                                 "Daesh near Tuz Khurmatu.")
    assert event.actor1.startswith("Islamic State")


def test_a_nationality_before_descriptors_describes_the_group(extractor: Extractor) -> None:
    text = ("The Iraqi paramilitary Hashd forces said one of its fighters was killed by US airstrikes near Qaim "
            "on Sunday.")
    [event] = _events(extractor, text)
    assert event.actor2 == "Popular Mobilization Forces"


def test_a_speakers_bracketed_acronym_keeps_it_a_speaker(extractor: Extractor) -> None:
    text = "Syrian Democratic Forces (SDF) said Turkish drones struck a car near Qamishli on Friday."
    [event] = _events(extractor, text)
    assert event.actor1 == "Military Forces of Turkey"


# --- whose drones, whose strike ---------------------------------------------------------------

def test_drones_believed_to_be_of_a_state_are_its_launch(extractor: Extractor) -> None:
    text = "Iranian state media said its air defences shot down drones, believed to be Israeli, near Tabriz on Friday."
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Military Forces of Iran", "Military Forces of Israel")


def test_a_person_believed_to_be_of_a_nationality_names_no_party(extractor: Extractor) -> None:
    text = "Gunmen shot dead a Hayat Tahrir al-Sham commander, believed to be Turkish, near Sarmada on Monday."
    [event] = _events(extractor, text)
    assert event.actor2 == "Hayat Tahrir al-Sham"


# --- "the group" and "it" -----------------------------------------------------------------------

def test_the_group_that_fired_is_the_group_named_last(extractor: Extractor) -> None:
    text = ("A drone hit a port building in Eilat on Monday, the army said.\n\n"
            "The Islamic Resistance in Iraq took responsibility for the attack.\n\n"
            "In March, Jordanian air defences intercepted a drone fired by the group over Aqaba.")
    events = _events(extractor, text, date(2024, 4, 2))
    eilat = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert eilat.actor1 == "Islamic Resistance in Iraq"
    interception = next(e for e in events if e.sub_event_type == "Disrupted weapons use")
    assert (interception.actor1, interception.actor2) == ("Military Forces of Jordan", "Islamic Resistance in Iraq")


def test_an_attacker_is_not_carried_across_years(extractor: Extractor) -> None:
    text = ("Syrian army soldiers shelled rebel positions near Idlib on April 22, 2020, during an exercise.\n\n"
            "Last week a US base at Tanf came under a rocket attack, the Pentagon said.")
    events = _events(extractor, text, date(2023, 10, 24))
    tanf = next(e for e in events if e.event_date and e.event_date.startswith("2023"))
    assert tanf.actor1.startswith("Unidentified Armed Group")


# --- whom a deadly attack with no target named hit ---------------------------------------------

def test_shells_that_kill_people_with_no_armed_party_near_hit_civilians(extractor: Extractor) -> None:
    [event] = _events(extractor, "Shells fell on the old market of Jaramana on Sunday, killing three people.")
    assert event.actor2 == "Civilians (Syria)"
    assert "victims_default" in event.evidence["actor2"].rule


@pytest.mark.parametrize("text", [
    "A drone strike on a car near Sinjar killed two people on Sunday.",
    "Shells fell near an army checkpoint in Jaramana on Sunday, killing three people.",
])
def test_a_drone_strike_or_an_armed_party_near_leaves_the_target_open(extractor: Extractor, text: str) -> None:
    [event] = _events(extractor, text)
    assert not (event.actor2 or "").startswith("Civilians")


def test_the_armed_words_cover_forces_and_bases_not_people() -> None:
    assert ARMED_WORDS.search("air defence units are stationed at the airbase")
    assert not ARMED_WORDS.search("killing three people, including a child")


def test_towns_taken_in_a_campaign_are_taken_from_the_enemy_it_named(extractor: Extractor) -> None:
    text = ("On Monday, rebel groups launched an offensive against Syrian government troops in Idlib province.\n\n"
            "By Thursday they had captured the towns of Saraqib and Maarat al-Numan.")
    events = _events(extractor, text, date(2024, 12, 6))
    taken = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert taken and all(e.actor2 == "Military Forces of Syria" for e in taken)


def test_a_party_blamed_for_the_attacks_told_before_is_their_attacker(extractor: Extractor) -> None:
    text = ("On Wednesday, a drone strike on a car near Penjwen killed two people.\n\n"
            "On Saturday, a drone strike near Ranya killed a man.\n\n"
            "Turkey has been blamed for both.")
    events = _events(extractor, text, date(2024, 9, 5))
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 2 and all(e.actor1 == "Military Forces of Turkey" for e in strikes)


def test_a_generic_party_blamed_leaves_the_attacker_unidentified(extractor: Extractor) -> None:
    text = ("On Wednesday, rockets struck near the Ain al-Asad air base.\n\n"
            "Iran-backed groups have been blamed for the attack.")
    events = _events(extractor, text, date(2024, 9, 5))
    assert events and all(e.actor1 == "Unidentified Armed Group (Iraq)" for e in events)


@pytest.mark.parametrize("text", [
    "Fighting between Turkish troops and Kurdish fighters of the YPG broke out near Tal Abyad on Thursday.",
    "Fighting between Kurdish fighters of the YPG and Turkish troops broke out near Tal Abyad on Thursday.",
])
def test_both_sides_of_a_clash_between_are_parties_the_state_first(extractor: Extractor, text: str) -> None:
    # ACLED train: a state's forces are actor1 in 183 of 200 "between" battles against a non-state party.
    [event] = _events(extractor, text, date(2019, 10, 11))
    assert event.event_type == "Battles"
    assert (event.actor1, event.actor2) == ("Military Forces of Turkey", "People's Protection Units")


def test_a_clash_between_two_groups_keeps_the_order_of_the_text(extractor: Extractor) -> None:
    text = "Clashes erupted on Tuesday between Arab tribal fighters and the Syrian Democratic Forces near Hajin in Deir ez-Zor."
    [event] = _events(extractor, text, date(2023, 8, 30))
    assert (event.actor1, event.actor2) == ("Tribal Militia (Syria)", "Syrian Democratic Forces")


def test_the_states_a_report_hesitates_between_are_not_the_target(extractor: Extractor) -> None:
    [event] = _events(extractor, "Syrian or Russian warplanes carried out raids on the town of Hbit with no injuries "
                                 "or fatalities reported.", date(2018, 2, 10))
    assert event.actor1 == "Allied Syrian and/or Russian Forces"
    assert event.actor2 is None


def test_a_party_coordinated_with_the_target_is_a_target_too() -> None:
    from dateline.extract.actors import ActorBook
    from dateline.extract.roles import AGENT, TARGET, RoleCue, share_coordinated
    book = ActorBook.from_kb(load_knowledge_base())
    text = "Israeli jets struck Hezbollah and IRGC positions near Damascus."
    mentions = book.find(text)
    roles = [(mentions[0], RoleCue(AGENT, "agent")), (mentions[1], RoleCue(TARGET, "target")),
             (mentions[2], RoleCue(AGENT, "agent: actor before the trigger"))]
    shared = share_coordinated(text, roles)
    assert [m.actor.name for m in mentions] == ["Military Forces of Israel", "Hezbollah",
                                                "Islamic Revolutionary Guard Corps"]
    assert [cue.role for _m, cue in shared] == [AGENT, TARGET, TARGET]


@pytest.mark.parametrize("text", [
    "Regime forces shelled the town of al-Hara which injured several people.",
    "The Syrian army shelled Misraba town in Rural Damascus, injuring several civilians.",
])
def test_people_hurt_by_an_attack_with_only_the_attacker_armed_are_civilians(extractor: Extractor, text: str) -> None:
    # ACLED train: 788 of 836 remote attacks that hurt people, no armed party named but the attacker.
    [event] = _events(extractor, text, date(2018, 1, 10))
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Civilians (Syria)")


def test_no_one_hurt_leaves_the_target_open(extractor: Extractor) -> None:
    [event] = _events(extractor, "Regime forces shelled the town of al-Hara, causing material damage. No injuries "
                                 "were reported.", date(2018, 1, 10))
    assert event.actor2 is None


def test_unnamed_rebels_keep_acleds_class_name(extractor: Extractor) -> None:
    # ACLED names unnamed rebels "Opposition Rebels (Syria)" (292 train rows), not an unidentified group.
    [event] = _events(extractor, "Rebel factions shelled regime positions near Kafr Nabl on Monday.", date(2018, 2, 6))
    assert event.actor1 == "Opposition Rebels (Syria)"
    [event] = _events(extractor, "Militias shelled army positions near Kafr Nabl on Monday.", date(2018, 2, 6))
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_regime_before_a_word_for_arms_is_the_syrian_state(extractor: Extractor) -> None:
    [event] = _events(extractor, "Two civilians were killed by regime shelling on the town of Kafr Nabl on Monday.",
                      date(2018, 2, 6))
    assert event.actor1 == "Military Forces of Syria"


@pytest.mark.parametrize("head", ["shelling", "bombardment", "attacks"])
def test_a_nationality_before_a_word_for_an_attack_names_its_forces(extractor: Extractor, head: str) -> None:
    [event] = _events(extractor, f"Medics said the Turkish {head} on Jandaris damaged an ambulance on Monday.",
                      date(2018, 2, 6))
    assert event.actor1 == "Military Forces of Turkey"


def test_depots_belonging_to_a_states_force_are_its_target(extractor: Extractor) -> None:
    text = "Israeli jets struck arms depots belonging to Iran's elite Quds Force near Kisweh on Wednesday."
    [event] = _events(extractor, text, date(2019, 11, 21))
    assert (event.actor1, event.actor2) == ("Military Forces of Israel", "Islamic Revolutionary Guard Corps")


def test_an_activist_group_is_an_organisation_not_civilians() -> None:
    from dateline.extract.actors import ActorBook
    book = ActorBook.from_kb(load_knowledge_base())
    assert not book.find("the Observatory, an opposition activist group, said the strikes hit Kisweh")
    assert [m.actor.name for m in book.find("the strikes killed two activists in Kisweh")] == ["Civilians ({country})"]


def test_the_attackers_own_dead_are_not_its_target(extractor: Extractor) -> None:
    text = "Regime forces clashed with ISIS militants near Palmyra on Monday, killing 4 regime soldiers."
    [event] = _events(extractor, text, date(2024, 1, 23))
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Islamic State (Syria)")


def test_a_military_base_hit_with_no_forces_named_is_the_countrys_military(extractor: Extractor) -> None:
    text = "A naval base building in the Israeli city of Eilat was lightly damaged by a drone attack on Sunday."
    [event] = _events(extractor, text, date(2024, 4, 1))
    assert event.actor2 == "Military Forces of Israel"


@pytest.mark.parametrize("text", [
    "Regime forces recaptured the town of Tal Sultan after clashes with HTS fighters on Monday.",
    "Following clashes with HTS fighters, regime forces recaptured the town of Tal Sultan on Monday.",
])
def test_ground_won_after_clashes_with_a_party_was_won_from_it(extractor: Extractor, text: str) -> None:
    [event] = [e for e in _events(extractor, text, date(2018, 2, 6))
               if e.sub_event_type == "Government regains territory"]
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")


def test_a_town_named_like_a_trigger_word_is_a_place_not_an_attack(extractor: Extractor) -> None:
    # Hit (Anbar) is named in 17 of ACLED's 2018 notes: "near Hit" or "in central Hit district" is
    # the place, while a headline's capitalised "Hit" is still the verb.
    lexicon = extractor.lexicon
    assert [h.text for h in lexicon.find("A bomb exploded in central Hit district on Monday.")] == ["bomb exploded"]
    assert [h.text.lower() for h in lexicon.find("Mortars were fired near Hit.")] == ["mortars were fired"]
    assert "Hit" in [h.text.split()[-1] for h in lexicon.find("Rockets Hit Base In Anbar")]
    events = _events(extractor, "Rockets struck a base of the Popular Mobilization Forces near Hit"
                                " in Anbar province on Tuesday, security sources said.")
    assert len(events) == 1 and events[0].location == "Hit"
