"""Importing into a brand that has nothing yet (no channel, no member), through the services, on SQLite and
PostgreSQL: the channels a file needs are created, people without an account here are kept by their email
(and exported back as written), accounts without access are linked and reported."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlmodel import select

from calendar_app.errors import ValidationError
from calendar_app.exchange import Format, apply_import, describe_plan, export_calendar, plan_import
from calendar_app.models import Post, Role, UserCreate
from calendar_app.services import users, workspaces
from tests.calendar_app.helpers import edito_csv, make_channel, make_team, make_workspace


def _row(**values: str) -> dict[str, str]:
    return {"scheduled_at": "2027-01-12T10:00:00+01:00", "timezone": "Europe/Paris", "channel": "Instagram",
            "platform": "instagram", "lang": "fr", "status": "draft", "body": "Un texte", "sponsorship": "none",
            **values}


def _exported_rows(session, workspace) -> list[dict[str, str]]:
    data = export_calendar(workspace.id, Format.EDITO_CSV, session=session).files[0].data
    return list(csv.DictReader(io.StringIO(data.decode(), newline="")))


def test_people_without_an_account_are_kept_by_email_reported_and_exported_back_as_written(session):
    brand = make_workspace(session, "Atelier Lumen")
    admin = users.create_user(UserCreate(name="Inès", email="ines@lumen.example", role=Role.ADMIN), session=session)
    data = edito_csv([
        _row(body="Un", author="Lea@Studio.Example", reviewer="tom@studio.example"),
        _row(body="Deux", scheduled_at="2027-01-13T10:00:00+01:00", author="lea@studio.example"),
        _row(body="Trois", scheduled_at="2027-01-14T10:00:00+01:00"),  # names nobody: the importer writes it
    ])
    plan = plan_import(data, source="plan.csv", workspace_id=brand.id, session=session)
    assert plan.ok, plan.problem_report()
    assert {key: (person.email, person.author_of, person.reviewer_of) for key, person in plan.unknown_people.items()} \
        == {"lea@studio.example": ("Lea@Studio.Example", 2, 0), "tom@studio.example": ("tom@studio.example", 0, 1)}
    lines = describe_plan(plan)
    assert "Channel to create: Instagram (instagram)" in lines
    assert ("No account here, kept by their email: Lea@Studio.Example (author of 2 posts), "
            "tom@studio.example (reviewer of 1 post)") in lines
    result = apply_import(plan, session=session, user=admin)
    stored = {post.body: post for post in session.exec(select(Post).where(Post.workspace_id == brand.id))}
    assert (stored["Un"].author_id, stored["Un"].author_email, stored["Un"].reviewer_email) == \
        (None, "Lea@Studio.Example", "tom@studio.example")
    assert (stored["Trois"].author_id, stored["Trois"].author_email) == (admin.id, None)
    assert result.created == 3 and result.channels_created == 1
    exported = {row["body"]: row for row in _exported_rows(session, brand)}
    assert [(exported[body]["author"], exported[body]["reviewer"]) for body in ("Un", "Deux", "Trois")] == \
        [("Lea@Studio.Example", "tom@studio.example"), ("lea@studio.example", ""), ("ines@lumen.example", "")]


def test_a_name_instead_of_an_email_is_a_problem_of_its_row_and_column(session):
    brand = make_workspace(session, "Atelier Lumen")
    plan = plan_import(edito_csv([_row(), _row(body="Deux", reviewer="Marie Dupont")]), source="plan.csv",
                       workspace_id=brand.id, session=session)
    assert [(problem.row, problem.column) for problem in plan.problems] == [(3, "reviewer")]
    assert "'Marie Dupont' is not an email address" in plan.problems[0].message


def test_an_account_without_access_to_the_brand_is_linked_and_reported(session):
    brand, other = make_workspace(session, "Atelier Lumen"), make_workspace(session, "Northwind")
    team = make_team(session, other, password="long enough password", admin_is_member=False)
    writer, admin = team[Role.WRITER], team[Role.ADMIN]
    data = edito_csv([_row(author="WRITER@agency.example", reviewer=admin.email)])
    plan = plan_import(data, source="plan.csv", workspace_id=brand.id, session=session)
    assert plan.ok and not plan.unknown_people
    assert [(person.email, person.name, person.author_of) for person in plan.not_members.values()] == \
        [("writer@agency.example", writer.name, 1)]  # the admin opens every brand: not reported
    assert any(line.startswith("Accounts without access to Atelier Lumen") and "writer@agency.example" in line
               for line in describe_plan(plan))
    apply_import(plan, session=session)
    post = session.exec(select(Post).where(Post.workspace_id == brand.id)).one()
    assert (post.author_id, post.author_email, post.reviewer_id, post.reviewer_email) == \
        (writer.id, None, admin.id, None)
    exported = _exported_rows(session, brand)[0]
    assert (exported["author"], exported["reviewer"]) == ("writer@agency.example", admin.email)


def _hootsuite() -> bytes:
    day = date.today() + timedelta(days=20)
    return f"{day:%d/%m/%Y} 11:00,Un atelier ouvert samedi,https://lumen.example/atelier\n".encode()


@pytest.mark.parametrize(("channel", "created"), [
    ("instagram", ("Instagram", "instagram")),
    ("  LinkedIn ", ("LinkedIn", "linkedin")),
    ("Atelier Pro:linkedin", ("Atelier Pro", "linkedin")),
    ("Studio : Threads", ("Studio", "threads")),
])
def test_a_scheduler_file_in_a_fresh_brand_creates_the_channel_given(session, channel, created):
    brand = make_workspace(session, "Atelier Lumen")
    plan = plan_import(_hootsuite(), source="hootsuite.csv", workspace_id=brand.id, session=session,
                       channel=channel)
    assert plan.ok, plan.problem_report()
    assert plan.new_channels == {created[0]: created[1]}
    apply_import(plan, session=session)
    (made,) = workspaces.list_channels(brand.id, session=session)
    assert (made.display_name, made.platform) == created
    assert session.exec(select(Post).where(Post.workspace_id == brand.id)).one().channel_id == made.id


def test_the_channel_for_a_whole_file_is_an_existing_one_when_it_can_be(session):
    brand = make_workspace(session, "Atelier Lumen")
    insta = make_channel(session, brand, "Insta Lumen", "instagram")
    for given in ("insta lumen", "instagram", "Insta Lumen:instagram"):
        plan = plan_import(_hootsuite(), source="h.csv", workspace_id=brand.id, session=session, channel=given)
        assert plan.ok and not plan.new_channels and plan.posts[0].channel == insta.display_name, given
    with pytest.raises(ValidationError, match="channel 'Insta Lumen' is on instagram, not x"):
        plan_import(_hootsuite(), source="h.csv", workspace_id=brand.id, session=session, channel="Insta Lumen:x")
    with pytest.raises(ValidationError) as unknown:
        plan_import(_hootsuite(), source="h.csv", workspace_id=brand.id, session=session, channel="Myspace")
    assert str(unknown.value).startswith("h.csv: no channel named 'Myspace' in Atelier Lumen (channels: Insta Lumen); "
                                         "to create one, give its platform (x, linkedin, instagram")
    assert str(unknown.value).endswith("or NAME:PLATFORM.")
    assert [c.display_name for c in workspaces.list_channels(brand.id, session=session)] == ["Insta Lumen"]
