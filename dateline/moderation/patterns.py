"""The policy's sentence patterns (data/patterns.toml), compiled against the lexicon, and the
evidence they find in a comment."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.moderation.lexicon import Lexicon
from dateline.moderation.normalise import Normalised

_CLASS = re.compile(r"\{(\w+)\}")
_NAMED = re.compile(r"\(\?P<\w+>")
# How far back `unless_before` looks for reported speech ("protesters chanted ...").
_LOOKBACK = 60
# Reasons whose sentence patterns do not count inside quotation marks.
_MENTIONABLE = ("threat", "personal_attack", "abuse")


@dataclass(frozen=True)
class Evidence:
    """One reason found in a comment: by which rule, how strongly, and where."""

    reason: str
    sub: str | None
    score: float
    rule: str
    start: int
    end: int


@dataclass(frozen=True)
class Pattern:
    """A compiled pattern. `on` is "text" (the comment as read) or "raw" (as typed)."""

    name: str
    reason: str
    sub: str | None
    score: float
    score_alone: float
    needs: str | None
    on: str
    regex: re.Pattern[str]
    unless_before: re.Pattern[str] | None
    opens_sentence: bool = False
    body: str = ""  # the regex inside the whole-word guards (patterns on "text")


class PatternError(Exception):
    """A pattern file names a class that does not exist or holds a regex that does not compile."""


class PatternSet:
    """All patterns, and the identity groups with the abuse sub-reason each belongs to."""

    def __init__(self, patterns: list[Pattern], group_subs: dict[str, str]) -> None:
        self.patterns = patterns
        self.group_subs = group_subs
        # One regex matching wherever any pattern on the text would: most comments match none,
        # and one pass over them costs half of the fifty (the same matches are found after it).
        bodies = [_NAMED.sub("(?:", pattern.body) for pattern in patterns if pattern.on == "text"]
        self._any_text = re.compile(r"(?<![\w'])(?:" + "|".join(
            rf"(?:{body})(?![\w'])" for body in bodies) + ")") if bodies else None

    def find(self, reading: Normalised) -> list[Evidence]:
        """Returns the evidence every pattern finds in a comment, with spans in the original."""
        matched: dict[str, list[tuple[Pattern, re.Match[str]]]] = {}
        starts = reading.sentence_starts
        on_text = self._any_text is not None and self._any_text.search(reading.text) is not None
        for pattern in self.patterns:
            if pattern.on == "text" and not on_text:
                continue
            subject = reading.text if pattern.on == "text" else reading.original
            for match in pattern.regex.finditer(subject):
                if pattern.unless_before is not None and pattern.unless_before.search(
                        subject[max(0, match.start() - _LOOKBACK):match.start()]):
                    continue
                if pattern.opens_sentence and match.start() not in starts:
                    continue
                if pattern.on == "text" and pattern.reason in _MENTIONABLE and \
                        reading.quoted(*reading.span(match.start(), match.end())):
                    continue  # quoted, not said: "people who post 'kill them all' ..."
                matched.setdefault(pattern.name, []).append((pattern, match))
        found = []
        for matches in matched.values():
            for pattern, match in matches:
                score = pattern.score
                if pattern.needs is not None and pattern.needs not in matched:
                    score = pattern.score_alone
                if score <= 0:
                    continue
                if pattern.on == "text":
                    start, end = reading.span(match.start(), match.end())
                else:
                    start, end = match.span()
                found.append(Evidence(pattern.reason, self._sub(pattern, match), score,
                                      pattern.name, start, end))
        return found

    def _sub(self, pattern: Pattern, match: re.Match[str]) -> str | None:
        if pattern.sub is not None or pattern.reason != "abuse":
            return pattern.sub
        for key, value in match.groupdict().items():
            if key.startswith("group") and value:
                return self.group_subs.get(value, "other")
        return "other"


def load_patterns(lexicon: Lexicon, path: Path | None = None) -> PatternSet:
    """Returns the patterns in `path` (default: the shipped data/patterns.toml)."""
    if path is None:
        text = (resources.files("dateline.moderation") / "data" / "patterns.toml").read_text(
            encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    classes: dict[str, str] = {name: _alternation(items) for name, items in data["classes"].items()}
    classes["insult"] = _alternation(lexicon.insult_parts())
    classes["insult_noun"] = _alternation(lexicon.insult_parts(naming_only=True))
    classes["insult_strong"] = _alternation(lexicon.insult_parts(min_score=0.5))
    group_subs = {word: sub for sub, words in data["groups"].items() for word in words}
    # Each {group} becomes its own named group (group0, group1, ...) so the sub-reason can be read
    # from whichever matched.
    classes["group"] = _alternation(list(group_subs))
    patterns = [_compile(entry, classes) for entry in data["pattern"]]
    return PatternSet(patterns, group_subs)


def _alternation(items: list[str]) -> str:
    # Longest first, so "you guys are" wins over "you".
    return "(?:" + _factored(sorted(items, key=len, reverse=True)) + ")"


def _factored(items: list[str], depth: int = 0) -> str:
    """Returns the alternation of `items` (regexes, in order) with the ones that open on the same
    plain letter grouped under it, a few letters deep: "idiot|imbecile|moron" becomes
    "i(?:diot|mbecile)|moron". It matches the same strings, and the engine drops a whole group on
    its first letter instead of trying hundreds of words one by one at every word start (the
    insult classes hold about 2,000). Items opening otherwise (a group, a class, a `w*`) keep
    their place after the grouped ones; none can match where another group's letter is."""
    if depth >= 4 or len(items) < 4:
        return "|".join(items)
    heads: dict[str, list[str]] = {}
    others: list[str] = []
    for item in items:
        if item and (item[0].isalnum() or item[0] in " '") and \
                (len(item) == 1 or item[1] not in "?*+{") and _no_top_level_bar(item):
            heads.setdefault(item[0], []).append(item[1:])
        else:
            others.append(item)
    parts = []
    for head, rests in heads.items():
        if len(rests) == 1:
            parts.append(head + rests[0])
        else:
            parts.append(head + "(?:" + _factored(rests, depth + 1) + ")")
    return "|".join(parts + others)


def _no_top_level_bar(item: str) -> bool:
    depth, escaped = 0, False
    for char in item:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return depth == 0


def _expand(template: str, classes: dict[str, str], name: str) -> str:
    groups = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal groups
        key = match.group(1)
        if key.isdigit():
            return match.group(0)  # a regex repetition such as {2}
        if key not in classes:
            raise PatternError(f"pattern {name!r} uses an unknown class {{{key}}}")
        if key == "group":
            groups += 1
            return f"(?P<group{groups - 1}>{classes[key]})"
        return classes[key]
    return _CLASS.sub(replace, template)


def _compile(entry: dict[str, Any], classes: dict[str, str]) -> Pattern:
    name = str(entry["name"])
    on = str(entry.get("on", "text"))
    inner = body = _expand(str(entry["regex"]), classes, name)
    if on == "text":
        # Whole words only: the reading is lower-case words joined by single spaces.
        body = r"(?<![\w'])(?:" + body + r")(?![\w'])"
    unless = entry.get("unless_before")
    try:
        regex = re.compile(body)
        unless_regex = re.compile(_expand(str(unless), classes, name)) if unless else None
    except re.error as error:
        raise PatternError(f"pattern {name!r} does not compile: {error}") from error
    return Pattern(name=name, reason=str(entry["reason"]), sub=entry.get("sub"),
                   score=float(entry["score"]), score_alone=float(entry.get("score_alone", 0.0)),
                   needs=entry.get("needs"), on=on, regex=regex, unless_before=unless_regex,
                   opens_sentence=bool(entry.get("opens_sentence", False)),
                   body=inner if on == "text" else "")
