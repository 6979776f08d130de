"""Insights computed from posts with known pillars, texts and dates, on SQLite and PostgreSQL."""

from collections import Counter
from datetime import date, datetime

import pytest

from calendar_app.errors import ValidationError
from calendar_app.models import ChannelCreate, PostStatus, WorkspaceCreate
from calendar_app.services import checking, posts, workspaces
from calendar_app.services.checking import check_post
from calendar_app.services.insights import (
    compute_insights,
    default_range,
    is_commercial,
)
from tests.calendar_app.helpers import make_post

SALES = "SOLDES !!! Achetez, commandez !"  # COM001 error, COM002 and COM005 warnings
CALM = ("Ce matin à l'atelier, Léa coule la cire de la bougie « Figuier ». Il faut 48 h de repos avant de poser "
        "l'étiquette. Vous aviez deviné que c'était si long ?")  # no finding, given an objective
URGENCY = "Dernière chance ! La collection d'hiver part vite."  # COM003, lowered to info by the workspace

MONDAY = date(2025, 3, 3)  # weeks of 3, 10, 17 and 24 March 2025


@pytest.fixture
def brand(session):
    workspace = workspaces.create_workspace(
        WorkspaceCreate(name="Lumen", timezone="Europe/Paris", commercial_target=0.25,
                        checker_settings={"severity": {"COM003": "info"}}),
        session=session,
    )
    instagram = workspaces.create_channel(
        workspace.id, ChannelCreate(platform="instagram", display_name="Instagram", colour="#e1306c",
                                    posts_per_week=2), session=session)
    linkedin = workspaces.create_channel(
        workspace.id, ChannelCreate(platform="linkedin", display_name="LinkedIn", colour="#0a66c2",
                                    posts_per_week=1), session=session)
    tiktok = workspaces.create_channel(
        workspace.id, ChannelCreate(platform="tiktok", display_name="TikTok", colour="#00a3a3"), session=session)
    return workspace, instagram, linkedin, tiktok


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    """Wall-clock time in March 2025, read in the workspace's timezone (Europe/Paris)."""
    return datetime(2025, 3, day, hour, minute)


def run(session, workspace, first=MONDAY, last=date(2025, 3, 30), **options):
    return compute_insights(workspace.id, session=session, first_day=first, last_day=last, **options)


def test_default_range_is_the_last_eight_weeks_to_the_next_four():
    first, last = default_range(date(2025, 3, 12))  # a Wednesday
    assert first == date(2025, 1, 13) and first.weekday() == 0
    assert last == date(2025, 4, 13) and last.weekday() == 6
    assert (last - first).days + 1 == 13 * 7  # 8 past weeks, this one, 4 to come


def test_a_period_ending_before_it_starts_is_refused(session, brand):
    with pytest.raises(ValidationError):
        run(session, brand[0], first=date(2025, 3, 10), last=date(2025, 3, 9))


def test_posts_per_channel_and_week_use_the_workspace_timezone(session, brand):
    workspace, instagram, linkedin, _ = brand
    make_post(session, instagram, body=CALM, scheduled_at=at(9, 23, 30))   # Sunday 9 in Paris (22:30 UTC)
    make_post(session, instagram, body=CALM, scheduled_at=at(10, 0, 30))  # Monday 10 in Paris (Sunday in UTC)
    make_post(session, instagram, body=CALM, scheduled_at=at(11))
    make_post(session, linkedin, body=CALM, scheduled_at=at(4))
    make_post(session, linkedin, body=CALM, scheduled_at=datetime(2025, 2, 28, 9))  # before the period
    make_post(session, linkedin, body=CALM, scheduled_at=at(31, 0, 30))  # after it
    make_post(session, linkedin, body=CALM)  # not scheduled
    archived = make_post(session, linkedin, body=CALM, scheduled_at=at(5), status=PostStatus.ARCHIVED)
    trashed = make_post(session, linkedin, body=CALM, scheduled_at=at(5))
    posts.delete_post(trashed.id, expected_version=trashed.version, session=session)

    result = run(session, workspace)

    assert result.weeks == [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17), date(2025, 3, 24)]
    assert result.post_count == 4
    counts = {(row["channel"], row["week"]): row["posts"] for row in result.posts_per_week}
    assert len(counts) == 3 * 4  # every channel and week, zeros included
    assert counts["Instagram", date(2025, 3, 3)] == 1
    assert counts["Instagram", date(2025, 3, 10)] == 2
    assert counts["LinkedIn", date(2025, 3, 3)] == 1
    assert sum(counts.values()) == 4
    assert {row["colour"] for row in result.posts_per_week if row["channel"] == "Instagram"} == {"#e1306c"}
    assert archived.id not in {row["post_id"] for row in result.top_posts}


def test_a_post_is_commercial_by_its_pillar_or_by_sales_talk_at_warning_or_above(session, brand):
    workspace, instagram, linkedin, _ = brand
    promotional = make_post(session, instagram, body=CALM, pillar="promotional", scheduled_at=at(3))
    sales = make_post(session, instagram, body=SALES, pillar="educational", scheduled_at=at(4))
    calm = make_post(session, instagram, body=CALM, pillar="educational", scheduled_at=at(5))
    urgency = make_post(session, instagram, body=URGENCY, pillar="educational", scheduled_at=at(6))
    make_post(session, instagram, body=SALES, scheduled_at=at(12))
    make_post(session, linkedin, body=CALM, pillar="news", scheduled_at=at(12))

    com_findings = [finding for finding in check_post(urgency, session=session) if finding.family == "COM"]
    assert com_findings and {str(finding.severity) for finding in com_findings} == {"info"}
    assert is_commercial(promotional, check_post(promotional, session=session))
    assert is_commercial(sales, check_post(sales, session=session))
    assert not is_commercial(calm, check_post(calm, session=session))
    assert not is_commercial(urgency, check_post(urgency, session=session))

    result = run(session, workspace)

    assert result.commercial_target == 0.25
    shares = {(row["channel"], row["week"]): (row["commercial"], row["posts"], row["share"])
              for row in result.commercial_share}
    assert shares == {  # weeks without a post have no share
        ("Instagram", date(2025, 3, 3)): (2, 4, 0.5),
        ("Instagram", date(2025, 3, 10)): (1, 1, 1.0),
        ("LinkedIn", date(2025, 3, 10)): (0, 1, 0.0),
    }
    overall = {row["channel"]: row for row in result.commercial_by_channel}
    assert (overall["Instagram"]["commercial"], overall["Instagram"]["posts"]) == (3, 5)
    assert overall["Instagram"]["share"] == pytest.approx(0.6) and overall["Instagram"]["over_target"]
    assert overall["LinkedIn"]["share"] == 0 and not overall["LinkedIn"]["over_target"]
    assert overall["TikTok"]["share"] is None and not overall["TikTok"]["over_target"]


def test_findings_are_counted_by_family_and_severity(session, brand):
    workspace, instagram, linkedin, _ = brand
    made = [
        make_post(session, instagram, body=SALES, scheduled_at=at(3)),
        make_post(session, linkedin, body=URGENCY, scheduled_at=at(11)),
        make_post(session, linkedin, body=CALM, scheduled_at=at(12)),
    ]
    expected = Counter((finding.family, str(finding.severity))
                       for post in made for finding in check_post(post, session=session))

    result = run(session, workspace)

    table = {(row["family"], row["severity"]): row["findings"] for row in result.findings_by_family}
    assert set(table) == {(family, severity) for family in ("COM", "IMP", "SPO", "CHN", "MES")
                          for severity in ("error", "warning", "info")}
    assert {key: count for key, count in table.items() if count} == dict(expected)
    assert table["COM", "error"] >= 1  # the sales post
    assert table["COM", "info"] >= 1  # the urgency, lowered to info


def test_the_longest_silence_per_channel_against_its_planned_frequency(session, brand):
    workspace, instagram, linkedin, tiktok = brand
    for day in (3, 4, 11, 12):  # a 7-day gap from the 4th to the 11th; 2 a week means one every 3.5 days
        make_post(session, instagram, body=CALM, scheduled_at=at(day))
    make_post(session, instagram, body=CALM, scheduled_at=at(13), status=PostStatus.ARCHIVED)  # not counted
    make_post(session, linkedin, body=CALM, scheduled_at=at(5))
    for day in (3, 24):
        make_post(session, tiktok, body=CALM, scheduled_at=at(day, 18))

    silences = {row["channel"]: row for row in run(session, workspace).silences}

    assert silences["Instagram"]["posts"] == 4
    assert silences["Instagram"]["longest_gap_days"] == 7
    assert silences["Instagram"]["expected_gap_days"] == 3.5
    assert silences["Instagram"]["ratio"] == 2
    assert silences["Instagram"]["gap_from"].date() == date(2025, 3, 4)
    assert silences["Instagram"]["gap_to"].date() == date(2025, 3, 11)
    assert silences["LinkedIn"]["longest_gap_days"] is None and silences["LinkedIn"]["ratio"] is None
    assert silences["LinkedIn"]["expected_gap_days"] == 7
    assert silences["TikTok"]["longest_gap_days"] == 21  # 3 to 24 March, before summer time
    assert silences["TikTok"]["expected_gap_days"] is None  # no planned frequency


def test_the_posts_with_the_most_findings_come_first_with_a_link_to_edit_them(session, brand):
    workspace, instagram, linkedin, _ = brand
    sales = make_post(session, instagram, title="Soldes d'hiver", body=SALES, scheduled_at=at(20))
    urgency = make_post(session, linkedin, body=URGENCY, scheduled_at=at(5))
    calm = make_post(session, linkedin, body=CALM, objective="engagement", scheduled_at=at(6))
    assert check_post(calm, session=session) == []
    sales_count = len(check_post(sales, session=session))
    urgency_count = len(check_post(urgency, session=session))
    assert sales_count > urgency_count > 0

    result = run(session, workspace)

    assert [row["post_id"] for row in result.top_posts] == [sales.id, urgency.id]  # the clean post is left out
    first, second = result.top_posts
    assert first == {"post_id": sales.id, "day": date(2025, 3, 20), "channel": "Instagram", "colour": "#e1306c",
                     "label": "Soldes d'hiver", "findings": sales_count, "worst": "error",
                     "link": f"/compose?post={sales.id}"}
    assert second["label"] == URGENCY  # no title: the start of the text
    assert calm.id not in {row["post_id"] for row in result.top_posts}
    assert [row["post_id"] for row in run(session, workspace, top=1).top_posts] == [sales.id]


def test_a_second_run_reuses_the_stored_findings(session, brand, monkeypatch):
    workspace, instagram, *_ = brand
    make_post(session, instagram, body=SALES, scheduled_at=at(3))
    first = run(session, workspace)

    def no_more_checking(*args, **kwargs):
        raise AssertionError("an unchanged post was checked again")

    monkeypatch.setattr(checking, "lint_many", no_more_checking)
    assert run(session, workspace) == first
