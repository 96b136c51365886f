"""Extraction quality, the way it is judged: the per-field table for ../shared/dev, dev-real and
the ACLED notes' dev split, scored with ../shared/tools/score.py and acled_bench.py.

    .venv/bin/python benchmarks/extraction_quality.py            # all three sets
    .venv/bin/python benchmarks/extraction_quality.py --sets dev-real,acled-dev

Each set is ingested once into a temporary database and exported as JSONL, exactly as the
README's commands do. No component was fitted on the ACLED dev rows. The sentence judge's shipped
weights were fitted on dev-real too, so its dev-real row flatters it a little: the figure on
articles it did not see comes from `scripts/eval_event_model_cv.py` (5 folds by article).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from quality_support import acled_dev_corpus, ingest_export, score_acled, score_export  # noqa: E402

SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
FIELDS = ("event_date", "sub_event_type", "actor1", "actor2", "admin1", "location", "fatalities",
          "injured", "weapons", "coordinates")
ACLED_FIGURES = ("acled_detect", "acled_type", "acled_loc", "acled_actor", "acled_fatal", "acled_date")


def score_gold(directory: Path, work: Path) -> dict[str, Any]:
    out, seconds = ingest_export(directory / "corpus.jsonl", work, directory.name)
    result = score_export(TOOLS / "score.py", directory / "gold.jsonl", out)
    result["seconds"] = seconds
    return result


def score_acled_dev(work: Path) -> dict[str, float]:
    bench = TOOLS / "acled_bench.py"
    corpus, stripped = acled_dev_corpus(bench, work)
    out, seconds = ingest_export(stripped, work, "acled-dev")
    figures = score_acled(bench, corpus, out)
    figures["seconds"] = seconds
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="dev,dev-real,acled-dev",
                        help="comma-separated: dev, dev-real, acled-dev")
    wanted = parser.parse_args().sets.split(",")
    if not TOOLS.exists():
        sys.exit(f"{TOOLS}: the shared tools are not here (clone the project with ../shared beside it)")
    with tempfile.TemporaryDirectory(prefix="dateline-quality-") as tmp:
        work = Path(tmp)
        gold_sets = [(name, SHARED / name) for name in ("dev", "dev-real") if name in wanted]
        results = {name: score_gold(path, work) for name, path in gold_sets}
        if results:
            names = list(results)
            print("| figure | " + " | ".join(names) + " |")
            print("|---|" + "---|" * len(names))
            rows = [("event P", lambda r: r["events"]["precision"]), ("event R", lambda r: r["events"]["recall"]),
                    ("event F1", lambda r: r["events"]["f1"])]
            rows += [(f, lambda r, f=f: r["fields"][f]) for f in FIELDS]
            rows += [("field mean", lambda r: sum(r["fields"].values()) / len(r["fields"])),
                     ("sources recall", lambda r: r["sources_recall"]), ("tally F1", lambda r: r["tallies"]["f1"]),
                     ("unmerged duplicates", lambda r: r["events"]["unmerged_duplicates"]),
                     ("ingest seconds", lambda r: r["seconds"])]
            for label, get in rows:
                print(f"| {label} | " + " | ".join(f"{get(results[n]):.3f}" if isinstance(get(results[n]), float)
                                                   else str(get(results[n])) for n in names) + " |")
        if "acled-dev" in wanted:
            acled = score_acled_dev(work)
            print("\nACLED notes, dev split (1 row in 5 by data_id; Iraq, Syria, Jordan):")
            print("| " + " | ".join(ACLED_FIGURES) + " | ingest seconds |")
            print("|---|" + "---|" * len(ACLED_FIGURES))
            print("| " + " | ".join(f"{acled.get(k, 0.0):.3f}" for k in ACLED_FIGURES)
                  + f" | {acled['seconds']:.1f} |")


if __name__ == "__main__":
    main()
