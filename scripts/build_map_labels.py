"""Builds the map's place labels: country names, province names and the main cities, so the
offline map has the context web tiles would give. Everything comes from data the package ships:

- country names, placed inside each country's largest outline, from
  `dateline/serve/static/outlines/countries.geojson` (Natural Earth, public domain);
- provinces (admin-1 regions) and towns of 100,000 people or more from the bundled gazetteer
  `dateline/data/gazetteer/places.tsv.gz` (Who's On First and GeoNames, CC BY 4.0; see its
  ATTRIBUTION.md).

    python scripts/build_map_labels.py

writes `dateline/serve/static/outlines/labels.json`: {"countries": [[name, lat, lon], ...],
"provinces": [[name, lat, lon(, 1 when beside a city of the same name)], ...], "cities": [[name, lat, lon, population], ...]}.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUTLINES = ROOT / "dateline/serve/static/outlines/countries.geojson"
GAZETTEER = ROOT / "dateline/data/gazetteer/places.tsv.gz"
OUTPUT = ROOT / "dateline/serve/static/outlines/labels.json"
MIN_CITY = 100_000


def ring_area(ring: list[list[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def label_point(ring: list[list[float]]) -> tuple[float, float]:
    """Returns a point for a label inside a ring: its centroid, or, when that falls outside (a
    crescent), the middle of the widest horizontal chord through the ring's middle latitude."""
    area = 0.0
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return ring[0][1], ring[0][0]
    cx, cy = cx / (3 * area), cy / (3 * area)
    if inside(ring, cx, cy):
        return round(cy, 3), round(cx, 3)
    crossings = sorted(x0 + (cy - y0) * (x1 - x0) / (y1 - y0)
                       for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]) if (y0 > cy) != (y1 > cy))
    chords = list(zip(crossings[::2], crossings[1::2]))
    if not chords:
        return round(cy, 3), round(cx, 3)
    start, end = max(chords, key=lambda c: c[1] - c[0])
    return round(cy, 3), round((start + end) / 2, 3)


def inside(ring: list[list[float]], x: float, y: float) -> bool:
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


def country_labels(outlines: dict[str, Any]) -> list[list[Any]]:
    out = []
    for feature in outlines["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        largest = max((polygon[0] for polygon in polygons), key=ring_area)
        if ring_area(largest) < 0.5:  # too small to label at the map's zooms
            continue
        lat, lon = label_point(largest)
        out.append([feature["properties"]["name"], lat, lon])
    return sorted(out)


def gazetteer_labels(path: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    provinces, cities = [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("# ")), delimiter="\t")
        for row in rows:
            if not row["lat"] or not row["lon"]:
                continue
            lat, lon = round(float(row["lat"]), 3), round(float(row["lon"]), 3)
            if row["kind"] == "region":
                provinces.append([row["name"], lat, lon])
            elif row["kind"] == "locality" and row["population"] and int(float(row["population"])) >= MIN_CITY:
                cities.append([row["name"], lat, lon, int(float(row["population"]))])
    cities.sort(key=lambda c: -c[3])
    # A province named like a city near its label point ("Erbil", "Baghdad") has its label set
    # below the city's, so the two do not print over each other (a fourth element, 1).
    for province in provinces:
        if any(c[0] == province[0] and abs(c[1] - province[1]) < 0.6 and abs(c[2] - province[2]) < 0.6
               for c in cities):
            province.append(1)
    return sorted(provinces), cities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    countries = country_labels(json.loads(OUTLINES.read_text(encoding="utf-8")))
    provinces, cities = gazetteer_labels(GAZETTEER)
    labels = {"source": "countries: Natural Earth (public domain); provinces and cities: Who's On First"
                        " and GeoNames (CC BY 4.0), via dateline/data/gazetteer",
              "countries": countries, "provinces": provinces, "cities": cities}
    args.output.write_text(json.dumps(labels, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {len(countries)} countries, {len(provinces)} provinces, {len(cities)} cities")


if __name__ == "__main__":
    main()
