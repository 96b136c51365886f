"""A places file written in a test, in the shipped format without precomputed keys."""
from __future__ import annotations

from pathlib import Path

HEADER = "id\tname\tkind\tfeature\tcountry\tadmin1\tadmin2\tparent\tlat\tlon\tpopulation\trank\tsource\taliases\tkeys\tfuzzy"


def write_places(tmp_path: Path, rows: list[tuple[str, ...]]) -> Path:
    """Writes `rows` (id … aliases) as `places.tsv` under an old normaliser's header, so the
    gazetteer recomputes the keys, and returns its path."""
    path = tmp_path / "places.tsv"
    lines = ["# dateline gazetteer; normalizer 0", HEADER] + ["\t".join(r) + "\t\t" for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
