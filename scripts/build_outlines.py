"""Builds the map's bundled basemap: country outlines for the region, from Natural Earth.

Source: Natural Earth 1:50m admin-0 countries (public domain) as redistributed in TopoJSON by the
npm package `world-atlas` (ISC licence). Fetch it with the ordinary npm client and point this
script at the unpacked `countries-50m.json`:

    npm pack world-atlas@2.0.2 && tar -xzf world-atlas-2.0.2.tgz
    python scripts/build_outlines.py package/countries-50m.json

It decodes the TopoJSON, clips every country to the region's box, simplifies the rings
(Douglas–Peucker) and writes `dateline/serve/static/outlines/countries.geojson`.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

# West, south, east, north: Turkey and the Levant to Iran, the Gulf to the Caucasus.
REGION = (24.0, 12.0, 64.0, 44.0)
TOLERANCE = 0.01  # degrees, about a kilometre
OUTPUT = Path(__file__).resolve().parents[1] / "dateline/serve/static/outlines/countries.geojson"

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Returns every arc as absolute lon/lat points (TopoJSON arcs are quantised and delta-coded)."""
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Returns the closed ring made of the arcs (a negative index ~i is arc i reversed)."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def clip(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Returns the ring clipped to the box (Sutherland–Hodgman, one box edge at a time)."""
    west, south, east, north = box
    edges = [(lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
             (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
             (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
             (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north))]
    for inside, cross in edges:
        if not points:
            break
        result: list[Point] = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Returns the ring with the points that matter (Douglas–Peucker, iterative)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_index = 0.0, -1
        for index in range(first + 1, last):
            distance = _distance(points[index], points[first], points[last])
            if distance > worst:
                worst, worst_index = distance, index
        if worst > tolerance:
            keep[worst_index] = True
            stack.extend([(first, worst_index), (worst_index, last)])
    return [p for p, kept in zip(points, keep) if kept]


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == dy == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / (dx * dx + dy * dy) ** 0.5


def build(topology: dict[str, Any]) -> dict[str, Any]:
    """Returns a GeoJSON FeatureCollection of the region's countries."""
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        out = []
        for polygon in polygons:
            rings = []
            for indexes in polygon:
                points = simplify(clip(ring(indexes, arcs), REGION), TOLERANCE)
                if len(points) >= 3:
                    points = [(round(x, 3), round(y, 3)) for x, y in points]
                    if points[0] != points[-1]:
                        points.append(points[0])
                    rings.append([list(p) for p in points])
            if rings:
                out.append(rings)
        if out:
            features.append({"type": "Feature", "id": geometry.get("id"),
                             "properties": {"name": geometry.get("properties", {}).get("name")},
                             "geometry": {"type": "MultiPolygon", "coordinates": out}})
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:50m admin-0 countries v4.1.0 (public domain), via world-atlas 2.0.2",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {args.output}"
          f" ({args.output.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
