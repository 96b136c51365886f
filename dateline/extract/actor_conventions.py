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


def apply_conventions(record: Any) -> None:
    """Renames the attacker of an event as ACLED would when its report hesitates between two
    states, and names the standing enemy when no target is named (see the module docstring);
    records the words and the rule as the actor's evidence."""
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
