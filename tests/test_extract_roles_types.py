"""Roles and types on short reports written for these tests (not copied from any outlet or dev set)."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from dateline.model import Article, EventRecord


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_kb(load_knowledge_base())


def _events(extractor: Extractor, text: str, published: date = date(2024, 5, 9)) -> list[EventRecord]:
    article = Article(id="t1", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      published=published, published_method="given")
    return [r for r in extractor.extract(article) if isinstance(r, EventRecord)]


def test_a_progressive_verb_after_is_keeps_its_subject_the_attacker(extractor: Extractor) -> None:
    [event] = _events(extractor, "Turkish artillery was shelling villages near Afrin on Monday, local officials said.")
    assert event.actor1 == "Military Forces of Turkey"
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_the_agency_that_released_a_photo_is_not_the_attacker(extractor: Extractor) -> None:
    text = ("In a picture released by the Syrian state news agency, a man wounded by Israeli missile strikes "
            "on Tuesday is treated at a hospital in Homs.")
    [event] = _events(extractor, text)
    assert event.actor1 == "Military Forces of Israel"
    assert event.evidence["actor1"].span == "Israeli"


def test_its_warplanes_of_a_speaker_are_its_forces(extractor: Extractor) -> None:
    text = "The Turkish defence ministry said its warplanes struck PKK shelters near Amadiya on Sunday."
    [event] = _events(extractor, text)
    assert event.actor1 == "Military Forces of Turkey"
    assert event.sub_event_type == "Air/drone strike"


def test_a_lead_word_opens_the_second_clause_where_it_stands(extractor: Extractor) -> None:
    text = ("Israeli warplanes struck weapons depots near Homs on Thursday night in response to a rocket "
            "attack on the Golan Heights.")
    events = _events(extractor, text)
    strike = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike and strike[0].actor1 == "Military Forces of Israel"
    assert strike[0].event_date == "2024-05-09"  # Thursday, the day of publication


def test_alleged_before_a_noun_is_no_accusation(extractor: Extractor) -> None:
    [event] = _events(extractor, "The Iraqi air force hit alleged militant hideouts in the Hamrin mountains on Monday.")
    assert event.actor1 == "Military Forces of Iraq"
    assert event.sub_event_type == "Air/drone strike"


def test_violence_against_civilians_targets_civilians(extractor: Extractor) -> None:
    [event] = _events(extractor, "A former judge was gunned down outside his home in Basra on Monday.")
    assert event.event_type == "Violence against civilians"
    assert event.actor2 == "Civilians (Iraq)"


def test_a_military_base_hit_with_no_forces_named_is_the_countrys_military(extractor: Extractor) -> None:
    [event] = _events(extractor, "Israeli aircraft targeted a military base near Homs on Sunday.")
    assert event.actor1 == "Military Forces of Israel"
    assert event.actor2 == "Military Forces of Syria"


def test_forces_named_at_a_base_beat_the_adjective_of_its_soil(extractor: Extractor) -> None:
    text = ("The Islamic Resistance in Iraq claimed on Tuesday responsibility for firing rockets at an Iraqi "
            "base in Anbar housing US forces.")
    [event] = _events(extractor, text)
    assert event.actor1 == "Islamic Resistance in Iraq"
    assert event.actor2 == "Military Forces of the United States"


def test_state_forces_killing_at_a_protest_is_excessive_force(extractor: Extractor) -> None:
    text = "Iraqi security forces opened fire on demonstrators in Kut on Thursday, killing four people during the protests."
    [event] = _events(extractor, text)
    assert (event.event_type, event.sub_event_type) == ("Protests", "Excessive force against protesters")
    assert event.actor1 == "Protesters (Iraq)"
    assert event.actor2 == "Military Forces of Iraq"


def test_gunmen_killing_a_shopkeeper_stays_violence_against_civilians(extractor: Extractor) -> None:
    [event] = _events(extractor, "Gunmen shot dead a shopkeeper in Mosul on Monday.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_weapons_found_are_disrupted_weapons_use(extractor: Extractor) -> None:
    [event] = _events(extractor, "Police in Basra discovered a rocket launcher loaded with three rockets on Tuesday.")
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 == "Police Forces of Iraq"


def test_air_defences_at_a_base_are_the_forces_it_hosts(extractor: Extractor) -> None:
    text = "An Iraqi army officer said air defences at Ain al-Asad air base shot down a drone on Tuesday."
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 == "Military Forces of the United States"


def test_state_media_announcing_its_forces_destroyed_drones(extractor: Extractor) -> None:
    text = "Iranian state media reported on Friday that its forces had destroyed two drones near Tabriz."
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 == "Military Forces of Iran"


def test_a_reported_clause_keeps_its_own_date(extractor: Extractor) -> None:
    [event] = _events(extractor, "The Iraqi army announced it had downed a drone on March 3 near Tikrit.", date(2024, 3, 7))
    assert event.event_date == "2024-03-03"
    assert event.sub_event_type == "Disrupted weapons use"


def test_a_weapon_that_was_hit_is_not_the_weapon_used(extractor: Extractor) -> None:
    [event] = _events(extractor, "Israeli jets struck missile production facilities near Masyaf on Sunday.")
    assert event.sub_event_type == "Air/drone strike"
    assert "missile" not in event.weapons


def test_killed_in_a_raid_is_a_battle_not_an_arrest(extractor: Extractor) -> None:
    text = "Fifteen Islamic State militants were killed on Thursday by US and Iraqi forces in a joint raid near Rutba."
    [event] = _events(extractor, text)
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert event.actor1 == "Military Forces of the United States"


def test_police_opening_fire_at_a_protest(extractor: Extractor) -> None:
    text = "Police opened fire on demonstrators in Kut on Friday, killing two, during protests against power cuts."
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.actor2 == "Police Forces of Iraq"


def test_the_speakers_own_fighters_make_the_speaker_the_target(extractor: Extractor) -> None:
    text = "A spokesman for Kataib Hezbollah said US strikes killed four of its fighters near Qaim on Sunday."
    [event] = _events(extractor, text)
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Kataib Hezbollah"


def test_missiles_fired_from_jets_are_an_air_strike(extractor: Extractor) -> None:
    [event] = _events(extractor, "Missiles fired by Israeli jets hit a warehouse near Homs on Tuesday.")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Israel"


def test_killed_in_a_drone_strike_is_one_event_of_the_strike(extractor: Extractor) -> None:
    text = "Two soldiers were killed and five were wounded on Sunday, in a drone strike near Tal Afar, officials said."
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Air/drone strike"
    assert event.fatalities == 2


def test_a_commander_of_a_group_killed_is_the_victim(extractor: Extractor) -> None:
    text = ("Several people were killed, including a commander of Kataib Hezbollah, in a US air strike "
            "on a car near Qaim on Monday.")
    [event] = _events(extractor, text)
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Kataib Hezbollah"


def test_gunmen_killing_an_unarmed_man_is_violence_against_civilians(extractor: Extractor) -> None:
    [event] = _events(extractor, "Gunmen in Mosul killed a former government advisor near his home on Monday.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_a_target_named_after_against_ahead_of_the_verb(extractor: Extractor) -> None:
    text = "In a new escalation against US forces, militants fired three rockets at a base near Erbil on Friday."
    [event] = _events(extractor, text)
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Military Forces of the United States"


def test_state_forces_firing_at_protests_is_excessive_force_in_every_clause(extractor: Extractor) -> None:
    text = ("On the third day of the protests, police opened fire and killed 12 demonstrators in Basra, "
            "while five people were killed in Karbala.")
    events = _events(extractor, text)
    assert {e.admin1 for e in events} >= {"Basra", "Karbala"}
    for event in events:
        assert event.sub_event_type == "Excessive force against protesters", event.evidence["event_type"].rule
        assert event.actor1 == "Protesters (Iraq)"


def test_a_protest_with_deaths_and_no_attacker_named_is_a_violent_demonstration(extractor: Extractor) -> None:
    text = "Two protesters were killed on Friday when demonstrators marched on the provincial council in Kut."
    [event] = _events(extractor, text)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_curfew_imposed_by_the_authorities_is_a_strategic_development(extractor: Extractor) -> None:
    text = "Authorities imposed a curfew in the southern city of Basra on Saturday after two days of unrest."
    events = _events(extractor, text)
    curfew = next(e for e in events if e.event_type == "Strategic developments")
    assert curfew.sub_event_type == "Other"
    assert curfew.actor1 == "Government of Iraq"
    assert curfew.admin1 == "Basra"


def test_a_missile_strike_by_an_air_power_is_an_air_strike_from_the_acled_strike_modes(extractor: Extractor) -> None:
    # The KB's strike modes (scripts/build_strike_modes.py, ACLED train notes): US strikes are from the air.
    assert extractor.lexicon.strike_modes["Military Forces of the United States"][1] == 0
    [event] = _events(extractor, "A US missile strike hit a militia headquarters near Qaim on Monday, officials said.")
    assert event.actor1 == "Military Forces of the United States"
    assert event.sub_event_type == "Air/drone strike"
    assert "strike_mode" in event.evidence["sub_event_type"].rule


def test_a_missile_strike_by_a_group_with_no_strike_mode_stays_a_missile_attack(extractor: Extractor) -> None:
    [event] = _events(extractor, "Houthi missiles hit a port near Eilat on Monday, officials said.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_a_group_named_before_its_base_is_the_target_a_nationality_is_not(extractor: Extractor) -> None:
    [group] = _events(extractor, "Unidentified drones struck a Popular Mobilization Forces military base near Amerli "
                                 "on Friday, officials said.")
    assert group.actor2 == "Popular Mobilization Forces"
    [state] = _events(extractor, "Rockets hit two Iraqi military bases housing US forces near Baghdad on Friday.")
    assert state.actor2 == "Military Forces of the United States"


def test_civilians_killed_at_a_base_do_not_replace_the_forces_it_hosts_as_target(extractor: Extractor) -> None:
    [event] = _events(extractor, "A rocket attack on Harir Air Base on Tuesday killed an American contractor, "
                                 "officials said.")
    assert event.actor2 == "Military Forces of the United States"
    assert "base hosts" in event.evidence["actor2"].rule


@pytest.mark.parametrize(("text", "actor2"), [
    # A state's troops are its military forces (ACLED names no "Government of" as a fighting party).
    ("Rebel fighters attacked Syrian government troops near Saraqib in Idlib on Tuesday.", "Military Forces of Syria"),
    # A state's consulate or officials are its government, not its army.
    ("Angry rioters stormed the Iranian consulate in Basra on Tuesday and set it on fire.", "Government of Iran"),
])
def test_what_follows_a_state_says_whether_its_army_or_its_government_was_hit(
        extractor: Extractor, text: str, actor2: str) -> None:
    events = _events(extractor, text)
    assert events and events[0].actor2 == actor2


@pytest.mark.parametrize("text", [
    "Hundreds of detainees began a hunger strike in a prison near Qamishli on Monday.",
    "Teachers in Sulaymaniyah went on strike on Monday over unpaid salaries.",
])
def test_a_hunger_or_labour_strike_is_a_protest_not_an_air_strike(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert events and all(e.event_type == "Protests" for e in events)


def test_a_helicopter_raid_is_fought_on_the_ground(extractor: Extractor) -> None:
    # ACLED codes a raid by troops set down from helicopters as an armed clash, not an air strike.
    events = _events(extractor, "US special forces killed two Islamic State commanders in a helicopter raid "
                                "near Al-Bab in Aleppo province on Monday.")
    assert events and events[0].sub_event_type == "Armed clash"
    assert events[0].actor1 == "Military Forces of the United States"


def test_an_attack_on_soldiers_with_no_weapon_named_is_a_battle(extractor: Extractor) -> None:
    # ACLED train: a weaponless attack on armed men is a battle in 67 of 71 notes.
    events = _events(extractor, "Militants attacked an army checkpoint near Tarmiyah on Monday, wounding two soldiers.")
    assert events and events[0].sub_event_type == "Armed clash"


@pytest.mark.parametrize(("text", "actor2"), [
    ("A roadside bomb hit a convoy of civilian trucks carrying equipment for US forces near Nasiriyah on Monday.",
     "Military Forces of the United States"),
    ("A roadside bomb exploded near Samawah on Monday as trucks carrying supplies belonging to the coalition passed.",
     "Coalition Forces"),
])
def test_a_supply_convoy_attack_targets_the_forces_supplied(extractor: Extractor, text: str, actor2: str) -> None:
    events = _events(extractor, text)
    assert events and events[0].actor2 == actor2


@pytest.mark.parametrize("text", [
    "Syrian opposition armed groups attacked Kurdish fighters near Manbij on Monday.",
    "Syrian rebel forces stormed Kurdish positions near Manbij on Monday.",
])
def test_a_nationality_before_a_non_state_group_is_not_the_states_army(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert events and "Military Forces of Syria" not in (events[0].actor1, events[0].actor2)


def test_the_target_of_attacks_named_before_an_including_clause_is_not_its_attacker(extractor: Extractor) -> None:
    # "…attacks on US forces, including a May 2 strike…": US forces are the target, not the striker.
    text = ("An Iraqi court sentenced a commander of a militia behind a wave of attacks on US forces, "
            "including a May 2 strike that killed a contractor in Erbil.")
    [strike] = [e for e in _events(extractor, text, date(2024, 5, 20)) if e.event_date == "2024-05-02"]
    assert strike.actor1 != "Military Forces of the United States"


def test_a_counted_wave_of_strikes_done_once_is_an_event_but_one_over_a_period_is_not(extractor: Extractor) -> None:
    done = "The defence ministry said on Friday that its jets conducted dozens of air strikes on PKK hideouts in northern Iraq."
    running = "The Turkish air force has conducted dozens of air strikes on PKK hideouts in northern Iraq."
    [wave] = _events(extractor, done, date(2024, 5, 20))
    assert (wave.sub_event_type, wave.country) == ("Air/drone strike", "Iraq")
    assert _events(extractor, running, date(2024, 5, 20)) == []


def test_the_party_an_attack_is_attributed_to_is_its_attacker(extractor: Extractor) -> None:
    text = "On Monday, two soldiers were killed in a roadside bombing near Kirkuk, attributed to the Islamic State."
    [event] = _events(extractor, text)
    assert event.actor1 == "Islamic State (Iraq)"


def test_a_suicide_drone_is_a_drone_strike_not_a_suicide_bomb(extractor: Extractor) -> None:
    [event] = _events(extractor, "On Monday, militants launched a suicide drone at a military base near Erbil.")
    assert event.sub_event_type == "Air/drone strike"
    assert "ied" not in event.weapons


def test_ranking_an_event_told_before_as_the_first_case_of_its_kind_is_no_new_event(extractor: Extractor) -> None:
    extractor.frame_log = []
    try:
        _events(extractor, "Militants launched a suicide drone at a base near Erbil on Monday. It was the first case "
                           "of a suicide drone falling in the province since March.")
        [ranked] = [c for c in extractor.frame_log if c["sentence"].startswith("It was")]
    finally:
        extractor.frame_log = None
    assert ranked["reason"].startswith("a name given to an event already told")


def test_an_arrest_troops_set_out_to_make_is_not_an_arrest(extractor: Extractor) -> None:
    text = ("On Monday, police said troops were heading to a village near Kirkuk to arrest a suspect when "
            "gunmen opened fire on them.")
    assert all(e.event_type != "Strategic developments" for e in _events(extractor, text))


def test_a_strike_with_no_place_lands_where_its_target_is_said_to_be_based(extractor: Extractor) -> None:
    [strike] = _events(extractor, "On Saturday, US forces launched a strike on the Yemen-based Houthi rebels, officials said.")
    assert strike.country == "Yemen"
    # Only the target's base: where an attacker is based says nothing of where its drone fell.
    [drone] = _events(extractor, "On Saturday, the Iraq-based Islamic Resistance launched a drone at Eilat.")
    assert drone.country == "Israel"


def test_police_storming_an_office_is_no_riot(extractor: Extractor) -> None:
    police = "On Sunday, police stormed the offices of a news agency in Erbil."
    crowd = "On Sunday, angry protesters stormed the offices of a news agency in Erbil."
    assert all(e.event_type != "Riots" for e in _events(extractor, police))
    assert any(e.event_type == "Riots" for e in _events(extractor, crowd))


def test_soldiers_killed_in_shelling_by_a_regime_are_its_target(extractor: Extractor) -> None:
    [event] = _events(extractor, "Three Turkish soldiers were killed in shelling by the Assad regime near "
                                 "Saraqib in Idlib on Monday, the ministry said.")
    assert event.actor1 == "Military Forces of Syria"
    assert event.actor2 == "Military Forces of Turkey"


def test_strikes_an_attack_prompted_are_an_event_of_their_own(extractor: Extractor) -> None:
    text = ("Rockets hit a base hosting US troops in Anbar province on Monday, officials said.\n\n"
            "The March 3 attack prompted the US military to carry out airstrikes against a compound in Syria used by "
            "multiple Iran-backed militias.")
    events = _events(extractor, text)
    answer = [e for e in events if e.country == "Syria"]
    assert len(answer) == 1
    assert answer[0].actor1 == "Military Forces of the United States"
    assert answer[0].sub_event_type == "Air/drone strike"
