"""The calendar checks (CAL…) on stored posts, on SQLite and PostgreSQL, and ``edito lint --calendar`` on
the database through the real command."""

import json
from pathlib import Path
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from calendar_app.db import make_engine, session_scope
from calendar_app.errors import NotFoundError
from calendar_app.models import CampaignCreate, ChannelCreate, ChannelUpdate, WorkspaceCreate, WorkspaceUpdate
from calendar_app.services import posts, workspaces
from calendar_app.services.calendar_checks import calendar_findings, findings_for_post, stored_commercial_counts
from calendar_app.services.checking import check_post
from tests.calendar_app.helpers import make_post
from tests.calendar_app.test_cli import assert_one_line_error, run_edito

PARIS = ZoneInfo("Europe/Paris")
MONDAY = datetime(2026, 3, 2, tzinfo=PARIS)  # the week checked: Monday 2 to Sunday 8 March 2026
NEXT_MONDAY = MONDAY + timedelta(days=7)
BEFORE = datetime(2026, 2, 20, 9, tzinfo=PARIS)  # "now": every post is weeks ahead (no timing finding)
SALES = "SOLDES !!! Achetez, commandez !"  # COM findings: commercial by its text alone
CALM = [  # distinct texts, no COM finding (and no two alike: no repetition finding)
    "Ce matin à l'atelier, Léa coule la cire de la bougie au figuier : 48 h de repos avant l'étiquette.",
    "Trois conseils pour faire durer une bougie : couper la mèche, la laisser fondre, la couvrir.",
    "Nous livrons désormais Lyon à vélo, sans emballage superflu, du lundi au samedi.",
    "Le parfum mêle des notes de bois, de feuilles vertes et un soupçon de poivre noir.",
    "Notre stand au marché de Nantes ce week-end : venez sentir les nouveautés de l'hiver.",
    "Il a fallu quarante essais pour trouver la recette de la bougie au thé noir.",
]
CROSS_POSTED = "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon, en petites séries."


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=PARIS)


@pytest.fixture
def brand(session):
    workspace = workspaces.create_workspace(WorkspaceCreate(name="Lumen", timezone="Europe/Paris"), session=session)
    instagram = workspaces.create_channel(
        workspace.id, ChannelCreate(platform="instagram", display_name="Instagram Lumen"), session=session)
    linkedin = workspaces.create_channel(
        workspace.id, ChannelCreate(platform="linkedin", display_name="LinkedIn Lumen"), session=session)
    return workspace, instagram, linkedin


def post(session, channel, when, body, **fields):
    return make_post(session, channel, body=body, scheduled_at=when, objective=fields.pop("objective", "engagement"),
                     **fields)


def week_findings(session, workspace, **options):
    return calendar_findings(workspace.id, session=session, start=MONDAY, end=NEXT_MONDAY, now=BEFORE, **options)


def test_a_week_of_promotions_names_the_post_that_tips_the_channel_and_the_window(session, brand):
    workspace, instagram, linkedin = brand
    promotions = [post(session, instagram, at(day), CALM[day - 2], pillar="promotional") for day in range(2, 7)]
    other = post(session, linkedin, at(4), CALM[5], pillar="educational")
    found = week_findings(session, workspace)
    mix = [finding for finding in found if finding.code == "CAL001"]
    assert mix, found
    tipping = promotions[4]  # the fifth post: the first window with enough posts to judge
    seven_days = next(finding for finding in mix if "7 jours" in finding.message)
    assert seven_days.post_ids[0] == str(tipping.id)
    assert set(seven_days.post_ids) == {str(promotion.id) for promotion in promotions}
    assert seven_days.window == ("2026-02-27T09:00:00+01:00", "2026-03-06T09:00:00+01:00")
    assert "Instagram Lumen : 5 publications commerciales sur 5" in seven_days.message
    assert all(str(other.id) not in finding.post_ids for finding in mix)
    assert {finding.code for finding in found} == {"CAL001"}  # nothing else in this clean week

    assert [finding.code for finding in findings_for_post(tipping.id, session=session, now=BEFORE)] == [
        "CAL001", "CAL001"]  # the 7- and the 30-day windows
    assert findings_for_post(promotions[1].id, session=session, now=BEFORE) == []
    assert findings_for_post(other.id, session=session, now=BEFORE) == []


def test_commercial_by_its_text_counts_and_the_weeks_before_are_context(session, brand):
    workspace, instagram, _ = brand
    # Four commercial posts the week before (context): two by their pillar, two by their text alone.
    earlier = [post(session, instagram, datetime(2026, 2, day, 9, tzinfo=PARIS), SALES if day % 2 else CALM[day - 25],
                    pillar="educational" if day % 2 else "promotional") for day in range(25, 29)]
    checked = post(session, instagram, at(3), SALES, pillar="news")
    mix = [finding for finding in week_findings(session, workspace) if finding.code == "CAL001"]
    assert mix and all(finding.post_ids[0] == str(checked.id) for finding in mix)
    assert {str(item.id) for item in earlier} <= set(mix[0].post_ids)
    # Nothing reported for the week after: its windows are under five posts, or do not overlap it.
    later = calendar_findings(workspace.id, session=session, start=NEXT_MONDAY + timedelta(days=7),
                              end=NEXT_MONDAY + timedelta(days=14), now=BEFORE)
    assert [finding for finding in later if finding.code == "CAL001"] == []


def test_the_same_text_on_two_channels_names_both_posts(session, brand):
    workspace, instagram, linkedin = brand
    first = post(session, instagram, at(4, 9), CROSS_POSTED)
    second = post(session, linkedin, at(4, 11), CROSS_POSTED + " #artisanat")
    lonely = post(session, linkedin, at(6), CALM[0])
    cross = [finding for finding in week_findings(session, workspace) if finding.code == "CAL002"]
    assert len(cross) == 1
    assert cross[0].post_ids == (str(first.id), str(second.id))
    assert cross[0].window == ("2026-03-04T09:00:00+01:00", "2026-03-04T11:00:00+01:00")
    assert "Instagram Lumen" in cross[0].message and "LinkedIn Lumen" in cross[0].message

    assert [finding.code for finding in findings_for_post(first.id, session=session, now=BEFORE)] == ["CAL002"]
    assert findings_for_post(second.id, session=session, now=BEFORE) == []  # named, but not first
    assert findings_for_post(lonely.id, session=session, now=BEFORE) == []


def test_campaigns_settings_the_trash_and_timing(session, brand):
    workspace, instagram, linkedin = brand
    sale = workspaces.create_campaign(workspace.id, CampaignCreate(name="Soldes"), session=session)
    one = post(session, instagram, at(3), CALM[0], pillar="promotional", campaign_id=sale.id)
    two = post(session, linkedin, at(5), SALES, campaign_id=sale.id)  # commercial by its COM findings
    found = week_findings(session, workspace)
    campaign = next(finding for finding in found if finding.code == "CAL009")
    assert campaign.post_ids == (str(one.id), str(two.id)) and "« Soldes »" in campaign.message
    assert [finding.code for finding in calendar_findings(workspace.id, session=session, campaign_id=sale.id,
                                                          now=BEFORE)] == ["CAL009"]
    workspaces.update_workspace(workspace.id, WorkspaceUpdate(  # the workspace's checker settings apply
        checker_settings={"ignore": ["calendar.campaign-all-commercial"]}), session=session)
    assert not any(finding.code == "CAL009" for finding in week_findings(session, workspace))
    workspaces.update_workspace(workspace.id, WorkspaceUpdate(checker_settings={}), session=session)
    assert any(finding.code == "CAL009" for finding in week_findings(session, workspace))

    posts.delete_post(two.id, expected_version=two.version, session=session)  # the trash is left out
    assert not [finding for finding in week_findings(session, workspace) if finding.code == "CAL009"]
    with pytest.raises(NotFoundError):
        findings_for_post(two.id, session=session)

    # A channel's overrides apply under its platform.
    for day in range(2, 7):
        post(session, linkedin, at(day, 14), CALM[day - 1], pillar="promotional")
    assert any(finding.code == "CAL001" for finding in week_findings(session, workspace))
    workspaces.update_channel(linkedin.id, ChannelUpdate(
        checker_overrides={"ignore": ["calendar.commercial-mix"]}), session=session)
    assert not any(finding.code == "CAL001" for finding in week_findings(session, workspace))

    # Timing is judged against ``now``, and messages follow the brand's timezone and language.
    late = findings_for_post(one.id, session=session, now=at(9))
    assert [finding.code for finding in late] == ["CAL010"]
    assert late[0].message.startswith("Prévue le 03/03/2026 à 09:00")


def test_a_channel_with_a_planned_frequency_reports_its_silence(session, brand):
    workspace, instagram, _ = brand
    workspaces.update_channel(instagram.id, ChannelUpdate(posts_per_week=3), session=session)
    before = post(session, instagram, at(2), CALM[0])
    post(session, instagram, at(12), CALM[1])
    silence = [finding for finding in week_findings(session, workspace) if finding.code == "CAL006"]
    assert len(silence) == 1 and silence[0].post_ids[0] == str(before.id)
    assert "Instagram Lumen : aucune publication du 02/03/2026" in silence[0].message


def test_stored_results_are_read_in_one_pass_under_the_hash_check_post_uses(session, brand):
    """The shortcut past ``check_post`` (one query for all the posts) must find what it stored."""
    workspace, instagram, linkedin = brand
    made = [post(session, channel, at(2 + index), text) for index, (channel, text) in
            enumerate([(instagram, SALES), (linkedin, SALES), (instagram, CALM[0]), (linkedin, CALM[1])])]
    workspaces.update_channel(linkedin.id, ChannelUpdate(checker_overrides={"ignore": ["COM001"]}), session=session)
    assert stored_commercial_counts(made, workspace, [instagram, linkedin], session=session) == {}
    expected = {item.id: sum(finding.family == "COM" for finding in check_post(item, session=session))
                for item in made}
    assert expected[made[0].id] > expected[made[1].id] > 0  # the channel's overrides are part of the hash
    assert stored_commercial_counts(made, workspace, [instagram, linkedin], session=session) == expected


# --- edito lint --calendar, on the database -----------------------------------------------------------------

def test_edito_lint_calendar_reads_the_database(database_url):
    assert run_edito("demo", database_url=database_url).returncode == 0
    result = run_edito("lint", "--calendar", "-w", "Atelier Lumen", "--format", "json", database_url=database_url)
    assert result.returncode in (0, 1), result.stderr  # 1 when a demo post is past its time while approved
    report = json.loads(result.stdout)
    findings = report["findings"]
    assert findings and {finding["code"][:3] for finding in findings} == {"CAL"}
    assert {"CAL001", "CAL002", "CAL009"} <= {finding["code"] for finding in findings}
    engine = make_engine(database_url)
    with engine.connect() as connection:
        lumen = {str(row[0]) for row in connection.execute(text(
            "SELECT post.id FROM post JOIN workspace ON workspace.id = post.workspace_id "
            "WHERE workspace.name = 'Atelier Lumen'"))}
    engine.dispose()
    named = {post_id for finding in findings for post_id in finding["post_ids"]}
    assert named and named <= lumen
    assert all(finding["post"] == finding["post_ids"][0] for finding in findings if finding["post_ids"])

    several = run_edito("lint", "--calendar", database_url=database_url)
    assert several.returncode == 2
    assert_one_line_error(several, "Several brands: choose one with --workspace", "'Atelier Lumen'",
                          "'Northwind Roasters'")
    assert_one_line_error(run_edito("lint", "--calendar", "-w", "Nope", database_url=database_url),
                          "No brand named 'Nope' (brands: 'Atelier Lumen', 'Northwind Roasters').")
    assert_one_line_error(run_edito("lint", "--calendar", "x.csv", "--workspace", "Nope", database_url=database_url),
                          "--workspace only applies")
    # The workspace's own settings apply (Settings page); --config FILE replaces them; flags go on top.
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        lumen = workspaces.find_workspace("Atelier Lumen", session=session)
        workspaces.update_workspace(lumen.id, WorkspaceUpdate(checker_settings={
            **(lumen.checker_settings or {}), "ignore": ["CAL009"]}), session=session)
    engine.dispose()
    as_the_team_set_it = run_edito("lint", "--calendar", "-w", "Atelier Lumen", "--format", "json",
                                   database_url=database_url)
    assert "CAL009" not in {finding["code"] for finding in json.loads(as_the_team_set_it.stdout)["findings"]}
    plain = Path("plain.toml")
    plain.write_text("# the checker's defaults\n", encoding="utf-8")
    with_a_file = run_edito("lint", "--calendar", "-w", "Atelier Lumen", "--format", "json", "--config", str(plain),
                            database_url=database_url)
    assert "CAL009" in {finding["code"] for finding in json.loads(with_a_file.stdout)["findings"]}
    only = run_edito("lint", "--calendar", "-w", "Atelier Lumen", "--format", "json", "--select", "CAL002",
                     database_url=database_url)
    assert {finding["code"] for finding in json.loads(only.stdout)["findings"]} == {"CAL002"}

    english = run_edito("lint", "--calendar", "--workspace=Northwind Roasters", "--now", "2000-01-01T00:00:00+00:00",
                        "--select", "CAL002", database_url=database_url)
    assert english.returncode == 0 and "The same text on" in english.stdout
