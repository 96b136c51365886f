#!/usr/bin/env python3
"""Builds dateline/data/kb/actor2_defaults.toml: whom ACLED codes as actor2 when a report names none.

    python scripts/build_actor2_defaults.py [--notes ../shared/data/acled-2018/notes.csv] [--out ...]

Source: the `train` rows of ACLED's 2018 Middle East notes (split of shared/tools/acled_bench.py;
dev rows are never read). Some attackers have one standing enemy in a country, and ACLED's coders
name it even when the note does not: "Turkish warplanes struck the Qandil mountains" is coded
against the PKK. For every (actor1, country, event kind) the rows group into, the most frequent
actor2 is kept when it is at least MIN_SHARE of the group's rows (rows with no actor2 count
against it) and the group has at least MIN_ROWS rows. Generic actor1 classes (unidentified
groups, civilians, rioters, protesters) have no standing enemy and are skipped, as are riots and
protests (their actor2 is whoever intervened). Both names are mapped to the names of the
shipped actor KB (dateline/data/kb/actors*.toml); a group whose names it lacks is dropped.

`[[victims_default]]` entries say whom ACLED names as the target of an attack that killed or hurt
people and whose note names no armed party (nearly always the civilians of the country).
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
MIN_ROWS = 10
MIN_SHARE = 0.8
YEARS = re.compile(r"\s*\(\d{4}-\d{0,4}\)\s*")
GENERIC = re.compile(r"^(?:Unidentified|Civilians|Rioters|Protesters)\b")
# ACLED 2018 event types → (event_type, sub_event_type or "" for any) of the current taxonomy.
KINDS = {
    "Remote violence": ("Explosions/Remote violence", ""),
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Violence against civilians": ("Violence against civilians", ""),
}
_WORD = re.compile(r"[a-z0-9]+")


def norm(text: str) -> str:
    words = _WORD.findall(text.lower().replace("'", "").replace("’", ""))
    return " ".join(w for w in words if w != "the")


def acled_name(raw: str) -> str:
    """"PKK: Kurdistan Workers Party" → "Kurdistan Workers Party"; drops the year span and any
    unit written after it (a unit is coded under its force)."""
    raw = raw.strip()
    if re.match(r"^[A-Za-z]{2,6}: ", raw):
        raw = raw.split(": ", 1)[1]
    match = YEARS.search(raw)
    return raw[:match.start()].strip() if match else raw


def kb_names(folder: Path) -> list[tuple[str, list[str]]]:
    """(name template, spellings) of every actor the shipped KB names."""
    out = []
    for path in sorted(folder.glob("actors*.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("actor", []):
            out.append((entry["name"], [entry["name"], *entry.get("aliases", [])]))
    return out


def resolve(name: str, country: str, kb: list[tuple[str, list[str]]]) -> str | None:
    """The KB's name for an ACLED actor label, with `{country}` filled; None when the KB lacks it."""
    key = norm(name)
    for template, spellings in kb:
        filled = template.replace("{country}", country)
        if norm(filled) == key:
            return filled
    for template, spellings in kb:
        if "{country}" not in template and any(norm(s) == key for s in spellings):
            return template
    return None


def train_rows(notes: Path, tools: Path) -> list[dict[str, str]]:
    sys.path.insert(0, str(tools))
    from acled_bench import split_of  # type: ignore[import-not-found]
    with notes.open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if split_of(r) == "train"]


def build(rows: list[dict[str, str]], kb: list[tuple[str, list[str]]]) -> list[dict[str, object]]:
    groups: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row["event_type"] in KINDS and not GENERIC.match(row["actor1"]):
            groups[(acled_name(row["actor1"]), row["country"], row["event_type"])][acled_name(row["actor2"])] += 1
    out = []
    for (actor1, country, kind), counts in sorted(groups.items()):
        total = sum(counts.values())
        actor2, top = counts.most_common(1)[0]
        if total < MIN_ROWS or not actor2 or top / total < MIN_SHARE or actor2 == actor1:
            continue
        name1, name2 = resolve(actor1, country, kb), resolve(actor2, country, kb)
        if name1 is None or name2 is None or name1 == name2:
            continue
        event_type, sub_event_type = KINDS[kind]
        out.append({"actor1": name1, "country": country, "event_type": event_type,
                    "sub_event_type": sub_event_type, "actor2": name2,
                    "source": f"ACLED 2018 train rows: {top} of {total} '{kind}' rows of {actor1} in {country}"})
    return out


# The attack verb a note's subject (the attacker) comes before: "Regime forces shelled …".
_ATTACK_VERB = re.compile(r"\b(?:shelled|struck|fired|carried\s+out|conducted|bombed|targeted|launched|dropped|hit|"
                          r"shelling|attacked|detonated|exploded)\b")


def _after_attacker(note: str) -> str:
    """The note without the attacker's own words (what comes before its first attack verb), as the
    extractor leaves out the words it read the attacker from."""
    verb = _ATTACK_VERB.search(note)
    return note[verb.start():] if verb else note


def build_victims(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """Whom ACLED codes as actor2 of an attack that killed or hurt people whose note names no armed party
    besides the attacker (ARMED_WORDS of dateline.extract.actor_conventions): kept when one class
    ("Civilians (<country>)") has at least MIN_SHARE of such rows."""
    sys.path.insert(0, str(REPO))
    from dateline.extract.actor_conventions import ARMED_WORDS, people_hurt
    out = []
    for kind, (event_type, _sub) in KINDS.items():
        chosen = [r for r in rows if r["event_type"] == kind and people_hurt(r["notes"], int(r["fatalities"] or 0), None)
                  and not ARMED_WORDS.search(_after_attacker(r["notes"]))]
        civilians = sum(1 for r in chosen if acled_name(r["actor2"]) == f"Civilians ({r['country']})")
        if len(chosen) < MIN_ROWS or civilians / len(chosen) < MIN_SHARE:
            continue
        out.append({"event_type": event_type, "actor2": "Civilians ({country})",
                    "source": f"ACLED 2018 train rows: {civilians} of {len(chosen)} '{kind}' rows that killed or "
                              f"hurt people and whose note names no armed party but the attacker name the civilians of the country"})
    return out


def write(entries: list[dict[str, object]], out: Path, victims: list[dict[str, object]] | None = None) -> None:
    lines = ["# GENERATED by scripts/build_actor2_defaults.py: do not edit.",
             "# Whom ACLED's coders name as actor2 when a report names no target (train rows only).", ""]
    for entry in entries:
        lines.append("[[actor2_default]]")
        for key, value in entry.items():
            text = str(value).replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{text}"')
        lines.append("")
    for entry in victims or []:
        lines.append("[[victims_default]]")
        for key, value in entry.items():
            text = str(value).replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{text}"')
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=Path, default=REPO.parent / "shared/data/acled-2018/notes.csv")
    parser.add_argument("--tools", type=Path, default=REPO.parent / "shared/tools")
    parser.add_argument("--out", type=Path, default=REPO / "dateline/data/kb/actor2_defaults.toml")
    args = parser.parse_args(argv)
    if not args.notes.is_file():
        print(f"{args.notes}: ACLED notes file not found", file=sys.stderr)
        return 1
    rows = train_rows(args.notes, args.tools)
    entries = build(rows, kb_names(REPO / "dateline/data/kb"))
    victims = build_victims(rows)
    write(entries, args.out, victims)
    print(f"wrote {len(entries)} defaults and {len(victims)} victims defaults to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
