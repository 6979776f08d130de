"""The rule catalogue against its fixtures and its own documentation.

Each registered rule has ``fixtures/<CODE>.yaml``::

    rule: COM001
    languages: [fr]          # optional: the languages the rule checks (default fr and en)
    fire:                    # each must produce at least one finding with this code
      - text: "…"
        lang: fr
        channel: instagram   # optional
        meta: {objective: conversion}   # optional, the post's calendar metadata
        config: {voice: tu}  # optional, passed to checks.Config.from_mapping
        why: short reason
        xfail_reason: "…"    # optional: a known bug of the rule, run as a strict xfail
    pass:                    # each must produce no finding with this code
      - …

A calendar rule (family CAL) has the same file, each case holding a small calendar instead of a text
(the YAML of ``checks.calendar.example``)::

    rule: CAL004
    fire:
      - calendar: {posts: [{channel: X, at: 2026-11-24 09:00}, {channel: X, at: 2026-11-24 09:10}]}
        names: [p1, p2]      # optional: the posts one finding of the rule names, in order
        why: short reason
    pass:
      - …

A case marked ``xfail_reason`` documents behaviour the rule gets wrong today: it runs as
``xfail(strict=True)``, so the suite stays green while the bug is visible, and fixing the rule makes
the test XPASS (fail) until the mark is removed.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

import checks
from checks.calendar import lint_calendar
from checks.calendar.example import calendar_from_data
from checks.config import Config
from checks.finding import Finding
from checks.registry import FAMILIES, SECTIONS, CalendarExample, DocExample, Rule, all_rules

FIXTURES = Path(__file__).parent / "fixtures"
LANGS = ("fr", "en")
CASE_KEYS = {"text", "lang", "channel", "meta", "config", "why", "xfail_reason"}
CALENDAR_CASE_KEYS = {"calendar", "names", "why", "xfail_reason"}
MIN_FIRE, MIN_PASS = 3, 4

RULES: list[Rule] = all_rules()  # at collection time, before any test registers a test-only rule


def _load_fixtures() -> dict[str, dict[str, Any]]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for path in sorted(FIXTURES.glob("*.yaml"))}


FIXTURE_FILES = _load_fixtures()


def _cases() -> list[tuple[str, str, str, dict[str, Any]]]:
    """``(id, code, kind, case)`` for every case of every fixture file, ids like ``COM001-fire-2``."""
    cases = []
    for code, data in FIXTURE_FILES.items():
        for kind in ("fire", "pass"):
            for number, case in enumerate(data.get(kind) or [], start=1):
                cases.append((f"{code}-{kind}-{number}", code, kind, case))
    return cases


CASES = _cases()
_FINDINGS: dict[str, list[Finding]] = {}


def _config(mapping: dict[str, Any] | None) -> Config | None:
    return Config.from_mapping(mapping, source="fixture") if mapping else None


def _lint_calendar(data: dict[str, Any]) -> list[Finding]:
    posts, context, config = calendar_from_data(data)
    return lint_calendar(posts, context=context, config=config)


def _lint_case(case_id: str, case: dict[str, Any]) -> list[Finding]:
    """The findings for one fixture case (linted once, shared by the tests that read it)."""
    if case_id not in _FINDINGS:
        if "calendar" in case:
            _FINDINGS[case_id] = _lint_calendar(case["calendar"])
        else:
            _FINDINGS[case_id] = checks.lint(case["text"], channel=case.get("channel"), lang=case["lang"],
                                             meta=case.get("meta") or {}, config=_config(case.get("config")))
    return _FINDINGS[case_id]


def _describe(findings: list[Finding], text: str = "") -> str:
    return "; ".join(f"{f.code} {f.message} [{', '.join(f.post_ids) or text[f.start:f.end]!r}]"
                     for f in findings) or "no findings"


def _subject(case: dict[str, Any]) -> str:
    return repr(case["text"]) if "text" in case else f"the calendar of {len(case['calendar']['posts'])} posts"


# --- fixtures: fire cases fire, pass cases do not ------------------------------------------------------

def _case_params():
    for case_id, code, kind, case in CASES:
        reason = case.get("xfail_reason")
        marks = [pytest.mark.xfail(strict=True, reason=f"rule bug: {reason}")] if reason else []
        yield pytest.param(case_id, code, kind, case, id=case_id, marks=marks)


@pytest.mark.parametrize(("case_id", "code", "kind", "case"), list(_case_params()))
def test_fixture_case(case_id: str, code: str, kind: str, case: dict[str, Any]) -> None:
    findings = _lint_case(case_id, case)
    own = [finding for finding in findings if finding.code == code]
    text = case.get("text", "")
    if kind == "fire":
        assert own, f"{code} should fire ({case.get('why')}) on {_subject(case)}; got {_describe(findings, text)}"
        if case.get("names"):
            assert [list(finding.post_ids) for finding in own].count(case["names"]), (
                f"{code} should name {case['names']} ({case.get('why')}); got {_describe(own)}")
    else:
        assert not own, f"{code} should not fire ({case.get('why')}) on {_subject(case)}; got {_describe(own, text)}"


# --- the rules' own documentation examples -------------------------------------------------------------

def _doc_params():
    for rule in RULES:
        for section, fires, label in (("Example", True, "example"), ("Use instead", False, "use-instead")):
            for number, example in enumerate(rule.examples(section), start=1):
                yield pytest.param(rule, example, fires, id=f"{rule.code}-{label}-{number}")


@pytest.mark.parametrize(("rule", "example", "fires"), list(_doc_params()))
def test_docs_example(rule: Rule, example, fires: bool) -> None:
    if isinstance(example, CalendarExample):
        findings, text, subject = _lint_calendar(example.data), "", f"its calendar {example.data}"
    else:
        findings = checks.lint(example.text, channel=example.channel, lang=example.lang, meta=example.post_meta,
                               config=_config(example.config))
        text, subject = example.text, repr(example.text)
    own = [finding for finding in findings if finding.code == rule.code]
    if fires:
        assert own, f"{rule.code}'s Example should fire on {subject}; got {_describe(findings, text)}"
    else:
        assert not own, f"{rule.code}'s Use-instead should not fire on {subject}; got {_describe(own, text)}"


# --- every rule is documented, bilingual, well named, and has fixtures ---------------------------------

@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z]{3}\d{3}", rule.code), rule.code
    assert rule.code[:3] in FAMILIES and rule.family == rule.code[:3]
    assert re.fullmatch(r"[a-z]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+", rule.name), f"{rule.name!r} is not a dotted name"
    assert rule.name.split(".")[0] == FAMILIES[rule.family], f"{rule.name!r} is not in family {rule.family}"

    docs = rule.docs()
    for section in SECTIONS:
        assert docs.get(section, "").strip(), f"{rule.code}: docstring section {section!r} is missing or empty"
    block, kind = ("calendar", CalendarExample) if rule.family == "CAL" else ("post", DocExample)
    for section in ("Example", "Use instead"):
        examples = rule.examples(section)
        assert examples, f"{rule.code}: no ```{block} block under {section}"
        assert all(isinstance(example, kind) for example in examples), f"{rule.code}: {section} needs ```{block} blocks"

    assert rule.messages, f"{rule.code}: no messages"
    for variant, texts in {**rule.messages, **rule.suggestions}.items():
        for lang in LANGS:
            assert (texts.get(lang) or "").strip(), f"{rule.code}: message/suggestion {variant!r} has no {lang!r} text"

    data = FIXTURE_FILES.get(rule.code)
    assert data is not None, f"{rule.code}: no fixtures/{rule.code}.yaml"
    assert len(data.get("fire") or []) >= MIN_FIRE, f"{rule.code}: fewer than {MIN_FIRE} fire cases"
    assert len(data.get("pass") or []) >= MIN_PASS, f"{rule.code}: fewer than {MIN_PASS} pass cases"


def _calendar_lang(calendar: dict[str, Any]) -> str:
    """The language of a calendar case: the first post's, else the calendar's, else French."""
    return (calendar["posts"][0].get("lang") if calendar.get("posts") else None) or calendar.get("lang") or "fr"


def _check_calendar_fixture(code: str, data: dict[str, Any]) -> None:
    langs = {kind: set() for kind in ("fire", "pass")}
    for kind in ("fire", "pass"):
        for number, case in enumerate(data.get(kind) or [], start=1):
            where = f"{code}-{kind}-{number}"
            assert set(case) <= CALENDAR_CASE_KEYS, f"{where}: unknown keys {set(case) - CALENDAR_CASE_KEYS}"
            assert isinstance(case.get("calendar"), dict) and case["calendar"].get("posts"), f"{where}: no posts"
            assert (case.get("why") or "").strip(), f"{where}: say why"
            assert kind == "fire" or "names" not in case, f"{where}: names is for fire cases"
            langs[kind].add(_calendar_lang(case["calendar"]))
    for kind, covered in langs.items():
        assert covered == set(LANGS), f"{code}: {kind} cases should cover {LANGS}, cover {sorted(covered)}"


@pytest.mark.parametrize("code", sorted(FIXTURE_FILES))
def test_fixture_file_is_well_formed(code: str) -> None:
    data = FIXTURE_FILES[code]
    assert data.get("rule") == code, f"fixtures/{code}.yaml says rule: {data.get('rule')!r}"
    assert code in {rule.code for rule in RULES}, f"fixtures/{code}.yaml names no registered rule"
    if code.startswith("CAL"):
        _check_calendar_fixture(code, data)
        return
    languages = tuple(data.get("languages") or LANGS)
    assert set(languages) <= set(LANGS)
    for kind in ("fire", "pass"):
        for number, case in enumerate(data.get(kind) or [], start=1):
            where = f"{code}-{kind}-{number}"
            assert set(case) <= CASE_KEYS, f"{where}: unknown keys {set(case) - CASE_KEYS}"
            assert isinstance(case.get("text"), str) and case["text"].strip(), f"{where}: no text"
            assert case.get("lang") in LANGS, f"{where}: lang must be fr or en"
            assert (case.get("why") or "").strip(), f"{where}: say why"
            if kind == "fire":
                assert case["lang"] in languages, f"{where}: {code} does not check {case['lang']!r} posts"
    fire_langs = {case["lang"] for case in data.get("fire") or []}
    pass_langs = {case["lang"] for case in data.get("pass") or []}
    assert fire_langs == set(languages), f"{code}: fire cases should cover {languages}, cover {sorted(fire_langs)}"
    assert pass_langs == set(LANGS), f"{code}: pass cases should cover both languages, cover {sorted(pass_langs)}"


# --- findings are well formed --------------------------------------------------------------------------

@pytest.mark.parametrize(("case_id", "case"), [pytest.param(case_id, case, id=case_id)
                                               for case_id, _, _, case in CASES])
def test_findings_are_well_formed(case_id: str, case: dict[str, Any]) -> None:
    texts = {str(post.get("id", f"p{number}")): str(post.get("text", ""))
             for number, post in enumerate(case.get("calendar", {}).get("posts", []), start=1)}
    for finding in _lint_case(case_id, case):
        text = case["text"] if "text" in case else texts[finding.post_ids[0]] if finding.post_ids else ""
        assert set(finding.post_ids) <= set(texts), f"{finding.code} names unknown posts {finding.post_ids}"
        if finding.family == "CAL":
            assert finding.post_ids or finding.code == "CAL006", f"{finding.code} names no post"
            assert finding.window is None or (
                datetime.fromisoformat(finding.window[0]) <= datetime.fromisoformat(finding.window[1]))
        assert isinstance(finding, Finding)
        assert dataclasses.is_dataclass(finding) and finding.__dataclass_params__.frozen
        with pytest.raises(dataclasses.FrozenInstanceError):
            finding.start = 0  # type: ignore[misc]
        assert 0 <= finding.start <= finding.end <= len(text), f"{finding.code} span {finding.start}-{finding.end}"
        assert finding.message.strip(), f"{finding.code}: empty message"
        assert finding.url.strip(), f"{finding.code}: empty url"
