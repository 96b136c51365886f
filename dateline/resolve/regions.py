"""Which province a record's `admin1` names: a first-level unit is one province; a region that
spans several ("Kurdistan Region": Erbil, Duhok, Sulaymaniyah, Halabja) is no province at all for
matching, like a report that names only the country.

The wider regions are the knowledge base's `[[facility]]` entries of kind "region" that lie in no
single province (`admin1 = ""`); extraction writes such a place's name as the record's `admin1`.
Any other `admin1` is taken as one province.
"""
from __future__ import annotations

import functools
import tomllib
from importlib import resources

from dateline.resolve.compare import norm


@functools.lru_cache(maxsize=1)
def wider_regions() -> frozenset[str]:
    """The normalised names of the shipped regions that span several provinces."""
    try:
        text = (resources.files("dateline") / "data" / "kb" / "facilities.toml").read_text(encoding="utf-8")
        entries = tomllib.loads(text).get("facility", [])
    except (OSError, tomllib.TOMLDecodeError):
        return frozenset()
    return frozenset(norm(entry["name"]) for entry in entries
                     if entry.get("kind") == "region" and not entry.get("admin1") and entry.get("name"))


@functools.lru_cache(maxsize=4096)
def province(admin1: str | None, country: str | None = None) -> str:
    """The record's province as compared (normalised), or "" when it names none or names a region
    wider than one province."""
    if not admin1:
        return ""
    key = norm(admin1)
    return "" if key in wider_regions() else key
