"""Which provinces a record's `admin1` can be: a first-level unit is one province; a region that
spans several ("Kurdistan Region": Erbil, Duhok, Sulaymaniyah, Halabja) is no province at all for
matching, like a report that names only the country.

The first-level units are read once from the shipped gazetteer (its `region` rows, by country).
A country the gazetteer does not know keeps every `admin1` as a province.
"""
from __future__ import annotations

import functools
import gzip
from importlib import resources
from pathlib import Path

from dateline.resolve.compare import norm


@functools.lru_cache(maxsize=1)
def first_level_units() -> dict[str, frozenset[str]]:
    """Country -> the normalised names of its first-level units (provinces, governorates)."""
    path = Path(str(resources.files("dateline") / "data" / "gazetteer" / "places.tsv.gz"))
    units: dict[str, set[str]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header: list[str] | None = None
            for line in handle:
                if line.startswith("#"):
                    continue
                cells = line.rstrip("\n").split("\t")
                if header is None:
                    header = cells
                    kind, country, admin1, name = (header.index(c) for c in ("kind", "country", "admin1", "name"))
                    continue
                if len(cells) > admin1 and cells[kind] == "region":
                    found = units.setdefault(cells[country], set())
                    found.update(norm(text) for text in (cells[name], cells[admin1]) if text)
    except OSError:
        return {}
    return {country: frozenset(names) for country, names in units.items()}


@functools.lru_cache(maxsize=4096)
def province(admin1: str | None, country: str | None) -> str:
    """The record's province as compared (normalised), or "" when it names none or names a region
    wider than one province."""
    if not admin1:
        return ""
    key = norm(admin1)
    known = first_level_units().get(country or "")
    if known and key not in known:
        return ""
    return key
