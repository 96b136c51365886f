"""The feeds file of `dateline watch`: `[[feed]]` tables with `url`, `outlet` and `interval`.

    host_delay = "2s"     # optional: least time between two requests to one host (default 2s)
    timeout = "20s"       # optional: how long one request may take (default 20s)

    [[feed]]
    url = "https://example.org/rss.xml"
    outlet = "Example Post"
    interval = "5m"
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


class WatchConfigError(ValueError):
    """A feeds file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class FeedSpec:
    url: str
    outlet: str | None
    interval: float  # seconds

    @property
    def host(self) -> str:
        return (urlsplit(self.url).netloc or "").lower()


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedSpec, ...]
    host_delay: float = 2.0
    timeout: float = 20.0


def parse_duration(value: object, what: str) -> float:
    """Reads "30s", "5m", "1h", "1d", "250ms" or a number of seconds; raises ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{what} must be a duration like \"30s\", \"5m\" or \"1h\"")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        match = _DURATION.match(value)
        if not match:
            raise ValueError(f"{what} {value!r} is not a duration like \"30s\", \"5m\" or \"1h\"")
        seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds < 0:
        raise ValueError(f"{what} cannot be negative")
    return seconds


def load_config(path: str | Path) -> WatchConfig:
    """Reads a feeds file; raises WatchConfigError naming the file and the problem."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise WatchConfigError(f"{name}: cannot be read ({error.strerror or error})") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WatchConfigError(f"{name}: is not valid TOML ({error})") from error
    try:
        return _config(data)
    except ValueError as error:
        raise WatchConfigError(f"{name}: {error}") from error


def _config(data: dict[str, object]) -> WatchConfig:
    unknown = set(data) - {"feed", "host_delay", "timeout"}
    if unknown:
        raise ValueError(f"unknown setting {sorted(unknown)[0]!r} (settings: feed, host_delay, timeout)")
    tables = data.get("feed")
    if not isinstance(tables, list) or not tables:
        raise ValueError("no [[feed]] table: give at least one feed with url, outlet and interval")
    feeds: list[FeedSpec] = []
    for number, table in enumerate(tables, start=1):
        if not isinstance(table, dict):
            raise ValueError(f"feed {number} is not a table")
        extra = set(table) - {"url", "outlet", "interval"}
        if extra:
            raise ValueError(f"feed {number}: unknown key {sorted(extra)[0]!r} (keys: url, outlet, interval)")
        url = table.get("url")
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")) \
                or not urlsplit(url).netloc:
            raise ValueError(f"feed {number}: url must be an http:// or https:// address")
        outlet = table.get("outlet")
        if outlet is not None and (not isinstance(outlet, str) or not outlet.strip()):
            raise ValueError(f"feed {number}: outlet must be a name")
        interval = parse_duration(table.get("interval", "15m"), f"feed {number}: interval")
        if interval <= 0:
            raise ValueError(f"feed {number}: interval must be more than zero")
        if any(feed.url == url for feed in feeds):
            raise ValueError(f"feed {number}: {url} is listed twice")
        feeds.append(FeedSpec(url, outlet.strip() if isinstance(outlet, str) else None, interval))
    return WatchConfig(tuple(feeds), parse_duration(data.get("host_delay", "2s"), "host_delay"),
                       parse_duration(data.get("timeout", "20s"), "timeout"))
