"""Per-stage speed: knowledge-base load, and time per sentence of each extraction step.

    python benchmarks/stage_speed.py

Runs over the sentences of the bundled sample corpus (and ../shared/dev when present), and
prints the load time and memory of the knowledge base and gazetteer, then the mean and the
slowest time per sentence of cleaning, time words, casualty figures, actors and places.
"""
from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.extract import dates, numbers  # noqa: E402  (path set above)
from dateline.extract.actors import ActorBook  # noqa: E402
from dateline.extract.gazetteer import Gazetteer  # noqa: E402
from dateline.extract.kb import load_knowledge_base  # noqa: E402
from dateline.extract.sentences import split_sentences  # noqa: E402
from dateline.ingest.clean import clean_text  # noqa: E402
from dateline.ingest.sources import iter_documents  # noqa: E402
from dateline.model import InputError  # noqa: E402


def _time(function: Callable[[Any], Any], items: list[Any], rounds: int = 5) -> tuple[float, float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        for _ in range(rounds):
            function(item)
        samples.append((time.perf_counter() - started) / rounds)
    return statistics.mean(samples), max(samples)


def main() -> None:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    kb = load_knowledge_base()
    gazetteer = Gazetteer.default(kb)
    actors = ActorBook.from_kb(kb)
    load_seconds = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    specs = [str(ROOT / "dateline" / "data" / "sample")]
    dev = ROOT.parent / "shared" / "dev" / "corpus.jsonl"
    if dev.is_file():
        specs.append(str(dev))
    texts = [d.text for d in iter_documents(specs) if not isinstance(d, InputError) and d.text]
    sentences = [s.text for text in texts for s in split_sentences(clean_text(text).text)]
    print(f"knowledge base + gazetteer load: {load_seconds:.2f} s, +{rss_after - rss_before:.0f} MB peak RSS")
    print(f"{len(texts)} text articles, {len(sentences)} sentences")
    rows = [
        ("cleaning (per article)", lambda t: clean_text(t), texts),
        ("sentence split (per article)", split_sentences, texts),
        ("time words", lambda s: dates.find_time_expressions(s, None), sentences),
        ("casualty figures", numbers.find_casualties, sentences),
        ("actors", actors.find, sentences),
        ("places", gazetteer.find, sentences),
    ]
    for name, function, items in rows:
        mean, worst = _time(function, items)
        print(f"{name:32s} mean {mean * 1e6:8.0f} µs   slowest {worst * 1e6:8.0f} µs")


if __name__ == "__main__":
    main()
