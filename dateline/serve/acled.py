"""ACLED's column names and codes, for an export that ACLED pipelines read as they are.

Follows the ACLED codebook: `inter1`/`inter2` actor-type codes (1 state forces, 2 rebel groups,
3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
forces, which includes state forces active outside their own country), `interaction` as the two
codes, lower first (a sole actor's code times ten), `time_precision` 1 day / 2 range / 3 month,
ISO 3166-1 numeric `iso`. Values Dateline does not know (admin2, admin3, source scale) are empty.
"""
from __future__ import annotations

import time
from typing import Any

from dateline.model import EventRecord
from dateline.serve.actors import ActorDirectory

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
           "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
           "notes", "fatalities", "tags", "timestamp")

# ISO 3166-1 numeric code and ACLED region of the countries the gazetteer and KB cover.
COUNTRIES = {
    "Iraq": (368, "Middle East"), "Syria": (760, "Middle East"), "Jordan": (400, "Middle East"),
    "Iran": (364, "Middle East"), "Kuwait": (414, "Middle East"), "Lebanon": (422, "Middle East"),
    "Saudi Arabia": (682, "Middle East"), "Turkey": (792, "Middle East"),
    "Israel": (376, "Middle East"), "Palestine": (275, "Middle East"), "Yemen": (887, "Middle East"),
    "Bahrain": (48, "Middle East"), "Qatar": (634, "Middle East"), "Oman": (512, "Middle East"),
    "United Arab Emirates": (784, "Middle East"), "Egypt": (818, "Northern Africa"),
}
TIME_PRECISION = {"day": 1, "range": 2, "month": 3, "unknown": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
# ACLED inter code of each knowledge-base actor type.
INTER = {"state_military": 1, "government": 1, "police": 1, "rebel": 2, "terrorist": 2,
         "militia": 3, "political": 3, "rioters": 5, "protesters": 6, "civilians": 7,
         "coalition": 8, "international": 8}
STATE_TYPES = {"state_military", "government", "police"}


def inter_code(actor: str | None, event_country: str | None, directory: ActorDirectory) -> int:
    """Returns ACLED's inter code for an actor (0 when there is none)."""
    if not actor:
        return 0
    info = directory.find(actor)
    if info is None:
        return 3 if actor.startswith("Unidentified Armed Group") else 8
    code = INTER.get(info.type or "", 8)
    if info.type in STATE_TYPES and info.country and event_country and info.country != event_country:
        return 8
    return code


def acled_row(record_id: str, event: EventRecord, outlets: dict[str, str],
              directory: ActorDirectory, timestamp: int | None = None) -> dict[str, Any]:
    """Returns one event as an ACLED row (COLUMNS order)."""
    inter1 = inter_code(event.actor1, event.country, directory)
    inter2 = inter_code(event.actor2, event.country, directory)
    interaction = inter1 * 10 if not inter2 else 10 * min(inter1, inter2) + max(inter1, inter2)
    iso, region = COUNTRIES.get(event.country or "", ("", ""))
    sources = []
    for source in event.sources:
        outlet = outlets.get(source.article) or source.article
        if outlet not in sources:
            sources.append(outlet)
    tags = []
    if event.claimed_by:
        tags.append("claimed by: " + ", ".join(event.claimed_by))
    if event.denied_by:
        tags.append("denied by: " + ", ".join(event.denied_by))
    if event.weapons:
        tags.append("weapons: " + ", ".join(event.weapons))
    if event.fatalities is None:
        tags.append("fatalities not reported")
    target = directory.find(event.actor2) if event.actor2 else None
    return {
        "event_id_cnty": record_id, "event_date": event.event_date or "",
        "year": (event.event_date or "")[:4], "time_precision": TIME_PRECISION.get(event.date_precision, 3),
        "disorder_type": DISORDER.get(event.event_type, ""), "event_type": event.event_type,
        "sub_event_type": event.sub_event_type, "actor1": event.actor1, "assoc_actor_1": "",
        "inter1": inter1, "actor2": event.actor2 or "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if target and target.type == "civilians" else "",
        "iso": iso, "region": region, "country": event.country or "", "admin1": event.admin1 or "",
        "admin2": "", "admin3": "", "location": event.location or event.admin1 or event.country or "",
        "latitude": "" if event.latitude is None else f"{event.latitude:.4f}",
        "longitude": "" if event.longitude is None else f"{event.longitude:.4f}",
        "geo_precision": event.geo_precision, "source": "; ".join(sources), "source_scale": "",
        "notes": event.notes, "fatalities": event.fatalities or 0, "tags": "; ".join(tags),
        "timestamp": int(time.time()) if timestamp is None else timestamp,
    }
