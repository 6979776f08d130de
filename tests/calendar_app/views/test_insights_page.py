"""The insights page run headless with AppTest on the seeded demo database."""

import json
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.models import Post
from calendar_app.services.calendar_checks import findings_for_post

PAGE = Path(calendar_app.__file__).parent / "views" / "insights.py"


@pytest.fixture
def demo(demo_engine):
    """The seeded demo (shared fixtures in conftest.py)."""


def charts(app) -> list[dict]:
    """The Vega-Lite specs of the page's Altair charts (AppTest has no typed accessor for them)."""
    return [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]


def chart_data(app, index: int) -> pd.DataFrame:
    chart = app.get("vega_lite_chart")[index].proto
    return convert_arrow_bytes_to_pandas_df(chart.datasets[0].data.data)


def calendar_findings(app) -> list[dict]:
    """The calendar section's findings as shown: code and message, from their Markdown lines."""
    found = []
    for line in app.markdown:
        match = re.match(r"^\*\*(CAL\d{3})\*\* · `([a-z.-]+)` — (.*)$", line.value)
        if match:
            found.append({"code": match[1], "name": match[2], "message": match[3]})
    return found


def test_an_empty_database_invites_to_create_a_brand(app_database):
    app = AppTest.from_file(str(PAGE), default_timeout=60).run()
    assert not app.exception
    assert "edito demo" in app.info[0].value


def test_the_demo_brand_shows_four_charts_and_the_most_flagged_posts(demo):
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not app.exception
    assert app.title[0].value == "Analyses · Atelier Lumen"
    assert [header.value for header in app.subheader] == [
        "Publications par canal et par semaine", "Part commerciale par canal et par semaine",
        "Alertes de la relecture par famille et gravité", "Plus longs silences par canal",
        "Publications les plus signalées", "Le calendrier dans son ensemble",
    ]
    specs = charts(app)
    assert len(specs) == 4
    posts_shown = int(app.caption[0].value.split()[0])
    assert posts_shown > 20 and chart_data(app, 0)["posts"].sum() == posts_shown  # every post in a bar
    channel_scale = specs[0]["encoding"]["color"]["scale"]
    assert "Instagram" in channel_scale["domain"] and "#e1306c" in channel_scale["range"]
    target_layer = next(layer for layer in specs[1]["layer"] if layer["mark"].get("type") == "rule")
    assert target_layer["mark"]["strokeDash"] == [6, 4]
    assert "20\u202f%" in app.caption[1].value  # Atelier Lumen aims at 20 %, written the French way
    assert app.warning and "Instagram" in app.warning[0].value  # the demo's sales posts go over it

    table = app.dataframe[0].value
    assert list(table.columns) == ["Jour", "Canal", "Publication", "Alertes", "Plus grave", "link"]
    assert table.iloc[0]["Plus grave"] == "erreur" and table.iloc[0]["Publication"] == "Soldes d'hiver"
    assert table["Alertes"].is_monotonic_decreasing
    assert table["link"].str.fullmatch(r"/compose\?post=\d+").all()


def test_the_english_brand_is_shown_in_english(demo):
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    brand = app.sidebar.selectbox(key="app.workspace_id")
    english = next(option for option in brand.options if option == "Northwind Roasters")
    brand.select(english).run()
    assert not app.exception
    assert app.title[0].value == "Insights · Northwind Roasters"
    assert len(charts(app)) == 4
    assert app.dataframe[0].value.columns[0] == "Day"
    assert app.subheader[-1].value == "The calendar as a whole"
    assert any(caption.value.startswith("Period: ") for caption in app.caption)


def test_a_period_without_posts_still_draws_the_charts(demo):
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    long_ago = date.today() - timedelta(days=3 * 365)  # the demo's posts are all within a month of today
    app.sidebar.date_input(key="insights.period").set_value((long_ago, long_ago + timedelta(days=59))).run()
    assert not app.exception
    assert "0 publications" in app.caption[0].value
    assert len(charts(app)) == 3  # no silence can be measured without posts
    assert app.info and "Aucune alerte" in app.info[0].value
    # The calendar checks still see the channels that stayed silent, and name no post.
    assert {finding["code"] for finding in calendar_findings(app)} == {"CAL006"}
    assert not app.get("page_link")


def test_the_calendar_as_a_whole_lists_the_demo_findings_with_links_to_their_posts(demo_engine):
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not app.exception
    assert app.subheader[-1].value == "Le calendrier dans son ensemble"
    summary = next(caption.value for caption in app.caption if "constat(s)" in caption.value)
    found = calendar_findings(app)
    codes = {finding["code"] for finding in found}
    assert {"CAL001", "CAL002", "CAL009"} <= codes  # the demo's sales week, cross-post and sales-only campaign
    mix = next(finding for finding in found if finding["code"] == "CAL001")
    assert mix["name"] == "calendar.commercial-mix" and "Instagram" in mix["message"]
    assert int(summary.split()[0]) >= len(found)
    badges = [line.value for line in app.markdown if line.value.startswith(":")]
    assert badges and badges[0].startswith(":orange-badge[attention]")  # grouped by severity, the worst first
    assert any(caption.value.startswith("Période : ") for caption in app.caption)
    per_rule = Counter(finding["code"] for finding in found)
    assert max(per_rule.values()) <= 5  # a few of each rule: the demo's many repeats leave room for the others
    if per_rule["CAL003"] == 5:
        assert any(re.match(r"… et \d+ autre\(s\) CAL003 : choisissez", caption.value) for caption in app.caption)

    links = app.get("page_link")
    assert links and all(link.proto.page == "compose" for link in links)
    ids = {int(re.fullmatch(r"post=(\d+)", link.proto.query_string)[1]) for link in links}
    with Session(demo_engine) as session:
        lumen = {post.id for post in session.exec(select(Post).where(Post.workspace_id == 1))}
    assert ids <= lumen
    assert " · " in links[0].proto.label  # « lun. 09/11 · Instagram · Coulisses de l'atelier »

    rules = app.multiselect(key="insights.calendar_rules")
    assert "CAL009 · calendar.campaign-all-commercial (1)" in rules.options
    rules.set_value(["CAL009"]).run()
    assert not app.exception
    assert [finding["code"] for finding in calendar_findings(app)] == ["CAL009"]
    assert "Collection d" in calendar_findings(app)[0]["message"]
    assert len(app.get("page_link")) == 6  # the campaign's six posts


def test_the_warnings_beside_a_post_are_its_calendar_findings(demo_engine):
    """``show_calendar_warnings`` (for the Compose page): one warning per finding the post comes first in."""
    with Session(demo_engine) as session:
        lumen = [post.id for post in session.exec(select(Post).where(Post.workspace_id == 1).order_by(Post.id))]
        expected = {post_id: findings_for_post(post_id, session=session) for post_id in lumen}
    flagged = next(post_id for post_id, found in expected.items() if any(f.code == "CAL001" for f in found))
    quiet = next(post_id for post_id, found in expected.items() if not found)

    script = "from calendar_app.components.calendar_warnings import show_calendar_warnings\n" \
             "show_calendar_warnings({post_id})\n"
    for post_id in (flagged, quiet):
        app = AppTest.from_string(script.format(post_id=post_id), default_timeout=60).run()
        assert not app.exception
        assert len(app.warning) == len(expected[post_id])
        if post_id == flagged:
            warning = next(warning.value for warning in app.warning if "CAL001" in warning.value)
            assert warning.startswith("Calendrier · CAL001 : Instagram \\: ") and "(du " in warning
