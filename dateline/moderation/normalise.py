"""Reads a comment the way a person does, through the disguises: look-alike letters, leetspeak,
masks (f**k), s p a c e d letters and reeepeated letters. Gives tokens that keep their span in
the original text, so the words that triggered a reason can be highlighted where they were typed."""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# A token ends at whitespace and at punctuation that never sits inside a disguised word; "." "-"
# "*" "!" "@" "$" stay inside ("f.u.c.k", "sh!t", "@ss", "f**k") and are trimmed at the edges.
_TOKEN = re.compile(r"[^\s,;:\"“”«»()\[\]{}<>/\\…]+")
_EDGE = "'.!?-–—~^=+*#%_&"
_STRETCH = re.compile(r"(.)\1{2,}")
_QUOTES = (('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("'", "'"))
_SENTENCE_END = ".!?\n"
# Marks that only disguise: zero-width characters and the soft hyphen.
# Remembered token readings (Normaliser._read): bounded, emptied when full.
_CACHE_LIMIT = 100_000
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad"}


@dataclass(frozen=True)
class Token:
    """One word as typed (`surface`, folded to lower case) and as read (`canonical`)."""

    surface: str
    canonical: str
    start: int
    end: int
    forms: tuple[str, ...]
    masked: bool
    capitalised: bool
    opens_sentence: bool = False


class _Raw(NamedTuple):
    """A token as cut from the folded text, before it is read."""

    surface: str
    start: int
    end: int
    capitalised: bool
    opens_sentence: bool


@dataclass(frozen=True)
class Normalised:
    """A comment as read: its tokens and the canonical words joined by single spaces."""

    original: str
    tokens: tuple[Token, ...]
    text: str
    offsets: tuple[int, ...]

    @property
    def sentence_starts(self) -> frozenset[int]:
        """Returns the offsets in `text` of the words that open a sentence."""
        return frozenset(offset for token, offset in zip(self.tokens, self.offsets)
                         if token.opens_sentence)

    def quoted(self, start: int, end: int) -> bool:
        """Tells whether an original span sits inside quotation marks on its line: a phrase
        quoted, as in "people who post 'kill them all' should be banned"."""
        line_start = self.original.rfind("\n", 0, start) + 1
        line_end = self.original.find("\n", end)
        before = self.original[line_start:start]
        after = self.original[end:len(self.original) if line_end < 0 else line_end]
        for opening, closing in _QUOTES:
            if opening == closing:
                if before.count(opening) % 2 == 1 and closing in after:
                    return True
            elif before.rfind(opening) > before.rfind(closing) and closing in after:
                return True
        return False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Returns the span of the original text that a span of `text` was read from."""
        # The token holding `start` and the last one starting before `end` (offsets ascend).
        first = max(0, bisect_right(self.offsets, start) - 1)
        last = bisect_left(self.offsets, end) - 1
        if not self.tokens or last < first:
            return (0, 0)
        return (self.tokens[first].start, self.tokens[last].end)


@dataclass(frozen=True)
class Tables:
    """The normalisation data (data/normalisation.toml)."""

    leet: dict[str, str]
    homoglyphs: dict[str, str]
    masks: str
    chatspeak: dict[str, str]


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """Returns the shipped normalisation tables."""
    path = resources.files("dateline.moderation") / "data" / "normalisation.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Tables(leet=dict(data["leet"]), homoglyphs=dict(data["homoglyphs"]),
                  masks=str(data["masks"]["characters"]), chatspeak=dict(data["chatspeak"]))


def fold(text: str, tables: Tables) -> tuple[str, list[int]]:
    """Returns the text in lower case with look-alikes and accents folded, and for every folded
    character the index of the original character it came from."""
    folded: list[str] = []
    index: list[int] = []
    homoglyphs = tables.homoglyphs
    for position, char in enumerate(text):
        if char < "\x80":
            # ASCII: NFKC and accent stripping change nothing; the common case, kept fast.
            lower = char.lower()
            folded.append(homoglyphs.get(lower, lower))
            index.append(position)
            continue
        if char in _INVISIBLE:
            continue
        piece = unicodedata.normalize("NFKC", char)
        # Accents are dropped so "fück" reads as "fuck"; Arabic vowel marks go the same way.
        piece = "".join(c for c in unicodedata.normalize("NFKD", piece)
                        if not unicodedata.combining(c)).casefold()
        piece = "".join(tables.homoglyphs.get(c, c) for c in piece)
        for c in piece:
            folded.append(c)
            index.append(position)
    return "".join(folded), index


def letters_only(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def leet_forms(surface: str, tables: Tables) -> list[str]:
    """Returns the readings of a token with digits and symbols taken as letters ("5h1t" gives
    "shit" and "shlt"); nothing for a token with no letter or nothing to decode (a year, a plain
    word)."""
    if not any(c.isalpha() for c in surface) or not any(c in tables.leet for c in surface):
        return []
    readings = []
    for one in ("i", "l"):
        mapped = "".join(one if c == "1" else tables.leet.get(c, c) for c in surface)
        readings.append(letters_only(mapped))
    return readings


def _raw_tokens(folded: str, index: list[int], original: str) -> list[_Raw]:
    found = []
    for match in _TOKEN.finditer(folded):
        start, end = match.span()
        while start < end and folded[start] in _EDGE and not _keeps_edge(folded, start, end):
            start += 1
        while end > start and folded[end - 1] in _EDGE and not _keeps_edge(folded, end - 1, end):
            end -= 1
        if start >= end:
            continue
        before = folded[:start].rstrip(" \t\"'“”‘’«»(")
        opens = not before or before[-1] in _SENTENCE_END
        original_start, original_end = index[start], index[end - 1] + 1
        capitalised = original[original_start].isupper()
        found.append(_Raw(folded[start:end], original_start, original_end, capitalised, opens))
    return found


def _keeps_edge(folded: str, position: int, end: int) -> bool:
    """A leading or trailing "*" or "#" is a mask when the token is short ("*ss", "sh*"), not
    decoration ("**word**")."""
    return folded[position] in "*#" and end - position <= 4 and position > 0 and \
        folded[position - 1].isalpha()


class Normaliser:
    """Turns comments into `Normalised` readings.

    `known_words` are the words spelled-out letters and elongations are read back into;
    `spell` returns the listed word (if any) that a token's forms spell, so a masked or
    decoded token reads as that word ("f**k" reads as "fuck")."""

    def __init__(self, known_words: Iterable[str],
                 spell: Callable[[tuple[str, ...], bool], str | None],
                 tables: Tables | None = None,
                 spell_joined: Callable[[tuple[str, ...]], str | None] | None = None) -> None:
        self.known = frozenset(known_words)
        self.spell = spell
        self.spell_joined = spell_joined or (lambda forms: spell(forms, False))
        self.tables = tables or load_tables()
        self._reads: dict[tuple[str, bool, bool], list[Token]] = {}

    def __call__(self, text: str) -> Normalised:
        folded, index = fold(text, self.tables)
        raw = self._join_split_words(self._join_spelled_out(_raw_tokens(folded, index, text)))
        tokens = []
        for piece in raw:
            tokens.extend(self._read(piece))
        offsets = []
        position = 0
        for token in tokens:
            offsets.append(position)
            position += len(token.canonical) + 1
        return Normalised(original=text, tokens=tuple(tokens),
                          text=" ".join(token.canonical for token in tokens),
                          offsets=tuple(offsets))

    def _read(self, raw: _Raw) -> list[Token]:
        """Returns the token(s) a raw token reads as. The reading depends only on the surface
        and its two flags, so it is remembered and moved to the token's span."""
        surface, start, end, capitalised, opens = raw
        key = (surface, capitalised, opens)
        read = self._reads.get(key)
        if read is None:
            if len(self._reads) > _CACHE_LIMIT:
                self._reads.clear()
            read = self._reads[key] = self._read_new(raw)
        return [Token(token.surface, token.canonical, start, end, token.forms, token.masked,
                      token.capitalised, token.opens_sentence) for token in read]

    def _read_new(self, raw: _Raw) -> list[Token]:
        surface, start, end, capitalised, opens = raw
        masked = any(c in self.tables.masks for c in surface[1:-1]) or \
            any(c in "*#" for c in (surface[0], surface[-1]))
        forms = [surface]
        plain = letters_only(surface)
        forms.extend(form for form in leet_forms(surface, self.tables) if form not in forms)
        if plain and plain not in forms:
            forms.append(plain)
        spelled = self.spell(tuple(forms), masked)
        if spelled is not None:
            canonical = spelled
        elif surface in self.tables.chatspeak:
            # A chat spelling can stand for several words ("imma"): each gets the same span.
            return [Token(surface, word, start, end, (word,), False, capitalised,
                          opens and position == 0)
                    for position, word in enumerate(self.tables.chatspeak[surface].split())]
        else:
            canonical = self._unstretch(surface)
            # A decoded reading replaces the surface only when it is a word ("k1ll", "k.i.l.l"),
            # so units and codes ("155mm", "f-16") keep their digits and "i'd" stays "i'd".
            disguised = any(not c.isalpha() and c != "'" for c in surface)
            for form in forms[1:] if disguised else ():
                reading = self._unstretch(form)
                if reading in self.known and canonical not in self.known:
                    canonical = reading
                    break
        return [Token(surface, canonical, start, end, tuple(forms), masked, capitalised, opens)]

    def _unstretch(self, word: str) -> str:
        """Returns a stretched word read back ("kiiiill" gives "kill", "youuu" gives "you"),
        choosing the reading that is a known word. Only runs of three or more letters count as
        stretching: a double letter is spelling ("see" must not become "se")."""
        if word in self.known or not _STRETCH.search(word):
            return word
        doubled = _STRETCH.sub(lambda m: m.group(1) * 2, word)
        single = _STRETCH.sub(r"\1", word)
        for candidate in (doubled, single):
            if candidate in self.known:
                return candidate
        return single

    def _join_split_words(self, raw: list[_Raw]) -> list[_Raw]:
        """Joins a listed word split in two short halves ("f uck", "id iot", "sh it") unless
        both halves are words of their own ("pen is" stays two words). A joined token is not
        joined again, and long halves never join ("airstrikes hit" is not "...shit")."""
        joined: list[_Raw] = []
        merged_last = False
        for piece in raw:
            if joined and not merged_last:
                last = joined[-1]
                halves = (last.surface, piece.surface)
                whole = last.surface + piece.surface
                if all(0 < len(half) <= 4 and any(c.isalpha() for c in half) for half in halves) \
                        and not all(half in self.known or half in ("a", "i") for half in halves) \
                        and self.spell_joined((whole, letters_only(whole))) is not None:
                    joined[-1] = _Raw(whole, last.start, piece.end, last.capitalised,
                                      last.opens_sentence)
                    merged_last = True
                    continue
            merged_last = False
            joined.append(piece)
        return joined

    def _join_spelled_out(self, raw: list[_Raw]) -> list[_Raw]:
        """Joins runs of single letters ("f u c k", "k i l l  y o u") into the words they
        spell. A run of three joins only when it spells a word ("a s s"), so "u r a" stays."""
        joined: list[_Raw] = []
        position = 0
        while position < len(raw):
            stop = position
            # Runs are read 40 letters at a time: enough for a spelled-out sentence, and it
            # bounds the segmentation's cost on a comment of single letters.
            while stop < len(raw) and stop - position < 40 and len(raw[stop].surface) == 1 \
                    and not raw[stop].surface.isdigit():
                stop += 1
            run = raw[position:stop]
            if len(run) >= 3:
                letters = "".join(piece.surface for piece in run)
                words = self._segment(letters)
                if words is not None and (len(run) >= 4 or len(words) == 1):
                    cursor = position
                    for word in words:
                        pieces = raw[cursor:cursor + len(word)]
                        joined.append(_Raw(word, pieces[0].start, pieces[-1].end,
                                           pieces[0].capitalised, pieces[0].opens_sentence))
                        cursor += len(word)
                    position = stop
                    continue
            if run:
                joined.extend(run)
                position = stop
            else:
                joined.append(raw[position])
                position += 1
        return joined

    def _segment(self, letters: str) -> list[str] | None:
        """Returns the letters split into known words (fewest words), or None."""
        best: list[list[str] | None] = [None] * (len(letters) + 1)
        best[0] = []
        for end in range(1, len(letters) + 1):
            for start in range(max(0, end - 20), end):
                head = best[start]
                piece = letters[start:end]
                if head is None or not self._spells(piece):
                    continue
                if best[end] is None or len(head) + 1 < len(best[end] or []):
                    best[end] = head + [piece]
        return best[len(letters)]

    def _spells(self, piece: str) -> bool:
        if len(piece) == 1:
            return piece in ("a", "i", "u")
        return piece in self.known or self.spell((piece,), False) is not None
