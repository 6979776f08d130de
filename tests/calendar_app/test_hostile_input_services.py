"""Hostile text through the services, on SQLite and PostgreSQL: the post search takes any string and finds
exactly the posts holding it (LIKE wildcards, backslashes and quotes are literal; SQL-looking text is only
text), control characters, emoji and the longest allowed body come back as stored, a NUL character is
refused with one clear message on both databases, and an imported file's hostile cells are imported as typed
or reported as problems of the preview.

The browser half (pages showing such text, never running it) is ``tests/e2e/test_hostile_input.py``; the
figures are in ``docs/SECURITY.md``."""

from __future__ import annotations

import csv
import io

import pytest
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import inspect

from calendar_app.errors import EditoError, ValidationError
from calendar_app.exchange import apply_import, plan_import
from calendar_app.exchange.formats import EDITO_COLUMNS
from calendar_app.models import (
    MAX_BODY_CHARS,
    CampaignCreate,
    CampaignUpdate,
    ChannelCreate,
    ChannelUpdate,
    PostCreate,
    PostUpdate,
    Role,
    UserCreate,
    WorkspaceCreate,
    WorkspaceUpdate,
)
from calendar_app.services import audit, auth, posts, reviews, users, workspaces
from tests.calendar_app.helpers import make_channel, make_post, make_workspace

# title → body of the posts searched. Titles name the posts in the expected results.
POSTS = {
    "percent": "Remise de 100 % sur la cire",
    "percent-less": "Remise de 100 euros, 100 pour cent",
    "underscore": "Le fichier snake_case.csv",
    "no-underscore": "Le fichier snakeXcase.csv et snake case",
    "backslash": "Le dossier C:\\Users\\lumen",
    "slash": "Le dossier C:/Users/lumen",
    "quote": "L'atelier d'Inès, « chez nous »",
    "double-quote": 'Il a dit "bonjour" puis "au revoir"',
    "sql": "'; DROP TABLE post; --",
    "sql-like": "Robert'); DROP TABLE post;-- et 1=1",
    "plain": "Bougies parfumées à la main",
    "html": "<script>alert(1)</script> et <b>gras</b>",
    "controls": "cloche \x07 échappement \x1b[31mrouge\x1b[0m \u202eevil\u202c zero\u200bwidth",
    "emoji": "Fête 🎉🔥 famille 👩‍👩‍👧‍👦 drapeau 🏳️‍🌈",
}

SEARCHES = [
    ("%", {"percent"}),
    ("100 %", {"percent"}),
    ("%%", set()),
    ("100%", set()),
    ("_", {"underscore"}),
    ("snake_case", {"underscore"}),
    ("e_c", {"underscore"}),
    ("\\", {"backslash"}),
    ("C:\\Users", {"backslash"}),
    ("\\%", set()),
    ("\\_", set()),
    ("'", {"quote", "sql", "sql-like"}),
    ("d'Inès", {"quote"}),
    ('"', {"double-quote"}),
    ('"bonjour"', {"double-quote"}),
    ("'; DROP TABLE post; --", {"sql"}),
    ("DROP TABLE", {"sql", "sql-like"}),
    ("' OR '1'='1", set()),
    ("%' OR 1=1 --", set()),
    ("1=1", {"sql-like"}),
    ("<script>", {"html"}),
    ("<b>gras</b>", {"html"}),
    ("BOUGIES", {"plain"}),  # ASCII letters: case-insensitive on both databases
    ("\x1b[31m", {"controls"}),
    ("\u202eevil", {"controls"}),
    ("zero\u200bwidth", {"controls"}),
    ("🎉🔥", {"emoji"}),
    ("👩‍👩‍👧‍👦", {"emoji"}),
    ("[a-z]", set()),  # no character class either (GLOB, SIMILAR TO and SQL Server's LIKE have them)
    ("*", set()),
]


@pytest.fixture
def seeded(session):
    channel = make_channel(session, make_workspace(session))
    for title, body in POSTS.items():
        make_post(session, channel, title=title, body=body)
    session.commit()
    return channel


def _backend(session) -> str:
    return session.get_bind().dialect.name


@pytest.mark.parametrize(("search", "expected"), SEARCHES, ids=[repr(search) for search, _ in SEARCHES])
def test_the_search_finds_exactly_the_posts_holding_the_text(session, seeded, search, expected):
    found = posts.list_posts(seeded.workspace_id, session=session, search=search)
    assert {post.title for post in found} == expected
    assert all(search.casefold() in post.body.casefold() for post in found)


def test_the_search_matches_titles_too_and_sql_looking_text_changes_nothing(session, seeded):
    assert [post.title for post in posts.list_posts(seeded.workspace_id, session=session,
                                                    search="no-underscore")] == ["no-underscore"]
    for search in ("'; DROP TABLE post; --", "%'; DELETE FROM post; --", "\"; DROP TABLE workspace; --"):
        posts.list_posts(seeded.workspace_id, session=session, search=search)
    session.commit()
    assert "post" in inspect(session.get_bind()).get_table_names()
    assert len(posts.list_posts(seeded.workspace_id, session=session)) == len(POSTS)


@pytest.mark.parametrize("title", ["controls", "emoji", "html", "sql", "backslash"])
def test_hostile_text_comes_back_exactly_as_stored(session, seeded, title):
    session.expunge_all()
    [post] = [post for post in posts.list_posts(seeded.workspace_id, session=session) if post.title == title]
    assert post.body == POSTS[title]


def test_the_longest_allowed_body_is_stored_whole_and_one_more_character_is_refused(session, seeded):
    body = ("Bougie <b>ambre</b> ![x](http://127.0.0.1:9/t.png) 🎉 % _ \\ ' " * 2000)[:MAX_BODY_CHARS]
    post = make_post(session, seeded, title="long", body=body)
    session.commit()
    session.expunge_all()
    assert posts.get_post(post.id, session=session).body == body
    assert [found.title for found in posts.list_posts(seeded.workspace_id, session=session,
                                                      search="ambre</b> ![x]")] == ["long"]
    with pytest.raises(PydanticValidationError, match="100000 characters"):
        PostCreate(channel_id=seeded.id, body=body + "!")


# --- NUL: PostgreSQL cannot store it in text, so both databases refuse it before it gets there ---------------

NUL = "avant\x00après"
# Still reaching the database (PostgreSQL: sqlalchemy.exc.DataError "PostgreSQL text fields cannot contain NUL
# (0x00) bytes", a traceback in a page; SQLite: stored). Strict: a fix shows up as an unexpected pass.
def _nul_writes(session, channel) -> dict:
    """Each way a text reaches the database, with a NUL character in it."""
    post = make_post(session, channel, title="t", body="b")
    campaign = workspaces.create_campaign(channel.workspace_id, CampaignCreate(name="Campagne"), session=session)
    return {
        "post title": lambda: make_post(session, channel, title=NUL),
        "post body": lambda: make_post(session, channel, body=NUL),
        "post partner": lambda: make_post(session, channel, partner=NUL),
        "post media note": lambda: make_post(session, channel, media_note=NUL),
        "post link": lambda: make_post(session, channel, link=f"https://atelier.example/{NUL}"),
        "post edit": lambda: posts.update_post(post.id, PostUpdate(body=NUL), expected_version=post.version,
                                               session=session),
        "channel name": lambda: workspaces.create_channel(
            channel.workspace_id, ChannelCreate(platform="x", display_name=NUL), session=session),
        "channel rename": lambda: workspaces.update_channel(channel.id, ChannelUpdate(display_name=NUL),
                                                           session=session),
        "campaign name": lambda: workspaces.create_campaign(channel.workspace_id, CampaignCreate(name=NUL),
                                                            session=session),
        "campaign rename": lambda: workspaces.update_campaign(campaign.id, CampaignUpdate(name=NUL),
                                                              session=session),
        "campaign objective": lambda: workspaces.create_campaign(
            channel.workspace_id, CampaignCreate(name="Autre", objective=NUL), session=session),
        "brand name": lambda: workspaces.create_workspace(WorkspaceCreate(name=NUL), session=session),
        "brand rename": lambda: workspaces.update_workspace(channel.workspace_id, WorkspaceUpdate(name=NUL),
                                                            session=session),
        "user name": lambda: users.create_user(UserCreate(name=NUL, email="nul@example.com"), session=session),
    }


NUL_WRITES = ["post title", "post body", "post partner", "post media note", "post link", "post edit",
              "channel name", "channel rename", "campaign name", "campaign rename", "campaign objective",
              "brand name", "brand rename", "user name"]


@pytest.mark.parametrize("write", NUL_WRITES)
def test_a_nul_character_is_refused_with_a_clear_message_on_both_databases(request, session, seeded, write):
    action = _nul_writes(session, seeded)[write]
    with pytest.raises((PydanticValidationError, ValidationError)):
        action()
        session.flush()


def test_a_review_comment_holding_a_nul_character_is_kept_as_written_on_both_databases(session, seeded):
    """The comment lives in the audit trail's JSON, where a NUL is written as \\u0000: stored and read back."""
    editor = users.create_user(UserCreate(name="Éditrice", email="editrice@example.com", role=Role.EDITOR),
                               session=session)
    auth.grant_access(editor, seeded.workspace_id, session=session)
    post = make_post(session, seeded, title="t", body="b")
    post = reviews.submit_for_review(post.id, expected_version=post.version, user=editor, session=session)
    reviews.request_changes(post.id, NUL, expected_version=post.version, user=editor, session=session)
    session.commit()
    session.expunge_all()
    [event] = [event for event in audit.history("post", post.id, session=session)
               if event.after and event.after.get("comment")]
    assert event.after["comment"] == NUL


def test_a_search_with_a_nul_character_searches_without_it(session, seeded):
    """No stored text holds a NUL (above); PostgreSQL would refuse one in the query, so it is dropped."""
    found = posts.list_posts(seeded.workspace_id, session=session, search="snake\x00_case")
    assert [post.title for post in found] == ["underscore"]


def test_the_search_ignores_case_beyond_ascii_too(session, seeded):
    assert {post.title for post in posts.list_posts(seeded.workspace_id, session=session, search="FÊTE")} == {"emoji"}


# --- the import: hostile cells become problems of the preview, never a crash --------------------------------

def _csv(**cells: str) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(EDITO_COLUMNS)
    writer.writerow([cells.get(column, "") for column in EDITO_COLUMNS])
    return stream.getvalue().encode("utf-8")


def test_hostile_cells_are_imported_as_typed(session, seeded):
    hostile = {"title": "=HYPERLINK(\"http://127.0.0.1:9\") <script>x</script>", "partner": "'; DROP TABLE post; --",
               "body": "@SUM(1) ![x](http://127.0.0.1:9/x.png) \u202eevil \x1b[31m 🎉 % _ \\"}
    plan = plan_import(_csv(channel="Instagram", **hostile), source="f.csv", workspace_id=seeded.workspace_id,
                       session=session)
    assert plan.ok, plan.problem_report()
    apply_import(plan, session=session)
    session.commit()
    [post] = posts.list_posts(seeded.workspace_id, session=session, search="HYPERLINK")
    assert (post.title, post.body, post.partner) == (hostile["title"], hostile["body"], hostile["partner"])


@pytest.mark.parametrize("cells", [{"channel": "C" * 81, "platform": "x"},
                                   {"channel": "Instagram", "campaign": "K" * 121}],
                         ids=["channel name of 81 characters", "campaign name of 121 characters"])
def test_a_name_too_long_for_a_new_channel_or_campaign_is_a_problem_of_the_preview(session, seeded, cells):
    plan = plan_import(_csv(body="Texte", **cells), source="f.csv", workspace_id=seeded.workspace_id,
                       session=session)
    assert not plan.ok and "characters" in plan.problem_report()


def test_a_csv_file_holding_a_nul_byte_is_refused_with_a_clear_message(session, seeded):
    with pytest.raises(EditoError, match="f.csv"):
        plan_import(_csv(channel="Instagram", body="avant\x00après"), source="f.csv",
                    workspace_id=seeded.workspace_id, session=session)
