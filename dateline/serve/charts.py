"""Chart geometry for server-drawn SVG (no JavaScript needed): stacked bars by day, week or
month, and officials' tallies as a line against the ledger's own count."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

MAX_DAILY_BARS = 100      # up to this many days, one bar a day
MAX_WEEKLY_SPAN = 730     # up to this many days, one bar a week; past it, a month


@dataclass
class Segment:
    series: str
    count: int
    y: float
    height: float
    colour: str
    x: float = 0.0
    width: float = 0.0


@dataclass
class Bar:
    key: str          # first day of the bucket
    label: str        # "2024-01-28", "week of 2024-01-22", "2024-01"
    start: str
    end: str
    x: float
    width: float
    total: int
    segments: list[Segment] = field(default_factory=list)


@dataclass
class BarChart:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    bars: list[Bar]
    y_ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str, str]]  # (x, text, text-anchor)
    bucket: str
    series: list[tuple[str, str]]  # (name, colour) in legend order
    grouped: bool = False

    @property
    def period(self) -> str:
        """"day", "week" or "month": what one bar counts, for headings."""
        return self.bucket


def nice_ticks(maximum: float, count: int = 4) -> list[int]:
    """Returns round tick values from 0 to at least `maximum`."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = [0]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def _bucket_of(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def _bucket_end(start: date, bucket: str) -> date:
    if bucket == "week":
        return start + timedelta(days=6)
    if bucket == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


def stacked_bars(rows: list[tuple[str, str, int]], colours: dict[str, str], bucket: str | None = None,
                 width: int = 960, height: int = 260, fallback_colour: str = "#7f8c8d",
                 grouped: bool = False, min_bars: int = 1, max_bar_width: float = 64) -> BarChart:
    """Returns bars for (YYYY-MM-DD or YYYY-MM, series, count) rows: one bar per day, week or
    month between the first and the last (the period follows the span: see `bucket_for`; the
    caller may fix it), stacked by series in `colours` order, or side by side when `grouped`
    (series that count the same events twice, such as an actor's roles). Empty periods get empty
    bars so time reads evenly; at least `min_bars` periods are drawn, so a single one does not
    fill the width, and no bar is wider than `max_bar_width`."""
    left, top, bottom = 44, 10, 28
    days = [date.fromisoformat(r[0] if len(r[0]) == 10 else r[0] + "-01") for r in rows]
    series_names = [s for s in colours if any(r[1] == s for r in rows)]
    series_names += sorted({r[1] for r in rows} - set(series_names))
    if not rows:
        return BarChart(width, height, top, bottom, left, [], [(height - bottom, 0)], [], bucket or "day", [])
    first, last = min(days), max(days)
    if bucket is None:
        bucket = bucket_for(first, last)
    counts: dict[date, dict[str, int]] = {}
    for day, (_d, series, count) in zip(days, rows):
        slot = counts.setdefault(_bucket_of(day, bucket), {})
        slot[series] = slot.get(series, 0) + count
    keys = []
    cursor = _bucket_of(first, bucket)
    while cursor <= last:
        keys.append(cursor)
        cursor = _bucket_end(cursor, bucket) + timedelta(days=1)
    while len(keys) < min_bars:  # pad before and after, alternately
        if len(keys) % 2:
            keys.append(_bucket_end(keys[-1], bucket) + timedelta(days=1))
        else:
            keys.insert(0, _bucket_of(keys[0] - timedelta(days=1), bucket))
    plot_width, plot_height = width - left - 8, height - top - bottom
    if grouped:
        maximum = max(max(v.values()) for v in counts.values())
    else:
        maximum = max(sum(v.values()) for v in counts.values())
    ticks = nice_ticks(maximum)
    scale = plot_height / ticks[-1]
    step = plot_width / len(keys)
    bar_width = min(max(step - (1 if step > 3 else 0), 0.5), max_bar_width)
    bars = []
    for index, key in enumerate(keys):
        slot = counts.get(key, {})
        x = left + index * step + (step - bar_width) / 2
        bar = Bar(key=key.isoformat(), label=_label(key, bucket), start=key.isoformat(),
                  end=_bucket_end(key, bucket).isoformat(), x=round(x, 2),
                  width=round(bar_width, 2), total=sum(slot.values()))
        y: float = top + plot_height
        present = [name for name in series_names if slot.get(name)]
        for position, name in enumerate(series_names if grouped else present):
            count = slot.get(name, 0)
            if grouped:
                each = bar_width / len(series_names)
                if count:
                    bar.segments.append(Segment(name, count, round(top + plot_height - count * scale, 2),
                                                round(count * scale, 2), colours.get(name, fallback_colour),
                                                x=round(x + position * each, 2), width=round(max(each - 1, 0.5), 2)))
                continue
            h = count * scale
            y -= h
            bar.segments.append(Segment(name, count, round(y, 2), round(h, 2),
                                        colours.get(name, fallback_colour), x=bar.x, width=bar.width))
        bars.append(bar)
    y_ticks = [(round(top + plot_height - t * scale, 2), t) for t in ticks]
    every = max(1, -(-len(bars) // 8))
    x_labels = []
    for b in bars[::every]:
        centre = b.x + b.width / 2
        text = b.label.replace("week of ", "")
        half = len(text) * 3.3  # about half the text's width at the chart's tick size
        anchor = "end" if centre + half > width - 4 else "start" if centre - half < left - 30 else "middle"
        x_labels.append((round(width - 4 if anchor == "end" else b.x if anchor == "start" else centre, 2),
                         text, anchor))
    legend = [(name, colours.get(name, fallback_colour)) for name in series_names]
    return BarChart(width, height, top, bottom, left, bars, y_ticks, x_labels, bucket, legend, grouped)


def bucket_for(first: date, last: date) -> str:
    """Returns the period of one bar for a span: a day up to about three months, a week up to
    about two years, else a month (so that a bar stays a few pixels wide or more)."""
    span = (last - first).days
    if span < MAX_DAILY_BARS:
        return "day"
    if span < MAX_WEEKLY_SPAN:
        return "week"
    return "month"


def _label(day: date, bucket: str) -> str:
    if bucket == "week":
        return f"week of {day.isoformat()}"
    if bucket == "month":
        return day.strftime("%Y-%m")
    return day.isoformat()


@dataclass
class LinePoint:
    x: float
    y: float
    value: float
    label: str


@dataclass
class LineChart:
    title: str
    width: int
    height: int
    left: int
    top: int
    bottom: int
    lines: list[tuple[str, str, list[LinePoint]]]   # (name, colour, points)
    y_ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str, str]]   # (x, text, text-anchor)
    rows: list[dict[str, Any]]


def tally_chart(title: str, points: list[dict[str, Any]], width: int = 640, height: int = 220) -> LineChart:
    """Returns a line chart of one tally series: the officials' figure and the ledger's count,
    by `as_of` date. `points` are dicts with as_of, value, ledger_count (and anything else)."""
    left, top, bottom = 44, 12, 28
    dated = [p for p in points if p.get("as_of")]
    days = [date.fromisoformat(p["as_of"]) for p in dated]
    if not dated:
        return LineChart(title, width, height, left, top, bottom, [], [], [], points)
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot_width, plot_height = width - left - 12, height - top - bottom
    maximum = max(max(float(p["value"]), float(p["ledger_count"])) for p in dated)
    ticks = nice_ticks(maximum)
    scale = plot_height / ticks[-1]

    def x_of(day: date) -> float:
        if first == last:
            return left + plot_width / 2
        return round(left + (day - first).days / span * plot_width, 2)

    official, ledger = [], []
    for day, point in sorted(zip(days, dated), key=lambda item: item[0]):
        x = x_of(day)
        official.append(LinePoint(x, round(top + plot_height - float(point["value"]) * scale, 2),
                                  float(point["value"]), f"{point['as_of']}: {point.get('qualifier', '')} "
                                  f"{point['value']:g} ({point.get('attributed_to') or 'the outlet'})"))
        ledger.append(LinePoint(x, round(top + plot_height - float(point["ledger_count"]) * scale, 2),
                                float(point["ledger_count"]),
                                f"{point['as_of']}: Dateline counted {point['ledger_count']}"))
    y_ticks = [(round(top + plot_height - t * scale, 2), t) for t in ticks]
    x_labels = [(x_of(first), first.isoformat(), "start" if last != first else "middle")]
    if last != first:
        x_labels.append((x_of(last), last.isoformat(), "end"))
    lines = [("official tally", "#c0392b", official), ("events Dateline counted", "#2e86c1", ledger)]
    return LineChart(title, width, height, left, top, bottom, lines, y_ticks, x_labels, points)
