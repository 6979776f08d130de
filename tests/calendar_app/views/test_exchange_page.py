"""The import / export page run headless with AppTest on the demo, on SQLite and PostgreSQL: an export is a
real download that imports back; posts a format leaves out are listed; an import is previewed, then written
all or nothing; problems are shown by row and column; a writer is refused by the service."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

import calendar_app
from calendar_app.db import session_scope
from calendar_app.exchange import DESCRIPTIONS, Format, export_calendar
from calendar_app.i18n import t
from calendar_app.models import Post, PostCreate, User, Workspace
from calendar_app.services import posts
from calendar_app.services.workspaces import list_channels
from tests.calendar_app.exchange_helpers import remove_all_posts
from tests.calendar_app.helpers import edito_csv
from tests.calendar_app.views.conftest import pages_on, seeded_demo

PAGE = Path(calendar_app.__file__).parent / "views" / "exchange.py"
HOSTILE_TITLE = "<script>alert(1)</script> ![x](https://e.example/x)"


@pytest.fixture
def demo(database_url, monkeypatch):
    """The demo on an empty database of each kind (``database_url`` is parametrised: SQLite, PostgreSQL),
    opened by the page through calendar_app.resources."""
    with pages_on(database_url, monkeypatch), seeded_demo(database_url) as engine:
        yield engine


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple[str | None, bytes, str]]:
    """The files the page hands to download buttons, by media file id (what the browser would fetch)."""
    files: dict[str, tuple[str | None, bytes, str]] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
            files[file_id] = (filename, path_or_data, mimetype)
            return file_id

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return files


def _lumen(engine) -> Workspace:
    with Session(engine) as session:
        return session.exec(select(Workspace).where(Workspace.name == "Atelier Lumen")).one()


def _live_posts(engine, workspace: Workspace) -> list[Post]:
    with Session(engine) as session:
        return posts.list_posts(workspace.id, session=session)


def _users(engine) -> list[User]:
    with Session(engine) as session:
        return list(session.exec(select(User)))


def _page(engine, as_user: str | None = None) -> AppTest:
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not app.exception
    if as_user:
        with Session(engine) as session:
            user_id = session.exec(select(User).where(User.name == as_user)).one().id
        app = app.selectbox(key="app.user_id").select(user_id).run()
        assert not app.exception
    return app


def _download(app: AppTest, files) -> tuple[str, bytes, str]:
    (button,) = app.get("download_button")
    file_name, data, mime = files[Path(button.proto.url).stem]
    return file_name, data, mime


def _prepare(app: AppTest, *, fmt: Format = Format.EDITO_CSV, all_dates: bool = True) -> AppTest:
    workspace_id = app.session_state["app.workspace_id"]
    app.selectbox(key="exchange.export.format").select(fmt)
    app.checkbox(key=f"exchange.export.all_dates.{workspace_id}").set_value(all_dates)
    app.button(key="exchange.export.prepare").click().run()
    assert not app.exception and not app.error
    return app


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _new_rows() -> list[dict[str, str]]:
    """Two posts the demo does not have, in two days' time (Europe/Paris, the demo brand's zone)."""
    day = date.today() + timedelta(days=2)
    at = datetime.combine(day, time(10, 0), tzinfo=ZoneInfo("Europe/Paris"))
    return [
        {"scheduled_at": at.isoformat(), "channel": "Instagram", "status": "draft", "title": HOSTILE_TITLE,
         "body": "Les coulisses de l'atelier, en images. =1+1"},
        {"scheduled_at": (at + timedelta(days=1)).isoformat(), "channel": "LinkedIn", "status": "idea",
         "title": "", "body": "Trois questions à notre artisane sur la cire d'abeille."},
    ]


def _file_with_a_duplicate(engine) -> bytes:
    """Two new posts and one row that is already in the calendar (an exported demo post)."""
    with session_scope(engine) as session:
        exported = export_calendar(_lumen(engine).id, Format.EDITO_CSV, session=session).files[0].data
    return edito_csv([*_new_rows(), _rows(exported)[0]])


def _plain(markdown: str) -> str:
    """A message as the reader sees it: the page escapes the Markdown characters of file content."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


# --- export ------------------------------------------------------------------------------------------------

def test_the_export_is_a_download_that_imports_back_into_the_same_calendar(demo, downloads):
    workspace = _lumen(demo)
    app = _page(demo, as_user="Hugo Bernard")
    assert app.title[0].value == "Importer / exporter · Atelier Lumen"
    assert not app.get("download_button")  # nothing is built before it is asked for
    _prepare(app)
    name, data, mime = _download(app, downloads)
    rows = _rows(data)
    assert (name, mime) == ("edito-atelier-lumen.csv", "text/csv")
    assert {row["uid"] for row in rows} == {post.uid for post in _live_posts(demo, workspace)}
    assert app.success[0].value == f"{len(rows)} publication(s) exportée(s) dans 1 fichier(s)."

    # the same file, uploaded: every row is already there
    app.file_uploader[0].set_value((name, data, mime)).run()
    assert not app.exception and not app.error
    assert _metrics(app) == {"Lignes lues": str(len(rows)), "À créer": "0", "Doublons ignorés": str(len(rows)),
                             "Problèmes": "0"}
    assert app.info[-1].value == "Rien de nouveau : chaque ligne est déjà dans le calendrier."
    assert not [button for button in app.button if button.key == "exchange.import.apply"]

    # into a calendar that lost its posts: all come back, and the next export is byte for byte the same
    with session_scope(demo) as session:
        remove_all_posts(session, workspace.id)
    app.run()
    assert _metrics(app)["À créer"] == str(len(rows))
    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.error
    assert _plain(app.success[-1].value) == (f"{len(rows)} publication(s) créée(s) depuis {name} ; "
                                             f"0 doublon(s) ignoré(s).")
    app.button(key="exchange.export.prepare").click().run()
    assert _download(app, downloads)[1] == data


def test_the_default_period_is_the_current_month_and_filters_apply(demo, downloads):
    workspace = _lumen(demo)
    app = _page(demo)
    zone = ZoneInfo(workspace.timezone)
    today = datetime.now(zone).date()
    assert app.date_input(key=f"exchange.export.from.{workspace.id}").value == today.replace(day=1)
    assert app.date_input(key=f"exchange.export.to.{workspace.id}").value.month == today.month
    with Session(demo) as session:
        instagram = next(channel for channel in list_channels(workspace.id, session=session)
                         if channel.display_name == "Instagram")
    app.multiselect(key=f"exchange.export.channels.{workspace.id}").select(instagram.id)
    _prepare(app, all_dates=False)
    rows = _rows(_download(app, downloads)[1])
    expected = [post for post in _live_posts(demo, workspace) if post.channel_id == instagram.id and post.scheduled_at
                and post.scheduled_at.astimezone(zone).date().replace(day=1) == today.replace(day=1)]
    assert rows and len(rows) == len(expected)
    assert {row["channel"] for row in rows} == {"Instagram"}

    # other options: the file built for the previous ones is not offered any more
    app.multiselect(key=f"exchange.export.channels.{workspace.id}").unselect(instagram.id).run()
    assert not app.get("download_button")


def test_posts_a_format_leaves_out_are_listed_with_the_reason(demo, downloads):
    workspace = _lumen(demo)
    with session_scope(demo) as session:
        channel = list_channels(workspace.id, session=session)[0]
        posts.create_post(PostCreate(channel_id=channel.id, title="Idée sans date", body="À caler"), session=session)
    app = _page(demo)
    _prepare(app, fmt=Format.ICS)
    name, data, mime = _download(app, downloads)
    assert (name, mime) == ("edito-atelier-lumen.ics", "text/calendar")
    assert data.startswith(b"BEGIN:VCALENDAR")
    assert "laissée(s) de côté par ce format" in app.warning[0].value
    left_out = app.dataframe[0].value
    row = left_out[left_out["Titre"] == "Idée sans date"].iloc[0]
    assert row["Raison"] == "no date: a calendar event needs one"
    assert row["Canal"] == channel.display_name


def test_a_scheduler_export_is_a_zip_of_one_file_per_channel(demo, downloads):
    app = _page(demo)
    app.selectbox(key="exchange.export.format").select(Format.HOOTSUITE).run()
    workspace_id = app.session_state["app.workspace_id"]
    assert app.radio(key=f"exchange.export.date_order.{workspace_id}").value == "dmy"  # a French brand
    _prepare(app, fmt=Format.HOOTSUITE)
    name, data, mime = _download(app, downloads)
    assert (name, mime) == ("edito-atelier-lumen.zip", "application/zip")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(names) > 1 and all(part.startswith("edito-atelier-lumen-") for part in names)
    assert any("Europe/Paris" in info.value for info in app.info)  # the service's note is shown


def test_the_findings_checkbox_is_offered_for_the_formats_that_carry_them(demo, downloads):
    app = _page(demo)
    assert app.checkbox(key="exchange.export.with_findings")
    app.selectbox(key="exchange.export.format").select(Format.ICS).run()
    assert "exchange.export.with_findings" not in [box.key for box in app.checkbox]
    app.selectbox(key="exchange.export.format").select(Format.EDITO_CSV).run()
    app.checkbox(key="exchange.export.with_findings").check()
    workspace_id = app.session_state["app.workspace_id"]
    with Session(demo) as session:  # one channel keeps the checker's run short
        channel = list_channels(workspace_id, session=session)[0]
    app.multiselect(key=f"exchange.export.channels.{workspace_id}").select(channel.id)
    _prepare(app, all_dates=False)
    rows = _rows(_download(app, downloads)[1])
    assert rows and {"finding_count", "finding_codes", "findings"} <= rows[0].keys()


# --- import ------------------------------------------------------------------------------------------------

def test_a_valid_file_is_previewed_then_imported_by_an_editor(demo):
    workspace = _lumen(demo)
    before = len(_live_posts(demo, workspace))
    app = _page(demo, as_user="Hugo Bernard")
    app.file_uploader[0].set_value(("nouveautés.csv", _file_with_a_duplicate(demo), "text/csv")).run()
    assert not app.exception and not app.error
    assert _metrics(app) == {"Lignes lues": "3", "À créer": "2", "Doublons ignorés": "1", "Problèmes": "0"}
    to_create, duplicates = app.dataframe[0].value, app.dataframe[1].value
    assert list(to_create["Ligne"]) == ["2", "3"]
    assert list(to_create["Canal"]) == ["Instagram", "LinkedIn"]
    assert to_create["Titre ou début du texte"][0] == HOSTILE_TITLE  # shown as the text it is
    assert to_create["Titre ou début du texte"][1].startswith("Trois questions à notre artisane")
    assert to_create["Date"][0].endswith("10:00")
    assert list(duplicates["Ligne"]) == ["4"] and "est déjà dans le calendrier" in duplicates["Raison"][0]
    assert len(_live_posts(demo, workspace)) == before  # a preview writes nothing
    assert all(HOSTILE_TITLE not in element.value for element in (*app.markdown, *app.caption, *app.info))

    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.error
    assert _plain(app.success[-1].value) == "2 publication(s) créée(s) depuis nouveautés.csv ; 1 doublon(s) ignoré(s)."
    links = app.get("page_link")
    assert [link.proto.label for link in links] == ["Voir le calendrier"]
    assert not [button for button in app.button if button.key == "exchange.import.apply"]  # the uploader is empty
    created = [post for post in _live_posts(demo, workspace) if post.title == HOSTILE_TITLE
               or post.body.startswith("Trois questions")]
    with Session(demo) as session:
        hugo = session.exec(select(User).where(User.name == "Hugo Bernard")).one()
    assert len(created) == 2 and {post.author_id for post in created} == {hugo.id}
    assert len(_live_posts(demo, workspace)) == before + 2


def test_an_invalid_file_shows_each_problem_with_row_and_column_and_writes_nothing(demo):
    workspace = _lumen(demo)
    before = len(_live_posts(demo, workspace))
    rows = _new_rows()
    rows[0]["status"] = "<b>presque</b>"
    rows[1]["scheduled_at"] = "demain matin"
    rows.append({"channel": "Minitel", "body": "Un canal inconnu"})
    app = _page(demo, as_user="Inès Petit")
    app.file_uploader[0].set_value(("erreurs.csv", edito_csv(rows), "text/csv")).run()
    assert not app.exception
    assert app.error[0].value == ("Le fichier a 3 problème(s) : rien ne sera importé. Corrigez les lignes "
                                  "ci-dessous, puis déposez le fichier à nouveau.")
    problems = app.dataframe[0].value
    assert list(problems.columns) == ["Ligne", "Colonne", "Problème"]
    assert [tuple(row) for row in problems[["Ligne", "Colonne"]].values] == [
        ("2", "status"), ("3", "scheduled_at"), ("4", "channel")]
    assert list(problems["Problème"][:3]) == [  # in the brand's language (the command line says them in English)
        "« <b>presque</b> » n'est pas une valeur de status ; valeurs possibles : approved, archived, changes_requested, "
        "draft, idea, in_review, published, scheduled",
        "« demain matin » n'est pas une date et heure comme 2026-11-24T09:30:00+01:00",
        "aucun canal « Minitel » dans Atelier Lumen : ajoutez-le dans les réglages, ou indiquez sa plateforme pour "
        "le créer"]
    assert _metrics(app)["Problèmes"] == "3"
    assert not [button for button in app.button if button.key == "exchange.import.apply"]
    assert len(_live_posts(demo, workspace)) == before


def test_a_file_edito_cannot_read_is_one_error_line(demo):
    app = _page(demo, as_user="Inès Petit")
    app.file_uploader[0].set_value(("liste.csv", b"nom,[clic](https://evil.example)\nA,B\n", "text/csv")).run()
    assert not app.exception
    (error,) = app.error
    assert "liste.csv: not a calendar file Edito can read" in _plain(error.value)
    assert "\\[clic\\]\\(https\\:" in error.value  # the file's text is not a link


def test_a_writer_is_refused_by_the_service_and_nothing_is_written(demo):
    workspace = _lumen(demo)
    before = len(_live_posts(demo, workspace))
    app = _page(demo, as_user="Camille Martin")
    app.file_uploader[0].set_value(("nouveautés.csv", _file_with_a_duplicate(demo), "text/csv")).run()
    assert "Import au nom de Camille Martin (rédacteur·rice)" in app.caption[-1].value
    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.success
    assert _plain(app.error[0].value) == ("Camille Martin est rédacteur·rice : seuls les éditeurs et les admins "
                                          "peuvent importer un calendrier.")
    assert len(_live_posts(demo, workspace)) == before


def test_only_an_admin_imports_a_file_that_adds_a_channel(demo):
    workspace = _lumen(demo)
    rows = [{**_new_rows()[0], "channel": "Bluesky Lumen", "platform": "bluesky", "campaign": "Printemps"}]
    app = _page(demo, as_user="Hugo Bernard")
    app.file_uploader[0].set_value(("bluesky.csv", edito_csv(rows), "text/csv")).run()
    assert "Bluesky Lumen (bluesky)" in _plain(app.warning[0].value)
    assert "Printemps" in app.info[0].value
    app.button(key="exchange.import.apply").click().run()
    assert "seuls les admins peuvent ajouter les canaux Bluesky Lumen" in _plain(app.error[0].value)

    app.selectbox(key="app.user_id").select(next(
        user.id for user in _users(demo) if user.name == "Inès Petit")).run()
    app.button(key="exchange.import.apply").click().run()
    assert not app.exception and not app.error
    assert app.success[-1].value.startswith("1 publication(s) créée(s)")
    with Session(demo) as session:
        assert "Bluesky Lumen" in [channel.display_name for channel in list_channels(workspace.id, session=session)]


def test_a_scheduler_file_takes_the_channel_chosen_for_the_whole_file(demo):
    workspace = _lumen(demo)
    with Session(demo) as session:
        linkedin = next(channel for channel in list_channels(workspace.id, session=session)
                        if channel.display_name == "LinkedIn")
    day = date.today() + timedelta(days=5)
    hootsuite = f"{day:%d/%m/%Y} 11:00,Un atelier ouvert samedi,https://lumen.example/atelier\n".encode()
    app = _page(demo, as_user="Hugo Bernard")
    app.file_uploader[0].set_value(("hootsuite.csv", hootsuite, "text/csv")).run()
    assert app.dataframe[0].value["Problème"][0].startswith("pas de canal : ")
    app.selectbox(key=f"exchange.import.channel.{workspace.id}").select(linkedin.id).run()
    assert not app.error
    assert any(caption.value.endswith("· format Hootsuite") for caption in app.caption)
    app.button(key="exchange.import.apply").click().run()
    with Session(demo) as session:
        created = session.exec(select(Post).where(Post.body == "Un atelier ouvert samedi")).one()
    assert created.channel_id == linkedin.id and created.link == "https://lumen.example/atelier"
    assert created.scheduled_at.astimezone(ZoneInfo("Europe/Paris")).hour == 11


def test_every_format_has_a_name_and_a_description_in_both_languages():
    for fmt in Format:
        for lang in ("fr", "en"):
            assert t(f"exchange.format.{fmt}", lang) != f"exchange.format.{fmt}"
        assert t(f"exchange.describe.{fmt}", "en") == DESCRIPTIONS[fmt]
        assert t(f"exchange.describe.{fmt}", "fr") != DESCRIPTIONS[fmt]


def test_an_english_brand_gets_the_page_in_english(demo):
    with Session(demo) as session:
        northwind = session.exec(select(Workspace).where(Workspace.name == "Northwind Roasters")).one()
    app = _page(demo)
    app.selectbox(key="app.workspace_id").select(northwind.id).run()
    app.selectbox(key="exchange.export.format").select(Format.SPROUT).run()
    assert not app.exception
    assert app.title[0].value == "Import / export · Northwind Roasters"
    assert DESCRIPTIONS[Format.SPROUT] in [caption.value for caption in app.caption]
    assert app.radio(key=f"exchange.export.date_order.{northwind.id}").value == "mdy"
    assert app.button(key="exchange.export.prepare").label == "Prepare the export"
