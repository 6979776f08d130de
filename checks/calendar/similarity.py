"""Near-duplicate texts without comparing every pair.

1. Normalise: casefold, drop URLs, mentions, hashtags, accents, punctuation and emoji, collapse spaces
   (as ASCII bytes: any other character is a space, so letters outside the Latin alphabet are
   dropped too; « œ » is written « oe »).
   Texts equal after that are one *distinct text*.
2. A distinct text of at least ``MIN_WORDS`` words becomes a set of word 3-shingles, each hashed once
   (words by CRC-32, a shingle by the tuple hash of its three word hashes: stable from run to run).
3. A MinHash signature of ``BINS`` values by one-permutation hashing (Li, Owen & Zhang 2012): a
   shingle's hash picks a bin and the bin keeps its smallest value; an empty bin borrows the value of
   the first full bin along its own fixed random sequence of bins (optimal densification, Shrivastava
   2017), so that each bin matches between two texts with probability their Jaccard similarity, even
   for short texts that leave most bins empty.
4. LSH banding: ``BANDS`` bands of ``ROWS`` bins each, the bins of a band drawn at random once for all.
   Texts sharing one band are candidates: a pair
   with Jaccard 0.8 shares one of the 10 bands with probability 0.98, a pair at 0.5 with 0.27, a pair
   at 0.3 with 0.02. A band bucket holding more than ``MAX_BUCKET`` texts (a series, a template) yields
   each text against the bucket's first and the next one, not every pair: linear, and a series of
   near-identical posts still ends up in one group.
5. Candidates are confirmed with the exact Jaccard similarity of their shingle sets.

Shorter texts (under ``MIN_WORDS`` words) only match a text that is the same once normalised. Similar
texts are grouped transitively (A like B and B like C puts A, B and C in one group).
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from collections.abc import Sequence
from itertools import combinations
from operator import itemgetter

from checks.text import HASHTAG, MENTION, URL

MIN_WORDS = 5
BANDS = 10
ROWS = 5
BINS = BANDS * ROWS
MAX_BUCKET = 16
_EMPTY = 1 << 64  # above every hash (they lie in [-2**63, 2**63))
_BAND_BINS = [itemgetter(*layout[band::BANDS]) for layout in [random.Random(6).sample(range(BINS), BINS)]
              for band in range(BANDS)]
_PROBES = [[other for other in random.Random(slot).sample(range(BINS), BINS) if other != slot] for slot in range(BINS)]
_NOT_ALNUM = bytes(byte if chr(byte).isalnum() and byte < 128 else 32 for byte in range(256))
_MARKS = re.compile(r"[\u0300-\u036f]+")


def normalise(text: str) -> bytes:
    """The words of ``text`` that say something, casefolded, in ASCII without accents, one space apart."""
    if "/" in text or "www." in text or "WWW." in text:
        text = URL.sub(" ", text)
    if "#" in text:
        text = HASHTAG.sub(" ", text)
    if "@" in text:
        text = MENTION.sub(" ", text)
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")  # NFKD leaves them whole
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", folded))
    return b" ".join(folded.encode("ascii", "replace").translate(_NOT_ALNUM).split())


class NearDuplicates:
    """Groups of similar texts: ``group(index)`` is the same for two texts when they are near-duplicates.

    ``candidates`` counts the pairs LSH proposed and ``comparisons`` the exact Jaccard computations:
    the work that would grow with the square of the number of texts without LSH.
    """

    def __init__(self, texts: Sequence[str], *, threshold: float):
        self.threshold = threshold
        distinct: dict[bytes, int] = {}
        self._distinct_of = [distinct.setdefault(normalised, len(distinct)) if normalised else -1
                             for normalised in map(normalise, texts)]
        self._parent = list(range(len(distinct)))
        shingles = list(map(_shingles, distinct))
        sizes = [len(shingle_set) if shingle_set else 0 for shingle_set in shingles]
        candidates = _candidates(shingles)
        self.candidates, self.comparisons = len(candidates), 0
        for first, second in candidates:
            smaller, larger = sizes[first], sizes[second]
            if smaller > larger:
                smaller, larger = larger, smaller
            if smaller < threshold * larger:
                continue  # the Jaccard similarity is at most smaller / larger
            self.comparisons += 1
            common = len(shingles[first] & shingles[second])
            if common >= threshold * (smaller + larger - common):
                self._union(first, second)

    def group(self, index: int) -> int | None:
        """The group of the ``index``-th text, or None for a text with nothing to compare."""
        distinct = self._distinct_of[index]
        return None if distinct < 0 else self._root(distinct)

    def _root(self, node: int) -> int:
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def _union(self, first: int, second: int) -> None:
        first, second = self._root(first), self._root(second)
        if first != second:
            self._parent[max(first, second)] = min(first, second)


def _shingles(normalised: bytes) -> frozenset[int] | None:
    """The hashed word 3-shingles of a normalised text; None when it is too short to compare by shingles."""
    words = normalised.split()
    if len(words) < MIN_WORDS:
        return None
    hashes = list(map(zlib.crc32, words))
    return frozenset(map(hash, zip(hashes, hashes[1:], hashes[2:], strict=False)))


def _signature(shingle_set: frozenset[int]) -> list[int]:
    """One-permutation MinHash with rotation densification: ``BINS`` values."""
    bins = [_EMPTY] * BINS
    for value in shingle_set:
        slot = value % BINS
        if value < bins[slot]:
            bins[slot] = value
    if _EMPTY not in bins:
        return bins
    signature = bins[:]
    for slot, value in enumerate(bins):
        if value == _EMPTY:  # a value's residue names its bin, so a borrowed value never matches by chance
            for other in _PROBES[slot]:
                if bins[other] != _EMPTY:
                    signature[slot] = bins[other]
                    break
    return signature


def _candidates(shingles: list[frozenset[int] | None]) -> set[tuple[int, int]]:
    """Pairs of texts (by index) that share a band of their signatures."""
    bands: list[dict[tuple[int, ...], list[int]]] = [{} for _ in _BAND_BINS]
    for index, shingle_set in enumerate(shingles):
        if shingle_set is not None:
            signature = _signature(shingle_set)
            for bins_of, buckets in zip(_BAND_BINS, bands, strict=True):
                buckets.setdefault(bins_of(signature), []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in (members for buckets in bands for members in buckets.values() if len(members) > 1):
        if len(members) <= MAX_BUCKET:
            pairs.update(combinations(members, 2))
        else:  # a crowd (a series, a template): each against the first and the next, not every pair
            pairs.update((members[0], member) for member in members[1:])
            pairs.update(zip(members[1:], members[2:]))
    return pairs
