"""Decides whether two reports can be the same event: type, country, dates, places, actors."""
from __future__ import annotations

import math
import re
from datetime import date

from dateline.model import EventRecord

# How far apart two dates may be, by the looser precision of the two.
TOLERANCE = {"day": 1, "range": 6, "month": 16}
WIDEST = max(TOLERANCE.values())


def dates_agree(a: EventRecord, b: EventRecord) -> float | None:
    if not a.event_date or not b.event_date:
        return 0.5
    gap = abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days)
    limit = max(TOLERANCE.get(a.date_precision, 1), TOLERANCE.get(b.date_precision, 1))
    if gap > limit:
        return None
    return 1.0 - gap / (limit + 1)


def places_agree(a: EventRecord, b: EventRecord) -> float | None:
    if a.location and b.location:
        if same_name(a.location, b.location):
            return 2.0
        distance = _km(a, b)
        if distance is not None and distance <= 10:
            return 1.5
        return None
    if a.admin1 and b.admin1 and not same_name(a.admin1, b.admin1):
        return None
    if a.admin1 and b.admin1:
        return 1.0
    return 0.5


def same_name(a: str, b: str) -> bool:
    return norm(a) == norm(b)


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _km(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def actors_agree(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return a.startswith("Unidentified") or b.startswith("Unidentified") or \
        a.startswith("Civilians") and b.startswith("Civilians")
