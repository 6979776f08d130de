"""``python -m bench quality --corpus DIR``: the checker's judgement on labelled posts, as JSON.

Precision, recall and F1 per language and family, the false-alarm rate on clean posts, and every miss and
false alarm with the findings that fired (``checks.evaluate``). The texts are read by path and never
printed, so a report can be pasted into docs without copying a post.
"""

from __future__ import annotations

import time
from pathlib import Path

from checks.evaluate import load_corpus, report


def bench_quality(paths: list[Path]) -> dict:
    entries = load_corpus(paths)
    start = time.perf_counter()
    result = report(entries)
    elapsed = time.perf_counter() - start
    return {"corpus": [str(path) for path in paths], "posts": len(entries),
            "seconds": round(elapsed, 2), **result.to_dict()}
