"""Precision and recall of every family, per language, on the labelled corpora.

``tests/corpus/*.jsonl`` is the development corpus; ``tests/corpus/holdout/`` was written without
looking at the checker and is never used to tune it.
"""

from collections import Counter
from pathlib import Path

import pytest

from checks.engine import PER_POST_FAMILIES
from checks.evaluate import evaluate, load_corpus, render

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SETS = {"development": CORPUS, "holdout": CORPUS / "holdout"}
MINIMUM = 0.85


@pytest.fixture(scope="module", params=sorted(SETS))
def report(request):
    entries = load_corpus([SETS[request.param]])
    return request.param, entries, evaluate(entries)


def test_the_corpus_has_enough_posts_and_both_kinds_of_example(report):
    name, entries, _ = report
    per_language = Counter(entry["lang"] for entry in entries)
    needed = 150 if name == "development" else 60
    assert per_language["fr"] >= needed and per_language["en"] >= needed, per_language
    for lang in ("fr", "en"):
        for family in PER_POST_FAMILIES:
            positives = sum(family in e["labels"] for e in entries if e["lang"] == lang)
            negatives = sum(family not in e["labels"] for e in entries if e["lang"] == lang)
            assert positives >= 10 and negatives >= 10, (name, lang, family, positives, negatives)


def test_precision_and_recall_per_family_and_language(report):
    name, _, table = report
    print(f"\n{name}\n{render(table)}")
    weak = {f"{lang}.{family}": (round(cell.precision, 2), round(cell.recall, 2), cell.misses, cell.false_alarms)
            for (lang, family), cell in table.items() if cell.precision < MINIMUM or cell.recall < MINIMUM}
    assert not weak, weak
