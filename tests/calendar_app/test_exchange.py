"""Export and import through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from calendar_app.errors import PermissionDeniedError
from calendar_app.exchange import (
    ExportFilters,
    Format,
    ImportRejected,
    apply_import,
    export_calendar,
    plan_import,
)
from calendar_app.exchange.formats import EDITO_COLUMNS, HOOTSUITE_MAX_ROWS
from calendar_app.models import Post, PostCreate, PostStatus, WorkspaceCreate
from calendar_app.services import posts, users, workspaces
from checks.csv_cells import FORMULA_TRIGGERS, neutralise, restore
from tests.calendar_app.exchange_helpers import FORMULA_PAYLOADS, TRICKY_BODIES, remove_all_posts, seeded_brand

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def export_bytes(session, workspace, fmt=Format.EDITO_CSV, **options) -> bytes:
    result = export_calendar(workspace.id, fmt, session=session, now=options.pop("now", NOW), **options)
    assert len(result.files) == 1
    return result.files[0].data


def rows_of(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def import_bytes(session, workspace, data: bytes, **options):
    plan = plan_import(data, source="calendar.csv", workspace_id=workspace.id, session=session, **options)
    return plan, (apply_import(plan, session=session) if plan.ok else None)


def count_posts(session, workspace) -> int:
    return len(posts.list_posts(workspace.id, session=session))


def admin(session):
    return next(user for user in users.list_users(session=session) if user.role == "admin")


# --- Edito CSV: lossless round trip -------------------------------------------------------------------------

def test_edito_csv_export_import_export_is_identical(session):
    workspace = seeded_brand(session)
    first = export_bytes(session, workspace)
    assert rows_of(first)[0].keys() == set(EDITO_COLUMNS)
    exported = count_posts(session, workspace)
    remove_all_posts(session, workspace.id)
    plan, result = import_bytes(session, workspace, first)
    assert plan.ok and not plan.duplicates and result.created == exported
    assert export_bytes(session, workspace) == first


def test_edito_csv_carries_every_field_exactly(session):
    workspace = seeded_brand(session)
    rows = rows_of(export_bytes(session, workspace))
    assert {restore(row["body"]) for row in rows} >= set(FORMULA_PAYLOADS) | set(TRICKY_BODIES)
    for row in rows:
        assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in row.values()), row
    by_title = {row["title"]: row for row in rows}
    assert by_title["Montréal"]["timezone"] == "America/Montreal"
    assert by_title["Montréal"]["scheduled_at"] == "2027-03-27T21:30:00-04:00"  # the post's own timezone
    assert by_title["Sans date"]["scheduled_at"] == ""
    assert {row["partner"] for row in rows} >= {"'-Marque"}


def test_copying_into_another_workspace_creates_its_channels_and_campaigns(session):
    workspace = seeded_brand(session)
    data = export_bytes(session, workspace)
    copy = workspaces.create_workspace(WorkspaceCreate(name="Copie"), session=session)
    plan, result = import_bytes(session, copy, data)
    assert plan.new_channels and plan.new_campaigns
    assert result.created == count_posts(session, workspace)
    original, copied = rows_of(data), rows_of(export_bytes(session, copy))
    for before, after in zip(original, copied, strict=True):
        assert after["uid"] != before["uid"]  # a uid names one post: the copy gets its own
        assert {key: value for key, value in after.items() if key not in ("uid", "group")} == \
               {key: value for key, value in before.items() if key not in ("uid", "group")}


# --- Excel (French) ---------------------------------------------------------------------------------------------

def test_excel_fr_is_semicolon_utf8_bom_with_french_dates_and_labels(session):
    workspace = seeded_brand(session)
    data = export_bytes(session, workspace, Format.EXCEL_FR)
    assert data.startswith("\ufeff".encode())
    rows = rows_of(data, ";")
    assert {"Date", "Heure", "Statut", "Texte"} <= rows[0].keys()
    montreal = next(row for row in rows if row["Titre"] == "Montréal")
    assert (montreal["Date"], montreal["Heure"]) == ("27/03/2027", "21:30")
    assert {row["Statut"] for row in rows} >= {"Brouillon", "Publiée"}


def test_excel_fr_reads_back_into_the_same_calendar(session):
    workspace = seeded_brand(session)
    edito_before = export_bytes(session, workspace)
    spreadsheet = export_bytes(session, workspace, Format.EXCEL_FR)
    remove_all_posts(session, workspace.id)
    plan, _ = import_bytes(session, workspace, spreadsheet)
    assert plan.format is Format.EXCEL_FR and plan.ok, plan.problem_report()
    assert export_bytes(session, workspace) == edito_before


# --- schedulers ---------------------------------------------------------------------------------------------------

def _approved_posts(session, workspace, times: list[datetime], channel=None):
    channel = channel or workspaces.list_channels(workspace.id, session=session)[0]
    for index, moment in enumerate(times):
        posts.create_post(PostCreate(channel_id=channel.id, title=f"P{index}", body=f"Texte {index}",
                                     link="https://example.com/a" if index % 2 else None, scheduled_at=moment,
                                     status=PostStatus.APPROVED), session=session)
    return channel


def test_hootsuite_splits_at_350_rows_per_channel_without_a_header(session):
    workspace = workspaces.create_workspace(WorkspaceCreate(name="Volume"), session=session)
    workspaces.create_channel(workspace.id, workspaces.ChannelCreate(platform="x", display_name="X"), session=session)
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    _approved_posts(session, workspace, [start + timedelta(minutes=30 * index) for index in range(HOOTSUITE_MAX_ROWS + 5)])
    result = export_calendar(workspace.id, Format.HOOTSUITE, session=session, now=NOW, date_order="dmy")
    assert [file.rows for file in result.files] == [HOOTSUITE_MAX_ROWS, 5]
    first = list(csv.reader(io.StringIO(result.files[0].data.decode())))
    assert first[0][0] == "01/12/2026 09:00" and first[0][1] == "Texte 0"
    assert len(first) == HOOTSUITE_MAX_ROWS and first[1][2] == "https://example.com/a"
    month_first = export_calendar(workspace.id, Format.HOOTSUITE, session=session, now=NOW, date_order="mdy")
    assert list(csv.reader(io.StringIO(month_first.files[0].data.decode())))[0][0] == "12/01/2026 09:00"


def test_schedulers_report_what_they_cannot_carry(session):
    workspace = workspaces.create_workspace(WorkspaceCreate(name="Bords"), session=session)
    workspaces.create_channel(workspace.id, workspaces.ChannelCreate(platform="x", display_name="X"), session=session)
    _approved_posts(session, workspace, [NOW + timedelta(minutes=5), NOW + timedelta(hours=1, minutes=3),
                                         NOW + timedelta(hours=2), NOW + timedelta(hours=2, minutes=5)])
    hootsuite = export_calendar(workspace.id, Format.HOOTSUITE, session=session, now=NOW)
    reasons = sorted(left.reason for left in hootsuite.left_out)
    assert len(reasons) == 2 and "multiple of 5" in reasons[0] and "10 minutes ahead" in reasons[1]
    assert hootsuite.exported == 2
    sprout = export_calendar(workspace.id, Format.SPROUT, session=session, now=NOW)
    assert sprout.exported == 2  # 09:03 is fine for Sprout, 10:05 comes 5 minutes after 10:00
    assert any("after the channel's previous post" in left.reason for left in sprout.left_out)


def test_schedulers_take_approved_posts_and_say_how_many_others_were_not_exported(session):
    workspace = seeded_brand(session)
    result = export_calendar(workspace.id, Format.BUFFER, session=session, now=datetime(2026, 1, 1, tzinfo=UTC))
    ready = [post for post in posts.list_posts(workspace.id, session=session)
             if post.status in (PostStatus.APPROVED, PostStatus.SCHEDULED)]
    assert result.exported == len(ready)
    assert any("not approved or scheduled" in note for note in result.notes)


def test_buffer_one_file_per_channel_with_posting_time_in_the_channel_timezone(session):
    workspace = workspaces.create_workspace(WorkspaceCreate(name="Buffer", timezone="Europe/Paris"), session=session)
    x = workspaces.create_channel(workspace.id, workspaces.ChannelCreate(platform="x", display_name="X"), session=session)
    linkedin = workspaces.create_channel(workspace.id, workspaces.ChannelCreate(platform="linkedin", display_name="LinkedIn"),
                                         session=session)
    moment = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    _approved_posts(session, workspace, [moment, moment + timedelta(hours=1)], channel=x)
    _approved_posts(session, workspace, [moment], channel=linkedin)
    result = export_calendar(workspace.id, Format.BUFFER, session=session, now=NOW)
    assert sorted(file.name for file in result.files) == ["edito-buffer-linkedin.csv", "edito-buffer-x.csv"]
    rows = rows_of(next(file.data for file in result.files if file.name.endswith("-x.csv")))
    assert list(rows[0]) == ["Text", "Image URL", "Tags", "Posting Time"]
    assert rows[0]["Posting Time"] == "2026-12-01 09:00"
    assert rows[1]["Text"] == "Texte 1\nhttps://example.com/a"  # Buffer has no link column: the link joins the text


def test_scheduler_files_import_into_a_chosen_channel(session):
    workspace = workspaces.create_workspace(WorkspaceCreate(name="Aller-retour"), session=session)
    channel = workspaces.create_channel(workspace.id, workspaces.ChannelCreate(platform="x", display_name="X"),
                                        session=session)
    _approved_posts(session, workspace, [datetime(2026, 12, 1, 8, 0, tzinfo=UTC) + timedelta(hours=index)
                                         for index in range(3)])
    for fmt in (Format.HOOTSUITE, Format.BUFFER, Format.SPROUT):
        data = export_calendar(workspace.id, fmt, session=session, now=NOW).files[0].data
        without_channel = plan_import(data, source="f.csv", workspace_id=workspace.id, session=session)
        assert not without_channel.ok and "no channel" in without_channel.problems[0].message
        plan = plan_import(data, source="f.csv", workspace_id=workspace.id, session=session, channel="X")
        assert plan.format is fmt and plan.ok
        assert len(plan.duplicates) == 3, f"{fmt}: the same posts are already in the calendar"
    assert channel.id


# --- iCalendar -------------------------------------------------------------------------------------------------------

def test_ics_has_one_event_per_scheduled_post_with_stable_uids_and_timezones(session):
    from icalendar import Calendar

    workspace = seeded_brand(session)
    result = export_calendar(workspace.id, Format.ICS, session=session)
    calendar = Calendar.from_ical(result.files[0].data)
    events = calendar.walk("VEVENT")
    scheduled = [post for post in posts.list_posts(workspace.id, session=session) if post.scheduled_at]
    assert len(events) == len(scheduled)
    assert [left.reason for left in result.left_out] == ["no date: a calendar event needs one"]
    by_uid = {str(event["UID"]): event for event in events}
    montreal = next(post for post in scheduled if post.title == "Montréal")
    start = by_uid[f"{montreal.uid}@edito"]["DTSTART"].dt
    assert start == montreal.scheduled_at and start.tzinfo.key == "America/Montreal"
    assert {component["TZID"] for component in calendar.walk("VTIMEZONE")} >= {"Europe/Paris", "America/Montreal"}
    posts.update_post(montreal.id, posts.PostUpdate(title="Montréal (modifié)"), expected_version=montreal.version,
                      session=session)
    again = Calendar.from_ical(export_calendar(workspace.id, Format.ICS, session=session).files[0].data)
    assert {str(event["UID"]) for event in again.walk("VEVENT")} == set(by_uid)


# --- filters and findings --------------------------------------------------------------------------------------------

def test_filters_by_period_channel_status_and_campaign(session):
    workspace = seeded_brand(session)
    everything = posts.list_posts(workspace.id, session=session)
    zone = ZoneInfo(workspace.timezone)
    day = date(2026, 12, 1)
    in_period = [post for post in everything if post.scheduled_at and post.scheduled_at.astimezone(zone).date() == day]
    result = export_calendar(workspace.id, Format.EDITO_CSV, session=session,
                             filters=ExportFilters(start=day, end=day))
    assert result.exported == len(in_period) > 0
    channel = workspaces.list_channels(workspace.id, session=session)[1]
    by_channel = export_calendar(workspace.id, Format.EDITO_CSV, session=session,
                                 filters=ExportFilters(channels=(channel.display_name.upper(),)))
    assert {row["channel"] for row in rows_of(by_channel.files[0].data)} == {channel.display_name}
    drafts = export_calendar(workspace.id, Format.EDITO_CSV, session=session, filters=ExportFilters(statuses=("draft",)))
    assert {row["status"] for row in rows_of(drafts.files[0].data)} == {"draft"}
    campaign = workspaces.list_campaigns(workspace.id, session=session)[0]
    by_campaign = export_calendar(workspace.id, Format.EDITO_CSV, session=session,
                                  filters=ExportFilters(campaign=campaign.name))
    assert {row["campaign"] for row in rows_of(by_campaign.files[0].data)} == {campaign.name}
    with pytest.raises(Exception, match="No channel named 'Myspace'"):
        export_calendar(workspace.id, Format.EDITO_CSV, session=session, filters=ExportFilters(channels=("Myspace",)))


def test_with_findings_adds_the_checker_columns(session):
    workspace = seeded_brand(session)
    rows = rows_of(export_bytes(session, workspace, with_findings=True))
    box = next(row for row in rows if row["title"] == "Box cocooning")  # a paid post, not disclosed
    assert "SPO" in box["finding_codes"] and int(box["finding_count"]) >= 1
    assert "SPO" in box["findings"]


# --- import: validation, all-or-nothing, duplicates ---------------------------------------------------------------------

def _edito_file(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _row(**values) -> dict[str, str]:
    return {"scheduled_at": "2026-12-03T10:00:00+01:00", "channel": "Instagram", "status": "draft",
            "title": "Nouveau", "body": "Un texte", "author": "", "link": "", **values}


def test_every_bad_row_is_named_with_its_column_and_nothing_is_written(session):
    workspace = seeded_brand(session)
    before = count_posts(session, workspace)
    data = _edito_file([
        _row(),
        _row(scheduled_at="31/02/2026"),
        _row(status="publiée demain"),
        _row(author="Marie"),  # a name, not an email (an unknown email is kept: see test_exchange_fresh_brand)
        _row(link="javascript:alert(1)"),
        _row(channel="Myspace"),
    ]).encode()
    plan = plan_import(data, source="plan.csv", workspace_id=workspace.id, session=session)
    found = {(problem.row, problem.column) for problem in plan.problems}
    assert found == {(3, "scheduled_at"), (4, "status"), (5, "author"), (6, "link"), (7, "channel")}
    with pytest.raises(ImportRejected) as rejected:
        apply_import(plan, session=session)
    assert "plan.csv, row 3, column 'scheduled_at'" in str(rejected.value)
    assert count_posts(session, workspace) == before


def test_cp1252_semicolons_and_french_labels_are_read(session):
    workspace = seeded_brand(session)
    data = _edito_file([_row(title="Coulisses été", status="Brouillon", body="Déjà l'été ; à bientôt")],
                       delimiter=";").encode("cp1252")
    plan, result = import_bytes(session, workspace, data)
    assert plan.ok, plan.problem_report()
    post = posts.get_post(result.post_ids[0], session=session)
    assert (post.title, post.body, post.status) == ("Coulisses été", "Déjà l'été ; à bientôt", PostStatus.DRAFT)


def test_an_excel_sep_line_names_the_delimiter_and_rows_keep_excels_numbers(session):
    workspace = seeded_brand(session)
    data = ("sep=;\r\n" + _edito_file([_row(body="Un texte, avec virgule"), _row(status="peut-être")],
                                        delimiter=";")).encode()
    plan = plan_import(data, source="plan.csv", workspace_id=workspace.id, session=session)
    assert [(problem.row, problem.column) for problem in plan.problems] == [(3, "status")]  # Excel hides sep=


def test_duplicates_in_the_file_and_in_the_calendar_are_reported_and_skipped(session):
    workspace = seeded_brand(session)
    existing = next(post for post in posts.list_posts(workspace.id, session=session) if post.scheduled_at)
    channel = workspaces.get_channel(existing.channel_id, session=session)
    data = _edito_file([
        _row(),
        _row(),  # the same row twice
        _row(scheduled_at=existing.scheduled_at.isoformat(), channel=channel.display_name, body=existing.body),
        _row(title="Autre heure", scheduled_at="2026-12-03T11:00:00+01:00"),
    ]).encode()
    plan, result = import_bytes(session, workspace, data)
    assert [(skipped.row, "row 2" in skipped.reason or "already" in skipped.reason) for skipped in plan.duplicates] \
        == [(3, True), (4, True)]
    assert result.created == 2


def test_a_dry_run_plan_writes_nothing(session):
    workspace = seeded_brand(session)
    before = count_posts(session, workspace)
    plan = plan_import(_edito_file([_row(channel="Nouveau canal", platform="threads")]).encode(),
                       source="f.csv", workspace_id=workspace.id, session=session)
    assert plan.ok and plan.new_channels == {"Nouveau canal": "threads"}
    assert count_posts(session, workspace) == before
    assert not [channel for channel in workspaces.list_channels(workspace.id, session=session)
                if channel.display_name == "Nouveau canal"]


def test_roles_writers_cannot_import_and_only_admins_add_channels(session):
    workspace = seeded_brand(session)
    team = {user.role: user for user in users.list_users(session=session)}
    plan = plan_import(_edito_file([_row(channel="Nouveau canal", platform="threads")]).encode(),
                       source="f.csv", workspace_id=workspace.id, session=session)
    with pytest.raises(PermissionDeniedError, match="only editors and admins"):
        apply_import(plan, session=session, user=team["writer"])
    with pytest.raises(PermissionDeniedError, match="only admins"):
        apply_import(plan, session=session, user=team["editor"])
    result = apply_import(plan, session=session, user=team["admin"])
    assert result.created == 1 and result.channels_created == 1
    created = session.exec(select(Post).where(Post.id == result.post_ids[0])).one()
    assert created.author_id == team["admin"].id


def test_an_unreadable_header_is_one_clear_error(session):
    workspace = seeded_brand(session)
    with pytest.raises(Exception, match="has no 'body' column"):
        plan_import(b"foo,bar\n1,2\n", source="x.csv", workspace_id=workspace.id, session=session)
    with pytest.raises(Exception, match="the file is empty"):
        plan_import(b"\n\n", source="x.csv", workspace_id=workspace.id, session=session)


# --- the neutralising apostrophe ------------------------------------------------------------------------------------------

@given(st.text())
def test_neutralise_is_reversible_and_never_leaves_a_formula(cell):
    written = neutralise(cell)
    assert restore(written) == cell
    assert not written.startswith(FORMULA_TRIGGERS)
