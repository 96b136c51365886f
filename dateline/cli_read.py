"""What the read commands (`summary`, `events`, `serve`, ...) share: refusing a database file that
is not there, global options given after the command, the review-aware event list with the web
table's filters, and tables that fit the terminal."""
from __future__ import annotations

import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# Options of the `dateline` group that a user may type after the command (`dateline show X --db f`).
GLOBAL_OPTIONS = ("--db", "--kb")


class GlobalOptionsAnywhere(click.Group):
    """A group that accepts its own options (--db, --kb) after the command name too, by moving
    them before it: `dateline show X --db f` reads as `dateline --db f show X`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, move_global_options(args))


def move_global_options(args: list[str]) -> list[str]:
    """Returns `args` with every --db/--kb option that follows the command moved to the front."""
    command_at = _command_index(args)
    if command_at is None:
        return args
    head, tail = list(args[:command_at]), list(args[command_at:])
    moved: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(tail):
        item = tail[index]
        if item == "--":
            rest.extend(tail[index:])
            break
        if item in GLOBAL_OPTIONS and index + 1 < len(tail):
            moved.extend(tail[index:index + 2])
            index += 2
            continue
        if item.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in item:
            moved.append(item)
            index += 1
            continue
        rest.append(item)
        index += 1
    return head + moved + rest


def _command_index(args: list[str]) -> int | None:
    index = 0
    while index < len(args):
        item = args[index]
        if item in GLOBAL_OPTIONS:
            index += 2
        elif item.startswith("-"):
            index += 1
        else:
            return index
    return None


def check_existing_db(path: str) -> None:
    """Refuses a database path a read command cannot read: missing, or a folder."""
    target = Path(path)
    if target.is_dir():
        raise click.ClickException(f"--db {path}: is a folder, not a database file"
                                   " (give the .db file, e.g. --db ledger.db)")
    if not target.exists():
        raise click.ClickException(f"--db {path}: no such database file (check the name;"
                                   " `dateline --db FILE ingest ...` creates one)")


def check_port_free(host: str, port: int) -> None:
    """Refuses to start when another program already listens on host:port."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise click.ClickException(f"port {port} on {host} is in use by another program:"
                                           f" stop it or choose another port, e.g. --port {port + 1}") from error
            raise click.ClickException(f"cannot listen on {host}:{port}: {error.strerror}") from error


# -- events as a table ------------------------------------------------------------------------

def filter_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """The web table's filters as options: period, country, province, actor, type, words, status."""
    options = [
        click.option("--from", "date_from", metavar="DATE", help="Events on or after this day (YYYY-MM-DD)."),
        click.option("--to", "date_to", metavar="DATE", help="Events on or before this day (YYYY-MM-DD or YYYY-MM)."),
        click.option("--country", help="Only events in this country."),
        click.option("--province", help="Only events in this province (admin1)."),
        click.option("--actor", help="Only events with this actor or target (knowledge-base aliases and acronyms work)."),
        click.option("--type", "event_type", help="Only events of this ACLED event type."),
        click.option("--text", "-q", help="Only events whose notes, quotes or places have these words."),
        click.option("--status", type=click.Choice(["all", "unreviewed", "confirmed", "corrected", "rejected"]),
                     help="Only events at this review status (default: all but rejected)."),
        click.option("--include-rejected", is_flag=True, help="List rejected events too (same as --status all)."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def event_filter(values: dict[str, Any], resolve_actor: Callable[[str], str | None]) -> Any:
    """Returns the EventFilter the options ask for (a bad date or status named in the error)."""
    from dateline.store.ledger_queries import EventFilter, QueryError

    status = values.get("status")
    if values.get("include_rejected") and status is None:
        status = "all"
    actor = values.get("actor")
    if actor:
        actor = resolve_actor(actor) or actor
    params = {"from": values.get("date_from"), "to": values.get("date_to"), "country": values.get("country"),
              "province": values.get("province"), "actor": actor, "type": values.get("event_type"),
              "q": values.get("text"), "status": status}
    try:
        return EventFilter.from_params(params)
    except QueryError as error:
        message = str(error)
        for name in ("from", "to", "status"):  # the web's parameter names, as the options are typed here
            if message.startswith((f"{name}=", f"{name} ")):
                message = f"--{name} " + message[len(name):].lstrip("= ")
        raise click.ClickException(message) from error


def event_table(rows: list[Any]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Returns the header and cells of the events table (review status included)."""
    header = ("id", "date", "type", "actor1", "actor2", "place", "killed", "injured", "sources", "review")
    table = [(r.record_id, r.event_date or "?", r.sub_event_type or r.event_type or "?", r.actor1 or "-",
              r.actor2 or "-", r.location or r.admin1 or r.country or "-", _num(r.fatalities),
              _num(r.injured), str(r.source_count), r.status or "unreviewed") for r in rows]
    return header, table


def fit_table(header: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None = None,
              shrinkable: tuple[str, ...] = ("type", "actor1", "actor2", "place", "title", "quote",
                                             "speaker", "metric", "outlet")) -> list[str]:
    """Returns the table's lines, the text columns clipped (widest first) so that each line fits
    `width` characters (the terminal's width when None; nothing clipped when not a terminal)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    if width is None:
        width = shutil.get_terminal_size((10_000, 24)).columns
    floor = 5
    while sum(widths) + 2 * (len(widths) - 1) > width:
        candidates = [i for i, h in enumerate(header) if h in shrinkable and widths[i] > floor]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
    lines = ["  ".join(h.ljust(w)[:w] for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in rows:
        lines.append("  ".join(clip(c, w).ljust(w) for c, w in zip(row, widths)).rstrip())
    return lines


def clip(text: str, width: int) -> str:
    """Returns `text`, cut to `width` characters with an ellipsis when it is longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)
