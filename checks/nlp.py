"""spaCy pipelines (loaded once per process, with only the components the selected rules read) and
language detection for short social posts."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

_LOCK = threading.Lock()
_PIPELINES: dict[tuple[str, frozenset[str]], Language] = {}


class PipelineMissingError(RuntimeError):
    """No installed spaCy pipeline for a language."""


@lru_cache(maxsize=16)
def installed_pipeline(candidates: tuple[str, ...]) -> str:
    """The first installed package among ``candidates`` (the official name comes first)."""
    import spacy

    for name in candidates:
        if spacy.util.is_package(name):
            return name
    raise PipelineMissingError(
        f"none of the spaCy pipelines {', '.join(candidates)} is installed (pip install {candidates[0].replace('_', '-')})"
    )


_HUGE_PATTERN = 100_000


@contextmanager
def _compact_letter_classes():
    """Compile spaCy's giant tokenizer patterns with ``\\w`` in place of its spelled-out letter classes.

    The French tokenizer's ``token_match`` is a 1.4 MB alternation in which every letter class is the
    full list of Unicode letters; ``re`` takes seconds to compile it, once when spaCy's French defaults
    are imported and again when the model's tokenizer is read. With the classes written ``\\w`` the
    pattern is under 10 kB, compiles in milliseconds and splits the same posts the same way (tested).
    """
    from spacy.lang import char_classes

    classes = sorted({char_classes.ALPHA, char_classes.ALPHA_LOWER, char_classes.ALPHA_UPPER}, key=len, reverse=True)
    original = re.compile

    def compile_compact(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > _HUGE_PATTERN:
            for letters in classes:
                pattern = pattern.replace(letters, r"\w")
        return original(pattern, flags)

    re.compile = compile_compact
    try:
        yield
    finally:
        re.compile = original


def pipeline(name: str, components: frozenset[str]) -> Language:
    """The pipeline ``name`` running only ``components``; loaded once per process and reused.

    Rules read the lemmatizer's lookup table directly (``lemma_lookup``), so the lemmatizer itself is
    loaded only when a rule needs it to run.
    """
    key = (name, components)
    with _LOCK:
        if key not in _PIPELINES:
            import spacy

            meta = spacy.util.get_package_path(name)
            every = _component_names(meta)
            exclude = [component for component in every if component not in components]
            with _compact_letter_classes():
                nlp = spacy.load(name, exclude=exclude)
            for component in components:
                if component in nlp.disabled:
                    nlp.enable_pipe(component)
            _PIPELINES[key] = nlp
        return _PIPELINES[key]


def _component_names(package_path) -> list[str]:
    import spacy

    for meta_file in sorted(package_path.glob("*/meta.json")) + [package_path / "meta.json"]:
        if meta_file.exists():
            return list(spacy.util.load_meta(meta_file).get("components", []))
    return []


class LemmaLookup:
    """A pipeline's ``lemma_lookup`` table: ``get(form)`` gives the lemma, or "" when unknown."""

    def __init__(self, table: dict | None = None):
        self._table = table or {}

    def get(self, form: str, default: str = "") -> str:
        from spacy.strings import get_string_id

        lemma = self._table.get(get_string_id(form))
        if isinstance(lemma, list):
            lemma = lemma[0] if lemma else None
        return lemma or default


@lru_cache(maxsize=4)
def lemma_lookup(name: str) -> LemmaLookup:
    """The lookup table shipped with the pipeline's lemmatizer, read without running the lemmatizer.

    Reading the one table straight from ``lookups.bin`` takes a third of the time spaCy's ``Lookups``
    needs for all four tables, which matters for ``edito lint``'s start-up.
    """
    import spacy
    import srsly

    for path in sorted(spacy.util.get_package_path(name).glob("*/lemmatizer/lookups/lookups.bin")):
        tables = srsly.msgpack_loads(path.read_bytes())
        return LemmaLookup(tables.get("lemma_lookup"))
    return LemmaLookup()


# --- language detection ----------------------------------------------------------------------------

_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#][\w.]+|\d+", re.U)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.U)
FRENCH_MARKERS = frozenset(
    "le la les un une des du de au aux et est sont pour pas plus avec dans sur nous vous tu je il elle on "
    "ce cette ces qui que quoi mais ou donc car ne nos vos notre votre leur leurs mon ma mes ton ta tes "
    "son sa ses être avoir fait très aussi chez tout tous toute toutes été sera merci bonjour voici "
    "encore même depuis alors déjà ici là où quand comment pourquoi c'est j'ai n'est qu'il d'un l'on".split()
)
ENGLISH_MARKERS = frozenset(
    "the a an and is are for not more with in on we you i he she it they this that these those who what "
    "but or so our your their my his her be have has had do does did was were will would can could "
    "very also at all just from to of by about get got thanks hello here there when how why it's i'm "
    "don't we're you're let's".split()
)
_FRENCH_LETTERS = re.compile(r"[éèêàùçœâîôûë]", re.I)
_FRENCH_PATTERNS = re.compile(r"eau|oi|ou|qu|ez\b|tion|elle\b|eux\b|ai", re.I)
_ENGLISH_PATTERNS = re.compile(r"th|wh|sh|ck|w|y\b|ng\b|ee|oo", re.I)


def detect_language(text: str, default: str = "fr") -> str:
    """French or English, from function words and French letters; ``default`` when there is no evidence."""
    cleaned = _NOISE.sub(" ", text)
    words = [word.lower().replace("’", "'") for word in _WORD.findall(cleaned)]
    french = sum(word in FRENCH_MARKERS for word in words)
    english = sum(word in ENGLISH_MARKERS for word in words)
    french += 0.5 * min(len(_FRENCH_LETTERS.findall(cleaned)), 6)
    french += sum(1 for word in words if re.match(r"^(?:l|d|j|n|qu|c|s|m|t)'", word))
    if french + english < 3:  # too few function words: letter patterns decide
        joined = " ".join(words)
        french += 0.5 * len(_FRENCH_PATTERNS.findall(joined))
        english += 0.5 * len(_ENGLISH_PATTERNS.findall(joined))
    if french == english:
        return default
    return "fr" if french > english else "en"
