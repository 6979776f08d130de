"""The labelled-corpus report: precision, recall and F1 of each rule family, per language.

``python -m checks.evaluate [CORPUS …] [--json] [--details]`` (default: the corpus under tests/corpus/);
``python -m bench quality --corpus DIR`` prints the same report as JSON. A corpus is a folder of
``*.jsonl`` files or one file, in either of two shapes:

- the project's own corpora (``tests/corpus``): ``labels`` lists the families that must be flagged, and
  ``meta`` holds the calendar metadata the post was planned with;
- real posts (``../shared/corpus/real-dev``): ``expect`` lists the families that must be flagged,
  ``allow`` those where a flag is defensible either way (not scored for that post), and ``kind`` says
  whether the post is a reply. They carry no calendar metadata, so they cannot carry an objective.

A post counts as flagged for a family when it has a finding of that family at warning level or above.
Every family neither expected nor allowed must not fire. A *clean* post expects and allows nothing;
the false-alarm rate is the share of clean posts flagged for COM, IMP or SPO.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.config import Config
from checks.engine import PER_POST_FAMILIES, lint_many
from checks.finding import Finding, Severity
from checks.post import PostInput

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
FALSE_ALARM_FAMILIES = ("COM", "IMP", "SPO")


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def figures(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "positives": self.positives,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    """The per-(language, family) table, the false-alarm rate on clean posts, and the findings of the
    posts that were scored wrong."""

    table: dict[tuple[str, str], Confusion]
    clean: dict[str, int]
    clean_flagged: dict[str, list[str]]
    findings: dict[str, list[Finding]]

    def false_alarm_rate(self, lang: str) -> float:
        return len(self.clean_flagged.get(lang, [])) / self.clean[lang] if self.clean.get(lang) else 0.0

    def to_dict(self) -> dict[str, Any]:
        languages = sorted({lang for lang, _ in self.table})
        wrong = sorted({entry for cell in self.table.values() for entry in cell.misses + cell.false_alarms}
                       | {entry for ids in self.clean_flagged.values() for entry in ids})
        return {
            "families": {f"{lang}.{family}": cell.figures() for (lang, family), cell in sorted(self.table.items())},
            "clean_posts": {lang: {"posts": self.clean.get(lang, 0), "flagged": len(self.clean_flagged.get(lang, [])),
                                   "false_alarm_rate": round(self.false_alarm_rate(lang), 3),
                                   "ids": self.clean_flagged.get(lang, [])} for lang in languages},
            "misses": {f"{lang}.{family}": cell.misses for (lang, family), cell in sorted(self.table.items())
                       if cell.misses},
            "false_alarms": {f"{lang}.{family}": cell.false_alarms
                             for (lang, family), cell in sorted(self.table.items()) if cell.false_alarms},
            "findings": {entry: [_finding_summary(f) for f in self.findings[entry]] for entry in wrong},
        }


def _finding_summary(finding: Finding) -> str:
    return f"{finding.code} [{finding.severity}] {finding.message}"


def load_corpus(paths: Iterable[Path]) -> list[dict]:
    entries = []
    for path in paths:
        if not path.exists():
            raise ValueError(f"{path}: no such corpus file or folder")
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        if not files:
            raise ValueError(f"{path}: no *.jsonl file in this folder")
        for file in files:
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        entries.append(json.loads(line))
                    except json.JSONDecodeError as error:
                        raise ValueError(f"{file}:{number}: invalid JSON ({error.msg})") from None
    return entries


def expected(entry: dict) -> set[str]:
    return set(entry.get("labels", entry.get("expect", [])))


def allowed(entry: dict) -> set[str]:
    return set(entry.get("allow", []))


def _post_input(entry: dict) -> PostInput:
    """The post as a team would check it: its calendar metadata when the corpus has any, else the reply
    kind only, and no objective to expect from a text that came without a plan."""
    planned = "meta" in entry
    meta = dict(entry.get("meta") or {})
    if entry.get("kind"):
        meta.setdefault("kind", entry["kind"])
    return PostInput(text=entry["text"], channel=entry.get("channel"), lang=entry.get("lang"), meta=meta,
                     id=entry.get("id"), planned=planned)


def check_entries(entries: list[dict]) -> list[list[Finding]]:
    """The findings of each entry, running posts with the same settings in one batch."""
    results: list[list[Finding] | None] = [None] * len(entries)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        groups[json.dumps(entry.get("config") or {}, sort_keys=True)].append(index)
    for config_key, indexes in groups.items():
        config = Config.from_mapping(json.loads(config_key), source="corpus")
        posts = [_post_input(entries[index]) for index in indexes]
        for index, (_, findings) in zip(indexes, lint_many(posts, config=config), strict=True):
            results[index] = findings
    return results


def flagged(findings: list[Finding]) -> set[str]:
    return {finding.family for finding in findings if finding.severity >= Severity.WARNING}


def flagged_families(entries: list[dict]) -> list[set[str]]:
    """The families each entry is flagged for."""
    return [flagged(findings) for findings in check_entries(entries)]


def report(entries: list[dict]) -> Report:
    table: dict[tuple[str, str], Confusion] = defaultdict(Confusion)
    clean: dict[str, int] = defaultdict(int)
    clean_flagged: dict[str, list[str]] = defaultdict(list)
    all_findings: dict[str, list[Finding]] = {}
    for entry, findings in zip(entries, check_entries(entries), strict=True):
        lang, families, expect, allow = entry["lang"], flagged(findings), expected(entry), allowed(entry)
        all_findings[entry["id"]] = findings
        if not expect and not allow:
            clean[lang] += 1
            if families & set(FALSE_ALARM_FAMILIES):
                clean_flagged[lang].append(entry["id"])
        for family in PER_POST_FAMILIES:
            if family in allow:
                continue
            cell = table[(lang, family)]
            if family in expect and family in families:
                cell.tp += 1
            elif family in families:
                cell.fp += 1
                cell.false_alarms.append(entry["id"])
            elif family in expect:
                cell.fn += 1
                cell.misses.append(entry["id"])
            else:
                cell.tn += 1
    return Report(dict(table), dict(clean), dict(clean_flagged), all_findings)


def evaluate(entries: list[dict]) -> dict[tuple[str, str], Confusion]:
    return report(entries).table


def render(table: dict[tuple[str, str], Confusion]) -> str:
    lines = [f"{'lang':4} {'family':6} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7} "
             f"{'F1':>5}"]
    for (lang, family), cell in sorted(table.items()):
        lines.append(f"{lang:4} {family:6} {cell.tp:4} {cell.fp:4} {cell.fn:4} {cell.tn:4} "
                     f"{cell.precision:9.2f} {cell.recall:7.2f} {cell.f1:5.2f}")
    return "\n".join(lines)


def render_report(result: Report, *, details: bool = False) -> str:
    lines = [render(result.table)]
    for lang in sorted(result.clean):
        lines.append(f"{lang}: {len(result.clean_flagged.get(lang, []))} of {result.clean[lang]} clean posts "
                     f"flagged for {', '.join(FALSE_ALARM_FAMILIES)} ({result.false_alarm_rate(lang):.0%})")
    if details:
        for (lang, family), cell in sorted(result.table.items()):
            for kind, ids in (("missed", cell.misses), ("false alarm", cell.false_alarms)):
                for entry in ids:
                    fired = _codes_fired(result.findings[entry])
                    lines.append(f"{lang} {family} {kind}: {entry} (fired: {fired})")
    return "\n".join(lines)


def _codes_fired(findings: list[Finding]) -> str:
    counts = Counter(finding.code for finding in findings)
    return ", ".join(code if count == 1 else f"{code}×{count}" for code, count in sorted(counts.items())) or "nothing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--details", action="store_true", help="list the misses and false alarms with their findings")
    args = parser.parse_args(argv)
    try:
        entries = load_corpus(args.paths)
    except ValueError as error:
        print(f"edito: error: {error}", file=sys.stderr)
        return 2
    result = report(entries)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_report(result, details=args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
