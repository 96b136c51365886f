"""The policy's word lists (data/lexicon.toml): which listed word a token spells, under which
reason, how strongly. Matching tolerates stretching ("fuuuck") and masks ("f**k")."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# Endings tried when a masked token ("f*cking") is compared with a listed stem ("fuck*").
_STRETCH = re.compile(r"(.)\1{2,}")
# Longer tokens are no listed word (the longest, with an ending, is under 30 letters).
_LONGEST = 40
# Remembered token matches (see Lexicon.match): bounded, emptied when full.
_CACHE_LIMIT = 100_000
_ENDINGS = ("", "s", "es", "ed", "er", "ers", "ing", "in", "y", "head", "heads", "face", "hole",
            "wit", "tard")


@dataclass(frozen=True)
class Entry:
    """One listed word: `stem` with how it may extend (exact, prefix, suffix or contains)."""

    stem: str
    kind: str
    reason: str
    sub: str | None
    score: float
    insult: bool
    also: str | None = None

    def samples(self) -> list[str]:
        """Returns spellings of the entry, for comparing masked tokens against."""
        if self.kind == "exact":
            return [self.stem]
        return [self.stem + ending for ending in _ENDINGS]

    def insult_regex(self) -> str:
        """Returns a regex for the entry as a noun in a sentence ("you fuckers", "idiots")."""
        stem = re.escape(self.stem)
        if self.kind == "exact":
            return stem
        if self.kind == "prefix":
            return stem + r"(?:s|es|ers?|ed|y|ies|heads?|faces?|wits?|tards?|holes?|bags?)?"
        if self.kind == "suffix":
            return r"\w*" + stem
        return r"\w*" + stem + r"\w*"


@dataclass(frozen=True)
class Hit:
    """A token that spells a listed word."""

    entry: Entry
    word: str


_RUN = re.compile(r"(.)\1+")


def _collapse(text: str) -> str:
    """Returns the text with every run of one character made one ("fuuck" gives "fuck")."""
    return _RUN.sub(r"\1", text)


def _stretchable(stem: str) -> str:
    """Returns a regex for `stem` that also matches it stretched: every letter may repeat, a
    double letter needs at least two ("ass" matches "asss", never "as")."""
    return "".join(re.escape(char) + "+" for char in stem)


class Lexicon:
    """The word lists, compiled for matching token forms."""

    def __init__(self, entries: list[Entry], exceptions: set[str], first_names: set[str]) -> None:
        self.entries = entries
        self.exceptions = frozenset(exceptions)
        self.first_names = frozenset(first_names)
        self._matched: dict[tuple[tuple[str, ...], bool], list[Hit]] = {}
        self._regexes: list[tuple[re.Pattern[str], Entry]] = []
        for entry in entries:
            body = "(?P<stem>" + _stretchable(entry.stem) + ")"
            if entry.kind in ("prefix", "contains"):
                body = body + r"\w*"
            if entry.kind in ("suffix", "contains"):
                body = r"\w*" + body
            self._regexes.append((re.compile(body), entry))
        # One alternation screens out the many tokens that spell nothing, before the per-entry
        # regexes say which entry matched.
        self._any = re.compile("|".join(f"(?:{regex.pattern.replace('(?P<stem>', '(')})"
                                        for regex, _ in self._regexes))
        # A cheap necessary condition before the alternation: with letter runs collapsed
        # ("fuuck" -> "fuck"), an exact or prefix entry's stem starts the form and a suffix or
        # contains entry's stem sits inside it, since each stem letter matches a run.
        self._heads = frozenset(_collapse(entry.stem) for entry in entries
                                if entry.kind in ("exact", "prefix"))
        self._inner = frozenset(_collapse(entry.stem) for entry in entries
                                if entry.kind in ("suffix", "contains"))
        self._head_sizes = sorted({len(stem) for stem in self._heads})
        self._inner_sizes = sorted({len(stem) for stem in self._inner})
        self._cache: dict[str, tuple[Hit, ...]] = {}
        self._by_length: dict[int, list[tuple[str, Entry]]] = {}
        for entry in entries:
            for sample in entry.samples():
                self._by_length.setdefault(len(sample), []).append((sample, entry))

    @property
    def words(self) -> frozenset[str]:
        """Every listed spelling (for reading spelled-out letters back into words)."""
        return frozenset(sample for entry in self.entries for sample in entry.samples())

    def insult_regex(self, naming_only: bool = False, min_score: float = 0.0) -> str:
        """Returns an alternation of every word of the groups marked as insults; with
        `naming_only`, only of those that name a person (an attack or a slur, not "fuck");
        with `min_score`, only of groups at least that strong."""
        return "|".join(self.insult_parts(naming_only, min_score))

    def insult_parts(self, naming_only: bool = False, min_score: float = 0.0) -> list[str]:
        """Returns the alternatives of `insult_regex`, longest first."""
        return sorted({entry.insult_regex() for entry in self.entries if entry.insult and (
            not naming_only or entry.reason in ("personal_attack", "abuse")
            or entry.also == "personal_attack") and entry.score >= min_score},
            key=lambda part: (-len(part), part))

    def match(self, forms: tuple[str, ...], masked: bool) -> list[Hit]:
        """Returns the listed words that a token's forms spell, strongest first (remembered:
        words repeat, and reading every comment asks for the same few thousand)."""
        key = (forms, masked)
        found = self._matched.get(key)
        if found is None:
            if len(self._matched) > _CACHE_LIMIT:
                self._matched.clear()
            found = self._matched[key] = self._match(forms, masked)
        return list(found)

    def _match(self, forms: tuple[str, ...], masked: bool) -> list[Hit]:
        if any(form in self.exceptions for form in forms):
            return []
        hits: dict[Entry, Hit] = {}
        for form in forms:
            for hit in self._match_form(form):
                hits.setdefault(hit.entry, hit)
        if masked and not hits:
            for hit in self._match_masked(forms[0]):
                hits.setdefault(hit.entry, hit)
        return sorted(hits.values(), key=lambda hit: -hit.entry.score)

    def spell(self, forms: tuple[str, ...], masked: bool) -> str | None:
        """Returns the word a token stands for if it spells a listed word, else None."""
        hits = self.match(forms, masked)
        return hits[0].word if hits else None

    def spell_joined(self, forms: tuple[str, ...]) -> str | None:
        """Returns the listed word two joined halves spell ("f" + "uck"), counting only words
        that start where the first half starts: "was" + "hit" is not "...shit"."""
        hits = [hit for hit in self.match(forms, False) if hit.entry.kind in ("exact", "prefix")]
        return hits[0].word if hits else None

    def _match_form(self, form: str) -> tuple[Hit, ...]:
        cached = self._cache.get(form)
        if cached is not None:
            return cached
        found: tuple[Hit, ...] = ()
        # A listed word is short; stretching beyond two letters adds nothing to the match, and
        # a long run ("aaaa...") must not cost a quadratic regex search.
        short = _STRETCH.sub(r"\1\1", form)
        if short and len(short) <= _LONGEST and self._may_match(short) and \
                self._any.fullmatch(short) is not None:
            hits = []
            for regex, entry in self._regexes:
                match = regex.fullmatch(short)
                if match is not None:
                    # The word as read: the stem put back in place of its stretched spelling.
                    word = short[:match.start("stem")] + entry.stem + short[match.end("stem"):]
                    hits.append(Hit(entry, word))
            found = tuple(hits)
        # Words repeat across comments; the cache keeps a busy queue fast, and is bounded.
        if len(self._cache) > 100_000:
            self._cache.clear()
        self._cache[form] = found
        return found

    def _may_match(self, form: str) -> bool:
        collapsed = _collapse(form)
        if any(collapsed[:size] in self._heads for size in self._head_sizes):
            return True
        return any(collapsed[start:start + size] in self._inner
                   for size in self._inner_sizes
                   for start in range(len(collapsed) - size + 1))

    def _match_masked(self, surface: str) -> list[Hit]:
        """Compares a masked token ("f**k", "sh#t", "c*nt") with the listed spellings; each
        mask stands for one letter, and at least two real letters must agree."""
        letters = re.sub(r"[^\w*#%_?]", "", surface)
        known = sum(char.isalpha() for char in letters)
        if known < 2 or known < (len(letters) - known):
            return []
        found = []
        for sample, entry in self._by_length.get(len(letters), []):
            if all(m == s or (not m.isalpha() and not m.isdigit()) for m, s in zip(letters, sample)):
                found.append(Hit(entry, sample))
        return found


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Returns the lexicon in `path` (default: the shipped data/lexicon.toml)."""
    if path is None:
        text = (resources.files("dateline.moderation") / "data" / "lexicon.toml").read_text(
            encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    entries = []
    for group in data["group"]:
        for word in group["words"]:
            kind = {(True, True): "contains", (True, False): "suffix",
                    (False, True): "prefix", (False, False): "exact"}[
                (word.startswith("*"), word.endswith("*"))]
            entries.append(Entry(stem=word.strip("*"), kind=kind, reason=group["reason"],
                                 sub=group.get("sub"), score=float(group["score"]),
                                 insult=bool(group.get("insult", False)),
                                 also=group.get("also")))
    return Lexicon(entries, set(data.get("exceptions", [])), set(data.get("first_names", [])))
