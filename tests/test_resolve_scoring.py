"""The merge as scored candidates, on hand-made records: each class of split seen on real reporting,
and the cases that must stay apart. One threshold decides; `explain` says why a source joined."""
from __future__ import annotations

from dataclasses import replace

from dateline.model import EventRecord, Evidence, Source
from dateline.resolve.affinity import THRESHOLD, affinity
from dateline.resolve.merge import block_keys, resolve

KB = {("Kataib Hezbollah", "Islamic Resistance in Iraq"), ("Kataib Hezbollah", "Popular Mobilization Forces")}


def related(child: str, parent: str) -> bool:
    return (child, parent) in KB


def _report(article: str, quote: str, **fields: object) -> EventRecord:
    base = dict(event_date="2024-01-20", date_precision="day", event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", actor1="Islamic Resistance in Iraq",
                actor2="Military Forces of the United States", country="Iraq", admin1="Anbar",
                location="Ain al-Asad Air Base", latitude=33.79, longitude=42.44, geo_precision=1,
                fatalities=None, injured=None)
    base.update(fields)
    return EventRecord(**base, sources=[Source(article, quote)])  # type: ignore[arg-type]


def _events(reports: list[EventRecord]) -> list[EventRecord]:
    mentions = [(i, r.sources[0].article, r) for i, r in enumerate(reports)]
    return [r for _id, r, _m in resolve(mentions, related=related) if isinstance(r, EventRecord)]


UNPLACED = dict(location=None, latitude=None, longitude=None, geo_precision=3)


def test_a_faction_and_its_umbrella_are_one_party_and_the_specific_name_is_kept() -> None:
    [event] = _events([_report("a", "The Islamic Resistance in Iraq fired missiles at Ain al-Asad."),
                       _report("b", "Kataib Hezbollah fired missiles at the base.", actor1="Kataib Hezbollah")])
    assert event.actor1 == "Kataib Hezbollah"
    assert {s.article for s in event.sources} == {"a", "b"}


def test_a_states_government_and_its_forces_as_target_are_one_party() -> None:
    [event] = _events([_report("a", "Missiles hit the base housing US troops."),
                       _report("b", "Missiles targeted US interests.", actor2="Government of the United States")])
    assert event.actor2 == "Military Forces of the United States"


def test_the_coalition_and_its_lead_state_match_for_counting() -> None:
    [event] = _events([_report("a", "Rockets hit the coalition base.", actor2="Coalition Forces"),
                       _report("b", "Rockets hit the base housing US forces.")])
    assert len(event.sources) == 2


def test_two_named_attackers_are_two_events() -> None:
    assert len(_events([_report("a", "The IRI fired missiles."),
                        _report("b", "Turkey shelled the base.", actor1="Military Forces of Turkey")])) == 2


def test_two_towns_a_few_kilometres_apart_the_same_day_are_one_strike() -> None:
    [event] = _events([_report("a", "A drone hit a car near Chamchamal.", location="Chamchamal", admin1="Sulaymaniyah",
                               latitude=35.53, longitude=44.83, sub_event_type="Air/drone strike"),
                       _report("b", "A drone hit a vehicle in Takiya.", location="Takiya", admin1="Sulaymaniyah",
                               latitude=35.49, longitude=44.80, sub_event_type="Air/drone strike")])
    assert len(event.sources) == 2


def test_a_province_level_report_joins_the_one_precise_event_there_and_not_two() -> None:
    province = _report("c", "Missiles were fired at a base in Anbar on Saturday.", **UNPLACED)
    assert len(_events([_report("a", "Missiles hit Ain al-Asad."), province])) == 1
    other = _report("b", "Rockets hit al-Qaim.", location="Al-Qaim", latitude=34.38, longitude=41.09)
    assert len(_events([_report("a", "Missiles hit Ain al-Asad."), other, province])) == 3


def test_an_interception_and_an_attack_on_the_same_base_and_day_are_one_event() -> None:
    intercepted = _report("b", "Air defences shot down missiles over Ain al-Asad.", event_type="Strategic developments",
                          sub_event_type="Disrupted weapons use", actor1="Military Forces of the United States",
                          actor2="Islamic Resistance in Iraq")
    attack = _report("a", "Missiles targeted Ain al-Asad.", actor2=None)
    [event] = _events([attack, intercepted, _report("c", "The base came under missile fire.", actor2=None)])
    assert event.sub_event_type == "Shelling/artillery/missile attack"  # two reports against one
    readings = {r["value"] for r in event.evidence["sub_event_type_reported"].value}
    assert readings == {"Shelling/artillery/missile attack", "Disrupted weapons use"}
    # in another province, or a day later, the interception stays apart
    elsewhere = replace(intercepted, admin1="Erbil", location="Erbil Air Base", latitude=36.24, longitude=43.96)
    assert len(_events([attack, elsewhere])) == 2


def test_the_lead_and_the_detail_of_one_article_are_one_record() -> None:
    lead = _report("a", "Iran-backed militants attacked a US base in western Iraq on Saturday.", **UNPLACED,
                   actor1="Unidentified Armed Group (Iraq)", admin1=None)
    detail = _report("a", "Ballistic missiles and rockets were launched at al-Asad airbase at 6:30 pm.",
                     date_precision="unknown")
    [event] = _events([lead, detail])
    assert event.location == "Ain al-Asad Air Base" and event.date_precision == "day"


def test_the_same_sentence_split_on_purpose_stays_two() -> None:
    one = _report("a", "Strikes hit Ain al-Asad and al-Qaim.")
    two = _report("a", "Strikes hit Ain al-Asad and al-Qaim.", location="Al-Qaim", latitude=34.38, longitude=41.09)
    assert len(_events([one, two])) == 2


def test_an_undated_unplaced_report_from_another_article_stays_apart() -> None:
    vague = _report("b", "Militias have fired missiles at US forces.", date_precision="unknown", admin1=None,
                    **UNPLACED)
    assert len(_events([_report("a", "Missiles hit Ain al-Asad."), vague])) == 2


def test_explain_says_why_each_source_joined() -> None:
    [event] = _events([_report("a", "Missiles hit Ain al-Asad."), _report("b", "The base was hit by missiles.")])
    joined = {j["article"]: j["joined"] for j in event.evidence["sources"].value}
    assert joined["a"] == "first report"
    assert "same place (Ain al-Asad Air Base)" in joined["b"] and "same day" in joined["b"]
    assert f"threshold {THRESHOLD:g}" in joined["b"]


def test_a_reply_with_the_roles_swapped_is_another_event() -> None:
    strike = _report("a", "US jets struck the IRI.", actor1="Military Forces of the United States",
                     actor2="Islamic Resistance in Iraq")
    assert affinity(strike, _report("b", "The IRI fired missiles at US forces.")).ruled_out


def test_an_attack_on_a_states_citizens_and_that_states_strike_are_two_events() -> None:
    # "A drone killed a contractor of theirs; their jets struck back": the reply, not the attack.
    attack = _report("a", "A drone killed an American contractor.", actor1="Unidentified Armed Group (Syria)",
                     actor2="Civilians (United States)", sub_event_type="Air/drone strike", country="Syria",
                     admin1=None, date_precision="range", **UNPLACED)
    reply = replace(attack, actor1="Military Forces of the United States",
                    actor2="Islamic Revolutionary Guard Corps", sources=[Source("a", "US jets struck back.")])
    assert "swapped" in (affinity(reply, attack, same_article=True).ruled_out or "")
    assert len(_events([attack, reply])) == 2


def test_a_day_outside_the_week_another_report_names_is_another_event() -> None:
    monday = _report("a", "Rockets hit the base on Monday.", event_date="2024-03-04", **UNPLACED)
    last_week = replace(monday, event_date="2024-02-29", date_precision="range", admin1=None,
                        actor1="Unidentified Armed Group (Iraq)", actor2=None,
                        sources=[Source("a", "Rockets were fired at the base last week too.")],
                        evidence={"event_date": Evidence("2024-02-29", "last week", "own: relative-week")})
    outside = affinity(last_week, monday, related, same_article=True)
    assert "a day outside the week the other names" in outside.describe() and not outside.joins
    # Within the week it names, a day report may be the same event.
    inside = replace(monday, event_date="2024-02-28")
    assert "within the stated span" in affinity(last_week, inside, related, same_article=True).describe()


def test_reports_that_can_meet_share_a_block_key() -> None:
    day = _report("a", "Missiles hit Ain al-Asad.")
    next_day = _report("b", "Missiles hit Ain al-Asad.", event_date="2024-01-21")
    far = _report("c", "Missiles hit Ain al-Asad.", event_date="2024-01-25")
    undated = _report("d", "Missiles hit the base.", date_precision="unknown", event_date="2024-01-24")
    assert block_keys(day) & block_keys(next_day)
    assert not block_keys(day) & block_keys(far)
    assert block_keys(day) & block_keys(undated)  # within a week before publication
    assert ("article", "a") in block_keys(day)


def test_the_interception_reading_keeps_each_side_in_its_role() -> None:
    intercepted = _report("b", "US air defences shot down missiles over Ain al-Asad.",
                          event_type="Strategic developments", sub_event_type="Disrupted weapons use",
                          actor1="Military Forces of the United States", actor2="Islamic Resistance in Iraq")
    [event] = _events([intercepted, replace(intercepted, sources=[Source("c", "Missiles were downed.")]),
                       _report("a", "The IRI attacked Ain al-Asad.")])
    assert event.sub_event_type == "Disrupted weapons use"
    assert (event.actor1, event.actor2) == ("Military Forces of the United States", "Islamic Resistance in Iraq")


def test_the_same_sentence_read_twice_at_one_place_is_one_record() -> None:
    one = _report("a", "Rockets landed at the gas field on Monday, officials said.")
    assert len(_events([one, replace(one, weapons=["rocket"])])) == 1


# Reports of different events that share a day, a country and a type (a daily bulletin of
# shellings): each names its own place, its own toll or gives no time at all.
VILLAGE = dict(sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria",
               actor2="Civilians (Syria)", country="Syria", admin1="Hama", geo_precision=1)


def test_two_villages_a_few_kilometres_apart_with_no_time_in_the_text_are_two_events() -> None:
    one = _report("a", "Regime forces shelled Latmin.", **VILLAGE, location="Latmin", latitude=35.358,
                  longitude=36.652, date_precision="unknown")
    two = _report("b", "Regime forces shelled Sayad.", **VILLAGE, location="Sayad", latitude=35.33,
                  longitude=36.61, date_precision="unknown")
    assert not affinity(one, two).joins
    assert len(_events([one, two])) == 2


def test_a_publication_date_is_not_an_agreeing_day() -> None:
    dated = _report("a", "Missiles hit Ain al-Asad on Saturday.")
    undated = _report("b", "Missiles hit Ain al-Asad.", date_precision="unknown", event_date="2024-01-21")
    points = {reason: points for points, reason, _v in affinity(undated, dated).parts}
    assert points["no time in the text, within a week before publication"] == 0


def test_two_reports_with_no_time_published_days_apart_are_two_events() -> None:
    first = _report("a", "Regime forces shelled Latmin.", **VILLAGE, location="Latmin", latitude=35.358,
                    longitude=36.652, date_precision="unknown", event_date="2018-01-01")
    later = replace(first, event_date="2018-01-04", sources=[Source("b", "Regime forces shelled Latmin.")])
    same_day = replace(first, sources=[Source("c", "The army shelled Latmin.")])
    assert "published 3 days apart" in (affinity(later, first).ruled_out or "")
    assert len(_events([first, later])) == 2
    assert len(_events([first, same_day])) == 1  # same place, same day of publication, same type


def test_different_tolls_at_different_places_are_two_events() -> None:
    arbin = _report("a", "Shelling on Arbin killed two civilians.", **{**VILLAGE, "admin1": "Rural Damascus"},
                    location="Arbin", latitude=33.543, longitude=36.367, fatalities=2)
    misraba = _report("b", "Shelling on Misraba killed 18 civilians.", **{**VILLAGE, "admin1": "Rural Damascus"},
                      location="Misraba", latitude=33.553, longitude=36.386, fatalities=18)
    assert "2 killed in Arbin against 18 in Misraba" in (affinity(arbin, misraba).ruled_out or "")
    assert len(_events([arbin, misraba])) == 2


def test_two_placed_reports_in_different_provinces_are_two_events() -> None:
    hama = _report("a", "Regime forces shelled Kafr Zita.", **VILLAGE, location="Kafr Zita", latitude=35.37,
                   longitude=36.60)
    idlib = _report("b", "Regime forces shelled Al-Tamanah.", **{**VILLAGE, "admin1": "Idlib"},
                    location="Al-Tamanah", latitude=35.40, longitude=36.62)
    assert affinity(idlib, hama).ruled_out == "Al-Tamanah (Idlib) against Kafr Zita (Hama)"
    assert len(_events([hama, idlib])) == 2


def test_one_place_under_two_spellings_is_one_event_with_conflicting_tolls() -> None:
    one = _report("a", "A Turkish drone killed three in Qamishlo.", location="Qamishlo", latitude=37.0522,
                  longitude=41.2317, fatalities=3, **{**VILLAGE, "admin1": "Hasakah", "actor1": "Military Forces of Turkey"})
    two = _report("b", "A Turkish drone killed four in Qamishli.", location="Qamishli", latitude=37.0513,
                  longitude=41.2280, fatalities=4, **{**VILLAGE, "admin1": "Hasakah", "actor1": "Military Forces of Turkey"})
    [event] = _events([one, two])
    assert len(event.sources) == 2


def test_a_base_by_its_city_is_one_place_but_two_villages_are_not() -> None:
    city = _report("a", "Rockets hit Kirkuk on Friday.", location="Kirkuk", admin1="Kirkuk", latitude=35.468,
                   longitude=44.392)
    city.evidence["location"] = Evidence("Kirkuk", "Kirkuk", "gazetteer: locality (geonames)")
    base = _report("b", "Rockets hit the K1 base on Friday.", location="K1 Air Base", admin1="Kirkuk",
                   latitude=35.52, longitude=44.28)
    base.evidence["location"] = Evidence("K1 Air Base", "K1 base", "gazetteer: facility (curated)")
    assert affinity(base, city).joins
    village = replace(base, location="Laylan", evidence={"location": Evidence("Laylan", "Laylan",
                                                                          "gazetteer: locality (geonames)")})
    assert not affinity(village, city).joins

    # Once two reports of the base are one event, the city report meets that event as a base too.
    second = replace(base, sources=[Source("c", "The K1 base was hit by rockets on Friday.")])
    [event] = _events([base, second, city])
    assert len(event.sources) == 3


def test_one_articles_lead_and_detail_join_whatever_names_each_gives_the_parties() -> None:
    """Within one article the lead names the attackers and the detail the base's users; across
    articles the same two names still keep the reports apart."""
    lead = _report("a", "Rockets hit Erbil on Monday evening, killing one.", actor1="Saraya Awliya al-Dam",
                   actor2="Civilians (Iraq)", admin1="Erbil", location="Erbil", latitude=36.19, longitude=44.01)
    detail = replace(lead, actor1="Coalition Forces", actor2="Military Forces of the United States",
                     sources=[Source("a", "Two rockets fell inside the airport, where the coalition's base is.")])
    assert affinity(detail, lead, related, same_article=True).joins
    # (A report whose two sides are one party, as this detail, has misread roles that are not
    # compared: across articles, two other names are what keep the reports apart.)
    other = replace(detail, actor1="Islamic State", actor2="Military Forces of Iraq")
    assert affinity(other, lead, related, same_article=True).joins
    assert not affinity(other, lead, related, same_article=False).joins
    assert len(_events([lead, detail])) == 1
    other_outlet = replace(other, sources=[Source("b", detail.sources[0].quote)])
    assert len(_events([lead, other_outlet])) == 2


def test_an_articles_two_records_are_joined_when_another_articles_report_came_between() -> None:
    """The detail meets the other outlet's record first and stays apart from it (two names for the
    attacker across outlets); the lead, wire copy both outlets carry, joins that record; the
    article's two reports then meet."""
    wire = "Saraya Awliya al-Dam claimed the rockets on Erbil."
    other = _report("a", wire, actor1="Saraya Awliya al-Dam", admin1="Erbil", location="Erbil", latitude=36.19,
                    longitude=44.01)
    detail = replace(other, actor1="Kataib Sayyid al-Shuhada", sources=[Source("b", "Rockets fell on the coalition base.")])
    lead = replace(other, sources=[Source("b", wire)])
    assert not affinity(detail, other, related).joins
    [event] = _events([other, detail, lead])
    assert {s.article for s in event.sources} == {"a", "b"} and len(event.sources) == 3


def test_the_article_that_gives_two_tolls_tells_its_two_records_apart() -> None:
    one = _report("a", "A strike on Erbil killed two.", admin1="Erbil", location="Erbil", latitude=36.19,
                  longitude=44.01, fatalities=2)
    two = replace(one, location="Erbil International Airport", latitude=36.24, longitude=43.96, fatalities=5,
                  actor1="Coalition Forces", sources=[Source("a", "Another strike at the airport killed five.")])
    assert len(_events([one, two])) == 2


def test_a_region_wider_than_one_province_is_no_other_province() -> None:
    """"Kurdistan Region" spans four governorates: a report placed only there may be the one
    precise event in Erbil, like a country-level report, and is not ruled out as another province."""
    precise = _report("a", "Drones hit the Khurmala oil field in Erbil province.", actor1="Unidentified Armed Group (Iraq)",
                      actor2=None, admin1="Erbil", location="Khurmala", latitude=35.92, longitude=43.75)
    region = replace(precise, **UNPLACED, admin1="Kurdistan Region",
                     sources=[Source("a", "The strike on the Kurdistan Region's oil fields was condemned.")])
    assert affinity(region, precise, related, same_article=True).ruled_out is None
    [event] = _events([precise, region])
    assert event.admin1 == "Erbil"
    province_level = replace(region, admin1="Sulaymaniyah")
    assert affinity(province_level, precise, related, same_article=True).ruled_out


def test_one_article_dating_one_place_twice_a_day_apart_is_one_event_but_two_places_are_two() -> None:
    night = _report("a", "A drone hit the naval base in Eilat overnight Sunday.", event_date="2024-03-31",
                    location="Eilat", admin1="Southern District", country="Israel", latitude=29.56, longitude=34.95,
                    actor1="Unidentified Armed Group (Israel)", actor2=None, sub_event_type="Air/drone strike")
    confirmed = replace(night, event_date="2024-04-01",
                        sources=[Source("a", "On Monday the army confirmed the base in Eilat was struck.")])
    assert len(_events([night, confirmed])) == 1
    elsewhere = replace(confirmed, location="Dimona", latitude=31.07, longitude=35.03)
    assert len(_events([night, elsewhere])) == 2


def test_an_undated_report_meets_the_event_again_once_a_dated_report_has_joined_it() -> None:
    """Placed reports go first whatever their date: the other outlet's undated report meets the
    event while it is still undated too (published a day apart: no match), and once the article's
    dated report has joined, the event is scored again as a whole."""
    strike = dict(sub_event_type="Air/drone strike", admin1="Sulaymaniyah", latitude=35.53, longitude=44.83,
                  actor2=None)
    first = _report("a", "Officials said the Khor Mor field in Chamchamal was targeted.", location="Chamchamal",
                    date_precision="unknown", event_date="2024-04-26", actor1="Military Forces of Iraq", **strike)
    other = _report("b", "A drone hit the site, said the district chief of Chamchamal.", location="Chamchamal",
                    date_precision="unknown", event_date="2024-04-27", actor1="Unidentified Armed Group (Iraq)",
                    **strike)
    dated = replace(first, location=None, date_precision="day", geo_precision=2,
                    sources=[Source("a", "A drone targeted the Khor Mor field on Friday, April 26, 2024.")])
    assert not affinity(other, first, related).joins
    [event] = _events([first, other, dated])
    assert {s.article for s in event.sources} == {"a", "b"} and event.date_precision == "day"


def test_a_strike_and_the_attack_it_answers_stay_apart_within_one_article() -> None:
    # One side's attacker is the other's target: a drone hit a base with the state's troops, the
    # state's forces struck back the same day. The article's lead and detail pass does not join them.
    events = _events([
        _report("a", "A drone struck a base housing US troops in Erbil on Monday.", sub_event_type="Air/drone strike",
                actor1="Unidentified Armed Group (Iraq)", admin1="Erbil", location="Erbil", latitude=36.19,
                longitude=44.01),
        _report("a", "The US military carried out retaliatory air strikes in Iraq.", sub_event_type="Air/drone strike",
                actor1="Military Forces of the United States", actor2=None, admin1=None, **UNPLACED),
        _report("a", "The attack on the Government of the United States drew a response.", sub_event_type="Air/drone strike",
                actor1="Kataib Hezbollah", actor2="Government of the United States", admin1=None, **UNPLACED),
    ])
    assert len(events) == 2
    assert all(e.actor1 != e.actor2 for e in events)


def test_an_undated_sentence_tells_the_articles_news_not_the_day_it_recalls() -> None:
    # Published on the 24th: an undated missile attack in the province is the day's news, not the
    # attack on the base there that the article dates four days earlier.
    recalled = _report("a", "On Saturday the 20th, missiles hit Ain al-Asad.")
    undated = _report("a", "Missiles were fired in Anbar, officials said.", event_date="2024-01-24",
                      date_precision="unknown", actor1=None, actor2=None, **UNPLACED)
    assert not affinity(undated, recalled, related, same_article=True).joins
    told_that_day = replace(recalled, event_date="2024-01-23")
    assert affinity(undated, told_that_day, related, same_article=True).joins


def test_a_clash_and_the_territory_taken_later_are_two_events_of_one_article() -> None:
    clash = _report("a", "Militants attacked army troops in Aleppo province.", event_type="Battles",
                    sub_event_type="Armed clash", actor1="Unidentified Armed Group (Syria)", actor2="Military Forces of Syria",
                    country="Syria", admin1="Aleppo", date_precision="day", event_date="2024-11-27", **UNPLACED)
    taken = replace(clash, sub_event_type="Non-state actor overtakes territory", location="Aleppo",
                    actor1="Hayat Tahrir al-Sham",
                    latitude=36.2, longitude=37.15, geo_precision=1, event_date="2024-11-30", date_precision="range",
                    sources=[Source("a", "Within days they had captured Aleppo.")])
    assert not affinity(clash, taken, related, same_article=True).joins
    assert affinity(clash, replace(taken, sub_event_type="Armed clash"), related, same_article=True).joins


def test_an_attack_on_a_shared_base_told_as_on_the_host_army_or_on_the_foreign_force_is_one_event() -> None:
    on_guests = _report("a", "Rockets hit Ain al-Asad, which houses US troops.")
    on_hosts = _report("b", "Rockets hit an Iraqi army base in Anbar.", actor1="Unidentified Armed Group (Iraq)",
                       actor2="Military Forces of Iraq", **UNPLACED)
    assert affinity(on_hosts, on_guests, related).joins
    two_foreign = replace(on_hosts, actor2="Military Forces of the United Kingdom")
    assert not affinity(two_foreign, on_guests, related).joins


def test_a_report_whose_two_sides_are_one_party_is_not_judged_by_its_roles() -> None:
    # "The coalition said rockets hit the base, where US contractors were hurt": the reporter taken
    # for the attacker. Its misread roles neither join nor keep apart; the place and day still do.
    told = _report("a", "Rockets hit Ain al-Asad, the militia said.", actor1="Kataib Hezbollah")
    misread = _report("b", "The coalition said rockets hit Ain al-Asad, hurting US contractors.",
                      actor1="Coalition Forces", actor2="Civilians (United States)")
    result = affinity(misread, told, related)
    assert result.joins and not result.ruled_out
    assert affinity(replace(misread, actor1="Islamic State"), told, related).score < result.score


def test_the_merged_event_takes_its_sides_from_reports_whose_roles_are_not_misread() -> None:
    told = _report("a", "Kataib Hezbollah fired rockets at Ain al-Asad.", actor1="Kataib Hezbollah")
    misread = _report("b", "The coalition said rockets hit Ain al-Asad, hurting US contractors.",
                      actor1="Coalition Forces", actor2="Civilians (United States)")
    [event] = _events([misread, told])
    assert (event.actor1, event.actor2) == ("Kataib Hezbollah", "Military Forces of the United States")


def test_a_states_troops_and_its_civilians_as_target_neither_agree_nor_conflict() -> None:
    troops = _report("a", "Rockets hit Ain al-Asad, where US troops are based.", **UNPLACED)
    contractors = replace(troops, actor2="Civilians (United States)",
                          sources=[Source("b", "A rocket attack in Anbar killed a US contractor.")])
    other_state = replace(contractors, actor2="Civilians (Iraq)")
    assert affinity(contractors, troops, related).score > affinity(other_state, troops, related).score
    assert not any(points < 0 for points, _r, _v in affinity(contractors, troops, related).parts)


def test_a_month_dated_unplaced_report_joins_the_days_event_with_the_same_victims_and_toll() -> None:
    day = _report("a", "Three US soldiers were killed on Jan. 28 when a drone struck the base.", fatalities=3,
                  event_date="2024-01-28",
                  sub_event_type="Air/drone strike")
    month = replace(day, event_date="2024-01-15", date_precision="month", actor1="Unidentified Armed Group (Iraq)",
                    admin1=None, **UNPLACED,
                    sources=[Source("b", "In January, three US soldiers were killed in a drone attack in Iraq.")])
    [event] = _events([day, month])
    assert (event.event_date, event.date_precision, event.location) == ("2024-01-28", "day", "Ain al-Asad Air Base")
    # Another toll is another attack of that month; one death each is too common to tell.
    assert len(_events([day, replace(month, fatalities=1)])) == 2
    assert len(_events([replace(day, fatalities=1), replace(month, fatalities=1)])) == 2


def test_a_single_side_misread_into_the_other_role_joins_when_the_toll_agrees() -> None:
    attack = _report("a", "Three US troops were killed when the IRI hit the base.", fatalities=3, **UNPLACED)
    misread = replace(attack, actor1="Military Forces of the United States", actor2=None,
                      sources=[Source("b", "A US strike killed a leader of the group behind a Jan. 20 attack "
                                           "that killed three US troops.")])
    assert affinity(misread, attack, related).joins
    # Without the same toll it is the reply to the attack, and both sides named swapped is a reply.
    assert affinity(replace(misread, fatalities=1), attack, related).ruled_out
    assert affinity(replace(misread, actor2="Islamic Resistance in Iraq"), attack, related).ruled_out


def test_two_outlets_quoting_one_statement_join_but_a_bulletins_lines_do_not() -> None:
    dated = _report("a", "The strikes were carried out on Sunday on three depots the group uses to store "
                         "rockets, the ministry said.", actor1="Unidentified Armed Group (Iraq)",
                    actor2="Kataib Hezbollah", sub_event_type="Air/drone strike", admin1=None, **UNPLACED)
    undated = replace(dated, date_precision="unknown", actor1="Military Forces of the United States",
                      sources=[Source("b", "US forces hit three depots the group uses to store rockets, "
                                           "a spokesman said.")])
    assert len(_events([dated, undated])) == 1
    # Other words: nothing ties them (a publication date is not the event's day).
    other = replace(undated, sources=[Source("b", "US forces hit weapons sites of the militia.")])
    assert len(_events([dated, other])) == 2
    # A name or an attribution shared is no statement shared.
    source = replace(undated, sources=[Source("b", "US forces hit the militia, the Syrian Observatory for Human "
                                                   "Rights said.")])
    named = replace(dated, sources=[Source("a", "The strikes were carried out on Sunday, the Syrian Observatory "
                                                "for Human Rights said.")])
    assert len(_events([named, source])) == 2
    # Two lines of a bulletin with no time in either read alike: two events.
    line = replace(undated, actor1="Unidentified Armed Group (Iraq)",
                   sources=[Source("c", "Drones hit three depots the group uses to store rockets, a monitor said.")])
    assert len(_events([line, undated])) == 2


def test_a_vague_report_joins_the_one_of_several_events_told_in_its_words() -> None:
    field = _report("a", "A drone strike hit a production facility at the oil field, halting output.",
                    sub_event_type="Air/drone strike", location="Khurmala", latitude=36.06, longitude=43.83,
                    admin1="Erbil")
    town = replace(field, location="Koya", latitude=36.08, longitude=44.63,
                   sources=[Source("b", "Another drone crashed near Koya later that morning.")])
    vague = replace(field, admin1=None, **UNPLACED, sources=[Source(
        "c", "A drone strike forced a company to suspend production at an oil field in the region.")])
    events = _events([field, town, vague])
    assert len(events) == 2
    assert {s.article for e in events for s in e.sources if e.location == "Khurmala"} == {"a", "c"}
    # Told in nobody's words, it cannot tell which: a record of its own.
    plain = replace(vague, sources=[Source("c", "A drone struck in the region.")])
    assert len(_events([field, town, plain])) == 3


def test_an_undated_unplaced_report_published_on_the_day_joins_the_unplaced_event_of_that_day() -> None:
    dated = _report("a", "US jets struck the group's depots on Sunday.", sub_event_type="Air/drone strike",
                    actor1="Military Forces of the United States", actor2="Kataib Hezbollah", admin1=None, **UNPLACED)
    undated = replace(dated, date_precision="unknown", sources=[Source("b", "The strikes hit depots the group used.")])
    [event] = _events([dated, undated])
    joined = {j["article"]: j["joined"] for j in event.evidence["sources"].value}
    assert "published the day of the other's or the next" in joined["b"]
    # Published three days later, nothing says it is that day's strike.
    later = replace(undated, event_date="2024-01-23")
    assert len(_events([dated, later])) == 2


def test_two_undated_unplaced_reports_of_one_day_join_and_placed_ones_do_not() -> None:
    one = _report("a", "US jets struck the group's depots.", date_precision="unknown", sub_event_type="Air/drone strike",
                  actor1="Military Forces of the United States", actor2="Kataib Hezbollah", admin1=None, **UNPLACED)
    two = replace(one, sources=[Source("b", "American aircraft hit the militia's stores.")])
    assert len(_events([one, two])) == 1
    placed = [replace(r, admin1="Anbar", location="Al-Qaim", latitude=34.38, longitude=41.09) for r in (one, two)]
    # Placed, their place tells them apart or together: the publication day adds nothing.
    assert not any("published the same day" in r for r in affinity(placed[0], placed[1], related).reasons)
    assert any("published the same day" in r for r in affinity(one, two, related).reasons)


def test_an_attack_on_a_states_people_and_that_states_strike_in_reply_stay_two() -> None:
    hit = _report("a", "A drone killed an American contractor in Syria at the end of March.", country="Syria",
                  date_precision="range", sub_event_type="Air/drone strike", actor1="Unidentified Armed Group (Syria)",
                  actor2="Civilians (United States)", admin1=None, **UNPLACED)
    reply = replace(hit, actor1="Military Forces of the United States", actor2="Islamic Revolutionary Guard Corps",
                    sources=[Source("a", "US jets then struck sites linked to the IRGC.")])
    result = affinity(reply, hit, related, same_article=True)
    assert result.ruled_out and "reply" in result.ruled_out
    assert len(_events([hit, reply])) == 2


def test_a_province_level_report_scores_more_against_the_only_placed_event_of_its_type_there() -> None:
    # A council denies a drone was behind a depot blast "in the province": no day, no town of its own.
    blast = _report("a", "A depot of the militia blew up in Hit on Monday.", sub_event_type="Remote explosive/landmine/IED",
                    actor1="Unidentified Armed Group (Iraq)", actor2="Popular Mobilization Forces",
                    location="Hit", latitude=33.64, longitude=42.83)
    vague = replace(blast, date_precision="unknown", actor1="Unidentified Armed Group (Iraq)", **UNPLACED,
                    sources=[Source("b", "Officials said the depot blast in the province was no air raid.")])
    assert affinity(vague, blast, related).score < THRESHOLD  # alone, the pair does not reach it
    for order in ([blast, vague], [vague, blast]):
        [event] = _events(order)
        joined = {j["article"]: j["joined"] for j in event.evidence["sources"].value}
        assert "the only remote explosive/landmine/ied placed in Anbar in its time (+0.5)" in joined["b"]
    # A second blast of the kind in the province that week: it cannot tell which, and stays apart.
    other = replace(blast, location="Al-Qaim", latitude=34.38, longitude=41.09, event_date="2024-01-18",
                    sources=[Source("c", "A depot blew up in al-Qaim on Saturday.")])
    assert len(_events([blast, other, vague])) == 3
    # Placed in no province and dated by its publication only, the country's week is no proof.
    country = replace(vague, admin1=None)
    assert len(_events([blast, country])) == 2
    # A month in the province holds events the ledger has not heard of.
    month = replace(vague, date_precision="month", event_date="2024-01-15", actor2=None)
    assert len(_events([blast, month])) == 2
    assert len(_events([blast, replace(month, date_precision="range", event_date="2024-01-19")])) == 1
