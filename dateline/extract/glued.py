"""Splits sentences that a page glued together with no space: `…the base."The ministry said…`.

Captured pages often lose the space after a closing quote or a full stop, and the sentencizer then
reads two sentences (often two events, or an event and a statement) as one. The pieces keep their
offsets, so each text is still exactly the article's text between them.
"""
from __future__ import annotations

import re

from dateline.extract.sentences import Sentence

# A sentence end (. ! ?) with an optional closing quote, then at once a capital or an opening
# quote: `base."The`, `base.The`, `said.”Two`. Initials ("U.S.The") are left alone: the letter
# before the stop must follow another lower-case letter or a digit.
_GLUED = re.compile(r"(?<=[a-z0-9)][.!?])[\"”’']?(?=[\"“]?[A-Z][a-z])|(?<=[a-z0-9)][.!?][\"”’'])(?=[\"“]?[A-Z])")


def split_glued(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Returns `sentences` with each glued sentence cut in two (or more) at the glue."""
    out: list[Sentence] = []
    for sentence in sentences:
        cuts = []
        for match in _GLUED.finditer(sentence.text):
            cut = match.end()
            if 0 < cut < len(sentence.text) and not sentence.text[cut - 1].isspace():
                cuts.append(cut)
        if not cuts:
            out.append(Sentence(sentence.start, sentence.end, sentence.text, sentence.paragraph, len(out)))
            continue
        bounds = [0, *cuts, len(sentence.text)]
        for a, b in zip(bounds, bounds[1:]):
            piece = sentence.text[a:b]
            if not piece.strip():
                continue
            start = sentence.start + a
            out.append(Sentence(start, start + len(piece), piece, sentence.paragraph, len(out)))
    return out


__all__ = ["split_glued"]
