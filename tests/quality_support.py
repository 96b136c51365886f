"""Scoring the pipeline the way it is judged, for the quality tests and benchmarks/extraction_quality.py:
ingest a corpus and export it as JSONL with the `dateline` CLI, then score the export with
../shared/tools/score.py (a gold set) or acled_bench.py (the ACLED notes)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def dateline(*args: str) -> None:
    """Runs the `dateline` CLI; a failure raises AssertionError with its stderr."""
    done = subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def ingest_export(corpus: Path, work: Path, name: str) -> tuple[Path, float]:
    """Ingests `corpus` into work/NAME.db and exports it to work/NAME.export.jsonl; returns the
    export and the seconds the ingest took."""
    db, out = work / f"{name}.db", work / f"{name}.export.jsonl"
    started = time.perf_counter()
    dateline("--db", str(db), "ingest", str(corpus))
    seconds = time.perf_counter() - started
    dateline("--db", str(db), "export", "--format", "jsonl", "--output", str(out))
    return out, seconds


def score_export(score_tool: Path, gold: Path, export: Path) -> dict[str, Any]:
    """score.py's figures (its --json output) for an export against a gold file."""
    scored = subprocess.run([sys.executable, str(score_tool), str(gold), str(export), "--json"],
                            capture_output=True, text=True, check=True).stdout
    # score.py prints the JSON, then its one-line SUMMARY for scripts.
    body = scored[:scored.rindex("SUMMARY")] if "SUMMARY" in scored else scored
    result: dict[str, Any] = json.loads(body)
    return result


def acled_dev_corpus(bench: Path, work: Path) -> tuple[Path, Path]:
    """Writes the ACLED notes' dev split with acled_bench.py: (the corpus with its gold, the same
    notes with the gold taken out, which is what is ingested)."""
    corpus, stripped = work / "acled-dev.jsonl", work / "acled-dev-notes.jsonl"
    subprocess.run([sys.executable, str(bench), "corpus", str(corpus), "--split", "dev"],
                   capture_output=True, text=True, check=True)
    with corpus.open(encoding="utf-8") as source, stripped.open("w", encoding="utf-8") as target:
        for line in source:
            record = json.loads(line)
            record.pop("_gold")
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
    return corpus, stripped


def score_acled(bench: Path, corpus: Path, export: Path) -> dict[str, float]:
    """acled_bench.py's SUMMARY figures (acled_detect, acled_type, ...) for an export."""
    scored = subprocess.run([sys.executable, str(bench), "score", str(corpus), str(export)],
                            capture_output=True, text=True, check=True).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", scored[scored.rindex("SUMMARY"):])}
