"""Word lists as data (``fr.toml``, ``en.toml``), compiled once into case-insensitive matchers."""

from __future__ import annotations

import re
import tomllib
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


def terms(lang: str, section: str, key: str) -> tuple[str, ...]:
    value = lexicon(lang).get(section, {}).get(key, ())
    return (value,) if isinstance(value, str) else tuple(value)


def find(lang: str, section: str, key: str, text: str, *, extra: tuple[str, ...] = (),
         regex: bool = False) -> list[re.Match[str]]:
    """Every non-overlapping match of the list ``[section] key`` (plus ``extra`` terms) in ``text``."""
    return list(matcher(terms(lang, section, key) + tuple(extra), regex=regex).finditer(text))
