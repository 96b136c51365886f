"""Splits cleaned article text into sentences with their offsets (spaCy's tokenizer + sentencizer)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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


def split_sentences(text: str) -> list[Sentence]:
    """Returns the sentences of `text`; a sentence never spans two paragraphs (lines)."""
    nlp = _pipeline()
    spans = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    out: list[Sentence] = []
    paragraph_texts = [text[a:b] for a, b in spans]
    for paragraph, ((offset, _end), doc) in enumerate(zip(spans, nlp.pipe(paragraph_texts))):
        for sent in doc.sents:
            raw = sent.text
            stripped = raw.strip()
            if not stripped:
                continue
            lead = len(raw) - len(raw.lstrip())
            start = offset + sent.start_char + lead
            out.append(Sentence(start, start + len(stripped), stripped, paragraph, len(out)))
    return _join_fragments(out, text)


def _join_fragments(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Re-joins pieces the sentencizer cut after an abbreviation or inside a quotation."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.paragraph == sentence.paragraph
                and (sentence.text[:1].islower() or sentence.text[:1] in "”’\"," )):
            merged = text[previous.start:sentence.end]
            joined[-1] = Sentence(previous.start, sentence.end, merged, previous.paragraph,
                                  previous.index)
        else:
            joined.append(Sentence(sentence.start, sentence.end, sentence.text, sentence.paragraph,
                                   len(joined)))
    return joined
