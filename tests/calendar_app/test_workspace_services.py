"""Brands (workspaces) created, renamed, archived and restored through the services, on SQLite and PostgreSQL:
names unique whatever the case, archived brands hidden but kept, every change audited, and the messages of
``pick_workspace`` (the commands' --workspace) saying what is true."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from sqlmodel import Session, select

from calendar_app.errors import ValidationError
from calendar_app.models import Language, Post, Role, Voice, Workspace, WorkspaceCreate, WorkspaceUpdate, utc_now
from calendar_app.services import audit, auth, workspaces
from tests.calendar_app.helpers import make_channel, make_post, make_team, make_workspace


def test_a_brand_is_created_with_its_settings_and_audited(session):
    created = workspaces.create_workspace(WorkspaceCreate(
        name="  Atelier Lumen ", language=Language.EN, timezone="America/New_York", voice=Voice.TU,
        commercial_target=0.3), session=session)
    session.commit()
    stored = session.get(Workspace, created.id)
    assert (stored.name, stored.language, stored.timezone, stored.voice, stored.commercial_target,
            stored.archived_at, stored.is_demo) == ("Atelier Lumen", "en", "America/New_York", "tu", 0.3, None, False)
    (event,) = audit.history("workspace", created.id, session=session)
    assert event.action == "create" and event.after["name"] == "Atelier Lumen"


def test_a_name_is_taken_whatever_its_case_and_the_transaction_stays_usable(session):
    make_workspace(session, "Atelier Lumen")
    for clash in ("atelier lumen", "ATELIER LUMEN", "  Atelier Lumen  "):
        with pytest.raises(ValidationError, match="A workspace named 'Atelier Lumen' already exists"):
            make_workspace(session, clash)
    make_workspace(session, "Atelier Lumen 2")
    session.commit()
    assert [w.name for w in workspaces.list_workspaces(session=session)] == ["Atelier Lumen", "Atelier Lumen 2"]


def test_rename_refuses_an_empty_or_taken_name_and_allows_a_change_of_case(session):
    lumen, northwind = make_workspace(session, "Atelier Lumen"), make_workspace(session, "Northwind")
    for empty in ("", "   "):
        with pytest.raises(ValidationError, match="must not be empty"):
            workspaces.rename_workspace(northwind.id, empty, session=session)
    with pytest.raises(ValidationError, match="A workspace named 'Atelier Lumen' already exists"):
        workspaces.rename_workspace(northwind.id, "atelier LUMEN", session=session)
    with pytest.raises(ValidationError, match="at most 120 characters"):
        workspaces.rename_workspace(northwind.id, "N" * 121, session=session)
    workspaces.rename_workspace(lumen.id, "ATELIER lumen", session=session)  # its own name, another case
    renamed = workspaces.rename_workspace(northwind.id, " Northwind Roasters ", session=session)
    session.commit()
    assert {w.name for w in workspaces.list_workspaces(session=session)} == {"ATELIER lumen", "Northwind Roasters"}
    last = audit.history("workspace", renamed.id, session=session)[-1]
    assert (last.action, last.before, last.after) == ("edit", {"name": "Northwind"}, {"name": "Northwind Roasters"})


def test_the_settings_page_rename_is_refused_on_a_name_taken_in_another_case(session):
    make_workspace(session, "Atelier Lumen")
    northwind = make_workspace(session, "Northwind")
    admin = make_team(session, northwind, password="long enough password")[Role.ADMIN]
    with pytest.raises(ValidationError, match="already exists"):
        workspaces.save_workspace_settings(northwind.id, WorkspaceUpdate(name="atelier lumen"), user=admin,
                                           session=session)
    assert workspaces.get_workspace(northwind.id, session=session).name == "Northwind"


def test_an_archived_brand_is_hidden_everywhere_kept_whole_and_restored(engine):
    with Session(engine, expire_on_commit=False) as session:
        lumen, northwind = make_workspace(session, "Atelier Lumen"), make_workspace(session, "Northwind")
        channel = make_channel(session, northwind)
        post = make_post(session, channel, body="Gardé")
        team = make_team(session, northwind, password="long enough password")
        auth.grant_access(team[Role.WRITER], lumen.id, session=session)
        before = utc_now()
        workspaces.archive_workspace(northwind.id, session=session)
        session.commit()
    with Session(engine) as session:  # read back from the database, not the identity map
        stored = session.get(Workspace, northwind.id)
        assert stored.archived_at.tzinfo is not None and stored.archived_at.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= stored.archived_at.astimezone(UTC) <= utc_now()
        assert [w.name for w in workspaces.list_workspaces(session=session)] == ["Atelier Lumen"]
        assert [w.name for w in workspaces.list_workspaces(session=session, include_archived=True)] == \
            ["Atelier Lumen", "Northwind"]
        for role in (Role.WRITER, Role.ADMIN):
            assert [w.name for w in auth.workspaces_of(session.get(type(team[role]), team[role].id),
                                                         session=session)] == ["Atelier Lumen"]
        assert [c.display_name for c in workspaces.list_channels(northwind.id, session=session)] == ["Instagram"]
        assert session.exec(select(Post).where(Post.id == post.id)).one().body == "Gardé"
        with pytest.raises(ValidationError, match="already archived"):
            workspaces.archive_workspace(northwind.id, session=session)
        workspaces.restore_workspace(northwind.id, session=session)
        session.commit()
        assert [w.name for w in workspaces.list_workspaces(session=session)] == ["Atelier Lumen", "Northwind"]
        assert session.get(Workspace, northwind.id).archived_at is None
        with pytest.raises(ValidationError, match="is not archived"):
            workspaces.restore_workspace(northwind.id, session=session)
        events = [event for event in audit.history("workspace", northwind.id, session=session)
                  if event.action in ("archive", "restore")]
        assert [(event.action, event.before["archived_at"] is None, event.after["archived_at"] is None)
                for event in events] == [("archive", True, False), ("restore", False, True)]


def test_an_archived_name_stays_taken_and_the_refusal_says_it_is_archived(session):
    old = make_workspace(session, "Atelier Lumen")
    workspaces.archive_workspace(old.id, session=session)
    with pytest.raises(ValidationError, match="An archived workspace is named 'Atelier Lumen'"):
        make_workspace(session, "atelier lumen")
    other = make_workspace(session, "Northwind")
    with pytest.raises(ValidationError, match="An archived workspace is named 'Atelier Lumen'"):
        workspaces.rename_workspace(other.id, "Atelier Lumen", session=session)


def test_pick_workspace_says_what_is_true(session):
    with pytest.raises(ValidationError) as none:
        workspaces.pick_workspace("Atelier Lumen", session=session)
    assert str(none.value) == ("No brand yet: create one with "
                               "`edito workspace add NAME --lang fr --timezone Europe/Paris`.")
    with pytest.raises(ValidationError, match="^No brand yet: "):
        workspaces.pick_workspace(None, session=session)
    lumen = make_workspace(session, "Atelier Lumen")
    assert workspaces.pick_workspace(None, session=session).id == lumen.id  # the only one
    northwind = make_workspace(session, "Northwind")
    assert workspaces.pick_workspace(" atelier LUMEN ", session=session).id == lumen.id
    assert workspaces.pick_workspace(str(northwind.id), session=session).id == northwind.id
    with pytest.raises(ValidationError) as unknown:
        workspaces.pick_workspace("Nope", session=session)
    assert str(unknown.value) == "No brand named 'Nope' (brands: 'Atelier Lumen', 'Northwind')."
    with pytest.raises(ValidationError) as several:
        workspaces.pick_workspace(None, session=session)
    assert str(several.value) == "Several brands: choose one with --workspace (brands: 'Atelier Lumen', 'Northwind')."

    workspaces.archive_workspace(northwind.id, session=session)
    assert workspaces.pick_workspace(None, session=session).id == lumen.id  # the only one left in view
    with pytest.raises(ValidationError) as archived:
        workspaces.pick_workspace("northwind", session=session)
    assert str(archived.value) == ("The brand 'Northwind' is archived: bring it back with "
                                   "`edito workspace restore Northwind`.")
    workspaces.archive_workspace(lumen.id, session=session)
    with pytest.raises(ValidationError, match=r"^No active brand \(archived: 'Atelier Lumen', 'Northwind'\)"):
        workspaces.pick_workspace(None, session=session)
