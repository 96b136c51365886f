"""Backfill speed on Dask: articles per second with 1 and 2 worker processes, the efficiency of
2 workers, and the peak memory of each worker; the single-process ingest beside them.

    python benchmarks/parallel_ingest.py [--articles 300] [--corpus PATH.jsonl]

The corpus (default: ../shared/dev-real/corpus.jsonl when present, else the shipped sample) is
replicated to the asked size, each copy made distinct so the content hash does not skip it.
Each run ingests it into a fresh database after a warm-up run (as in a long backfill), and
includes the final ledger update. Each setting runs `--rounds` times; the medians are reported.
Efficiency is the rate with 2 workers over twice the rate with 1 worker. On a busy machine the
wall-clock rates say more about the neighbours than about Dateline: the CPU milliseconds an
article costs the workers and the writer give what an idle 2-core machine would do.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest_speed import base_articles  # noqa: E402

from dateline.extract.extractor import Extractor  # noqa: E402
from dateline.extract.kb import load_knowledge_base  # noqa: E402
from dateline.parallel import connect, parallel_ingest  # noqa: E402
from dateline.ingest.sources import iter_documents  # noqa: E402
from dateline.model import InputError  # noqa: E402
from dateline.pipeline import extract_document, ingest, ingest_documents  # noqa: E402
from dateline.store.db import Store  # noqa: E402

DEV_REAL = ROOT.parent / "shared" / "dev-real" / "corpus.jsonl"


def write_replicas(base: list[dict[str, object]], count: int, path: Path, tag: str) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            article = dict(base[number % len(base)])
            article["id"] = f"{article['id']}-{tag}{number}"
            marker = f"Reference {tag}{number} of this benchmark run."
            if article.get("text"):
                lines = str(article["text"]).split("\n")
                longest = max(range(len(lines)), key=lambda i: len(lines[i]))
                lines[longest] += " " + marker
                article["text"] = "\n".join(lines)
            else:
                html = str(article["html"])
                cut = html.rfind("</p>")
                article["html"] = html[:cut] + f" {marker}" + html[cut:]
            handle.write(json.dumps({k: v for k, v in article.items() if v is not None}) + "\n")
    return path


def worker_peak_mb(client: object) -> list[float]:
    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    return sorted(client.run(peak).values())  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=DEV_REAL if DEV_REAL.is_file() else None)
    parser.add_argument("--rounds", type=int, default=3, help="runs of each setting (medians are reported)")
    args = parser.parse_args()
    base = base_articles(args.corpus)
    kb = load_knowledge_base()
    print(f"corpus: {args.corpus or 'shipped sample'} ({len(base)} articles) replicated to {args.articles}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = write_replicas(base, args.articles, work / "corpus.jsonl", "c")
        warm = write_replicas(base, 4, work / "warm.jsonl", "w")
        store = Store(work / "single.db")
        extractor = Extractor.from_kb(kb)
        started = time.perf_counter()
        report = ingest(store, [str(corpus)], extractor)
        single = len(report.new) / (time.perf_counter() - started)
        print(f"single process (no Dask): {single:6.2f} articles/s")
        # The one writer alone (extraction done beforehand): the ceiling of any cluster.
        documents = list(iter_documents([str(corpus)]))
        outcomes = [extract_document(d, extractor) for d in documents if not isinstance(d, InputError)]
        store = Store(work / "writer.db")
        started = time.perf_counter()
        report = ingest_documents(store, documents, extractor, extracted=iter(outcomes))
        writer = len(report.new) / (time.perf_counter() - started)
        mentions = store.connection.execute("SELECT count(*) FROM mentions").fetchone()[0]
        print(f"the writer alone:         {writer:6.2f} articles/s (store, links, ledger update;"
              f" {mentions / max(1, len(report.new)):.1f} mentions an article)")
        rates: dict[int, list[float]] = {1: [], 2: []}
        cpu_ms: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
        for round_number in range(args.rounds):
            for workers in (1, 2):
                client, cluster = connect(workers, None)
                try:
                    parallel_ingest(Store(work / f"warm{workers}-{round_number}.db"), [str(warm)], kb, client)
                    store = Store(work / f"dask{workers}-{round_number}.db")
                    worker_cpu = client.run(time.process_time)
                    started, writer_cpu = time.perf_counter(), time.process_time()
                    report = parallel_ingest(store, [str(corpus)], kb, client)
                    seconds = time.perf_counter() - started
                    if not report.new:
                        raise SystemExit(f"round {round_number}, {workers} workers stored nothing: {report.summary()};"
                                         f" first problem: {report.rejected[:1]}")
                    writer_ms = (time.process_time() - writer_cpu) / len(report.new) * 1000
                    worker_ms = sum(v - worker_cpu[k] for k, v in client.run(time.process_time).items()
                                    ) / len(report.new) * 1000
                    cpu_ms[workers].append((worker_ms, writer_ms))
                    rates[workers].append(len(report.new) / seconds)
                    peaks = ", ".join(f"{mb:.0f}" for mb in worker_peak_mb(client))
                    print(f"dask, {workers} worker{'s' if workers > 1 else ' '}:        "
                          f"{len(report.new) / seconds:6.2f} articles/s  ({len(report.new)} articles in"
                          f" {seconds:.1f} s; peak RSS per worker MB: {peaks};"
                          f" CPU ms an article: workers {worker_ms:.1f}, writer+scheduler {writer_ms:.1f})")
                finally:
                    client.close()
                    cluster.close()
        one_rate, two_rate = statistics.median(rates[1]), statistics.median(rates[2])
        print(f"median of {args.rounds}: 1 worker {one_rate:.2f}, 2 workers {two_rate:.2f} articles/s;"
              f" efficiency of 2 workers: {two_rate / (2 * one_rate):.2f}")
        # On a busy machine wall-clock rates say more about the neighbours than about Dateline:
        # the CPU each article costs gives what a quiet 2-core machine would do.
        work_ms, write_ms = (statistics.median(c[i] for c in cpu_ms[2]) for i in (0, 1))
        one = 1000 / max(statistics.median(c[i] for c in cpu_ms[1]) for i in (0, 1))
        two = min(2000 / (work_ms + write_ms), 2000 / work_ms, 1000 / write_ms)
        print(f"projected from CPU time on an idle 2-core machine: 1 worker {one:.1f}, 2 workers {two:.1f}"
              f" articles/s; efficiency {two / (2 * one):.2f}")
        print(f"writer (this process) peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        size = (work / "dask2-0.db").stat().st_size + sum(p.stat().st_size for p in work.glob("dask2-0.db-*"))
        print(f"database size: {size / args.articles / 1024:.1f} kB per article")


if __name__ == "__main__":
    main()
