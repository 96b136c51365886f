"""Backfill speed on Dask: articles per second with 1 and 2 worker processes, the efficiency of
2 workers, and the peak memory of each worker; the single-process ingest beside them.

    python benchmarks/parallel_ingest.py [--articles 300] [--rounds 5] [--corpus PATH.jsonl]

The corpus (default: ../shared/dev-real/corpus.jsonl when present, else the shipped sample) is
replicated to the asked size, each copy made distinct so the content hash does not skip it; every
run ingests the same copies into a fresh database. Each round runs, one after the other, the
single process, then 1 worker, then 2 workers, each on a cluster started for it and warmed by a
small ingest first (as in a long backfill); the cluster's start and that first ingest (each worker
building its extractor) are timed apart and reported as startup, not in the rates.

A rate is articles over the whole `parallel_ingest` call: storing every article and the final
ledger update (serial, about the same in every setting), so it is what a user of `ingest
--workers N` gets. The storing phase alone (to the last article stored) is given beside it.
Efficiency = rate with 2 workers / (2 × rate with 1 worker), from the medians of the rounds and,
as a check, the median of the rounds' own ratios. On a busy machine the wall-clock rates say more
about the neighbours than about Dateline: the CPU milliseconds an article costs the workers and
this process (writer, scheduler, client) give what an idle 2-core machine would do.
"""
from __future__ import annotations

import argparse
import json
import resource
import sqlite3
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


class Run:
    """Times one ingest: the whole call, the storing phase, and this process's CPU over each."""

    def __init__(self) -> None:
        self.started, self.cpu = time.perf_counter(), time.process_time()
        self.last_stored, self.last_cpu = self.started, self.cpu

    def on_document(self, _origin: str) -> None:
        self.last_stored, self.last_cpu = time.perf_counter(), time.process_time()

    def finish(self, stored: int) -> dict[str, float]:
        seconds, cpu = time.perf_counter() - self.started, time.process_time() - self.cpu
        return {"rate": stored / seconds, "store_rate": stored / (self.last_stored - self.started),
                "ledger_s": seconds - (self.last_stored - self.started), "seconds": seconds,
                "writer_ms": cpu / stored * 1000, "writer_store_ms": (self.last_cpu - self.cpu) / stored * 1000}


def dask_run(work: Path, corpus: Path, warm: Path, kb: object, workers: int, name: str) -> dict[str, float]:
    started = time.perf_counter()
    client, cluster = connect(workers, None)
    try:
        cluster_s = time.perf_counter() - started
        started = time.perf_counter()
        parallel_ingest(Store(work / f"warm-{name}.db"), [str(warm)], kb, client)
        first_s = time.perf_counter() - started
        store = Store(work / f"{name}.db")
        worker_cpu = client.run(time.process_time)
        run = Run()
        report = parallel_ingest(store, [str(corpus)], kb, client, on_document=run.on_document)
        if not report.new:
            raise SystemExit(f"{name} stored nothing: {report.summary()}; first problem: {report.rejected[:1]}")
        figures = run.finish(len(report.new))
        figures["worker_ms"] = sum(v - worker_cpu[k] for k, v in client.run(time.process_time).items()
                                   ) / len(report.new) * 1000
        figures["cluster_s"], figures["first_s"] = cluster_s, first_s
        figures["peaks"] = worker_peak_mb(client)  # type: ignore[assignment]
        return figures
    finally:
        client.close()
        cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=DEV_REAL if DEV_REAL.is_file() else None)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every setting (medians are reported)")
    args = parser.parse_args()
    base = base_articles(args.corpus)
    kb = load_knowledge_base()
    print(f"corpus: {args.corpus or 'shipped sample'} ({len(base)} articles) replicated to {args.articles}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpus = write_replicas(base, args.articles, work / "corpus.jsonl", "c")
        warm = write_replicas(base, 4, work / "warm.jsonl", "w")
        extractor = Extractor.from_kb(kb)
        ingest(Store(work / "warm-single.db"), [str(warm)], extractor)
        # The one writer alone (extraction done beforehand): the ceiling of any cluster.
        documents = list(iter_documents([str(corpus)]))
        outcomes = [extract_document(d, extractor) for d in documents if not isinstance(d, InputError)]
        store = Store(work / "writer.db")
        run = Run()
        report = ingest_documents(store, documents, extractor, extracted=iter(outcomes), on_document=run.on_document)
        alone = run.finish(len(report.new))
        mentions = store.connection.execute("SELECT count(*) FROM mentions").fetchone()[0]
        print(f"the writer alone: {alone['rate']:6.1f} articles/s ({alone['store_rate']:.0f} storing; final ledger"
              f" update {alone['ledger_s']:.2f} s; {mentions / max(1, len(report.new)):.1f} mentions an article)")
        results: dict[str, list[dict[str, float]]] = {"single": [], "1": [], "2": []}
        for round_number in range(args.rounds):
            store = Store(work / f"single-{round_number}.db")
            run = Run()
            report = ingest(store, [str(corpus)], extractor, on_document=run.on_document)
            results["single"].append(run.finish(len(report.new)))
            for workers in (1, 2):
                results[str(workers)].append(dask_run(work, corpus, warm, kb, workers, f"dask{workers}-{round_number}"))
            line = ", ".join(f"{name} {results[name][-1]['rate']:6.1f}" for name in ("single", "1", "2"))
            two, one = results["2"][-1], results["1"][-1]
            print(f"round {round_number + 1}: articles/s {line} (single process, 1 worker, 2 workers);"
                  f" efficiency {two['rate'] / (2 * one['rate']):.2f}; CPU ms an article: workers"
                  f" {one['worker_ms']:.1f} / {two['worker_ms']:.1f}, this process {one['writer_ms']:.1f} /"
                  f" {two['writer_ms']:.1f}")

        def median(name: str, key: str) -> float:
            return statistics.median(r[key] for r in results[name])

        print(f"\nmedians of {args.rounds} rounds, {args.articles} articles, warm clusters (startup below):")
        for name, label in (("single", "single process (no Dask)"), ("1", "dask, 1 worker"), ("2", "dask, 2 workers")):
            print(f"  {label:24s} {median(name, 'rate'):6.1f} articles/s  (storing phase {median(name, 'store_rate'):6.1f};"
                  f" final ledger update {median(name, 'ledger_s'):.2f} s)")
        paired = [two["rate"] / (2 * one["rate"]) for one, two in zip(results["1"], results["2"])]
        paired_store = [two["store_rate"] / (2 * one["store_rate"]) for one, two in zip(results["1"], results["2"])]
        print(f"efficiency of 2 workers: {median('2', 'rate') / (2 * median('1', 'rate')):.2f} (rounds' own:"
              f" median {statistics.median(paired):.2f}, {min(paired):.2f}–{max(paired):.2f}); storing phase alone"
              f" {median('2', 'store_rate') / (2 * median('1', 'store_rate')):.2f} (rounds' median"
              f" {statistics.median(paired_store):.2f})")
        print(f"startup, not in the rates: cluster start {median('1', 'cluster_s'):.1f} s (1 worker),"
              f" {median('2', 'cluster_s'):.1f} s (2 workers); first ingest of 4 articles (workers build their"
              f" extractors) {median('1', 'first_s'):.1f} s, {median('2', 'first_s'):.1f} s")
        # What a quiet 2-core machine would do, from the CPU each article costs: with 1 worker the
        # worker and this process each have a core; with 2 the three share both; the final ledger
        # update is serial in both (its CPU time: the median of every run, the same work in each).
        ledger = statistics.median((r["writer_ms"] - r["writer_store_ms"]) * args.articles / 1000
                                   for runs in results.values() for r in runs)
        w1, s1 = median("1", "worker_ms"), median("1", "writer_store_ms")
        w2, s2 = median("2", "worker_ms"), median("2", "writer_store_ms")
        one = args.articles / (args.articles * max(w1, s1) / 1000 + ledger)
        two = args.articles / (args.articles * max((w2 + s2) / 2, w2 / 2, s2) / 1000 + ledger)
        print(f"CPU ms an article: workers {w1:.1f} (1 worker) / {w2:.1f} (2 workers); this process while storing"
              f" {s1:.2f} / {s2:.2f}, with the final ledger update {median('1', 'writer_ms'):.2f} /"
              f" {median('2', 'writer_ms'):.2f} (the update: {ledger:.2f} s of CPU)")
        print(f"projected from CPU time on an idle 2-core machine: 1 worker {one:.1f}, 2 workers {two:.1f}"
              f" articles/s; efficiency {two / (2 * one):.2f}")
        peaks = [mb for r in results["2"] for mb in r["peaks"]]  # type: ignore[attr-defined]
        print(f"peak RSS per worker: {min(peaks):.0f}–{max(peaks):.0f} MB; this process"
              f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        with sqlite3.connect(work / "dask2-0.db") as connection:  # the write-ahead log folded in
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = (work / "dask2-0.db").stat().st_size + sum(p.stat().st_size for p in work.glob("dask2-0.db-*"))
        print(f"database size: {size / args.articles / 1024:.1f} kB per article")


if __name__ == "__main__":
    main()
