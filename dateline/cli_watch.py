"""`dateline watch` and `dateline sources`, and the watcher behind `dateline serve --watch`."""
from __future__ import annotations

import json
import signal
import threading
from typing import Any

import click

from dateline.cli import Context, main, pass_context


def load_feeds(path: str) -> Any:
    from dateline.watch.config import WatchConfigError, load_config

    try:
        return load_config(path)
    except WatchConfigError as error:
        raise click.ClickException(str(error)) from error


@main.command()
@click.argument("feeds_file", metavar="FEEDS.toml", type=click.Path(dir_okay=False))
@click.option("--once", is_flag=True, help="Poll every feed once, ingest what is new, and exit (for cron).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@pass_context
def watch(context: Context, feeds_file: str, once: bool, quiet: bool) -> None:
    """Follow feeds and ingest what is new, until Ctrl-C (or SIGTERM).

    FEEDS.toml holds [[feed]] tables with url, outlet and interval ("5m"); a sample ships as
    dateline/data/feeds.sample.toml. Feeds are fetched with conditional GET, one request at a
    time per host; failing feeds are retried later and later. Each feed's status is kept in the
    database: see `dateline sources` or the /sources page. With --once the exit status is 1 when
    a feed could not be read.

    \b
    Example:
      dateline --db ledger.db watch feeds.toml
      dateline --db ledger.db watch feeds.toml --once
    """
    from dateline.watch.watcher import Watcher

    config = load_feeds(feeds_file)
    store = context.store()
    stop = threading.Event()

    def on_signal(number: int, _frame: object) -> None:
        if not stop.is_set():
            click.echo(f"stopping after the current article ({signal.Signals(number).name})", err=True)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    errors = 0

    def on_poll(summary: Any) -> None:
        nonlocal errors
        errors += summary.status == "error"
        if summary.status == "error":
            click.echo(f"error: {summary.line()}", err=True)
        elif not quiet:
            click.echo(summary.line())

    try:
        if not quiet:
            click.echo(f"watching {len(config.feeds)} feeds{' once' if once else ''}", err=True)
        Watcher(store, config, context.extractor(), on_poll).run(stop, once=once)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        store.close()
    if once and errors:
        raise SystemExit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the feeds' status as JSON.")
@pass_context
def sources(context: Context, as_json: bool) -> None:
    """Show each watched feed: last fetch, last new item, last error, failures, next poll.

    \b
    Example:
      dateline sources
    """
    from dateline.store.feed_state import feed_rows

    store = context.store(existing=True)
    rows = feed_rows(store.connection)
    store.close()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no feeds watched yet (dateline watch FEEDS.toml)")
        return
    for row in rows:
        click.echo(f"{row['url']}  ({row['outlet'] or 'outlet from the feed'}, every {row['interval_seconds']:g} s)")
        click.echo(f"  last fetch:    {row['last_fetch'] or 'never'}  {row['last_status'] or ''}")
        click.echo(f"  last new item: {row['last_new_item'] or 'none yet'}"
                   f"  ({row['items_new']} new, {row['items_known']} already known in all)")
        if row["last_error"]:
            click.echo(f"  last error:    {row['last_error_at']}  {row['last_error']}")
        if row["failures"]:
            click.echo(f"  failing:       {row['failures']} polls in a row")
        click.echo(f"  next poll:     {row['next_due'] or 'now'}")


def start_background_watch(context: Context, feeds_file: str) -> tuple[threading.Event, threading.Thread]:
    """Runs the watcher in a thread of the serving process (`serve --watch`), with its own
    connection; set the event to stop it."""
    from dateline.store.db import Store
    from dateline.watch.watcher import Watcher

    config = load_feeds(feeds_file)
    extractor = context.extractor()
    stop = threading.Event()

    def run() -> None:
        store = Store(context.db)
        try:
            Watcher(store, config, extractor,
                    lambda summary: click.echo(f"watch: {summary.line()}", err=True)).run(stop)
        finally:
            store.close()

    thread = threading.Thread(target=run, name="dateline-watch", daemon=True)
    thread.start()
    return stop, thread


def ingest_on_dask(context: Context, store: Any, sources: tuple[str, ...], workers: int | None,
                   scheduler: str | None, on_document: Any, on_error: Any) -> Any:
    """`dateline ingest --workers N` / `--scheduler ADDRESS`: extraction on a Dask cluster."""
    from dateline.extract.kb import KnowledgeBaseError, load_knowledge_base
    from dateline.parallel import connect, parallel_ingest

    try:
        kb = load_knowledge_base(context.kb)
    except KnowledgeBaseError as error:
        raise click.ClickException(str(error)) from error
    try:
        client, cluster = connect(workers, scheduler)
    except (OSError, TimeoutError, ValueError) as error:
        raise click.ClickException(f"{scheduler or 'local cluster'}: cannot start or reach the Dask"
                                   f" cluster ({error})") from error
    try:
        return parallel_ingest(store, sources, kb, client, on_document, on_error)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
