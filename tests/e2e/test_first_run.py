"""The first README command's promise: a fresh machine gets a working app with demo data."""

import signal
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import app_environment, save_screenshot, started_app

pytestmark = pytest.mark.e2e


def test_first_run_opens_the_calendar_with_demo_data(running_app, page):
    page.goto(running_app)
    heading = page.get_by_role("heading", name="Calendrier · Atelier Lumen")
    heading.wait_for(timeout=30_000)
    page.get_by_text("publications · Europe/Paris").wait_for()
    caption = page.get_by_text("publications · Europe/Paris").inner_text()
    assert int(caption.split()[0]) > 0
    # the month grid (FullCalendar, in the component's iframe) shows the seeded posts
    grid = page.frame_locator("iframe[title*='streamlit_calendar']")
    grid.locator(".fc-daygrid-event").first.wait_for(timeout=30_000)
    assert grid.locator(".fc-daygrid-event").count() > 0
    page.get_by_label("Marque / Brand").wait_for()
    assert not page.locator("[data-testid='stException']").count()
    # the table stays one click away
    page.get_by_text("Tableau", exact=True).click()
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # the table paints its canvas after it is attached
    assert not page.locator("[data-testid='stException']").count()
    save_screenshot(page, "first-run")


def _servers_on(port: int) -> list[str]:
    """The command lines of running processes started for ``port``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            arguments = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended meanwhile
            continue
        if str(port).encode() in arguments and any(b"streamlit" in argument for argument in arguments):
            found.append(b" ".join(arguments).decode(errors="replace"))
    return found


def test_stopping_edito_app_stops_the_server_and_frees_the_port(tmp_path):
    """A service manager stops ``edito app`` with SIGTERM: no server may live on, holding the port."""
    with started_app(tmp_path, app_environment(tmp_path), "--no-demo") as (process, url):
        port = urlparse(url).port
        assert _servers_on(port)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert _servers_on(port) == []
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0  # nothing listens any more


def test_without_the_demo_a_local_first_run_walks_you_through_the_first_brand(tmp_path, page):
    """``edito app --no-demo`` on an empty database: no empty shell, the walk-through, and you become its admin."""
    from tests.e2e.conftest import launched_app, wait_for_run

    with launched_app(tmp_path, app_environment(tmp_path), "--no-demo") as url:
        assert "the app walks you through your first brand" in (tmp_path / "app.log").read_text()
        page.goto(url)
        page.get_by_text("Étape 1 sur 3 · La marque").wait_for(timeout=30_000)
        page.get_by_text("Vous, premier administrateur").wait_for()
        assert page.get_by_label("Marque / Brand").count() == 0  # no brand to pick yet, and no empty calendar
        page.get_by_label("Votre nom").fill("Léa Martin")
        page.get_by_label("Votre e-mail").fill("lea@maison.example")
        page.get_by_label("Nom", exact=True).fill("Maison Verte")
        save_screenshot(page, "first-run-no-demo")
        page.get_by_role("button", name="Créer la marque").click()
        page.get_by_text("Étape 2 sur 3 · Les canaux").wait_for(timeout=30_000)
        wait_for_run(page)
        assert page.get_by_label("Vous êtes / You are").input_value().startswith("Léa Martin")
        assert not page.locator("[data-testid='stException']").count()
