"""Synthetic wire reports for the tests of the store's machinery (crashes, parallel ingest, feeds):
varied places, days, weapons and tolls, so they resolve into many events, some reported twice."""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

PLACES = [("RAMADI", "Ramadi", "Anbar"), ("FALLUJAH", "Fallujah", "Anbar"), ("BAGHDAD", "Baghdad", "Baghdad"),
          ("MOSUL", "Mosul", "Nineveh"), ("KIRKUK", "Kirkuk", "Kirkuk"), ("ERBIL", "Erbil", "Erbil"),
          ("BASRA", "Basra", "Basra"), ("TIKRIT", "Tikrit", "Salah al-Din"), ("DEIR EZZOR", "Deir ez-Zor", "Deir ez-Zor"),
          ("HOMS", "Homs", "Homs")]
WEAPONS = [("A drone struck", "drone"), ("Rockets hit", "rocket"), ("An airstrike hit", "airstrike")]
TARGETS = ["a checkpoint", "a military base", "a convoy", "a market"]
OUTLETS = ["Tigris Monitor", "Euphrates Post", "Levant Ledger"]


def report(number: int, rng: random.Random) -> dict[str, str]:
    """One short wire report as a JSONL record (id, title, text, published, outlet)."""
    head, place, province = rng.choice(PLACES)
    opener, _weapon = rng.choice(WEAPONS)
    day = date(2024, 3, 1) + timedelta(days=rng.randrange(40))
    published = day + timedelta(days=1)
    killed, wounded = rng.randrange(1, 9), rng.randrange(0, 12)
    target = rng.choice(TARGETS)
    text = (f"{head} - {opener} {target} near {place} in {province} province on "
            f"{day.strftime('%A')}, killing {killed} people and wounding {wounded}, local officials said.\n\n"
            f"Residents of {place} said the blast was heard across the city. No group claimed the attack "
            f"by {published.strftime('%B')} {published.day}. Report number {number} of the desk.\n\n"
            f"Security forces closed the roads around {place} while ambulances took the wounded to hospital.")
    return {"id": f"wire-{number:04d}", "title": f"{opener} {target} near {place}", "text": text,
            "published": published.isoformat(), "outlet": rng.choice(OUTLETS)}


def write_corpus(path: Path, count: int, seed: int = 5) -> Path:
    """Writes `count` reports, one a line, to `path` (a .jsonl file) and returns it."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(json.dumps(report(number, rng)) + "\n")
    return path
