"""``python -m bench lint [--posts N] [--rounds R]``: the checker's speed on French posts, on one core.
(``calendar``, ``compose``, ``exchange``, ``calendar-checks`` and ``audit`` are the other benchmarks: see their
modules; ``quality --corpus DIR`` is the checker's judgement on labelled posts: see ``checks.evaluate``.)

Figures (JSON on stdout): posts/s for bare ``nlp.pipe`` with the same components and for ``lint_many``
and their ratio (runs interleaved, medians), warm single-post latency p50/p95, ``edito lint`` cold
start on one post, and proselint on the same texts as a side-by-side peer.
"""

from __future__ import annotations

import os
import sys

# One core, one thread: set before numpy / spaCy are imported. The audit benchmark measures scaling over
# processes, so it keeps every core (each of its workers still uses one thread).
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
if hasattr(os, "sched_setaffinity") and sys.argv[1:2] != ["audit"]:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "fr.jsonl"
REAL_POSTS = ROOT.parent / "shared" / "corpus" / "real-dev"


def french_posts(count: int) -> list[dict]:
    """Realistic French posts: the labelled corpus, cycled to ``count`` (each copy slightly varied)."""
    entries = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        {**entry, "text": entry["text"] + ("" if index < len(entries) else f" ({index // len(entries)})")}
        for index, entry in ((i, entries[i % len(entries)]) for i in range(count))
    ]


def _timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench_lint(posts_count: int, rounds: int) -> dict:
    from checks import Linter, PostInput

    posts = french_posts(posts_count)
    inputs = [PostInput(text=p["text"], channel=p.get("channel"), meta=p.get("meta") or {}) for p in posts]
    texts = [p["text"] for p in posts]
    linter = Linter()
    nlp = linter.nlp("fr")
    list(linter.lint_many(inputs[:200]))  # warm-up: pipelines, lexicons, lookups
    bare_times, lint_times = [], []
    for _ in range(rounds):
        bare_times.append(_timed(lambda: [None for _ in nlp.pipe(texts, batch_size=256)]))
        lint_times.append(_timed(lambda: [None for _ in linter.lint_many(inputs)]))
    bare, ours = statistics.median(bare_times), statistics.median(lint_times)
    # For reference: the same texts through the pipeline a tagger-based checker would run.
    import spacy

    tagged = spacy.load(linter.pipeline_name("fr"), exclude=["ner", "parser"])
    tagged_time = _timed(lambda: [None for _ in tagged.pipe(texts[:500], batch_size=256)])
    latencies = []
    for post in inputs[:300]:
        start = time.perf_counter()
        next(linter.lint_many([post]))
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    return {
        "posts": len(inputs),
        "components": sorted(nlp.pipe_names),
        "bare_nlp_pipe_posts_per_s": round(len(texts) / bare, 1),
        "lint_many_posts_per_s": round(len(texts) / ours, 1),
        "lint_over_bare_ratio": round(ours / bare, 3),
        "reference_tagger_pipeline_posts_per_s": round(500 / tagged_time, 1),
        "lint_over_tagger_pipeline_ratio": round((ours / len(texts)) / (tagged_time / 500), 3),
        "single_post_latency_ms": {"p50": round(latencies[len(latencies) // 2], 2),
                                   "p95": round(latencies[int(len(latencies) * 0.95)], 2)},
        "proselint": bench_proselint(texts[: min(len(texts), 300)], len(texts) / ours),
    }


def bench_proselint(texts: list[str], our_rate: float) -> dict:
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError as error:
        return {"skipped": f"proselint not importable: {error}"}
    CheckRegistry().register_many(__register__)
    LintFile("warm-up", texts[0]).lint(DEFAULT)
    elapsed = _timed(lambda: [LintFile(f"post-{i}", text).lint(DEFAULT) for i, text in enumerate(texts)])
    rate = len(texts) / elapsed
    return {"posts": len(texts), "posts_per_s": round(rate, 1), "edito_over_proselint_speed": round(our_rate / rate, 2)}


def bench_cold_start(runs: int = 3) -> dict:
    edito = Path(sys.executable).with_name("edito")
    with tempfile.TemporaryDirectory() as folder:
        post = Path(folder) / "post.txt"
        post.write_text("SOLDES !!! Achetez maintenant, dernière chance, livraison offerte !", encoding="utf-8")
        times = [_timed(lambda: subprocess.run([str(edito), "lint", "--no-progress", str(post)],
                                               capture_output=True, cwd=folder)) for _ in range(runs)]
    return {"edito_lint_one_post_cold_s": round(statistics.median(times), 2), "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="name", required=True)
    lint_parser = sub.add_parser("lint", help="checker throughput, ratio to bare spaCy, latency, cold start")
    lint_parser.add_argument("--posts", type=int, default=1500)
    lint_parser.add_argument("--rounds", type=int, default=3)
    lint_parser.add_argument("--against", metavar="REF",
                             help="also time the checker of this git revision in the same run (e.g. a release tag)")
    calendar_parser = sub.add_parser("calendar", help="calendar page run and query with N posts (issue 4)")
    calendar_parser.add_argument("--posts", type=int, default=10_000)
    calendar_parser.add_argument("--rounds", type=int, default=3)
    calendar_parser.add_argument("--weeks", type=int, default=5)
    compose_parser = sub.add_parser("compose", help="opening and saving a post with N posts (issue 4)")
    compose_parser.add_argument("--posts", type=int, default=10_000)
    compose_parser.add_argument("--rounds", type=int, default=5)
    exchange_parser = sub.add_parser("exchange", help="export of N posts and import of M rows (issue 5)")
    exchange_parser.add_argument("--export-posts", type=int, default=100_000)
    exchange_parser.add_argument("--import-rows", type=int, default=10_000)
    exchange_parser.add_argument("--rounds", type=int, default=3)
    checks_parser = sub.add_parser("calendar-checks", help="the calendar checks (CAL) on N posts (issue 6)")
    checks_parser.add_argument("--posts", type=int, default=10_000)
    checks_parser.add_argument("--rounds", type=int, default=5)
    checks_parser.add_argument("--no-commercial", action="store_true",
                               help="skip timing the per-post COM rules that fill commercial_findings")
    audit_parser = sub.add_parser("audit", help="edito audit on a synthetic X archive: engines, workers, memory")
    audit_parser.add_argument("--posts", type=int, default=200_000)
    audit_parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated (default 1,2)")
    audit_parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    audit_parser.add_argument("--langs", choices=("fr", "mixed"), default="fr",
                              help="a French brand's posts (default) or French and English ones")
    checking_parser = sub.add_parser("checking", help="checking N unchecked stored posts: one by one vs batched")
    checking_parser.add_argument("--posts", type=int, default=2_000)
    quality_parser = sub.add_parser("quality", help="precision, recall and false alarms on labelled posts (issue 12)")
    quality_parser.add_argument("--corpus", type=Path, action="append",
                                help=f"a corpus folder or .jsonl file, repeatable (default: {REAL_POSTS})")
    args = parser.parse_args(argv)
    if args.name == "quality":
        from bench.quality import bench_quality

        try:
            figures = bench_quality(args.corpus or [REAL_POSTS])
        except ValueError as error:
            print(f"bench: error: {error}", file=sys.stderr)
            return 2
        print(json.dumps({"benchmark": "quality", **figures}, indent=2, ensure_ascii=False))
    if args.name == "audit":
        from bench.audit import bench_audit

        try:
            counts = sorted({int(count) for count in args.workers.split(",")})
        except ValueError:
            print(f"bench: error: --workers {args.workers!r}: worker counts separated by commas, e.g. 1,2",
                  file=sys.stderr)
            return 2
        print(json.dumps(bench_audit(args.posts, counts, dask=not args.no_dask, langs=args.langs), indent=2))
    if args.name == "checking":
        from bench.checking import bench_checking

        print(json.dumps({"cpu_cores_used": 1, **bench_checking(args.posts)}, indent=2))
    if args.name == "calendar-checks":
        from bench.calendar_checks import bench_calendar_checks

        figures = bench_calendar_checks(args.posts, args.rounds, commercial=not args.no_commercial)
        print(json.dumps({"cpu_cores_used": 1, **figures}, indent=2, ensure_ascii=False))
    if args.name == "exchange":
        from bench.exchange import bench_exchange

        figures = bench_exchange(args.export_posts, args.import_rows, args.rounds)
        print(json.dumps({"cpu_cores_used": 1, **figures}, indent=2))
    if args.name == "compose":
        from bench.compose import bench_compose

        print(json.dumps({"cpu_cores_used": 1, **bench_compose(args.posts, args.rounds)}, indent=2))
    if args.name == "calendar":
        from bench.calendar import bench_calendar

        print(json.dumps({"cpu_cores_used": 1, **bench_calendar(args.posts, args.rounds, args.weeks)}, indent=2))
    if args.name == "lint":
        figures = bench_lint(args.posts, args.rounds) | {"cold_start": bench_cold_start()}
        if args.against:
            from bench.against import bench_against

            try:
                figures["against"] = bench_against(args.against, french_posts(args.posts), max(args.rounds, 3))
            except ValueError as error:
                print(f"bench: error: {error}", file=sys.stderr)
                return 2
        print(json.dumps({"benchmark": "lint", "cpu_cores_used": 1, **figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
