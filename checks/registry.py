"""Rules: the base class, the registry, and the docs every rule carries.

A rule's docstring has four sections, each a heading line followed by text: ``What it does``,
``Why it matters``, ``Example`` and ``Use instead``. The Example and Use-instead sections hold one or
more fenced ``post`` blocks; a block may open with front matter (``lang: fr``, ``channel: x``,
``sponsorship: paid``…) ended by a ``---`` line; in the post, a single line break is a wrap (read as a
space) and a blank line is a real line break. The tests run every Example (it must fire the rule)
and every Use-instead (it must not).

A calendar rule (family CAL) looks at a set of posts instead: its sections hold fenced ``calendar``
blocks, each a small calendar in YAML (``posts:`` and optionally ``now:``, ``timezone:``, ``window:``,
``frequency:``, ``config:``; see ``checks.calendar.example``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from checks.finding import Finding, Severity, docs_url
from checks.post import Post

if TYPE_CHECKING:
    from checks.config import Config

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead")
FAMILIES = {
    "COM": "commercial",
    "IMP": "impersonal",
    "SPO": "sponsorship",
    "CHN": "channel",
    "MES": "measurement",
    "CAL": "calendar",
}
_REGISTRY: dict[str, type[Rule]] = {}
_BLOCK = re.compile(r"```(post|calendar)\n(.*?)```", re.S)


@dataclass(frozen=True)
class DocExample:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def lang(self) -> str | None:
        return self.meta.get("lang")

    @property
    def channel(self) -> str | None:
        return self.meta.get("channel")

    @property
    def config(self) -> dict[str, Any]:
        return self.meta.get("config", {})

    @property
    def post_meta(self) -> dict[str, Any]:
        return {key: value for key, value in self.meta.items() if key not in {"lang", "channel", "config"}}


@dataclass(frozen=True)
class CalendarExample:
    """A ```calendar block: the YAML description of a small calendar (read by ``checks.calendar.example``)."""

    data: dict[str, Any]


def _parse_calendar_block(block: str) -> CalendarExample:
    import yaml

    data = yaml.safe_load(inspect.cleandoc(block))
    if not isinstance(data, dict) or not isinstance(data.get("posts"), list):
        raise ValueError(f"a ```calendar block must be a YAML mapping with a 'posts' list, not {block!r}")
    return CalendarExample(data)


def _parse_block(block: str) -> DocExample:
    meta: dict[str, Any] = {}
    if "\n---\n" in block:
        header, block = block.split("\n---\n", 1)
        for line in header.splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if key.startswith("config."):
                meta.setdefault("config", {})[key.removeprefix("config.")] = value
            elif key:
                meta[key] = value
    # Docstrings wrap long lines: a single line break is a space, a blank line a real line break.
    paragraphs = [" ".join(line.strip() for line in part.splitlines()) for part in block.strip("\n").split("\n\n")]
    return DocExample("\n".join(paragraphs), meta)


class Rule:
    """Base class: subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {}
    messages: ClassVar[dict[str, dict[str, str]]] = {}
    suggestions: ClassVar[dict[str, dict[str, str]]] = {}
    needs: ClassVar[frozenset[str]] = frozenset()  # spaCy components the rule reads (e.g. "senter")

    @property
    def family(self) -> str:
        return self.code[:3]

    @classmethod
    def docs(cls) -> dict[str, str]:
        """The docstring's sections by heading."""
        text = inspect.cleandoc(cls.__doc__ or "")
        parts = re.split(rf"^({'|'.join(SECTIONS)})\n-+\n", text, flags=re.M)
        sections = {parts[index]: parts[index + 1].strip() for index in range(1, len(parts) - 1, 2)}
        sections["summary"] = parts[0].strip()
        return sections

    @classmethod
    def examples(cls, section: str) -> list[DocExample | CalendarExample]:
        """The section's ```post blocks (DocExample) and ```calendar blocks (CalendarExample), in order."""
        return [_parse_calendar_block(block) if kind == "calendar" else _parse_block(block)
                for kind, block in _BLOCK.findall(cls.docs().get(section, ""))]

    def check(self, post: Post, options: dict[str, Any]) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, post: Post, start: int, end: int, variant: str = "default", *,
                escalate: bool = False, **values: Any) -> Finding:
        """A finding of this rule, its message and suggestion in the post's language.

        ``escalate`` raises a warning-level rule to error for this finding (a severity set in the
        configuration still wins).
        """
        message, suggestion = self.texts(variant, post.lang, values)
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity_for(post.config, post.channel, escalate),
            message=message,
            start=max(0, start),
            end=min(len(post.text), max(start, end)),
            suggestion=suggestion,
            url=docs_url(self.code),
        )

    def texts(self, variant: str, lang: str | None, values: dict[str, Any]) -> tuple[str, str]:
        """The message and the suggestion of ``variant`` in ``lang`` (English when there is no such text)."""
        message = self.messages[variant].get(lang) or self.messages[variant]["en"]
        suggestion_texts = self.suggestions.get(variant) or self.suggestions.get("default", {})
        suggestion = suggestion_texts.get(lang) or suggestion_texts.get("en", "")
        return message.format(**values), suggestion.format(**values)

    def severity_for(self, config: Config, channel: str | None, escalate: bool = False) -> Severity:
        """The configured severity on ``channel``; ``escalate`` raises the default warning to error."""
        configured = config.severity_for(self, channel)
        if escalate and configured == self.severity:
            return Severity.ERROR
        return configured


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: adds a rule to the registry (codes and names are unique)."""
    if rule.code in _REGISTRY or any(other.name == rule.name for other in _REGISTRY.values()):
        raise ValueError(f"rule {rule.code} ({rule.name}) is registered twice")
    if rule.code[:3] not in FAMILIES or rule.name.split(".")[0] != FAMILIES[rule.code[:3]]:
        raise ValueError(f"rule {rule.code}: its name {rule.name!r} must start with {FAMILIES.get(rule.code[:3])}")
    _REGISTRY[rule.code] = rule
    return rule


def unregister(code: str) -> None:
    """Remove a rule (for tests that register a rule of their own)."""
    _REGISTRY.pop(code, None)


def all_rules() -> list[Rule]:
    import checks.rules  # noqa: F401  (registers the catalogue)

    return [_REGISTRY[code]() for code in sorted(_REGISTRY)]


def get_rule(code_or_name: str) -> Rule | None:
    for rule in all_rules():
        if code_or_name in (rule.code, rule.name):
            return rule
    return None
