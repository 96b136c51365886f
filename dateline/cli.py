"""The `dateline` command: ingest articles, look at them, and export the ledger."""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.cli_read import (GlobalOptionsAnywhere, check_existing_db, check_port_free, clip, event_filter,
                               event_table, filter_options, fit_table)
from dateline.model import EventRecord, InputError, StatementRecord, TallyRecord

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """What every command shares: where the database is and which user KB files to read."""

    def __init__(self, db: str, kb: tuple[str, ...]) -> None:
        self.db = db
        self.kb = list(kb)

    def store(self, existing: bool = False) -> Any:
        """Opens the database; `existing`: refuse a missing file or a folder (read commands)."""
        from dateline.store.db import Store, StoreError

        if existing:
            check_existing_db(self.db)
        try:
            return Store(self.db)
        except StoreError as error:
            raise click.ClickException(str(error)) from error

    def extractor(self) -> Any:
        from dateline.extract.extractor import Extractor
        from dateline.extract.kb import KnowledgeBaseError, load_knowledge_base

        try:
            return Extractor.from_kb(load_knowledge_base(self.kb))
        except KnowledgeBaseError as error:
            raise click.ClickException(str(error)) from error


pass_context = click.make_pass_decorator(Context)


def output_option(function: F) -> F:
    """`--output FILE` shared by the commands that write a file (default: standard output)."""
    return click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                        help="Write to this file instead of standard output.")(function)


@click.group(cls=GlobalOptionsAnywhere, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", default=lambda: os.environ.get("DATELINE_DB", "dateline.db"),
              show_default="./dateline.db or $DATELINE_DB", help="The SQLite database file.")
@click.option("--kb", multiple=True, type=click.Path(exists=True),  # both also accepted after the command
              help="Extra knowledge-base TOML file or folder (repeatable; also $DATELINE_KB).")
@click.version_option(package_name="dateline")
@click.pass_context
def main(ctx: click.Context, db: str, kb: tuple[str, ...]) -> None:
    """Dateline turns conflict news into a sourced, deduplicated, mapped ledger of events.

    \b
    Example:
      dateline --db ledger.db ingest articles/ feed.xml https://example.org/story
      dateline --db ledger.db events
    """
    ctx.obj = Context(db, kb)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="No running count; only errors and the closing line.")
@click.option("--workers", type=click.IntRange(1, 512), help="Extract in parallel on a local Dask cluster of N processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Extract on an existing Dask cluster (tcp://host:8786).")
@pass_context
def ingest(context: Context, sources: tuple[str, ...], quiet: bool, workers: int | None,
           scheduler: str | None) -> None:
    """Ingest articles: files (.html, .txt), folders, JSONL dumps, URLs and RSS/Atom feeds.

    Each article is cleaned, dated, checked against what the database already holds, and its
    events, tallies and statements are extracted. Rejected inputs are named on standard error,
    and the command then exits with status 1.

    \b
    Example:
      dateline ingest ../shared/dev/corpus.jsonl
      dateline ingest dateline/data/sample https://example.org/feed.xml
      dateline ingest --workers 2 archive/
    """
    from dateline.pipeline import ingest as run_ingest

    store = context.store()

    from dateline.ingest.safety import echo_notes

    def report_error(error: InputError) -> None:
        if progress.enabled:
            click.echo("\r\033[K", err=True, nl=False)
        click.echo(f"rejected: {printable(str(error))}", err=True)

    # The number of documents is not known ahead (folders, feeds, URLs): a running count on the
    # terminal, rewritten in place, stands for the progress bar.
    progress = _Progress(enabled=not quiet and sys.stderr.isatty())

    def report_note(note: str) -> None:  # a document read with repairs (bad bytes replaced)
        if progress.enabled:
            click.echo("\r\033[K", err=True, nl=False)
        click.echo(f"note: {note}", err=True)

    with echo_notes(report_note):
        if workers or scheduler:
            from dateline.cli_watch import ingest_on_dask

            report = ingest_on_dask(context, store, sources, workers, scheduler, progress.step, report_error)
        else:
            report = run_ingest(store, sources, context.extractor(), on_document=progress.step,
                                on_error=report_error)
    progress.done()
    click.echo(report.summary())
    store.close()
    if report.rejected:
        sys.exit(1)


def printable(text: str) -> str:
    from dateline.ingest.safety import printable as escape

    return escape(text)


class _Progress:
    """A one-line running count of ingested documents on standard error."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.count = 0

    def step(self, origin: str) -> None:
        self.count += 1
        if self.enabled:
            name = printable(origin if len(origin) <= 50 else "…" + origin[-49:])
            click.echo(f"\r\033[Kingesting: {self.count} documents — {name}", err=True, nl=False)

    def done(self) -> None:
        if self.enabled and self.count:
            click.echo("\r\033[K", err=True, nl=False)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of article records.")
@pass_context
def articles(context: Context, as_json: bool) -> None:
    """List the stored articles: id, published, outlet, title, words.

    \b
    Example:
      dateline articles
      dateline articles --json | jq '.[].published'
    """
    store = context.store(existing=True)
    rows = store.articles()
    if as_json:
        click.echo(json.dumps([
            {"id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title,
             "published": a.published.isoformat() if a.published else None,
             "published_method": a.published_method, "words": a.words,
             "dateline": a.dateline_place}
            for a in rows], ensure_ascii=False, indent=2))
        return
    table = [(a.id, a.published.isoformat() if a.published else "-", a.outlet or "-",
              clip(a.title or "-", 60), str(a.words)) for a in rows]
    _print_table(("id", "published", "outlet", "title", "words"), table)


@main.command()
@click.argument("article_id")
@pass_context
def show(context: Context, article_id: str) -> None:
    """Show one article: its metadata and the cleaned text.

    \b
    Example:
      dateline show 000_0a6870a6add54e36
    """
    store = context.store(existing=True)
    article = store.article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id!r}")
    published = article.published.isoformat() if article.published else "unknown"
    click.echo(f"id:        {article.id}")
    click.echo(f"title:     {article.title or '-'}")
    click.echo(f"outlet:    {article.outlet or '-'}")
    click.echo(f"author:    {article.author or '-'}")
    click.echo(f"url:       {article.url or '-'}")
    click.echo(f"published: {published} (found by: {article.published_method})")
    click.echo(f"dateline:  {article.dateline_place or '-'}")
    click.echo(f"source:    {article.origin}")
    for other, kind, similarity in store.links(article.id):
        click.echo(f"linked:    {other} ({kind}, similarity {similarity:.2f})")
    click.echo(f"words:     {article.words} (furniture lines removed: {article.removed_lines})")
    click.echo("")
    click.echo(article.text)


@main.command()
@click.option("--kind", type=click.Choice(["event", "tally", "statement"]), default="event",
              show_default=True, help="Which records to list.")
@filter_options
@pass_context
def events(context: Context, kind: str, **filters: Any) -> None:
    """Print the ledger as a table that fits the terminal (events by default).

    Events take the web table's filters; rejected events are left out, as on the web and in the
    exports, unless --include-rejected (or --status) asks for them. The review column says where
    each event's review stands.

    \b
    Example:
      dateline events
      dateline events --from 2024-01-01 --to 2024-01-31 --actor IRI --type Battles
      dateline events --include-rejected
      dateline events --kind statement
    """
    store = context.store(existing=True)
    if kind == "event":
        from dateline.serve.actors import ActorDirectory
        from dateline.store.ledger_index import ensure_ledger_index
        from dateline.store.ledger_queries import count_events, list_events

        directory = ActorDirectory.from_knowledge_base(context.kb)
        flt = event_filter(filters, directory.resolve)
        ensure_ledger_index(store)
        total = count_events(store.connection, flt)
        rows = list_events(store.connection, flt, limit=max(total, 1))
        if filters.get("actor") and flt.actor != filters["actor"]:
            click.echo(f"actor {filters['actor']!r} is {flt.actor!r} in the knowledge base", err=True)
        header, table = event_table(rows)
        _print_table(header, table)
        return
    if any(value for value in filters.values()):
        raise click.ClickException("the filters (--from, --actor, ...) apply to events only, not --kind " + kind)
    rows = store.records(kind)
    if kind == "tally":
        table = [(rid, r.as_of or "?", r.metric, f"{r.qualifier} {r.as_export()['value']}",
                  r.period_start or "-", r.attributed_to or "-", ",".join(r.scope))
                 for rid, r in rows if isinstance(r, TallyRecord)]
        _print_table(("id", "as of", "metric", "value", "since", "according to", "scope"), table)
    else:
        table = [(rid, r.date or "?", r.speaker, r.stance, r.quote)
                 for rid, r in rows if isinstance(r, StatementRecord)]
        _print_table(("id", "date", "speaker", "stance", "quote"), table)


@main.command()
@click.argument("record_id")
@pass_context
def explain(context: Context, record_id: str) -> None:
    """Explain a record field by field: the value, the words that gave it and the rule used.

    \b
    Example:
      dateline explain ev-3f2a9c1b
    """
    store = context.store(existing=True)
    record = store.record(record_id)
    if record is None:
        raise click.ClickException(f"no record with id {record_id!r}")
    exported = record.as_export()
    click.echo(f"{record_id} ({exported['kind']})")
    for name, value in exported.items():
        if name in ("kind", "sources"):
            continue
        evidence = record.evidence.get(name)
        click.echo(f"  {name}: {json.dumps(value, ensure_ascii=False)}")
        if evidence is not None:
            if evidence.span:
                click.echo(f"      from: “{evidence.span}”")
            if evidence.rule:
                click.echo(f"      rule: {evidence.rule}")
    click.echo("  sources:")
    joined = record.evidence.get("sources")
    why = {(j["article"], j["quote"]): j for j in (joined.value if joined and isinstance(joined.value, list) else [])}
    for source in record.sources:
        click.echo(f"    [{source.article}] {source.quote}")
        how = why.get((source.article, source.quote))
        if how and how.get("reprint_of"):
            click.echo(f"      reprint of {how['reprint_of']}")
        if how and how.get("joined"):
            click.echo(f"      joined: {how['joined']}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "acled"]), default="jsonl",
              show_default=True, help="jsonl: EVENTS.md records, one a line; csv: events as a table;"
              " geojson: located events as points; acled: CSV with ACLED's column names.")
@click.option("--kind", type=click.Choice(["event", "tally", "statement"]), multiple=True,
              help="Only these kinds of record (default: all for jsonl, events for the others).")
@output_option
@pass_context
def export(context: Context, fmt: str, kind: tuple[str, ...], output: str | None) -> None:
    """Export the ledger: EVENTS.md JSONL, CSV, GeoJSON or ACLED-style CSV.

    Events an analyst rejected stay in the database but are left out of every export.

    \b
    Example:
      dateline export --format jsonl --output ledger.jsonl
      dateline export --format geojson --output events.geojson
      dateline export --format acled --output events.acled.csv
    """
    from dateline.serve.exports import write_export

    store = context.store(existing=True)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            count = write_export(store, fmt, handle, kind)
        click.echo(f"wrote {count} records to {output}", err=True)
    else:
        write_export(store, fmt, sys.stdout, kind)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the series as JSON.")
@pass_context
def tallies(context: Context, as_json: bool) -> None:
    """Print officials' tallies as series, with the ledger's own count beside each figure.

    Tallies of the same metric and period ("attacks on US forces since mid-October") from many
    articles form one series, value by date; "ledger" is how many matching events Dateline holds
    for the same period, up to that date.

    \b
    Example:
      dateline tallies
    """
    from dataclasses import asdict

    from dateline.resolve.series import tally_series

    from dateline.store.reviews import rejected_ids

    store = context.store(existing=True)
    rejected = rejected_ids(store.connection)  # rejected events do not count, as on the web
    records = [record for rid, record in store.records() if rid not in rejected]
    series = tally_series([r for r in records if isinstance(r, TallyRecord)],
                          [r for r in records if isinstance(r, EventRecord)])
    if as_json:
        click.echo(json.dumps([asdict(s) for s in series], ensure_ascii=False, indent=2))
        return
    for one in series:
        click.echo(f"{one.metric} since {one.period_start or '?'} ({', '.join(one.scope) or 'scope unknown'})")
        rows = [(p.as_of or "?", f"{p.qualifier} {p.value:g}", p.attributed_to or "(the outlet)",
                 str(p.ledger_count), ", ".join(p.articles)) for p in one.points]
        _print_table(("as of", "official figure", "according to", "ledger", "articles"), rows)
        click.echo("")


@main.command()
@pass_context
def reextract(context: Context) -> None:
    """Run extraction again over every stored article (after a knowledge-base change).

    \b
    Example:
      dateline --kb my_conflict.toml reextract
    """
    from dateline.pipeline import reextract as run_reextract

    count = run_reextract(context.store(existing=True), context.extractor())
    click.echo(f"ledger rebuilt: {count} records")


@main.command()
@pass_context
def summary(context: Context) -> None:
    """Print what the database holds: articles, events by type, tallies, statements, and the
    latest events, latest first. Rejected events are counted apart and left out, as on the web.

    \b
    Example:
      dateline summary
    """
    from dateline.store.reviews import rejected_ids

    store = context.store(existing=True)
    rejected = rejected_ids(store.connection)
    records = [(rid, record) for rid, record in store.records()]
    event_rows = [r for rid, r in records if isinstance(r, EventRecord) and rid not in rejected]
    click.echo(f"database:   {Path(context.db).resolve()}")
    click.echo(f"articles:   {store.article_count()}")
    left_out = sum(1 for rid, r in records if isinstance(r, EventRecord) and rid in rejected)
    click.echo(f"events:     {len(event_rows)}" + (f" (and {left_out} rejected, left out)" if left_out else ""))
    by_type: dict[str, int] = {}
    for record in event_rows:
        by_type[record.event_type] = by_type.get(record.event_type, 0) + 1
    for name, count in sorted(by_type.items(), key=lambda item: -item[1]):
        click.echo(f"  {name}: {count}")
    click.echo(f"tallies:    {sum(isinstance(r, TallyRecord) for _rid, r in records)}")
    click.echo(f"statements: {sum(isinstance(r, StatementRecord) for _rid, r in records)}")
    if event_rows:
        click.echo("")
        click.echo("latest events (latest first):")
        dated = sorted((r for r in event_rows if r.event_date), key=lambda r: r.event_date or "", reverse=True)
        for record in dated[:8]:
            click.echo(f"  {record.event_date}  {clip(record.notes, 110)}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--private", is_flag=True, help="Reading needs a signed-in analyst too (writes always do).")
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (behind an HTTPS proxy).")
@click.option("--watch", "feeds_file", metavar="FEEDS.toml", type=click.Path(dir_okay=False),
              help="Also follow these feeds in this process (see `dateline watch`).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes serving requests in parallel.")
@pass_context
def serve(context: Context, host: str, port: int, private: bool, secure_cookies: bool,
          feeds_file: str | None, workers: int) -> None:
    """Serve the analyst's workbench: dashboard, map, timeline, events, review queue, REST API.

    Pages work with no internet: the map's scripts and outlines are bundled. Reading is public
    unless --private is given; reviewing and POST /api/articles need an analyst
    (`dateline user add NAME`). The API is documented at /api/docs.

    \b
    Example:
      dateline --db ledger.db serve
      dateline --db ledger.db serve --port 8080 --private
      dateline --db ledger.db serve --workers 2
    """
    from dateline.cli_watch import start_background_watch
    from dateline.serve.run import serve as run_server
    from dateline.store.db import StoreError

    if not feeds_file:  # with --watch the server fills a new database itself
        check_existing_db(context.db)
    check_port_free(host, port)
    watching = None

    def announce() -> None:  # the database is migrated: the watcher may start writing
        nonlocal watching
        if feeds_file:
            watching = start_background_watch(context, feeds_file)
        click.echo(f"Dateline is serving {Path(context.db).resolve()} at http://{host}:{port}/", err=True)

    try:
        run_server(context.db, host, port, private=private, kb_paths=context.kb,
                   secure_cookies=secure_cookies, workers=workers, announce=announce)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    finally:
        if watching:
            watching[0].set()
            watching[1].join(timeout=30)


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    for line in fit_table(header, rows):
        click.echo(line)
    click.echo(f"({len(rows)} rows)")


import dateline.cli_users  # noqa: E402,F401  (registers `user add` and `user list`)
import dateline.cli_watch  # noqa: E402,F401  (registers `watch` and `sources`)
# `dateline comments ...` lives in its own module.
from dateline.cli_comments import comments  # noqa: E402

main.add_command(comments)
