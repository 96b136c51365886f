"""Splits cleaned article text into sentences with their offsets (spaCy's tokenizer + sentencizer).

Every step is linear in the text, whatever it holds: spaCy reads pieces of at most `CHUNK_CHARS`
in which no run without a space is longer than `RUN_CHARS` (its prefix and suffix search is
quadratic in the length of a run such as 16,000 `(`), and a sentence longer than
`MAX_SENTENCE_CHARS` is cut at spaces, so that later stages work on bounded sentences. The list
returned carries the article's time budget (`ARTICLE_SECONDS`): reading a sentence after it has
run out raises ArticleTooSlow, which rejects the article with a clear message.
"""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import SupportsIndex, overload

import spacy
from spacy.language import Language


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text is exactly `article_text[start:end]`, so quotes stay verbatim."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int


@lru_cache(maxsize=1)
def _pipeline() -> Language:
    # A blank English pipeline needs no model download: the rule-based tokenizer and sentencizer.
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_PARAGRAPH = re.compile(r"[^\n]+")
# Lines longer than this are split by spaCy; shorter ones are one sentence (headlines, captions).
_SHORT_LINE = 40

# The longest piece of a paragraph spaCy reads at once (its own cap is 1,000,000 characters).
CHUNK_CHARS = 100_000
# In what spaCy reads, a run of characters without a space is broken every this many characters
# (URLs are shorter; longer runs are noise, and cost spaCy time quadratic in their length).
RUN_CHARS = 100
_LONG_RUN = re.compile(rf"\S{{{RUN_CHARS + 1},}}")
# A sentence longer than this is cut at spaces: news sentences are far shorter, and the
# extraction rules read one sentence at a time.
MAX_SENTENCE_CHARS = 2_000
# The time one article may take to be read, from splitting to the last sentence.
ARTICLE_SECONDS = 20.0


class ArticleTooSlow(Exception):
    """An article took longer than its time budget to read; it is rejected, the run goes on."""


class Sentences(list[Sentence]):
    """The sentences of one article; reading one after the article's deadline raises ArticleTooSlow."""

    def __init__(self, sentences: list[Sentence], deadline: float, seconds: float) -> None:
        super().__init__(sentences)
        self.deadline = deadline
        self.seconds = seconds

    def _check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ArticleTooSlow(f"reading the article took over {self.seconds:g} s"
                                 f" ({len(self)} sentences); it was stopped")

    def __iter__(self) -> Iterator[Sentence]:
        for sentence in super().__iter__():
            self._check()
            yield sentence

    @overload
    def __getitem__(self, index: SupportsIndex) -> Sentence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> Sentence | list[Sentence]:
        self._check()
        return super().__getitem__(index)


def split_sentences(text: str, seconds: float | None = None) -> Sentences:
    """Returns the sentences of `text`; a sentence never spans two paragraphs (lines).

    The list enforces a time budget of `seconds` (default ARTICLE_SECONDS) from now."""
    seconds = ARTICLE_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    nlp = _pipeline()
    pieces = [(paragraph, start, end)
              for paragraph, (a, b) in enumerate((m.start(), m.end()) for m in _PARAGRAPH.finditer(text)
                                                 if m.group().strip())
              for start, end in _cut(text, a, b, CHUNK_CHARS)]
    out: list[Sentence] = []
    docs = nlp.pipe(_tokenizable(text[a:b]) for _p, a, b in pieces)
    for (paragraph, offset, end), doc in zip(pieces, docs):
        for sent in doc.sents:
            raw = text[offset + sent.start_char:offset + sent.end_char]
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            start = offset + sent.start_char + lead
            out.append(Sentence(start, start + len(stripped), stripped, paragraph, len(out)))
        if time.monotonic() > deadline:
            raise ArticleTooSlow(f"splitting the article into sentences took over {seconds:g} s")
    return Sentences(_bounded(_join_fragments(out, text), text), deadline, seconds)


def _tokenizable(piece: str) -> str:
    """Returns `piece` with a space put in place of every RUN_CHARS-th character of a long run
    without spaces (same length, so offsets into it are offsets into the piece)."""
    if not _LONG_RUN.search(piece):
        return piece
    return _LONG_RUN.sub(lambda m: " ".join(m.group()[i:i + RUN_CHARS]
                                            for i in range(0, len(m.group()), RUN_CHARS + 1)), piece)


def _cut(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    """Yields (start, end) pieces of text[start:end] of at most `size` characters, cut after the
    last space before the limit (or at the limit when there is none)."""
    while end - start > size:
        space = text.rfind(" ", start + size // 2, start + size)
        cut = space + 1 if space >= 0 else start + size
        yield start, cut
        start = cut
    yield start, end


def _bounded(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Returns the sentences with every one over MAX_SENTENCE_CHARS cut at spaces, renumbered."""
    if all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences):
        return sentences
    out: list[Sentence] = []
    for sentence in sentences:
        for start, end in _cut(text, sentence.start, sentence.end, MAX_SENTENCE_CHARS):
            raw = text[start:end]
            lead = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            if stripped:
                out.append(Sentence(start + lead, start + lead + len(stripped), stripped,
                                    sentence.paragraph, len(out)))
    return out


def _join_fragments(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Re-joins pieces the sentencizer cut after an abbreviation or inside a quotation."""
    spans: list[list[int]] = []  # [start, end, paragraph] of each joined sentence
    for sentence in sentences:
        previous = spans[-1] if spans else None
        if (previous is not None and previous[2] == sentence.paragraph
                and (sentence.text[:1].islower() or sentence.text[:1] in "”’\"," )):
            previous[1] = sentence.end
        else:
            spans.append([sentence.start, sentence.end, sentence.paragraph])
    return [Sentence(start, end, text[start:end], paragraph, index)
            for index, (start, end, paragraph) in enumerate(spans)]
