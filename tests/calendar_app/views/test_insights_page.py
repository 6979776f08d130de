"""The insights page run headless with AppTest on the seeded demo database."""

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

import calendar_app

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
        "Publications les plus signalées",
    ]
    specs = charts(app)
    assert len(specs) == 4
    posts_shown = int(app.caption[0].value.split()[0])
    assert posts_shown > 20 and chart_data(app, 0)["posts"].sum() == posts_shown  # every post in a bar
    channel_scale = specs[0]["encoding"]["color"]["scale"]
    assert "Instagram" in channel_scale["domain"] and "#e1306c" in channel_scale["range"]
    target_layer = next(layer for layer in specs[1]["layer"] if layer["mark"].get("type") == "rule")
    assert target_layer["mark"]["strokeDash"] == [6, 4]
    assert "20 %" in app.caption[1].value or "20%" in app.caption[1].value  # Atelier Lumen aims at 20 %
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


def test_a_period_without_posts_still_draws_the_charts(demo):
    app = AppTest.from_file(str(PAGE), default_timeout=120).run()
    long_ago = date.today() - timedelta(days=3 * 365)  # the demo's posts are all within a month of today
    app.sidebar.date_input(key="insights.period").set_value((long_ago, long_ago + timedelta(days=59))).run()
    assert not app.exception
    assert "0 publications" in app.caption[0].value
    assert len(charts(app)) == 3  # no silence can be measured without posts
    assert app.info and "Aucune alerte" in app.info[0].value
