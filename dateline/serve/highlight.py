"""Marks the words a record was read from: inside a quote (event page) and across an article's
text (article page), escaped first so that nothing in the text becomes markup."""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    record_id: str
    kind: str           # event, tally, statement
    label: str          # the fields these words gave
    is_quote: bool = False


def find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Returns every (start, end) where `needle` occurs in `text`, ignoring case and how
    whitespace and quote marks are written."""
    words = [re.sub(r"['’]", "['’]", re.escape(w)) for w in needle.split()]
    if not words:
        return []
    pattern = r"\s+".join(words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def highlight_quote(quote: str, spans: dict[str, str]) -> Markup:
    """Returns the quote with the words of each field (`{field: words}`) in <mark> elements."""
    marks = []
    for field_name, words in spans.items():
        for start, end in find_all(quote, words)[:1]:
            marks.append(Mark(start, end, "", "", field_name))
    return _render(quote, marks, link=False)


def _render(text: str, marks: list[Mark], link: bool) -> Markup:
    """Splits the text at every mark boundary and wraps each piece in what covers it: the
    narrowest field mark (a link to its record when `link`), else the quote it belongs to."""
    if not marks:
        return Markup(escape(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        piece = str(escape(text[start:end]))
        covering = [m for m in marks if m.start <= start and end <= m.end]
        words = [m for m in covering if not m.is_quote]
        quotes = [m for m in covering if m.is_quote]
        if words:
            narrowest = min(words, key=lambda m: m.end - m.start)
            labels = sorted({m.label for m in words})
            title = escape(", ".join(labels))
            if link:
                out.append(f'<a class="hl hl-{narrowest.kind}" href="/records/{escape(narrowest.record_id)}"'
                           f' title="{title} ({escape(narrowest.record_id)})">{piece}</a>')
            else:
                out.append(f'<mark title="{title}">{piece}</mark>')
        elif quotes:
            record = quotes[0]
            out.append(f'<span class="hl-quote" data-record="{escape(record.record_id)}"'
                       f' title="read into {escape(record.record_id)}">{piece}</span>')
        else:
            out.append(piece)
    return Markup("".join(out))


def highlight_article(text: str, readings: list[tuple[str, str, list[str], dict[str, str]]]) -> tuple[Markup, int]:
    """Returns the article text with every extracted span marked and linked to its record, and
    how many quotes were found in it. `readings` are (record id, kind, quotes, {field: words})."""
    marks: list[Mark] = []
    found = 0
    for record_id, kind, quotes, spans in readings:
        for quote in quotes:
            places = find_all(text, quote)
            if not places:
                continue
            found += 1
            q_start, q_end = places[0]
            marks.append(Mark(q_start, q_end, record_id, kind, "quote", is_quote=True))
            sentence = text[q_start:q_end]
            for field_name, words in spans.items():
                for start, end in find_all(sentence, words)[:1]:
                    marks.append(Mark(q_start + start, q_start + end, record_id, kind, field_name))
    return _render(text, marks, link=True), found
