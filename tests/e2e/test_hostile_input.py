"""Hostile input in the real browser: post titles, bodies and partners, channel, campaign, brand and people's
names, and the cells of an imported CSV file carrying HTML, JavaScript, Markdown, LaTeX, Streamlit directives,
control characters, emoji and a 100,000-character body are shown as text on every page and never executed.

The data is seeded through the services (and ``plan_import``/``apply_import``) into a database of its own,
served by an ``edito app`` started by this module. On each page the guard checks, in the page and in every
frame (the calendar grid is one): ``window.__pwned`` is never set, no dialog opens, nothing is fetched
from the tracker address 127.0.0.1:9, no element was built from a payload (``img[src=x]``, ``on…``
attributes, ``javascript:`` links, math), and Streamlit shows no exception. The payloads are then found as
literal text where the page shows them. The figures are in ``docs/SECURITY.md``."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import monotonic, sleep
from urllib.parse import quote, urlparse
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from calendar_app.db import make_engine, session_scope, upgrade
from calendar_app.exchange import apply_import, plan_import
from calendar_app.exchange.formats import EDITO_COLUMNS
from calendar_app.models import (
    CampaignCreate,
    ChannelCreate,
    Language,
    PostCreate,
    Role,
    UserCreate,
    WorkspaceCreate,
)
from calendar_app.services import posts as post_service
from calendar_app.services import auth, reviews, users, workspaces
from tests.e2e.conftest import ARTIFACTS, app_environment, choose, launched_app, save_screenshot, wait_for_run

pytestmark = pytest.mark.e2e

TRACKER = "127.0.0.1:9"  # nothing listens there; any request to it means a payload was rendered
PARIS = ZoneInfo("Europe/Paris")
GRID_FRAME = "iframe[title*='streamlit_calendar']"

# Every string is used as a post's title (cut to 200 characters), body and partner (cut to 120).
BIG = ("Bougie <script>window.__pwned=1</script> ![big](http://127.0.0.1:9/big.png) **gras** $x$ 🎉 % _ \\ "
       * 1200)[:100_000]
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '<a href="javascript:window.__pwned=1">lien</a>',
    '"><iframe src=javascript:window.__pwned=1>',
    "[clic](javascript:alert(1))",
    "![x](http://127.0.0.1:9/track.png)",
    "**bold** _it_ `code` ~~strike~~",
    "# heading",
    "$$\\LaTeX$$ et $x^2$",
    ":red[colour] :smile: :material/home:",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;",
    "RTL \u202eevil\u202c zero\u200bwidth",
    "bell \x07 escape \x1b[31mred\x1b[0m",
    "'; DROP TABLE post; --",
    "100 % _under_ back\\slash \\n",
    "🎉🔥💯 👩‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 " * 8,
    "a\r\r![cr](http://127.0.0.1:9/cr.png) **cr** après deux retours chariot",
    "<style>body{display:none}</style><b>gras</b>",
    "flèche -> inférieur <= environ ~= tiret -- fin",
    BIG,
)
BRAND = "Lumen <b>gras</b> ![brand](http://127.0.0.1:9/brand.png) :red[r]"
ADMIN = 'Inès <img src=x onerror="window.__pwned=1"> ![person](http://127.0.0.1:9/person.png)'
EDITOR = "Hugo **gras** :red[rouge] $$x$$"
WRITER = "Camille <script>window.__pwned=1</script> [lien](javascript:alert(1))"
CHANNELS = {
    "instagram": '<img src=x onerror="window.__pwned=1"> Insta',
    "linkedin": "![chan](http://127.0.0.1:9/channel.png) **LinkedIn** $$x$$",
    "x": ":red[X] <script>window.__pwned=1</script> 100 %_\\",
}
CAMPAIGNS = (
    "<svg onload=window.__pwned=1> ![camp](http://127.0.0.1:9/campaign.png)",
    "'; DROP TABLE campaign; -- :blue[c] %_",
)
COMMENT = "Relire ![comment](http://127.0.0.1:9/comment.png) <script>window.__pwned=1</script> **gras**"
# The import: a new channel and campaign, hostile cells and a hostile column header.
CSV_CHANNEL = "<iframe src=javascript:window.__pwned=1> ![csv](http://127.0.0.1:9/c.png)"
CSV_CAMPAIGN = "[csv](javascript:alert(1)) $$\\sum$$"
CSV_HEADER = '<img src=x onerror="window.__pwned=1">'
CSV_ROWS = (
    ("=HYPERLINK(\"http://127.0.0.1:9/formula\";\"clic\") <script>window.__pwned=1</script>",
     "@SUM(1+1) ![csv](http://127.0.0.1:9/csv-body.png) <svg onload=window.__pwned=1>"),
    ("+cmd|' /C calc'!A0 **gras**", "-2+3 :red[rouge] \u202eevil\u202c \x1b[31m"),
)
NAMES = (BRAND, ADMIN, EDITOR, WRITER, *CHANNELS.values(), *CAMPAIGNS, COMMENT)
CSV_CELLS = (CSV_CHANNEL, CSV_CAMPAIGN, CSV_HEADER, *(cell for row in CSV_ROWS for cell in row))
# Streamlit rewrites these in any text its Markdown shows, escaped or not (a Material icon, typographic
# dashes and arrows): nothing runs, but headings and captions do not show them as typed (docs/SECURITY.md).
TRANSFORMED = (":material/", " --", "->", "<=", "~=")

BAD_ELEMENTS = """() => {
    const found = [];
    const attributes = [...document.querySelectorAll('*')].flatMap(element => [...element.attributes]
        .filter(a => a.name.startsWith('on') || (/^(href|src|action|formaction|data|srcdoc)$/.test(a.name)
                                                 && /^\\s*javascript:/i.test(a.value)))
        .map(a => `${element.tagName} ${a.name}=${a.value}`));
    found.push(...attributes);
    for (const selector of ['img[src="x"]', 'img[src*="127.0.0.1:9"]', 'iframe[src^="javascript"]', '.katex',
                            '[data-testid="stMarkdownContainer"] img']) {
        document.querySelectorAll(selector).forEach(element => found.push(element.outerHTML.slice(0, 160)));
    }
    [...document.querySelectorAll('script, style')]
        .filter(element => element.textContent.includes('__pwned') || element.textContent.includes('body{display'))
        .forEach(element => found.push(element.outerHTML.slice(0, 160)));
    return {pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned), found};
}"""


@dataclass
class Hostile:
    url: str
    post_ids: dict[str, int] = field(default_factory=dict)  # payload → its post in review
    changes_requested_id: int = 0
    monday: date = date.today()


def squash(text: str) -> str:
    """Whitespace removed: the browser lays out line breaks and runs of spaces its own way."""
    return re.sub(r"\s+", "", text)


def title_of(payload: str) -> str:
    return payload[:200]


def label(payload: str, size: int = 60) -> str:
    """A post's title as the review queue heads it: on one line, cut to 60 characters."""
    text = " ".join(title_of(payload).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _seed(database: Path) -> dict:
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    today = datetime.now(PARIS).date()
    monday = today - timedelta(days=today.weekday())
    seeded: dict = {"post_ids": {}, "monday": monday}
    try:
        with session_scope(engine) as session:
            brand = workspaces.create_workspace(WorkspaceCreate(name=BRAND, language=Language.FR,
                                                                timezone="Europe/Paris"), session=session)
            admin = users.create_user(UserCreate(name=ADMIN, email="admin@hostile.example", role=Role.ADMIN),
                                      session=session)
            editor = users.create_user(UserCreate(name=EDITOR, email="editor@hostile.example", role=Role.EDITOR),
                                       session=session)
            writer = users.create_user(UserCreate(name=WRITER, email="writer@hostile.example", role=Role.WRITER),
                                       session=session)
            for member in (editor, writer):
                auth.grant_access(member, brand.id, session=session)
            channels = [workspaces.create_channel(brand.id, ChannelCreate(platform=platform, display_name=name),
                                                  session=session) for platform, name in CHANNELS.items()]
            campaigns = [workspaces.create_campaign(brand.id, CampaignCreate(name=name), session=session)
                         for name in CAMPAIGNS]
            for number, payload in enumerate(PAYLOADS):
                # Three a day over the current week: the month, week and list views all show every one.
                at = datetime.combine(monday + timedelta(days=number % 7), time(9 + 2 * (number // 7)),
                                      tzinfo=PARIS)
                body = payload if payload is BIG else f"{payload}\nCorps n°{number} : {payload}"
                post = post_service.create_post(PostCreate(
                    channel_id=channels[number % 3].id, campaign_id=campaigns[number % 2].id,
                    title=title_of(payload), body=body, scheduled_at=at, sponsorship="paid", partner=payload[:120],
                    pillar="promotional" if number % 2 else None, author_id=writer.id,
                ), session=session, actor_id=writer.id)
                reviews.submit_for_review(post.id, expected_version=post.version, user=writer, session=session)
                seeded["post_ids"][payload] = post.id
                copy = post_service.create_post(PostCreate(channel_id=channels[number % 3].id,
                                                           title=title_of(payload), body=body, scheduled_at=at),
                                                session=session, actor_id=writer.id)
                post_service.delete_post(copy.id, expected_version=copy.version, session=session, actor_id=admin.id)
            sent_back = post_service.create_post(PostCreate(
                channel_id=channels[0].id, title="Renvoyée", body="Un texte à reprendre.", author_id=writer.id,
            ), session=session, actor_id=writer.id)
            sent_back = reviews.submit_for_review(sent_back.id, expected_version=sent_back.version, user=writer,
                                                  session=session)
            reviews.request_changes(sent_back.id, COMMENT, expected_version=sent_back.version, user=editor,
                                    session=session)
            seeded["changes_requested_id"] = sent_back.id
            plan = plan_import(hostile_csv(monday + timedelta(days=8)), source="hostile.csv",
                               workspace_id=brand.id, session=session)
            assert plan.ok, plan.problem_report()
            assert len(plan.posts) == len(CSV_ROWS)
            apply_import(plan, session=session, user=admin)
    finally:
        engine.dispose()
    return seeded


def hostile_csv(day: date) -> bytes:
    """An Edito CSV whose cells (and one extra header) carry payloads, with a new channel and campaign."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([*EDITO_COLUMNS, CSV_HEADER])
    for number, (title, body) in enumerate(CSV_ROWS):
        row = {"scheduled_at": datetime.combine(day, time(10 + number), tzinfo=PARIS).isoformat(),
               "channel": CSV_CHANNEL, "platform": "facebook", "status": "draft", "title": title, "body": body,
               "partner": title[:120], "sponsorship": "paid", "campaign": CSV_CAMPAIGN}
        writer.writerow([row.get(column, "") for column in EDITO_COLUMNS] + ["<script>window.__pwned=1</script>"])
    return stream.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Iterator[Hostile]:
    """``edito app`` on a database of its own holding only the hostile brand, its team and its posts."""
    home = tmp_path_factory.mktemp("edito-hostile")
    (home / "data").mkdir()
    seeded = _seed(home / "data" / "edito.db")
    with launched_app(home, app_environment(home), "--no-demo") as url:
        yield Hostile(url=url, post_ids=seeded["post_ids"], changes_requested_id=seeded["changes_requested_id"],
                      monday=seeded["monday"])


# What the guards checked, written to test-artifacts/hostile-input.json for docs/SECURITY.md.
FIGURES: dict = {"checkpoints": 0, "pages": {}, "requests_seen": 0, "dialogs": 0, "executed": 0}


class Guard:
    """Records what a page does that a payload could have caused, and checks it."""

    def __init__(self, page):
        self.page, self.dialogs, self.requests = page, [], []
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _request(self, request) -> None:
        FIGURES["requests_seen"] += 1
        if TRACKER in request.url:
            self.requests.append(request.url)

    def _dialog(self, dialog) -> None:
        FIGURES["dialogs"] += 1
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        page = self.page
        for frame in page.frames:
            result = frame.evaluate(BAD_ELEMENTS)
            FIGURES["executed"] += result["pwned"] is not None
            assert result == {"pwned": None, "found": []}, f"{frame.url}: {result}"
        assert self.dialogs == []
        assert self.requests == []
        assert page.locator("[data-testid='stException']").count() == 0
        path = urlparse(page.url).path.strip("/") or "calendar"
        FIGURES["checkpoints"] += 1
        FIGURES["pages"][path] = FIGURES["pages"].get(path, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def figures() -> Iterator[None]:
    yield
    ARTIFACTS.parent.mkdir(parents=True, exist_ok=True)
    summary = {"payloads": len(PAYLOADS), "names": len(NAMES), "csv_cells": len(CSV_CELLS), **FIGURES}
    (ARTIFACTS.parent / "hostile-input.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))


@pytest.fixture
def guarded(hostile, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    guard = Guard(page)
    yield page, guard
    context.close()


def open_page(page, url: str, heading: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
    wait_for_run(page)


def text_of(locator) -> str:
    return squash(locator.evaluate("element => element.innerText"))


def wait_until(condition, timeout: float = 30) -> bool:
    """Poll ``condition`` (Streamlit fills widgets and elements a moment after the page is drawn)."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            return False
        sleep(0.3)
    return True


def table_text(page, *expected: str, timeout: float = 30) -> str:
    """The cells of the page's tables (their accessible copy; the grid itself is a canvas), once they hold
    ``expected`` or after ``timeout`` seconds: tables fill in after they are attached."""
    deadline = monotonic() + timeout
    while True:
        cells = squash("".join(page.locator("[data-testid='stDataFrame'] td").all_text_contents()))
        if all(squash(value) in cells for value in expected) or monotonic() > deadline:
            return cells
        page.wait_for_timeout(500)


def assert_shows(text: str, *expected: str) -> None:
    missing = [value for value in expected if squash(value) not in text]
    assert not missing, f"not shown as text: {missing!r}"


def brand_heading(page_title: str) -> str:
    return f"{page_title} · {BRAND}"


# --- the pages ---------------------------------------------------------------------------------------------

def test_calendar_month_week_list_and_table_show_every_title_as_text(hostile, guarded):
    page, guard = guarded
    open_page(page, hostile.url, brand_heading("Calendrier"))
    grid = page.frame_locator(GRID_FRAME)
    for view in ("Mois", "Semaine", "Liste"):
        page.get_by_text(view, exact=True).click()
        wait_for_run(page)
        grid.locator(".fc-event").first.wait_for(timeout=30_000)
        assert_shows(text_of(grid.locator("body")), *(f"En relecture · {title_of(p)}" for p in PAYLOADS))
        guard.check()
        if view == "Mois":
            save_screenshot(page, "hostile-calendar-month")
    assert_shows(text_of(page.locator("h1")), BRAND)

    page.get_by_text("Tableau", exact=True).click()
    wait_for_run(page)
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    expected = [*CHANNELS.values(), *(title_of(p) for p in PAYLOADS if p is not BIG)]
    assert_shows(table_text(page, *expected), *expected)
    guard.check()


def test_the_calendar_filters_take_hostile_strings(hostile, guarded):
    page, guard = guarded
    open_page(page, hostile.url, brand_heading("Calendrier"))
    page.get_by_text("Liste", exact=True).click()
    wait_for_run(page)
    # Strings that match nothing: the filter offers no option and the page goes on.
    for typed in ("'; DROP TABLE post; --", "%", "_", "\\", "<script>window.__pwned=1</script>",
                  "![x](http://127.0.0.1:9/filter.png)", "\u202e\x07\x1b[31m"):
        box = page.get_by_label("Canaux")
        box.click()
        box.fill(typed)
        page.wait_for_timeout(300)
        box.press("Escape")
    wait_for_run(page)
    guard.check()
    # Hostile names are options like any other.
    choose(page, "Canaux", CHANNELS["instagram"])
    choose(page, "Campagne", CAMPAIGNS[0])
    grid = page.frame_locator(GRID_FRAME)
    grid.locator(".fc-event").first.wait_for(timeout=30_000)
    expected = [title_of(p) for number, p in enumerate(PAYLOADS) if number % 3 == 0 and number % 2 == 0]
    events = grid.locator(".fc-event")
    expect(events).to_have_count(len(expected), timeout=30_000)
    assert_shows(text_of(grid.locator("body")), *expected)
    choose(page, "Auteur", WRITER)
    expect(events).to_have_count(len(expected), timeout=30_000)
    guard.check()


def test_compose_shows_a_hostile_post_in_its_fields_and_preview(hostile, guarded):
    page, guard = guarded
    for payload in (PAYLOADS[0], PAYLOADS[6], PAYLOADS[17], BIG):
        open_page(page, f"{hostile.url}/compose?post={hostile.post_ids[payload]}", "Rédiger")
        expect(page.get_by_label("Titre")).to_have_value(title_of(payload).replace("\r", ""), timeout=60_000)
        expect(page.get_by_label("Marque partenaire")).to_have_value(payload[:120].replace("\r", ""))
        body = payload if payload is BIG else f"{payload}\nCorps n°{PAYLOADS.index(payload)} : {payload}"
        field = page.get_by_label("Texte publié")
        assert wait_until(lambda: squash(field.input_value()) == squash(body)), field.input_value()[:300]
        preview = page.locator(".edito-preview")
        preview.wait_for(timeout=60_000)
        assert_shows(text_of(preview), payload)
        guard.check()
    save_screenshot(page, "hostile-compose-big")


def test_the_review_queue_shows_titles_bodies_names_and_findings_as_text(hostile, guarded):
    page, guard = guarded
    open_page(page, f"{hostile.url}/review", "Relecture")
    page.locator(".edito-preview").nth(len(PAYLOADS) - 1).wait_for(timeout=120_000)
    wait_for_run(page)
    shown = text_of(page.locator("[data-testid='stMain']"))
    assert_shows(shown, *PAYLOADS, *CHANNELS.values(), WRITER)
    headings = squash("".join(page.locator("h3").all_inner_texts()))
    assert_shows(headings, *(label(p) for p in PAYLOADS if not any(sign in p for sign in TRANSFORMED)))
    assert page.locator(".edito-preview mark").count() > 0  # findings are still highlighted
    guard.check()
    save_screenshot(page, "hostile-review")


def test_insights_show_channel_names_and_labels_as_text(hostile, guarded):
    page, guard = guarded
    open_page(page, f"{hostile.url}/insights", brand_heading("Analyses"))
    page.locator("[data-testid='stDataFrame']").wait_for(timeout=60_000)
    warning = page.locator("[data-testid='stAlertContentWarning']")
    assert_shows(text_of(warning), *CHANNELS.values())  # every channel is above the commercial target
    cells = table_text(page, title_of(PAYLOADS[0]))
    listed = [p for p in PAYLOADS if squash(title_of(p)) in cells]  # the most flagged posts, by their title
    assert len(listed) >= 5, cells
    # The charts' tooltips name the channel: hover the posts-per-week bars until one shows.
    tooltip = page.locator("#vg-tooltip-element")
    chart = page.locator("[data-testid='stVegaLiteChart']").first.locator("canvas, svg").first
    box = chart.bounding_box()
    shown = ""
    for x in range(1, 20):
        for y in range(2, 10):
            page.mouse.move(box["x"] + box["width"] * x / 20, box["y"] + box["height"] * y / 10)
            if tooltip.count() and tooltip.is_visible() and "Canal" in (shown := tooltip.inner_text()):
                break
        else:
            continue
        break
    assert any(squash(name) in squash(shown) for name in CHANNELS.values()), shown
    assert tooltip.locator("img, script, svg, iframe").count() == 0
    guard.check()


def test_settings_show_names_as_text_and_take_hostile_new_ones(hostile, guarded):
    page, guard = guarded
    open_page(page, f"{hostile.url}/settings", brand_heading("Réglages"))
    assert_shows(text_of(page.locator("[data-testid='stMain']")), f"{WRITER} est rédacteur·rice")
    guard.check()
    choose(page, "Vous êtes / You are", f"{ADMIN} (admin)")
    page.get_by_text("Lecture seule").wait_for(state="detached", timeout=30_000)

    page.get_by_role("tab", name="Canaux").click()
    wait_for_run(page)
    assert_shows(table_text(page, *CHANNELS.values(), CSV_CHANNEL), *CHANNELS.values(), CSV_CHANNEL)
    new_channel = "<img src=x onerror=\"window.__pwned=1\"> ![new](http://127.0.0.1:9/new.png) $$y$$"
    page.get_by_label("Nom affiché").filter(visible=True).first.fill(new_channel)
    page.get_by_role("button", name="Ajouter un canal").click()
    page.get_by_text(f"Canal « {new_channel} » ajouté.", exact=True).wait_for(timeout=30_000)
    guard.check()

    page.get_by_role("tab", name="Campagnes").click()
    wait_for_run(page)
    assert_shows(table_text(page, *CAMPAIGNS, CSV_CAMPAIGN), *CAMPAIGNS, CSV_CAMPAIGN)
    new_campaign = "**Soldes** :red[-50 %] <svg onload=window.__pwned=1> [x](javascript:alert(1))"
    page.get_by_label("Nom", exact=True).filter(visible=True).first.fill(new_campaign)
    page.get_by_role("button", name="Ajouter une campagne").click()
    page.get_by_text(f"Campagne « {new_campaign} » ajoutée.", exact=True).wait_for(timeout=30_000)
    guard.check()
    save_screenshot(page, "hostile-settings")


def test_the_trash_shows_names_and_titles_as_text_and_restores(hostile, guarded):
    page, guard = guarded
    open_page(page, f"{hostile.url}/trash", brand_heading("Corbeille"))
    restore = page.get_by_role("button", name="Restaurer")
    expect(restore).to_have_count(len(PAYLOADS), timeout=60_000)
    shown = text_of(page.locator("[data-testid='stMain']"))
    assert_shows(shown, *CHANNELS.values(), f"Supprimée par {ADMIN} le",
                 *(" ".join(title_of(p).split()) for p in PAYLOADS))
    guard.check()
    save_screenshot(page, "hostile-trash")
    choose(page, "Vous êtes / You are", f"{ADMIN} (admin)")  # the writer may not restore what they did not write
    restore.first.click()  # the most recently deleted: the copy of the last payload
    toast = page.locator("[data-testid='stToast']")
    toast.wait_for(timeout=30_000)
    assert_shows(text_of(toast), f"« {title_of(PAYLOADS[-1])} » est de retour dans le calendrier.")
    expect(restore).to_have_count(len(PAYLOADS) - 1, timeout=30_000)
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    guard.check()


def test_the_import_preview_shows_hostile_cells_as_text(hostile, guarded, tmp_path):
    page, guard = guarded
    open_page(page, f"{hostile.url}/import-export", "Importer / exporter")
    choose(page, "Vous êtes / You are", f"{ADMIN} (admin)")
    upload = tmp_path / "hostile <b>fichier <img src=x onerror=alert(1)> ![f](x) $$x$$.csv"
    upload.write_bytes(hostile_csv(hostile.monday + timedelta(days=15)).replace(
        CSV_CHANNEL.encode(), b"![new](http://127.0.0.1:9/new-channel.png) <b>New</b>"))
    page.get_by_role("tab", name="Importer un fichier").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(upload)
    page.get_by_text("format Edito CSV").wait_for(timeout=60_000)
    wait_for_run(page)
    shown = text_of(page.locator("[data-testid='stMain']"))
    assert_shows(shown, upload.name, CSV_HEADER, "![new](http://127.0.0.1:9/new-channel.png) <b>New</b>")
    labels = [label(title) for title, _ in CSV_ROWS]  # cut to 60 characters, as the page does
    assert_shows(table_text(page, *labels), *labels)
    guard.check()
    save_screenshot(page, "hostile-import-preview")


# --- names and values that reach titles, captions and messages -------------------------------------------

def test_the_import_export_page_shows_brand_and_user_names_as_text(hostile, guarded, tmp_path):
    page, guard = guarded
    open_page(page, f"{hostile.url}/import-export", "Importer / exporter")
    choose(page, "Vous êtes / You are", f"{ADMIN} (admin)")
    upload = tmp_path / "hostile.csv"
    upload.write_bytes(hostile_csv(hostile.monday + timedelta(days=22)))
    page.get_by_role("tab", name="Importer un fichier").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(upload)
    page.get_by_text("format Edito CSV").wait_for(timeout=60_000)
    wait_for_run(page)
    assert_shows(text_of(page.locator("h1")), BRAND)
    assert_shows(text_of(page.locator("[data-testid='stMain']")), ADMIN)
    guard.check()


def test_compose_shows_the_review_comment_as_text(hostile, guarded):
    page, guard = guarded
    open_page(page, f"{hostile.url}/compose?post={hostile.changes_requested_id}", "Rédiger")
    warning = page.locator("[data-testid='stAlertContentWarning']")
    warning.wait_for(timeout=60_000)
    assert_shows(text_of(warning), COMMENT)
    guard.check()


def test_compose_shows_a_hostile_post_parameter_as_text(hostile, guarded):
    page, guard = guarded
    value = "![link](http://127.0.0.1:9/link.png) <script>window.__pwned=1</script>"
    page.goto(f"{hostile.url}/compose?post={quote(value)}")
    error = page.locator("[data-testid='stAlertContentError']")
    error.wait_for(timeout=60_000)
    wait_for_run(page)
    assert_shows(text_of(error), value)
    guard.check()
