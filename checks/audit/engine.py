"""``audit``: every per-post rule over an archive's posts, in partitions, then the calendar rules.

The stream of posts is cut into partitions (lists of ``ArchivedPost``); each is checked by the checker's
``Linter.lint_many`` and reduced to an ``AuditTally`` plus the compact feed rows the calendar rules read
(``checks.audit.calendar``). Partitions run in this process, on local worker processes
(``engine="local"``) or on a Dask cluster (``engine="dask"``), with a bounded number in flight so memory
stays bounded whatever the archive's size; tallies merge in any order, so the result is the same, finding
for finding, whatever the engine and the number of workers.

The calendar rules then run on the driver, one calendar month at a time over the month and the 30 days
before it (``checks.audit.calendar``, which states the limits: a month is held in memory whole, and a
finding spanning a month boundary is reported in each month it reaches).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from zoneinfo import ZoneInfo

from checks.audit.calendar import FeedRow, FeedSpool, check_calendar, month_key, needs_text
from checks.audit.model import ArchivedPost
from checks.audit.tally import TOP_POSTS, AuditTally, WorstPost, score
from checks.calendar.runner import commercial_config
from checks.config import Config
from checks.engine import Linter
from checks.finding import Finding
from checks.partnership import is_sponsored, placement
from checks.post import Post, PostInput
from checks.registry import all_rules, get_rule

ENGINES = ("local", "dask")
PARTITION_SIZE = 1000
IN_FLIGHT_PER_WORKER = 2
SCHEDULER_TIMEOUT = "10s"
TEMPLATED_REPLY = "IMP007"
BURIED_DISCLOSURE = "SPO003"


class AuditError(Exception):
    """The audit cannot run as asked (an engine missing, a scheduler out of reach): one sentence."""


@dataclass(frozen=True)
class PartitionResult:
    """What one partition gives the driver: its tally and the feed rows for the calendar rules."""

    tally: AuditTally
    feed: list[FeedRow]
    checked: int


# --- one partition (in whatever process runs it) ---------------------------------------------------------

_WORKER_LINTERS: dict[str, Linter] = {}


def _fingerprint(config: Config) -> str:
    return repr(config)  # a frozen dataclass of plain values: equal settings, equal repr


def worker_linter(config: Config) -> Linter:
    """One Linter per configuration in this process, however many copies of it arrive unpickled."""
    key = _fingerprint(config)
    if key not in _WORKER_LINTERS:
        _WORKER_LINTERS[key] = Linter(config)
    return _WORKER_LINTERS[key]


def warm_worker(config: Config) -> None:
    """Build the linters once, when a worker process starts. Each pipeline loads (once per process) at the
    first post in its language: a French brand's archive never costs a worker the English model's memory."""
    for settings in filter(None, (config, _commercial_settings(config))):
        worker_linter(settings)


def _commercial_settings(config: Config) -> Config | None:
    """The settings to count commercial findings with (as the calendar does), or None when the audit's own
    findings already count them (the same COM rules selected on every platform)."""
    counting = commercial_config(config)
    for rule in all_rules():
        if rule.family == "COM" and any(counting.is_selected(rule, platform) != config.is_selected(rule, platform)
                                        for platform in (None, *config.channels)):
            return counting
    return None


def _as_input(post: ArchivedPost, linter: Linter) -> PostInput:
    lang = post.lang if post.lang in ("fr", "en") else None  # an export's "es" or "und" is left to detection
    draft = PostInput(text=post.text, channel=post.channel, lang=lang, meta={"kind": post.kind}, planned=False)
    return replace(draft, lang=linter.language_of(draft), id=post.id, source=post.source or post.id)


def _placement(analysed: Post, min_other_hashtags: int) -> str | None:
    """Where a sponsored post's disclosure sits, or None for a post that does not look sponsored (read from
    the facts the SPO rules already computed on the same ``Post``)."""
    return placement(analysed, min_other_hashtags) if is_sponsored(analysed) else None


def _finding_data(finding: Finding) -> dict:
    return {key: value for key, value in finding.to_dict().items() if key != "url"}


def check_partition(posts: list[ArchivedPost], config: Config, timezone: str = "UTC",
                    top: int = TOP_POSTS) -> PartitionResult:
    """Check one partition and reduce it to a tally and its feed rows."""
    zone, linter = ZoneInfo(timezone), worker_linter(config)
    counting = _commercial_settings(config)
    inputs = [_as_input(post, linter) for post in posts]
    counted = (len(found) for _, found in worker_linter(counting).lint_many(inputs)) if counting else None
    min_other_hashtags = {channel: config.options_for(get_rule(BURIED_DISCLOSURE), channel)["min_other_hashtags"]
                          for channel in {post.channel for post in inputs}}
    keep_text = needs_text(config)
    tally, feed, worst = AuditTally(top=top), [], []
    # Lazily: each analysed post (and its spaCy doc) is let go once counted, so a worker holds one batch of them.
    for post, (checked, analysed, findings) in zip(posts, linter.lint_analysed(inputs), strict=True):
        commercial_count = (next(counted) if counted is not None
                            else sum(finding.family == "COM" for finding in findings))
        month_name = month_key(post.created_at, zone)
        month = tally.month(month_name)
        month.families.update(finding.family for finding in findings)
        month.codes.update(finding.code for finding in findings)
        if (where := _placement(analysed, min_other_hashtags[checked.channel])) is not None:
            month.placements[where] += 1
        if post.kind == "reply":
            month.replies += 1
            month.templated_replies += any(finding.code == TEMPLATED_REPLY for finding in findings)
        else:
            month.posts += 1
            month.commercial += commercial_count > 0
            feed.append(FeedRow(post.id, post.channel, post.created_at.timestamp(), commercial_count > 0,
                                checked.lang, post.link, post.text if keep_text else ""))
        if findings:
            worst.append(WorstPost(id=post.id, created_at=post.created_at.isoformat(), month=month_name,
                                   channel=post.channel, kind=post.kind, text=post.text, link=post.link,
                                   score=score(findings), findings=tuple(map(_finding_data, findings))))
    tally.keep_worst(worst)
    return PartitionResult(tally, feed, len(posts))


# --- running the partitions ----------------------------------------------------------------------------

def partitions(posts: Iterable[ArchivedPost], size: int) -> Iterator[list[ArchivedPost]]:
    stream = iter(posts)
    while chunk := list(islice(stream, size)):
        yield chunk


def _in_process(chunks: Iterator[list[ArchivedPost]], task: Callable) -> Iterator[PartitionResult]:
    for chunk in chunks:
        yield task(chunk)


def _bounded(chunks: Iterator[list[ArchivedPost]], submit: Callable, next_done: Callable, window: int
             ) -> Iterator[PartitionResult]:
    """Keep at most ``window`` partitions in flight: submit, and submit again as each one completes."""
    pending = set()
    for chunk in islice(chunks, window):
        pending.add(submit(chunk))
    while pending:
        done = next_done(pending)
        pending.discard(done)
        for chunk in islice(chunks, 1):
            pending.add(submit(chunk))
        yield done.result()


def _on_processes(chunks: Iterator[list[ArchivedPost]], task: Callable, config: Config, workers: int
                  ) -> Iterator[PartitionResult]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    def first_done(pending):
        return next(iter(wait(pending, return_when=FIRST_COMPLETED).done))

    # spawn, not fork: the driver may run threads (a progress bar, a Dask client) that fork would copy mid-way.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm_worker,
                             initargs=(config,)) as pool:
        try:
            yield from _bounded(chunks, lambda chunk: pool.submit(task, chunk), first_done,
                                IN_FLIGHT_PER_WORKER * workers)
        finally:
            pool.shutdown(cancel_futures=True)


def _dask_client(scheduler: str | None, workers: int | None):
    """A client of the scheduler (or of a new local cluster, returned too, to close)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise AuditError("the dask engine needs dask and distributed: pip install edito[dask]") from None
    if scheduler in (None, "local"):
        import logging

        cluster = LocalCluster(n_workers=workers or os.cpu_count(), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=SCHEDULER_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as error:
        raise AuditError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None


def _on_dask(chunks: Iterator[list[ArchivedPost]], task: Callable, config: Config, scheduler: str | None,
             workers: int | None) -> Iterator[PartitionResult]:
    client, cluster = _dask_client(scheduler, workers)
    from distributed import as_completed

    try:
        client.run(warm_worker, config)
        slots = sum(worker.get("nthreads", 1) for worker in client.scheduler_info()["workers"].values())
        completed = as_completed()

        def submit(chunk):
            future = client.submit(task, chunk, pure=False)
            completed.add(future)
            return future

        yield from _bounded(chunks, submit, lambda _pending: next(completed),
                            IN_FLIGHT_PER_WORKER * max(1, slots))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Task:
    """The partition function with the audit's settings bound (picklable, unlike a lambda)."""

    def __init__(self, config: Config, timezone: str, top: int):
        self.config, self.timezone, self.top = config, timezone, top

    def __call__(self, chunk: list[ArchivedPost]) -> PartitionResult:
        return check_partition(chunk, self.config, self.timezone, self.top)


def audit(posts: Iterable[ArchivedPost], *, config: Config | None = None, engine: str = "local",
          workers: int | None = None, scheduler: str | None = None, partition_size: int = PARTITION_SIZE,
          on_progress: Callable[[int], None] | None = None, timezone: str = "UTC",
          frequencies: Mapping[str, float] | None = None, top: int = TOP_POSTS) -> AuditTally:
    """Check every post and the calendar they make; the tally of it all.

    ``engine="local"`` runs ``workers`` processes (default: one per CPU; 1 runs here, in this process);
    ``engine="dask"`` runs on the scheduler at ``scheduler`` or, for ``"local"`` or None, on a local cluster
    of ``workers`` processes. ``on_progress(n)`` is called as each partition of ``n`` posts is checked.
    Months are calendar months in ``timezone``; ``frequencies`` maps a platform to its planned posts per
    week (for the silence rule); ``top`` is how many of the worst posts to keep.
    """
    if engine not in ENGINES:
        raise AuditError(f"unknown engine {engine!r}: choose {' or '.join(ENGINES)}")
    config = config or Config()
    ZoneInfo(timezone)  # an unknown timezone fails before any work
    task = _Task(config, timezone, top)
    chunks = partitions(posts, partition_size)
    if engine == "dask":
        results = _on_dask(chunks, task, config, scheduler, workers)
    elif (workers or os.cpu_count() or 1) == 1:
        results = _in_process(chunks, task)
    else:
        results = _on_processes(chunks, task, config, workers or os.cpu_count())
    tally = AuditTally(top=top)
    with FeedSpool() as spool:
        for result in results:
            tally.merge(result.tally)
            spool.add(result.feed)
            if on_progress:
                on_progress(result.checked)
        calendar_counts, listed = check_calendar(spool, config=config, timezone=timezone, frequencies=frequencies)
    for month, figures in calendar_counts.items():
        tally.month(month).merge(figures)
    tally.calendar_findings = listed
    return tally


__all__ = ["ENGINES", "AuditError", "PartitionResult", "audit", "check_partition", "partitions"]
