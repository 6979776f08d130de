"""``checks.audit.engine``: the tally of an archive is what the checker says of each post, added up, the
same whatever the engine, the number of workers and the partitioning."""

from __future__ import annotations

import pickle
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from checks import Config, PostInput, lint_many
from checks.audit.calendar import calendar_config
from checks.audit.engine import AuditError, audit, check_partition, worker_linter
from checks.audit.model import ArchivedPost
from checks.calendar import CalendarContext, CalendarPost, lint_calendar
from checks.finding import Severity
from tests.checks.audit.samples import EXPECTED_PLACEMENTS, PROMO_FR, post, sample_archive

WEIGHTS = {Severity.INFO: 1, Severity.WARNING: 3, Severity.ERROR: 9}


def checked(posts: list[ArchivedPost], config: Config | None = None):
    """Each post with its findings, from a plain sequential ``lint_many``."""
    inputs = [PostInput(text=item.text, channel=item.channel, lang=item.lang if item.lang in ("fr", "en") else None,
                        meta={"kind": item.kind}, planned=False) for item in posts]
    return [(item, findings) for item, (_, findings) in zip(posts, lint_many(inputs, config=config), strict=True)]


def expected_months(posts: list[ArchivedPost], config: Config | None = None) -> dict[str, dict]:
    months: dict[str, dict] = {}
    for item, findings in checked(posts, config):
        month = months.setdefault(item.created_at.strftime("%Y-%m"), {
            "posts": 0, "replies": 0, "commercial": 0, "templated_replies": 0, "codes": Counter(),
            "findings": Counter()})
        month["codes"].update(finding.code for finding in findings)
        month["findings"].update(finding.family for finding in findings)
        if item.kind == "reply":
            month["replies"] += 1
            month["templated_replies"] += any(finding.code == "IMP007" for finding in findings)
        else:
            month["posts"] += 1
            month["commercial"] += any(finding.family == "COM" for finding in findings)
    return months


@pytest.fixture(scope="module")
def archive() -> list[ArchivedPost]:
    return sample_archive()


@pytest.fixture(scope="module")
def tally(archive):
    return audit(archive, workers=1, partition_size=4)


def test_the_monthly_counts_are_those_of_a_sequential_lint_many(archive, tally):
    expected = expected_months(archive)
    assert sorted(tally.months) == sorted(expected) == ["2024-03", "2024-04"]
    for key, figures in expected.items():
        month = tally.months[key]
        assert (month.posts, month.replies, month.commercial, month.templated_replies) == (
            figures["posts"], figures["replies"], figures["commercial"], figures["templated_replies"]), key
        assert month.codes == figures["codes"] and month.families == figures["findings"], key
    assert tally.total().commercial == 3  # the French promotion twice, the English flash sale
    assert tally.total().templated_replies == 2 and tally.total().replies == 3  # the personal reply is not templated


def test_each_sponsored_post_is_counted_where_its_disclosure_sits(tally):
    march = tally.months["2024-03"]
    assert dict(march.placements) == EXPECTED_PLACEMENTS
    # The same posts as the sponsorship rules see them: undisclosed (SPO001) and buried or cut (SPO003).
    assert march.codes["SPO001"] == 1 and march.codes["SPO003"] == 2
    assert tally.months["2024-04"].sponsored == 0


def test_the_worst_posts_are_ranked_by_weighted_findings_then_id(archive):
    scores = {item.id: sum(WEIGHTS[finding.severity] for finding in findings)
              for item, findings in checked(archive) if findings}
    expected = sorted(scores, key=lambda post_id: (-scores[post_id], post_id))[:3]
    worst = audit(archive, workers=1, partition_size=5, top=3).worst
    assert [entry.id for entry in worst] == expected
    assert scores["x:001"] == scores["x:015"]  # the same promotion twice: the tie goes to the smaller id
    assert expected[:2] == ["x:001", "x:015"]
    first = worst[0]
    assert first.text == PROMO_FR and first.link == "https://x.com/i/web/status/1"
    assert {finding["code"] for finding in first.findings} >= {"COM001", "COM002"}


def test_the_calendar_rules_month_by_month_find_what_one_run_over_the_archive_finds(archive, tally):
    commercial = {item.id: any(finding.family == "COM" for finding in findings) for item, findings in checked(archive)}
    feed = [CalendarPost(id=item.id, channel=item.channel, platform=item.channel, scheduled_at=item.created_at,
                         status="published", text=item.text, commercial_findings=int(commercial[item.id]))
            for item in archive if item.kind == "post"]
    whole = lint_calendar(feed, context=CalendarContext(now=archive[-1].created_at),
                          config=calendar_config(Config()))
    assert {(finding.code, finding.post_ids) for finding in whole} == {
        (entry.code, entry.post_ids) for entry in tally.calendar_findings}
    by_month = {(entry.month, entry.code) for entry in tally.calendar_findings}
    # The cross-posted text and the posts 20 minutes apart in March; the repetition of a text of 28 March
    # counts in April, once, and so does April's promotion over the target with March's posts in its window.
    assert by_month == {("2024-03", "CAL002"), ("2024-03", "CAL004"), ("2024-04", "CAL003"), ("2024-04", "CAL001")}
    assert tally.months["2024-04"].calendar == Counter({"CAL003": 1, "CAL001": 1})
    assert "CAL008" not in tally.total().calendar  # an export has no objectives to miss


def test_local_processes_and_dask_give_the_same_tally_as_one_process(archive, tally):
    pulled = []

    def stream():
        for item in archive * 4:  # 72 posts, ids repeated: the counts simply add up
            pulled.append(item)
            yield item

    progress: list[tuple[int, int]] = []
    reference = audit(archive * 4, workers=1, partition_size=3).to_dict()
    on_two = audit(stream(), workers=2, partition_size=3,
                   on_progress=lambda count: progress.append((count, len(pulled)))).to_dict()
    on_dask = audit(archive * 4, engine="dask", scheduler="local", workers=2, partition_size=3).to_dict()
    assert on_two == reference and on_dask == reference
    assert sum(count for count, _ in progress) == len(archive) * 4
    # At most two partitions per worker in flight, and one more read as the first completes.
    assert progress[0][1] <= (2 * 2 + 1) * 3 < len(archive) * 4
    single = audit(archive, workers=1, partition_size=len(archive)).to_dict()
    assert single == tally.to_dict()  # one partition or many: the same tally


def test_a_worker_keeps_one_linter_per_configuration_across_unpickled_copies():
    config = Config(select=("COM", "SPO"))
    copy = pickle.loads(pickle.dumps(config))
    assert copy is not config and worker_linter(copy) is worker_linter(config)
    assert worker_linter(Config(select=("IMP",))) is not worker_linter(config)


def test_commercial_posts_are_counted_even_when_the_com_rules_are_not_selected(archive, tally):
    spo_only = audit(archive, config=Config(select=("SPO",)), workers=1)
    assert spo_only.total().commercial == tally.total().commercial == 3
    assert set(spo_only.total().families) == {"SPO"}
    assert spo_only.total().placements == tally.total().placements


def test_months_are_calendar_months_in_the_audits_timezone():
    new_year = post(1, datetime(2023, 12, 31, 23, 30, tzinfo=UTC), "Bonne année à toutes et à tous, à très vite !")
    assert set(check_partition([new_year], Config(), "UTC").tally.months) == {"2023-12"}
    assert set(check_partition([new_year], Config(), "Europe/Paris").tally.months) == {"2024-01"}


def test_a_language_the_checker_does_not_know_is_detected_instead():
    spanish = post(1, datetime(2024, 5, 1, tzinfo=UTC), "Hola, ¿qué tal? Nuestras velas llegan pronto.", lang="es")
    assert check_partition([spanish], Config()).checked == 1


def test_the_dask_engine_without_dask_says_how_to_install_it(monkeypatch, archive):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(AuditError, match=r"pip install edito\[dask\]"):
        audit(archive, engine="dask")


def test_an_unknown_engine_is_refused(archive):
    with pytest.raises(AuditError, match="local or dask"):
        audit(archive, engine="spark")


def test_an_empty_archive_gives_an_empty_tally():
    empty = audit([], workers=1)
    assert empty.months == {} and empty.worst == [] and empty.calendar_findings == []


def test_feed_rows_carry_texts_only_for_the_near_duplicate_rules(archive):
    with_texts = check_partition(archive[:3], Config()).feed
    without = check_partition(archive[:3], Config(ignore=("CAL002", "CAL003"))).feed
    assert [row.text for row in with_texts] == [item.text for item in archive[:3]]
    assert {row.text for row in without} == {""}
    assert [row.timestamp for row in without] == [item.created_at.timestamp() for item in archive[:3]]


def test_a_repetition_across_the_month_boundary_is_found_from_the_context_before_the_month():
    start = datetime(2024, 1, 25, 9, tzinfo=UTC)
    text = "Chaque bougie est coulée à la main dans notre atelier de Lyon, en petites séries."
    posts = [post(1, start, text), post(2, start + timedelta(days=10), text + " Merci !")]
    found = audit(posts, workers=1).calendar_findings
    assert [(entry.month, entry.code, entry.post_ids) for entry in found] == [("2024-02", "CAL003", ("x:002", "x:001"))]
