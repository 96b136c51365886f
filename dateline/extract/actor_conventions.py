"""ACLED's naming conventions for attackers the report itself is unsure of.

ACLED codes an air strike in Syria whose report hesitates between the Syrian regime and Russia
("warplanes, likely regime or Russian", "suspected Russian air strikes", "Russian or regime
raids") as "Allied Syrian and/or Russian Forces". In the ACLED `train` rows (Syria, Jan-Apr
2018) a note worded so has that actor1 in 428 of 670 rows; nearly all the others have the
Syrian army as actor1 because the note's own event was its shelling, which the extractor names
as the Syrian army anyway. So the convention applies only when the extractor named Russia or
no one ("Unidentified Armed Group (Syria)") for an air strike whose sentence hesitates.

Some attackers have one standing enemy in a country, and ACLED's coders name it as actor2 even
when the report names no target ("Turkish jets struck the Qandil mountains" is coded against the
PKK). Those defaults are built from ACLED train rows by scripts/build_actor2_defaults.py
(dateline/data/kb/actor2_defaults.toml) and fill actor2 only when the text named no one.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

from dateline.model import Evidence

# The rule text roles.role_of gives the first side of "clashes between A and B".
BETWEEN_FIRST = "agent: the first side of 'clashes between A and B'"

ALLIED_SYRIAN_RUSSIAN = "Allied Syrian and/or Russian Forces"
_UNSURE_OF = frozenset({"Military Forces of Russia", "Unidentified Armed Group (Syria)"})
_HESITATION = re.compile(
    r"\b(?:regime|syrian|government)\w*\s+(?:and/or|or)\s+russian\b|"
    r"\brussian\s+(?:and/or|or)\s+(?:syrian\s+)?(?:regime|syrian|government)\b|"
    r"\b(?:likely|suspected|possibly|probably|believed\s+to\s+be|presumably|reportedly)\s+(?:to\s+be\s+)?"
    r"(?:(?:regime|syrian)\s+(?:and/or|or)\s+)?russian\b", re.I)
_EITHER = re.compile(r"\bor\b", re.I)
_FROM_THE_AIR = re.compile(r"\b(?:warplanes?|war\s+planes?|jets?|air\s*strikes?|airstrikes?|air\s+raids?|"
                           r"raids?|aircraft|helicopters?|aerial|bombers?)\b", re.I)


# Words for an armed party among the people at an attack (or a party ACLED would name instead of
# the civilians). scripts/build_actor2_defaults.py measures the victims convention with them.
ARMED_WORDS = re.compile(
    r"\b(?:soldiers?|troops?|forces?|units?|army|military|militia\w*|fighters?|police\w*|members?|checkpoints?|convoys?|"
    r"patrols?|militants?|officers?|commanders?|leaders?|guards?|personnel|gunmen|rebels?|insurgents?|jihadists?|"
    r"terrorists?|servicem[ae]n|service\s+members?|contractors?|recruits?|operatives?|positions?|(?:air)?bases?|garrisons?|depots?|"
    r"air\s+defen[cs]es?|"
    r"SDF|QSD|YPG|PMU|PMF|Hashd|IS|ISIS|ISIL|Daesh|HTS|PKK|Houthis?|AQAP)\b", re.I)


_HURT = re.compile(r"\b(?:injur\w*|wound\w*|hurt)\b", re.I)
_NONE_HURT = re.compile(r"\b(?:no|neither|nor|without|not)\s+(?:\w+\s+){0,2}(?:injur|wound|casualt|hurt)", re.I)


def people_hurt(text: str, fatalities: int | None, injured: int | None) -> bool:
    """True when people were killed or hurt: a figure above 0, or words saying someone was injured
    ("injuring several people") that are not a denial ("no injuries were reported")."""
    if (fatalities or 0) > 0 or (injured or 0) > 0:
        return True
    return bool(_HURT.search(text)) and not _NONE_HURT.search(text)


_TARGETED = re.compile(r"\b(?:drones?|UAVs?|unmanned)\b", re.I)


@lru_cache(maxsize=1)
def _victims_defaults() -> dict[str, tuple[str, str]]:
    """event_type → (actor2 template, source) for a deadly attack with no armed party named."""
    path = resources.files("dateline") / "data" / "kb" / "actor2_defaults.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {entry["event_type"]: (entry["actor2"], entry["source"]) for entry in data.get("victims_default", [])}


def name_victims(events: list[Any], sentences: list[str], sentence_of: dict[int, int]) -> None:
    """Fills an empty actor2 of an attack that killed or hurt people with the class ACLED names
    for victims when its sentence and the sentences around it name no armed party but the attacker
    (the civilians of the country; KB victims_default, measured on ACLED train notes)."""
    table = _victims_defaults()
    for record in events:
        own = " ".join(source.quote for source in record.sources)
        if record.actor2 or record.event_type not in table or not people_hurt(own, record.fatalities, record.injured):
            continue
        index = sentence_of.get(id(record))
        around = sentences[max(0, index - 1):index + 2] if index is not None else []
        context = " ".join([*around, *(source.quote for source in record.sources)])
        attacker = record.evidence["actor1"].span if "actor1" in record.evidence else None
        if attacker:
            context = context.replace(attacker, " ")     # the attacker's own words ("Regime forces")
        if ARMED_WORDS.search(context) or _TARGETED.search(context) or "drone" in (record.weapons or []):
            # An armed party nearby may be who was hit; a drone strike that kills people in a car is
            # a targeted killing whose victims the words leave unknown (ACLED's train notes have no
            # deadly drone strike without a party named).
            continue
        template, source = table[record.event_type]
        name = template.replace("{country}", record.country) if record.country else template.replace(" ({country})", "")
        record.actor2 = name
        record.evidence["actor2"] = Evidence(
            name, None, f"ACLED convention: people killed, no armed party named; {source} (KB victims_default)")


@lru_cache(maxsize=1)
def _actor2_defaults() -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(actor1, country, event_type) → (sub_event_type or "" for any, actor2, source)."""
    path = resources.files("dateline") / "data" / "kb" / "actor2_defaults.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    for entry in data.get("actor2_default", []):
        key = (entry["actor1"], entry["country"], f'{entry["event_type"]}|{entry["sub_event_type"]}')
        out[key] = (entry["sub_event_type"], entry["actor2"], entry["source"])
    return out


def default_actor2(record: Any) -> None:
    """Fills an empty actor2 with the standing enemy ACLED's coders name for the attacker in that
    country and kind of event (module docstring); records the rule as the actor's evidence."""
    if getattr(record, "actor2", None) or not getattr(record, "actor1", None):
        return
    table = _actor2_defaults()
    for sub in (record.sub_event_type or "", ""):
        found = table.get((record.actor1, record.country or "", f"{record.event_type}|{sub}"))
        if found is not None:
            break
    else:
        return
    record.actor2 = found[1]
    record.evidence["actor2"] = Evidence(
        found[1], None, f"ACLED convention: no target named; {found[2]} name {found[1]} (KB actor2_default)")


_STATE_FORCES = ("Military Forces of", "Police Forces of")


def state_side_first(record: Any) -> None:
    """"Clashes between YPG fighters and Turkish forces": ACLED names the state's forces first
    (actor1 in 183 of 200 ACLED 2018 train battles whose note says "between" and pits a state's
    forces against a non-state party; 539 of 724 such battles in all)."""
    evidence = record.evidence.get("actor1")
    if evidence is None or evidence.rule != BETWEEN_FIRST or record.event_type != "Battles":
        return
    if not str(record.actor2 or "").startswith(_STATE_FORCES) or str(record.actor1).startswith(_STATE_FORCES):
        return
    first, second = record.actor1, record.actor2
    first_evidence, second_evidence = record.evidence["actor1"], record.evidence["actor2"]
    record.actor1, record.actor2 = second, first
    record.evidence["actor1"] = Evidence(second, second_evidence.span, second_evidence.rule +
                                         "; ACLED names the state's forces of a clash first")
    record.evidence["actor2"] = Evidence(first, first_evidence.span, first_evidence.rule +
                                         "; ACLED names the state's forces of a clash first")


def apply_conventions(record: Any) -> None:
    """Renames the attacker of an event as ACLED would when its report hesitates between two
    states, and names the standing enemy when no target is named (see the module docstring);
    records the words and the rule as the actor's evidence."""
    state_side_first(record)
    default_actor2(record)
    if getattr(record, "country", None) != "Syria":
        return
    quotes = " ".join(source.quote for source in getattr(record, "sources", []))
    hesitation = _HESITATION.search(quotes)
    if hesitation is None or not (record.sub_event_type == "Air/drone strike" or _FROM_THE_AIR.search(quotes)):
        return
    # "Syrian or Russian warplanes" names the Syrian forces first; an air strike so worded is
    # the convention's too (a shelling by the Syrian army keeps its actor).
    named_syria = record.actor1 == "Military Forces of Syria" and record.sub_event_type == "Air/drone strike" \
        and _EITHER.search(hesitation.group())
    if record.actor1 not in _UNSURE_OF and not named_syria:
        return
    record.actor1 = ALLIED_SYRIAN_RUSSIAN
    record.evidence["actor1"] = Evidence(
        ALLIED_SYRIAN_RUSSIAN, hesitation.group(),
        "ACLED convention: an air strike in Syria its report attributes to the regime or Russia, unsure which")
    if record.actor2 == "Military Forces of Russia":
        # "Syrian or Russian warplanes": Russia, hesitated over, is the attacker too, not the target.
        record.actor2 = None
        record.evidence["actor2"] = Evidence(None, None, "no target named (the states the report hesitates "
                                             "between are the attacker)")
