"""A running Edito (``edito app`` in a subprocess, fresh database) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import missing_system_part

CHROMIUM = os.environ.get("EDITO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"edito app exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"edito app did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        missing_system_part(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


EDITO = shutil.which("edito", path=str(Path(sys.executable).parent)) or "edito"


def app_environment(home: Path, **extra: str) -> dict[str, str]:
    """The environment of an ``edito`` command on its own data directory (no database URL inherited)."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "EDITO_DATABASE_URL", "EDITO_REQUIRE_LOGIN"}}
    env["EDITO_DATA_DIR"] = str(home / "data")
    env.update(extra)
    return env


@contextmanager
def started_app(home: Path, env: dict[str, str], *options: str,
                port: int | None = None) -> Iterator[tuple[subprocess.Popen, str]]:
    """``edito app --port <free> OPTIONS`` started from ``home``; yields the process and its URL once it
    answers, then stops it."""
    port = port or _free_port()
    log = home / "app.log"
    with log.open("w") as output:
        process = subprocess.Popen([EDITO, "app", "--port", str(port), *options], stdout=output,
                                   stderr=subprocess.STDOUT, env=env, cwd=home)
    url = f"http://localhost:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield process, url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def launched_app(home: Path, env: dict[str, str], *options: str, port: int | None = None) -> Iterator[str]:
    """The URL of ``edito app`` started as in ``started_app``."""
    with started_app(home, env, *options, port=port) as (_, url):
        yield url


@pytest.fixture(scope="session")
def running_app(tmp_path_factory) -> Iterator[str]:
    """``edito app`` on a fresh data directory (so on its embedded SQLite default), as a user starts it."""
    home = tmp_path_factory.mktemp("edito-home")
    with launched_app(home, app_environment(home)) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_run(page, timeout: float = 90_000) -> None:
    """Wait until Streamlit has finished the run the last action started.

    The app root carries the script's state (as in Streamlit's own browser tests); until the run ends,
    elements of the previous run may still be in the page beside the new ones.
    """
    page.wait_for_timeout(300)  # the browser sends the rerun a moment after the action
    page.locator(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
    ).wait_for(timeout=timeout)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=timeout)
    page.wait_for_timeout(200)


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit select box as a keyboard user does: type, then Enter; wait for the run.

    A run still drawing the page can redraw the box and close its list: then the list is opened again.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    wait_for_run(page)
    box = page.get_by_label(label)
    for attempt in range(3):
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option, exact=True).wait_for(timeout=15_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            box.press("Escape")
            wait_for_run(page)
    box.press("Enter")
    wait_for_run(page)
