"""Ingest + extract speed and peak memory over a replicated corpus, on one core.

    python benchmarks/ingest_speed.py [--articles 2000] [--corpus PATH.jsonl]

Replicates the sample corpus (or a JSONL corpus you name) to the asked size, each copy made
distinct so the content hash does not skip it, ingests it into a fresh database in one process,
and prints articles per second and the peak resident memory. Target: ≥ 50 articles/s, ≤ 500 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.extract.kb import load_knowledge_base  # noqa: E402  (path set above)
from dateline.extract.extractor import Extractor  # noqa: E402
from dateline.ingest.sources import iter_documents  # noqa: E402
from dateline.model import InputError  # noqa: E402
from dateline.pipeline import ingest  # noqa: E402
from dateline.store.db import Store  # noqa: E402


def base_articles(corpus: Path | None) -> list[dict[str, object]]:
    """Returns the articles to replicate, as JSONL-ready dicts."""
    specs = [str(corpus)] if corpus else [str(ROOT / "dateline" / "data" / "sample")]
    out = []
    for item in iter_documents(specs):
        if isinstance(item, InputError):
            continue
        out.append({"id": item.id, "text": item.text, "html": item.html, "url": item.url,
                    "title": item.title, "outlet": item.outlet,
                    "published": item.published.isoformat() if item.published else None})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    base = base_articles(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for number in range(args.articles):
                article = dict(base[number % len(base)])
                article["id"] = f"{article['id']}-copy{number}"
                # The marker goes into the body (cleaning drops what follows the comment section).
                marker = f"Reference {number} of this benchmark run."
                if article.get("text"):
                    lines = str(article["text"]).split("\n")
                    longest = max(range(len(lines)), key=lambda i: len(lines[i]))  # a body paragraph
                    lines[longest] += " " + marker
                    article["text"] = "\n".join(lines)
                else:
                    html = str(article["html"])
                    cut = html.rfind("</article>") if "</article>" in html else html.rfind("</p>")
                    cut = html.rfind("</p>", 0, cut) if cut > 0 else cut
                    article["html"] = html[:cut] + f" {marker}" + html[cut:]
                handle.write(json.dumps({k: v for k, v in article.items() if v is not None}) + "\n")
        started = time.perf_counter()
        extractor = Extractor.from_kb(load_knowledge_base())
        loaded = time.perf_counter()
        store = Store(Path(folder) / "bench.db")
        report = ingest(store, [str(corpus)], extractor)
        finished = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = len(report.new) / (finished - loaded)
        print(f"articles:            {len(report.new)} new, {len(report.rejected)} rejected")
        print(f"knowledge base load: {loaded - started:.2f} s")
        print(f"ingest + extract:    {finished - loaded:.1f} s")
        print(f"articles per second: {rate:.1f} (one core)")
        print(f"peak RSS:            {peak_mb:.0f} MB")
        print(f"ledger records:      {len(store.records())}")


if __name__ == "__main__":
    main()
