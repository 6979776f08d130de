"""Word lists as data (``fr.toml``, ``en.toml``), compiled once into case-insensitive matchers."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=2)
def lexicon(lang: str) -> dict[str, Any]:
    with (HERE / f"{lang}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _phrase_pattern(phrase: str) -> str:
    wildcard = phrase.endswith("*")
    phrase = phrase.rstrip("*").replace("’", "'")
    body = re.escape(phrase).replace("'", "['’]").replace(r"\ ", r"\s+")
    # Not inside a word, a tag or a compound: "free" is not found in "gluten-free", nor « vous » in « rendez-vous ».
    start = r"(?<![\w#@-])" if phrase[:1].isalnum() or phrase[:1] in "#@" else ""
    end = r"\w*" if wildcard else (r"(?![\w])" if phrase[-1:].isalnum() else "")
    return start + body + end


@lru_cache(maxsize=128)
def matcher(terms: tuple[str, ...], *, regex: bool = False) -> re.Pattern[str]:
    """One compiled alternation of ``terms`` (longest first), case-insensitive, on word boundaries."""
    if regex:
        parts = [rf"(?<![\w])(?:{term})" for term in terms]
    else:
        parts = [_phrase_pattern(term) for term in sorted(set(terms), key=len, reverse=True)]
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


@lru_cache(maxsize=256)
def terms(lang: str, section: str, key: str) -> tuple[str, ...]:
    value = lexicon(lang).get(section, {}).get(key, ())
    return (value,) if isinstance(value, str) else tuple(value)


# Tokens: runs of word characters, or any other single visible character (#, @, %, ', /, -, °…).
_TOKEN = re.compile(r"\w+|[^\w\s]")
_GLUED = frozenset("#@-")  # a phrase never starts right after these (no "free" in "gluten-free")


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in a text; the same methods as a regex match."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self) -> str:
        return self.text


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    spaced: tuple[bool, ...]  # whether each token after the first follows a space
    wildcard: bool


def _tokenize(text: str) -> tuple[list[str], list[int], list[int], list[bool]]:
    lowered = text.lower() if len(text.lower()) == len(text) else "".join(
        char.lower() if len(char.lower()) == 1 else char for char in text)
    lowered = lowered.replace("’", "'")
    tokens, starts, ends, spaced = [], [], [], []
    for match in _TOKEN.finditer(lowered):
        spaced.append(not ends or match.start() > ends[-1])
        tokens.append(match.group())
        starts.append(match.start())
        ends.append(match.end())
    return tokens, starts, ends, spaced


@dataclass(frozen=True)
class _Tokens:
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    spaced: list[bool]
    at: dict[str, list[int]]  # token → its positions
    at_prefix: dict[str, list[int]]  # first letters of a word token → its positions


@lru_cache(maxsize=16)
def _tokenized(text: str) -> _Tokens:
    tokens, starts, ends, spaced = _tokenize(text)
    at: dict[str, list[int]] = {}
    at_prefix: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        at.setdefault(token, []).append(index)
        if token[:1].isalnum():
            at_prefix.setdefault(token[:PREFIX], []).append(index)
    return _Tokens(tokens, starts, ends, spaced, at, at_prefix)


@lru_cache(maxsize=256)
def _index(phrases: tuple[str, ...]) -> tuple[dict[str, list[_Phrase]], dict[str, list[_Phrase]]]:
    """Phrases by their first token, and wildcard one-word phrases by their first letters."""
    exact: dict[str, list[_Phrase]] = {}
    prefixed: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        wildcard = phrase.endswith("*")
        tokens, _, _, spaced = _tokenize(phrase.rstrip("*"))
        if not tokens:
            continue
        entry = _Phrase(tuple(tokens), tuple(spaced[1:]), wildcard)
        if wildcard and len(tokens) == 1:
            prefixed.setdefault(tokens[0][:PREFIX], []).append(entry)
        else:
            exact.setdefault(tokens[0], []).append(entry)
    for table in (exact, prefixed):
        for entries in table.values():
            entries.sort(key=lambda entry: -len(entry.tokens))
    return exact, prefixed


PREFIX = 3


def _matches_at(entry: _Phrase, tokens: list[str], spaced: list[bool], index: int) -> int:
    """How many tokens ``entry`` covers from ``index`` (0 when it does not match there)."""
    size = len(entry.tokens)
    if index + size > len(tokens):
        return 0
    for offset in range(1, size):
        if spaced[index + offset] != entry.spaced[offset - 1]:
            return 0
    last = size - 1
    for offset in range(last):
        if tokens[index + offset] != entry.tokens[offset]:
            return 0
    token, wanted = tokens[index + last], entry.tokens[last]
    if entry.wildcard and wanted[-1:].isalnum():
        return size if token.startswith(wanted) else 0
    return size if token == wanted else 0


def find_phrases(phrases: tuple[str, ...], text: str) -> list[Hit]:
    """Leftmost-longest, non-overlapping, case-insensitive matches of ``phrases`` in ``text``.

    Only the positions whose token can start a phrase are tried (a set intersection per list), so a
    list costs little more than the matches it finds.
    """
    exact, prefixed = _index(phrases)
    text_tokens = _tokenized(text)
    tokens, starts, ends, spaced = text_tokens.tokens, text_tokens.starts, text_tokens.ends, text_tokens.spaced
    candidates: dict[int, list[_Phrase]] = {}
    for token in exact.keys() & text_tokens.at.keys():
        for index in text_tokens.at[token]:
            candidates.setdefault(index, []).extend(exact[token])
    for prefix in prefixed.keys() & text_tokens.at_prefix.keys():
        for index in text_tokens.at_prefix[prefix]:
            candidates.setdefault(index, []).extend(prefixed[prefix])
    hits: list[Hit] = []
    taken_until = 0
    for index in sorted(candidates):
        if index < taken_until:
            continue
        token = tokens[index]
        glued = index > 0 and not spaced[index] and (tokens[index - 1][-1:].isalnum() or tokens[index - 1] in _GLUED)
        if glued and token[:1].isalnum():
            continue
        best = max(_matches_at(entry, tokens, spaced, index) for entry in candidates[index])
        if best:
            begin, finish = starts[index], ends[index + best - 1]
            hits.append(Hit(begin, finish, text[begin:finish]))
            taken_until = index + best
    return hits


def find(lang: str, section: str, key: str, text: str, *, extra: tuple[str, ...] = (),
         regex: bool = False) -> list[re.Match[str]] | list[Hit]:
    """Every non-overlapping match of the list ``[section] key`` (plus ``extra`` terms) in ``text``."""
    phrases = terms(lang, section, key) + tuple(extra)
    if regex:
        return list(matcher(phrases, regex=True).finditer(text))
    return find_phrases(phrases, text)
