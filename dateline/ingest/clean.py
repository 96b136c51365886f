"""Article text without page furniture: general rules by position, shape and repetition.

A captured page is a headline, a header (section label, date, outlet, byline, font controls,
a photo caption), the body, and an after-article zone (related stories, comment policy and form).
The rules here are about the shape and place of lines, with the patterns in `furniture.toml`;
kept lines are never edited, because downstream quotes must be exact substrings of the source.
"""
from __future__ import annotations

import enum
import functools
import html
import math
import os
import re
import tomllib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dateline.ingest.dateline_header import starts_with_dateline

RULES_ENVIRONMENT = "DATELINE_FURNITURE"

# A paragraph of the article body has a sentence end and some length, or opens with a dateline.
PARAGRAPH_MIN_WORDS = 8
# Lines above the body this long are a standfirst (deck), kept; shorter ones are page furniture.
DECK_MIN_WORDS = 12
HEADLINE_WORDS = (3, 25)
# Headlines listed after a navigation label ("Next Article") are short.
LISTED_HEADLINE_MAX_WORDS = 20
BYLINE_MAX_WORDS = 12
# A line of one or two words without a sentence end is a label (section, widget, button).
SHORT_LINE_MAX_WORDS = 2
CAPTION_MAX_WORDS = 80
INLINE_LABEL_MAX_WORDS = 30

_HAS_WORD = re.compile(r"[^\W\d_]{3,}")
# A capture tool's metadata stamp at the very top of a page (" date 2024-01-21 The US …"): it
# dates the capture (the publication, when nothing else does), never an event told after it.
_CAPTURE_STAMP = re.compile(r"\A\s*date\s+(?:19|20)\d{2}-[01]\d-[0-3]\d(?![\d:])[ \t]*")
# A sentence end inside a line: ". No fatalities reported" (a report whose last sentence has no
# full stop still has a first one).
_INNER_STOP = re.compile(r"[.!?][\"'”’)]?\s+[A-Z0-9“\"]")
# Marks closing a sentence, and what may follow them at the end of a line (quotes, brackets).
_FULL_STOPS = ".:;…"
_CLOSERS = "\"'”’»)]"
# A caption credit sits at the very end of a line; long lines are searched in their tail only.
_CREDIT_TAIL = 160
_SHARE_SEPARATORS = re.compile(r"\s*[|•·/,]\s*|\s+")


class Kind(enum.Enum):
    TEXT = "text"
    FURNITURE = "furniture"
    CAPTION = "caption"
    BYLINE = "byline"
    NAVIGATION = "navigation"
    END = "end"
    FORM = "form"


@dataclass(frozen=True)
class FurnitureRules:
    """The compiled patterns of `furniture.toml` and the user's extension files."""

    line: re.Pattern[str]
    share_words: frozenset[str]
    caption_prefix: re.Pattern[str]
    caption_suffix: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]
    navigation: re.Pattern[str]
    navigation_inline: re.Pattern[str]
    end: re.Pattern[str]
    form: re.Pattern[str]
    policy: re.Pattern[str]


@dataclass
class CleanedText:
    """The body as paragraphs joined by blank lines, with what was learned from the furniture."""

    text: str
    title: str | None
    author: str | None
    removed_lines: int
    # The lines above the body (dates, bylines, captions): where a page prints its date.
    header: list[str]
    # The page up to the after-article zone, furniture included: captions can date a page.
    scan_text: str


def load_rules(paths: Sequence[str | Path] = ()) -> FurnitureRules:
    """Returns the shipped rules extended by the TOML files in `paths`; raises ValueError if bad."""
    tables: dict[str, dict[str, list[str]]] = {}
    sources = [resources.files("dateline.ingest") / "furniture.toml", *(Path(p) for p in paths)]
    for source in sources:
        try:
            data = tomllib.loads(source.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{source}: cannot read furniture rules ({error})") from error
        for table, entries in data.items():
            if not isinstance(entries, dict):
                raise ValueError(f"{source}: [{table}] must be a table of lists")
            for name, values in entries.items():
                if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                    raise ValueError(f"{source}: [{table}] {name} must be a list of strings")
                tables.setdefault(table, {}).setdefault(name, []).extend(values)

    def patterns(table: str, name: str) -> list[str]:
        return tables.get(table, {}).get(name, [])

    def compile_any(alternatives: list[str], template: str = "(?:{})") -> re.Pattern[str]:
        body = "|".join(f"(?:{p})" for p in alternatives) or "(?!)"
        try:
            return re.compile(template.format(body), re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"furniture rules: bad regular expression ({error})") from error

    labels = patterns("navigation", "labels")
    return FurnitureRules(
        line=compile_any(patterns("line", "patterns")),
        share_words=frozenset(w.lower() for w in patterns("share", "words")),
        caption_prefix=compile_any(patterns("caption", "prefixes")),
        caption_suffix=compile_any(patterns("caption", "suffixes"), "(?:{})$"),
        bylines=tuple(compile_any([p]) for p in patterns("byline", "patterns")),
        navigation=compile_any(labels, r"(?:{})\s*[:»›>|]?"),
        navigation_inline=compile_any(labels, r"(?:{})\s*[:»›>|]\s*\S.*"),
        end=compile_any(patterns("end", "labels"), r"(?:{})\s*[:»›>|]?"),
        form=compile_any(patterns("form", "patterns")),
        policy=compile_any(patterns("policy", "words")),
    )


@functools.cache
def default_rules() -> FurnitureRules:
    """Returns the shipped rules plus the files named in $DATELINE_FURNITURE, read once."""
    extra = [p for p in os.environ.get(RULES_ENVIRONMENT, "").split(os.pathsep) if p.strip()]
    return load_rules(extra)


def line_key(line: str) -> str:
    """Returns a line as compared between lines and pages: inner whitespace runs made one space."""
    return " ".join(line.split())


def classify(key: str, rules: FurnitureRules) -> Kind:
    """Returns what a line (given as its `line_key`) is by its shape alone."""
    if not _HAS_WORD.search(key):
        return Kind.FURNITURE  # "A+ A-", "|", "09-02-2024", "1/5": no word at all
    words = key.count(" ") + 1
    if rules.end.fullmatch(key):
        return Kind.END
    if rules.navigation.fullmatch(key):
        return Kind.NAVIGATION
    if words <= INLINE_LABEL_MAX_WORDS and rules.navigation_inline.fullmatch(key):
        return Kind.FURNITURE  # "Read more: <headline>" on one line
    if rules.form.fullmatch(key):
        return Kind.FORM
    if rules.line.fullmatch(key):
        return Kind.FURNITURE
    if words <= 8 and all(token in rules.share_words
                          for token in _SHARE_SEPARATORS.split(key.lower()) if token):
        return Kind.FURNITURE
    if words <= CAPTION_MAX_WORDS and (rules.caption_prefix.match(key)
                                       or rules.caption_suffix.search(_tail(key))):
        return Kind.CAPTION
    if (words <= BYLINE_MAX_WORDS and not ends_sentence(key, _FULL_STOPS)
            and byline_name(key, rules)):
        return Kind.BYLINE
    if words <= SHORT_LINE_MAX_WORDS and not ends_sentence(key):
        return Kind.FURNITURE  # "Iraq", "Opinion", "Watch live": labels, not sentences
    return Kind.TEXT


def byline_name(key: str, rules: FurnitureRules) -> str | None:
    """Returns the author named by a byline line, or None when the line is not a byline."""
    for pattern in rules.bylines:
        found = pattern.fullmatch(key)
        if found and found.groupdict().get("name"):
            name = found.group("name").strip(" ,-")
            if 1 <= len(name.split()) <= 6:
                return name
    return None


def ends_sentence(key: str, marks: str = _FULL_STOPS + "!?") -> bool:
    """Tells whether a line ends with one of the sentence marks, maybe followed by quotes."""
    stripped = key.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in marks


def _tail(key: str) -> str:
    """Returns the end of a long line; the leading space keeps `^` in patterns from matching."""
    return key if len(key) <= _CREDIT_TAIL else " " + key[-_CREDIT_TAIL:]


def is_headline(key: str, min_words: int = HEADLINE_WORDS[0],
                max_words: int = HEADLINE_WORDS[1]) -> bool:
    """Tells whether a line has the shape of a headline: a few words, no full stop at the end."""
    words = key.count(" ") + 1
    return min_words <= words <= max_words and not ends_sentence(key, _FULL_STOPS)


def is_paragraph(key: str) -> bool:
    """Tells whether a line reads as a body paragraph: long enough and ending a sentence."""
    if starts_with_dateline(key):
        return True
    return key.count(" ") + 1 >= PARAGRAPH_MIN_WORDS and (
        ends_sentence(key) or _INNER_STOP.search(key) is not None)


# Paragraph markup left in a captured text ("…said.</p><p>The ambush…"): each block is a line.
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|h[1-6]|blockquote|tr|table)\b[^<>]{0,300}>", re.I)
_INLINE_TAG = re.compile(r"<\s*/?\s*(?:span|a|b|i|em|strong|font|u|small|sup|sub)\b[^<>]{0,300}>", re.I)
_ENTITY = re.compile(r"&(?:nbsp|amp|quot|apos|lt|gt|#\d{1,6}|#x[0-9a-fA-F]{1,5});")


def markup_as_lines(text: str) -> str:
    """A text that still holds HTML markup, read as text: block tags end lines, inline tags and
    entities go (`&nbsp;` is a space). A text with no block tag is returned as it is."""
    if not _BLOCK_TAG.search(text):
        return text
    text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", text))
    return _ENTITY.sub(lambda m: " " if m.group() == "&nbsp;" else html.unescape(m.group()), text)


def clean_text(text: str, *, title: str | None = None, outlet: str | None = None,
               known_lines: Collection[str] = (), capture: bool = True,
               rules: FurnitureRules | None = None) -> CleanedText:
    """Returns the article body of a page capture (or extracted HTML text) without its furniture.

    `capture` is True for a whole page captured as text: the header zone is then read for the
    headline, which becomes the title when `title` is not given. Text already extracted from
    HTML has no header, so only the line rules, the after-article zone and repetition apply.
    `known_lines` are lines this outlet repeats on many pages (see `learn_outlet_lines`).
    """
    rules = rules or default_rules()
    stamp = _CAPTURE_STAMP.match(text)
    stamp_line = [stamp.group().strip()] if stamp else []
    if stamp:
        text = text[stamp.end():]
    text = markup_as_lines(text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    keys = [line_key(line) for line in lines]
    kinds = [classify(key, rules) for key in keys]
    cut = _after_article_start(keys, kinds, rules)

    title_index: int | None = None
    body_start = 0
    if capture:
        first_paragraph = next((i for i in range(cut)
                                if kinds[i] is Kind.TEXT and is_paragraph(keys[i])), None)
        header_end = first_paragraph if first_paragraph is not None else min(cut, 3)
        title_index = _headline_index(keys, kinds, header_end, outlet)
        if title is None and title_index is not None:
            title = lines[title_index]
        body_start = header_end if first_paragraph is not None else (
            title_index + 1 if title_index is not None else 0)

    author = next((byline_name(keys[i], rules) for i in range(cut) if kinds[i] is Kind.BYLINE),
                  None)
    known = {line_key(line) for line in known_lines}
    title_key = line_key(title) if title else None
    seen: set[str] = set()
    kept: list[str] = []
    removed = 0
    after_navigation = False
    for index in range(cut):
        key, kind = keys[index], kinds[index]
        if index == title_index or key == title_key:
            continue  # the headline is the title, not body text (and not furniture either)
        if index < body_start:
            # Above the body only a long standfirst is article text.
            keep = kind is Kind.TEXT and key.count(" ") + 1 >= DECK_MIN_WORDS
        elif kind is Kind.NAVIGATION:
            keep, after_navigation = False, True
        elif after_navigation and kind is Kind.TEXT and is_headline(
                key, 2, LISTED_HEADLINE_MAX_WORDS):
            keep = False  # a story listed under "Related" or "Next Article"
        else:
            # A date or a share row inside a list of stories does not end the list.
            after_navigation = after_navigation and kind is not Kind.TEXT
            keep = kind is Kind.TEXT and key not in known
        if keep and key in seen:
            keep = False  # a paragraph repeated within the page is kept once
        if keep:
            seen.add(key)
            kept.append(lines[index])
        else:
            removed += 1
    removed += len(lines) - cut
    if not kept and capture:
        # A short report ("Syrian warplanes bombed the town of Sukayk with no fatalities
        # reported") has no full stop and no headline: its sentence lines are the body.
        kept = [lines[i] for i in range(cut) if kinds[i] is Kind.TEXT
                and keys[i].count(" ") + 1 >= PARAGRAPH_MIN_WORDS and keys[i] not in known]
        if kept:
            removed -= len(kept) - (1 if title_index is not None and lines[title_index] in kept else 0)
            if title_index is not None and lines[title_index] in kept and title == lines[title_index]:
                title = None
    return CleanedText(text="\n\n".join(kept), title=title, author=author, removed_lines=removed,
                       header=stamp_line + lines[:body_start],
                       scan_text="\n".join(stamp_line + lines[:cut]))


def _after_article_start(keys: list[str], kinds: list[Kind], rules: FurnitureRules) -> int:
    """Returns the index of the first line after the article (comments, related stories), or len."""
    count = len(keys)
    # tail[i]: every line from i on could belong to an after-article zone. Filled from the end
    # up to the last line of article text; everything above it is False.
    tail = [False] * count + [True]
    for i in range(count - 1, -1, -1):
        if not (kinds[i] is not Kind.TEXT or is_headline(keys[i], 1, LISTED_HEADLINE_MAX_WORDS)
                or rules.policy.search(keys[i]) is not None):
            break
        tail[i] = True
    words_after = sum(key.count(" ") + 1 for key, kind in zip(keys, kinds, strict=True)
                      if kind is Kind.TEXT)
    words_before = 0
    for i in range(count):
        # A comment-section label closes the article when most of the text is above it, or when
        # nothing below it reads as article text; a navigation label only in that case, because
        # "Related" boxes also sit in the middle of a body.
        if kinds[i] in (Kind.END, Kind.NAVIGATION) and (
                tail[i + 1] or (kinds[i] is Kind.END and words_before >= words_after)):
            return i
        if kinds[i] is Kind.TEXT:
            words = keys[i].count(" ") + 1
            words_before += words
            words_after -= words
    return count


def _headline_index(keys: list[str], kinds: list[Kind], header_end: int,
                    outlet: str | None) -> int | None:
    """Returns the index of the headline among the header lines, or None when there is none."""
    outlet_key = line_key(outlet).casefold() if outlet else None
    candidates = [i for i in range(header_end)
                  if kinds[i] is Kind.TEXT and is_headline(keys[i])
                  and keys[i].casefold() != outlet_key]
    # A section label or site name ("Iraq", "Rudaw English") is shorter than a headline.
    return next((i for i in candidates if keys[i].count(" ") + 1 >= 4),
                candidates[0] if candidates else None)


def learn_outlet_lines(texts: Iterable[str], min_articles: int = 3, min_share: float = 0.5,
                       max_words: int = 15) -> frozenset[str]:
    """Returns the short lines found in `min_share` of an outlet's pages, and in 3 pages or more.

    Long paragraphs are left out on purpose: an outlet repeats background paragraphs ("Around
    2,500 US troops are in Iraq...") across its stories, and those are article text, not furniture.
    """
    counts: Counter[str] = Counter()
    pages = 0
    for text in texts:
        pages += 1
        counts.update({key for line in text.splitlines()
                       if (key := line_key(line)) and key.count(" ") + 1 <= max_words})
    needed = max(min_articles, math.ceil(min_share * pages))
    return frozenset(key for key, count in counts.items() if count >= needed)
