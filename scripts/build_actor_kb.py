#!/usr/bin/env python3
"""Builds dateline/data/kb/actors_acled.toml: actors from ACLED's coding, merged with actors.toml.

    python scripts/build_actor_kb.py [--notes ../shared/data/acled-2018/notes.csv] [--out ...]

Source: the actor columns (actor1, assoc_actor_1, actor2, assoc_actor_2) and inter codes of the
`train` rows of ACLED's 2018 Middle East notes (split of shared/tools/acled_bench.py; the dev
rows are never read). For every actor coded at least MIN_ROWS times that the curated
dateline/data/kb/actors.toml does not already name:
- the canonical name is ACLED's without its year span ("Military Forces of Syria (2000-)" is
  "Military Forces of Syria") and without its acronym prefix ("AAS: Ahrar al-Sham" is
  "Ahrar al-Sham", the acronym "AAS" kept as an acronym);
- a unit written after a state force ("Military Forces of Yemen (2012-) Security Belt Forces") is
  its own actor, a child of that force when the force is curated; a one-word branch
  ("... Gendarmerie") is left to the state's force;
- the type comes from ACLED's inter code (1 state forces, 2 rebels, 3-4 militias, 5 rioters,
  6 protesters, 7 civilians, 8 external forces), the country from the rows it was coded in;
- a spelling (the name, the name without "the"/"al-", the acronym) is kept only when the coders'
  notes of train rows write it (case-insensitively; acronyms case-sensitively) at least
  MIN_NOTES times, and only when no curated actor already uses it, so the generated file adds
  names and never overrides the curated ones.
Generic country-labelled classes ("Civilians (Syria)", "Unidentified Armed Group (Iraq)") are
left to the curated templates.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIN_ROWS = 3
MIN_NOTES = 2
YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)\s*")
INTER_TYPES = {"1": "state_military", "2": "rebel", "3": "militia", "4": "militia", "5": "rioters",
               "6": "protesters", "7": "civilians", "8": "state_military"}
_WORD = re.compile(r"[a-z0-9]+")


def norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("'", "").replace("’", "")))


def split_name(raw: str) -> tuple[str, str, str]:
    """Returns (name, acronym, parent force) of an ACLED actor label."""
    acronym = ""
    if re.match(r"^[A-Za-z]{2,6}: ", raw):
        acronym, raw = raw.split(": ", 1)
    parent = ""
    match = YEARS.search(raw)
    if match:
        head, tail = raw[:match.start()].strip(), raw[match.end():].strip()
        if tail:
            parent, raw = head, tail
        else:
            raw = head
    return raw.strip(), acronym, parent


def curated_names(path: Path) -> tuple[set[str], set[str]]:
    """Returns the normalised names and spellings the curated actors already use."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names, spellings = set(), set()
    for entry in data.get("actor", []):
        names.add(norm(entry["name"].replace("{country}", "")))
        for key in ("aliases", "acronyms", "adjectives", "context_aliases"):
            for value in entry.get(key, []):
                spellings.add(norm(value))
        spellings.add(norm(entry["name"]))
    return names, spellings


def train_rows(notes: Path, tools: Path) -> list[dict[str, str]]:
    sys.path.insert(0, str(tools))
    from acled_bench import split_of  # type: ignore[import-not-found]
    with notes.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if split_of(r) == "train"]


def attested(spelling: str, texts: list[str], exact: bool) -> int:
    if exact:
        pattern = re.compile(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])")
        return sum(1 for t in texts if pattern.search(t))
    key = f" {norm(spelling)} "
    return sum(1 for t in texts if key in t)


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build(rows: list[dict[str, str]], curated: Path) -> list[dict[str, object]]:
    names, spellings = curated_names(curated)
    texts = [r["notes"] for r in rows]
    normed = [f" {norm(t)} " for t in texts]
    coded: Counter[str] = Counter()
    inter: dict[str, Counter[str]] = defaultdict(Counter)
    country: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for column, code_column in (("actor1", "inter1"), ("assoc_actor_1", "inter1"), ("actor2", "inter2"),
                                    ("assoc_actor_2", "inter2")):
            for raw in (p.strip() for p in row[column].split(";")):
                if raw:
                    coded[raw] += 1
                    inter[raw][row[code_column]] += 1
                    country[raw][row["country"]] += 1
    entries: dict[str, dict[str, object]] = {}
    for raw, count in coded.most_common():
        if count < MIN_ROWS or re.search(r"\((?!\d{4}-)[^)]*\)\s*$", raw):
            continue    # "Civilians (Syria)": a generic class, the curated templates cover it
        name, acronym, parent = split_name(raw)
        if not name or norm(name) in names | spellings or norm(name) in {norm(e) for e in entries}:
            continue    # a curated actor already names it (perhaps spelt "Defence")
        if parent.startswith(("Military Forces of", "Police Forces of")) and len(name.split()) < 2:
            continue    # "Gendarmerie": a branch the records name by its state's force
        kind = INTER_TYPES.get(inter[raw].most_common(1)[0][0], "militia")
        if kind == "state_military" and name.startswith("Police Forces"):
            kind = "police"
        elif kind == "state_military" and not (name.startswith("Military Forces") or parent):
            kind = "international" if not name.startswith("Operation") else "coalition"
        candidates = [name]
        if name.lower().startswith(("al-", "al ")) and len(name.split()) > 1:
            candidates.append(name[3:])
        aliases = [c for c in dict.fromkeys(candidates)
                   if norm(c) not in spellings and len(norm(c)) > 3 and attested(c, normed, exact=False) >= MIN_NOTES]
        acronyms = [acronym] if acronym and acronym.isupper() and norm(acronym) not in spellings \
            and attested(acronym, texts, exact=True) >= MIN_NOTES else []
        if not aliases and not acronyms:
            continue    # the notes never write it: nothing to match in text
        parent_name = YEARS.sub(" ", parent).strip() if parent else ""
        entry: dict[str, object] = {"name": name, "type": kind, "aliases": aliases, "acronyms": acronyms,
                                    "acled": raw, "rows": count}
        home = country[raw].most_common(1)[0][0]
        if kind in ("state_military", "police") and name.startswith(("Military Forces of", "Police Forces of")):
            home = name.split(" of ", 1)[1]
        entry["country"] = home
        if parent_name and norm(parent_name) in names:
            entry["parent"] = parent_name
        entries[name] = entry
    return list(entries.values())


def write(entries: list[dict[str, object]], out: Path) -> None:
    lines = ["# GENERATED by scripts/build_actor_kb.py: do not edit, edit actors.toml (curated) instead.",
             "# Source: actor columns and inter codes of ACLED's 2018 Middle East notes, train rows only",
             "# (shared/data/acled-2018, split of shared/tools/acled_bench.py); a spelling is listed only",
             "# where the coders' train notes write it. Curated actors.toml entries are never repeated here.", ""]
    for entry in entries:
        lines.append("[[actor]]")
        lines.append(f"name = {toml_string(str(entry['name']))}")
        lines.append(f"type = {toml_string(str(entry['type']))}")
        lines.append(f"country = {toml_string(str(entry['country']))}")
        for key in ("aliases", "acronyms"):
            values = entry[key]
            if values:
                lines.append(f"{key} = [{', '.join(toml_string(v) for v in values)}]")  # type: ignore[attr-defined]
        if entry.get("parent"):
            lines.append(f"parent = [{toml_string(str(entry['parent']))}]")
        source = f"ACLED 2018 train rows: {entry['acled']} ({entry['rows']} rows)"
        lines.append(f"source = {toml_string(source)}")
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", default=str(REPO.parent / "shared" / "data" / "acled-2018" / "notes.csv"))
    parser.add_argument("--tools", default=str(REPO.parent / "shared" / "tools"))
    parser.add_argument("--curated", default=str(REPO / "dateline" / "data" / "kb" / "actors.toml"))
    parser.add_argument("--out", default=str(REPO / "dateline" / "data" / "kb" / "actors_acled.toml"))
    args = parser.parse_args(argv)
    entries = build(train_rows(Path(args.notes), Path(args.tools)), Path(args.curated))
    write(entries, Path(args.out))
    print(f"{len(entries)} actors written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
