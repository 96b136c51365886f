"""Text fingerprints (content hash, MinHash sketch) and the near-duplicate index built on them.

Agencies' stories are reprinted by many outlets with small edits; linking such reprints lets the
resolve stage count one report once. Exact copies are caught earlier by `content_hash`.
"""
from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from dateline.model import Article

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.8
CANDIDATE_MARGIN = 0.2
# Little-endian on disk, so a database copied between machines keeps readable sketches.
# Shingles are hashed with CRC-32: a C call, about ten times faster than datasketch's default
# SHA-1 wrapper. The affine32 scheme mixes every input hash with MurmurHash3's finalizer before
# permuting it, so CRC-32's linearity does not bias the sketch. Stored sketches depend on this
# choice: changing it means recomputing every `minhash` in the store.
_BYTE_ORDER = "<"

_WORD = re.compile(r"\w+")
# Typographic variants that differ between captures of the same text but not in meaning.
_FOLDS = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("−", "-"),
          ("\u00ad", ""), ("\u200b", ""))


def normalized_text(text: str) -> str:
    """Returns the text as compared for identity: NFKC, folded quotes and dashes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    for variant, plain in _FOLDS:  # chained replace: far faster than str.translate on non-ASCII
        text = text.replace(variant, plain)
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """Returns the SHA-256 hex digest of the normalized text."""
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Returns the distinct word `size`-shingles of the text, lower-cased, as UTF-8 bytes."""
    # Punctuation and spacing variants vanish with the word split, so no folding is needed here.
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return list({" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)})


def minhash_bytes(text: str) -> bytes:
    """Returns the serialized LeanMinHash (128 permutations, word 5-shingles) of the text."""
    sketch = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32",
                     hashfunc=zlib.crc32)
    sketch.update_batch(shingles(text))
    lean = LeanMinHash(sketch)
    buffer = bytearray(lean.bytesize(_BYTE_ORDER))
    lean.serialize(buffer, _BYTE_ORDER)
    return bytes(buffer)


@functools.cache
def _permutations() -> tuple[object, object]:
    """Returns the default permutation parameters, generated once: doing it per text costs ~2 ms."""
    template = MinHash(num_perm=NUM_PERM, scheme="affine32")
    permutations: tuple[object, object] = template.permutations
    return permutations


def load_minhash(data: bytes) -> LeanMinHash:
    """Returns the sketch stored by `minhash_bytes`; raises ValueError for other bytes."""
    try:
        sketch = LeanMinHash.deserialize(data, _BYTE_ORDER)
    except struct.error as error:
        raise ValueError(f"not a serialized MinHash ({error})") from error
    if len(sketch.hashvalues) != NUM_PERM:
        raise ValueError(f"MinHash has {len(sketch.hashvalues)} permutations, expected {NUM_PERM}")
    return sketch


class NearDuplicateIndex:
    """Stored articles' sketches in an LSH index, to find reprints of a new article quickly."""

    def __init__(self, entries: Iterable[tuple[str, bytes]], threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        # LSH banding misses about half the pairs that sit right at its threshold, so candidates
        # are gathered at a lower one and then filtered on the estimated Jaccard itself.
        self._lsh = MinHashLSH(threshold=max(0.1, threshold - CANDIDATE_MARGIN), num_perm=NUM_PERM)
        self._sketches: dict[str, LeanMinHash] = {}
        # Ids whose stored sketch could not be read (written by another version); they are left
        # out of matching rather than stopping a run, and listed here for the caller to report.
        self.unreadable: list[str] = []
        for article_id, data in entries:
            try:
                self._insert(article_id, load_minhash(data))
            except ValueError:
                self.unreadable.append(article_id)

    def __len__(self) -> int:
        return len(self._sketches)

    def links_for(self, article: Article) -> list[tuple[str, float]]:
        """Returns (stored id, estimated Jaccard) for stored articles at or over the threshold."""
        if article.minhash is None:
            return []
        sketch = load_minhash(article.minhash)
        links = []
        for other_id in self._lsh.query(sketch):
            if other_id == article.id:
                continue
            similarity = float(sketch.jaccard(self._sketches[other_id]))
            if similarity >= self.threshold:
                links.append((other_id, round(similarity, 4)))
        return sorted(links, key=lambda link: (-link[1], link[0]))

    def add(self, article: Article) -> None:
        """Adds an article's sketch; an article without one, or already indexed, is left out."""
        if article.minhash is None or article.id in self._sketches:
            return
        self._insert(article.id, load_minhash(article.minhash))

    def _insert(self, article_id: str, sketch: LeanMinHash) -> None:
        if article_id in self._sketches:
            return
        self._lsh.insert(article_id, sketch)
        self._sketches[article_id] = sketch
