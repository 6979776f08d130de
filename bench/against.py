"""``python -m bench lint --against REF``: the checker's throughput now and at a git revision, in one run.

Machines are noisy and differ by up to 3×, so a throughput target is read against another figure of the
same run. This checks REF out into a temporary folder (``git archive``, nothing in the working tree
changes), then times ``lint_many`` on the same posts in two fresh processes per round, current tree
and REF alternating, each pinned to one core after a warm-up. It reports the median posts/s of both and
their ratio.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RUNNER = """
import json, os, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from checks import Linter, PostInput
posts = [PostInput(text=p["text"], channel=p.get("channel"), meta=p.get("meta") or {})
         for p in json.load(open(sys.argv[1], encoding="utf-8"))]
linter = Linter()
list(linter.lint_many(posts[:200]))
start = time.perf_counter()
list(linter.lint_many(posts))
print(json.dumps({"posts_per_s": len(posts) / (time.perf_counter() - start)}))
"""


def _checkout(ref: str, folder: Path) -> None:
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, "checks"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
    except subprocess.CalledProcessError as error:
        raise ValueError(f"git archive {ref}: {error.stderr.decode(errors='replace').strip()}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")


def _rate(tree: Path, posts_file: Path) -> float:
    result = subprocess.run([sys.executable, "-c", RUNNER, str(posts_file)], cwd=tree, check=True,
                            capture_output=True, text=True, env={"PYTHONPATH": str(tree), "OMP_NUM_THREADS": "1",
                                                                 "PATH": "/usr/bin:/bin"})
    return json.loads(result.stdout.strip().splitlines()[-1])["posts_per_s"]


def bench_against(ref: str, posts: list[dict], rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline"
        baseline.mkdir()
        _checkout(ref, baseline)
        posts_file = Path(folder) / "posts.json"
        posts_file.write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")
        ours, theirs = [], []
        for index in range(rounds):
            order = [(ours, ROOT), (theirs, baseline)]
            for figures, tree in order if index % 2 == 0 else reversed(order):
                figures.append(_rate(tree, posts_file))
    now, then = statistics.median(ours), statistics.median(theirs)
    return {"against": ref, "rounds": rounds, "posts": len(posts), "now_posts_per_s": round(now, 1),
            "at_ref_posts_per_s": round(then, 1), "now_over_ref": round(now / then, 3),
            "runs_now": [round(rate, 1) for rate in ours], "runs_at_ref": [round(rate, 1) for rate in theirs]}
