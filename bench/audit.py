"""``python -m bench audit [--posts 200000] [--workers 1,2] [--no-dask]``: ``edito audit`` at scale.

Writes a synthetic X archive (``data/tweets.js`` in a zip, the ``window.YTD`` wrapper; the posts of the
labelled French corpus — a French brand's feed — or, with ``--langs mixed``, French and English, each copy
varied, one in five a reply, dates over two years) and audits it, in the same run, with the local engine for
each worker count and with Dask on a ``LocalCluster`` of the largest count, each run in a fresh process. For
each run: posts/s (posts and replies checked), the scaling efficiency against one worker
(rate(n) / (n × rate(1))), the peak memory of the whole process tree (the driver and its workers, summed,
sampled every 50 ms), and whether its tally is identical to the first run's. For scale, bare ``nlp.pipe``
on the same texts, one core. Prints JSON.
"""

from __future__ import annotations

import json
import os
import tempfile
import sys
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {"fr": (ROOT / "tests" / "corpus" / "fr.jsonl",),
           "mixed": (ROOT / "tests" / "corpus" / "fr.jsonl", ROOT / "tests" / "corpus" / "en.jsonl")}
START = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
X_DATE = "%a %b %d %H:%M:%S +0000 %Y"


def _texts(langs: str = "fr") -> list[tuple[str, str]]:
    entries = []
    for corpus in CORPORA[langs]:
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                entries.append((entry["text"], entry.get("lang") or corpus.stem))
    return entries


def write_x_archive(path: Path, count: int, langs: str = "fr") -> Path:
    """A zipped X archive of ``count`` tweets, streamed to disk (never all in memory)."""
    texts = _texts(langs)
    step = timedelta(days=730) / max(count, 1)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("data/tweets.js", "w") as stream:
        stream.write(b"window.YTD.tweets.part0 = [\n")
        for index in range(count):
            text, lang = texts[index % len(texts)]
            if index >= len(texts):
                text = f"{text} ({index // len(texts)})"
            tweet = {"id_str": str(10**15 + index), "full_text": text, "lang": lang,
                     "created_at": (START + step * index).strftime(X_DATE)}
            if index % 5 == 4:
                tweet["in_reply_to_status_id_str"] = str(10**15 + index - 1)
            stream.write((", " if index else "").encode() + json.dumps({"tweet": tweet}).encode() + b"\n")
        stream.write(b"]\n")
    return path


def _tree_rss(root) -> int:
    import psutil

    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass  # a worker that just ended
    return total


def _run(archive: Path, engine: str, workers: int, folder: Path) -> tuple[dict, str]:
    """One audit in a fresh process (so no run inherits another's loaded pipelines), its tree's memory
    sampled from here every 50 ms."""
    import psutil

    out = folder / f"{engine}-{workers}.json"
    command = [sys.executable, "-m", "bench.audit", str(archive), engine, str(workers), str(out)]
    child = psutil.Popen(command, cwd=ROOT)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(child))
        time.sleep(0.05)
    if child.returncode:
        raise RuntimeError(f"the {engine} run with {workers} worker(s) failed (exit {child.returncode})")
    result = json.loads(out.read_text())
    posts, elapsed = result["checked"], result["seconds"]
    return {"engine": engine, "workers": workers, "posts": posts, "seconds": round(elapsed, 1),
            "posts_per_s": round(posts / elapsed, 1), "peak_memory_mb": round(peak / 2**20)}, \
        json.dumps(result["tally"], sort_keys=True)


def _audit_once(archive: Path, engine: str, workers: int, out: Path) -> None:
    from checks.audit.engine import audit
    from checks.audit.readers import read_archives

    checked = 0

    def progress(count: int) -> None:
        nonlocal checked
        checked += count

    start = time.perf_counter()
    tally = audit(read_archives([archive]), engine=engine, workers=workers, on_progress=progress,
                  scheduler="local" if engine == "dask" else None)
    elapsed = time.perf_counter() - start
    out.write_text(json.dumps({"checked": checked, "seconds": elapsed, "tally": tally.to_dict()}))


def _bare_spacy_rate(sample: int = 2000) -> float:
    """Posts/s of bare ``nlp.pipe`` (the checker's components) on the corpus texts, in this process."""
    from checks import Linter

    linter = Linter()
    texts = [text for text, _lang in _texts("fr")]
    texts = [texts[index % len(texts)] for index in range(sample)]
    nlp = linter.nlp("fr")
    list(nlp.pipe(texts[:200]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return sample / (time.perf_counter() - start)


def bench_audit(posts_count: int, worker_counts: list[int], dask: bool = True, langs: str = "fr") -> dict:
    with tempfile.TemporaryDirectory() as folder:
        archive = write_x_archive(Path(folder) / "x-archive.zip", posts_count, langs)
        runs, reference = [], None
        plan = [("local", count) for count in worker_counts]
        if dask:
            plan.append(("dask", max(worker_counts)))
        for engine, workers in plan:
            figures, tally = _run(archive, engine, workers, Path(folder))
            reference = reference or tally
            runs.append({**figures, "identical_to_first_run": tally == reference})
        archive_mb = round(archive.stat().st_size / 2**20, 1)
    one = next((run for run in runs if run["engine"] == "local" and run["workers"] == 1), None)
    for run in runs:
        if one:
            run["speed_up_over_1_worker"] = round(run["posts_per_s"] / one["posts_per_s"], 2)
            run["scaling_efficiency"] = round(run["posts_per_s"] / (one["posts_per_s"] * run["workers"]), 2)
    return {"benchmark": "audit", "posts": posts_count, "languages": langs, "archive_mb": archive_mb,
            "cpu_count": os.cpu_count(),
            "bare_nlp_pipe_fr_posts_per_s_one_core": round(_bare_spacy_rate(), 1), "runs": runs}


if __name__ == "__main__":  # one run, as _run starts it: ARCHIVE ENGINE WORKERS OUT
    _audit_once(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
