"""``checks.audit.report``: the tally as one HTML page that opens offline, JSON for tools, CSV per month."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from checks.audit.engine import audit
from checks.audit.report import SCHEMA, AuditReport, highlighted, to_csv, to_html, to_json
from tests.checks.audit.samples import post, sample_archive

HOSTILE = 'Promo <script>alert("x")</script> & <img src=x onerror=alert(1)> SOLDES !!! Achetez vite, -70 % !'


@pytest.fixture(scope="module")
def tally():
    hostile = [post(99, datetime(2024, 4, 20, tzinfo=UTC), HOSTILE),
               replace(post(98, datetime(2024, 4, 21, tzinfo=UTC), HOSTILE), link="javascript:alert(1)")]
    return audit([*sample_archive(), *hostile], workers=1)


@pytest.fixture(scope="module")
def page(tally) -> str:
    return to_html(AuditReport(tally, lang="en", archives=["brand.zip"]))


def test_the_page_needs_nothing_from_the_network(page, tally):
    assert re.findall(r"<script[^>]*>", page, re.IGNORECASE) == ["<script>", "<script>"]  # inline, no src
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    assert not re.search(r"<[^>]*\ssrc\s*=", markup, re.IGNORECASE)
    assert not re.search(r"<link\b|@import|url\(", markup, re.IGNORECASE)
    links = set(re.findall(r'href="([^"]+)"', markup))
    assert links and links <= {entry.link for entry in tally.worst} | {entry.link for entry in tally.calendar_findings}
    assert all(link.startswith("https://x.com/") for link in links)


def test_the_vega_bundle_is_inlined_once_for_every_chart(page):
    assert page.count("window.vegaEmbed=") == 1
    specs = json.loads(re.search(r"const specs = (\{.*?\});\n", page, re.DOTALL).group(1).replace("<\\/", "</"))
    assert set(specs) == {"chart-commercial", "chart-families", "chart-placement", "chart-templated"}
    for name in specs:
        assert f'<div class="chart" id="{name}"></div>' in page
    assert "$schema" not in json.dumps(specs)


def test_user_text_is_escaped_and_only_web_links_are_kept(page, tally):
    assert "javascript:alert(1)" in {entry.link for entry in tally.worst}
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "javascript:" not in page


def test_findings_are_highlighted_in_the_escaped_text():
    findings = [{"start": 2, "end": 5, "code": "SPO001"}, {"start": 4, "end": 7, "code": "COM001"},
                {"start": 0, "end": 0, "code": "MES001"}]
    assert highlighted("a <b> c", findings) == ('a <mark title="SPO001">&lt;b</mark><mark title="COM001 SPO001">'
                                                '&gt;</mark><mark title="COM001"> c</mark>')
    assert highlighted("é 🎉", []) == "é 🎉"


def test_the_page_speaks_the_reports_language(tally):
    french = to_html(AuditReport(tally, lang="fr", commercial_target=0.35))
    english = to_html(AuditReport(tally, lang="en"))
    assert '<html lang="fr">' in french and "Part de publications commerciales par mois" in french
    assert "Objectif : 35\u202f% au plus" in french and "noyée dans les hashtags" in french
    assert '<html lang="en">' in english and "Share of commercial posts per month" in english
    assert "Part de publications" not in english


def test_json_carries_the_schema_and_the_same_figures(tally):
    data = json.loads(to_json(AuditReport(tally, lang="fr", commercial_target=0.25, skipped=2, archives=["a.zip"])))
    assert data["schema"] == SCHEMA == "edito.audit/1"
    assert (data["lang"], data["commercial_target"], data["skipped_records"], data["archives"]) == ("fr", 0.25, 2,
                                                                                                     ["a.zip"])
    assert [month["month"] for month in data["months"]] == ["2024-03", "2024-04"]
    march = data["months"][0]
    assert march["sponsored"] == {"up front": 1, "after the cut": 1, "buried": 1, "missing": 1}
    assert march["posts"] == tally.months["2024-03"].posts and march["codes"] == dict(tally.months["2024-03"].codes)
    assert data["totals"]["calendar"] == dict(sorted(tally.total().calendar.items()))
    assert [entry["id"] for entry in data["worst_posts"]] == [entry.id for entry in tally.worst]


def test_csv_has_one_row_per_month(tally):
    rows = list(csv.DictReader(io.StringIO(to_csv(AuditReport(tally, commercial_target=0.2)))))
    assert [row["month"] for row in rows] == ["2024-03", "2024-04"]
    for row in rows:
        figures = tally.months[row["month"]]
        assert int(row["posts"]) == figures.posts and int(row["commercial"]) == figures.commercial
        assert float(row["commercial_share"]) == pytest.approx(figures.commercial / figures.posts, abs=1e-4)
        assert int(row["findings_COM"]) == figures.families["COM"]
        assert int(row["findings_CAL"]) == sum(figures.calendar.values())
        assert int(row["sponsored_buried"]) == figures.placements["buried"]
    assert rows[0]["commercial_target"] == "0.2"


def test_an_empty_audit_still_makes_a_page():
    page = to_html(AuditReport(audit([], workers=1)))
    assert "Nothing to show for this period." in page and "vegaEmbed" not in page
