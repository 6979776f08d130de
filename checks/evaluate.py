"""The labelled-corpus report: precision and recall of each rule family, per language.

``python -m checks.evaluate [CORPUS.jsonl …] [--json]`` (default: the corpus under tests/corpus/).
A post counts as flagged for a family when it has a finding of that family at warning level or above.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checks.config import Config
from checks.engine import PER_POST_FAMILIES, lint_many
from checks.finding import Severity
from checks.post import PostInput

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_corpus(paths: Iterable[Path]) -> list[dict]:
    entries = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        entries.append(json.loads(line))
                    except json.JSONDecodeError as error:
                        raise ValueError(f"{file}:{number}: invalid JSON ({error.msg})") from None
    return entries


def flagged_families(entries: list[dict]) -> list[set[str]]:
    """The families each entry is flagged for, running posts with the same settings in one batch."""
    results: list[set[str] | None] = [None] * len(entries)
    groups: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        groups[json.dumps(entry.get("config") or {}, sort_keys=True)].append(index)
    for config_key, indexes in groups.items():
        config = Config.from_mapping(json.loads(config_key), source="corpus")
        posts = [PostInput(text=entries[i]["text"], channel=entries[i].get("channel"), lang=entries[i].get("lang"),
                           meta=entries[i].get("meta") or {}, id=entries[i].get("id")) for i in indexes]
        for index, (_, findings) in zip(indexes, lint_many(posts, config=config), strict=True):
            results[index] = {f.family for f in findings if f.severity >= Severity.WARNING}
    return results


def evaluate(entries: list[dict]) -> dict[tuple[str, str], Confusion]:
    table: dict[tuple[str, str], Confusion] = defaultdict(Confusion)
    for entry, flagged in zip(entries, flagged_families(entries), strict=True):
        labels = set(entry.get("labels", []))
        for family in PER_POST_FAMILIES:
            cell = table[(entry["lang"], family)]
            if family in labels and family in flagged:
                cell.tp += 1
            elif family in flagged:
                cell.fp += 1
                cell.false_alarms.append(entry["id"])
            elif family in labels:
                cell.fn += 1
                cell.misses.append(entry["id"])
            else:
                cell.tn += 1
    return dict(table)


def render(table: dict[tuple[str, str], Confusion]) -> str:
    lines = [f"{'lang':4} {'family':6} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7}"]
    for (lang, family), cell in sorted(table.items()):
        lines.append(f"{lang:4} {family:6} {cell.tp:4} {cell.fp:4} {cell.fn:4} {cell.tn:4} "
                     f"{cell.precision:9.2f} {cell.recall:7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--details", action="store_true", help="list the ids of misses and false alarms")
    args = parser.parse_args(argv)
    table = evaluate(load_corpus(args.paths))
    if args.json:
        print(json.dumps({f"{lang}.{family}": {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn,
                                               "precision": c.precision, "recall": c.recall}
                          for (lang, family), c in sorted(table.items())}, indent=2))
    else:
        print(render(table))
        if args.details:
            for (lang, family), cell in sorted(table.items()):
                if cell.misses or cell.false_alarms:
                    print(f"{lang} {family} misses: {cell.misses}  false alarms: {cell.false_alarms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
