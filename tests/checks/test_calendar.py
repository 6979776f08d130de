"""Calendar checks (family CAL): the runner, the settings, the near-duplicate detector, the Edito CSV reader,
``edito lint --calendar`` and the findings' posts and window in every format. The rules' own cases are in
``fixtures/CAL0NN.yaml`` (run by test_rules.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

import checks.cli
from bench.calendar_checks import distinct_texts
from checks import Config, Finding, Severity
from checks.calendar import CalendarContext, CalendarPost, StoredCalendar, lint_calendar, with_commercial_findings
from checks.calendar.edito_csv import EDITO_COLUMNS, read_calendar_csv
from checks.calendar.example import calendar_from_data
from checks.calendar.similarity import NearDuplicates, normalise
from checks.cli import main
from checks.formatters import Report, render
from checks.inputs import InputFileError
from checks.post import PostInput

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs/schemas/edito-lint-1.schema.json").read_text(encoding="utf-8"))
NOW = "2026-11-23T09:00:00+01:00"
LONG_TEXT = "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon."


def calendar(*posts: dict, **settings) -> list[Finding]:
    """The findings on a small calendar written as in the rules' examples."""
    found_posts, context, config = calendar_from_data({"posts": list(posts), **settings})
    return lint_calendar(found_posts, context=context, config=config)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


# --- what a calendar check sees ------------------------------------------------------------------------

def test_posts_and_context_refuse_what_the_rules_cannot_read():
    with pytest.raises(ValueError, match="timezone-aware"):
        CalendarPost(id="1", channel="X", platform="x", scheduled_at=datetime(2026, 11, 23, 9), status="draft", text="")
    with pytest.raises(ValueError, match="status must be one of"):
        CalendarPost(id="1", channel="X", platform="x", scheduled_at=None, status="done", text="")
    with pytest.raises(ValueError, match="timezone-aware"):
        CalendarContext(now=datetime(2026, 11, 23))
    with pytest.raises(ValueError, match="unknown timezone 'Europe/Lutece'"):
        CalendarContext(now=datetime(2026, 11, 23, tzinfo=UTC), timezone="Europe/Lutece")
    start = datetime(2026, 11, 23, tzinfo=UTC)
    with pytest.raises(ValueError, match="ends"):
        CalendarContext(now=start, window=(start, start - timedelta(days=1)))


def test_a_post_is_commercial_by_its_pillar_or_its_own_commercial_findings():
    post = CalendarPost(id="1", channel="X", platform="x", scheduled_at=None, status="draft", text="")
    assert not post.is_commercial
    assert CalendarPost(**{**_fields(post), "pillar": "promotional"}).is_commercial
    assert CalendarPost(**{**_fields(post), "commercial_findings": 1}).is_commercial


def _fields(post: CalendarPost) -> dict:
    return {name: getattr(post, name) for name in CalendarPost.__dataclass_fields__}


# --- the runner: selection, options, severity, language, window ---------------------------------------

CONFLICT_ON_TWO_PLATFORMS = (
    {"id": "x1", "channel": "X Lumen", "at": "2026-11-24 09:00", "text": "Un."},
    {"id": "x2", "channel": "X Lumen", "at": "2026-11-24 09:10", "text": "Deux."},
    {"id": "l1", "channel": "LinkedIn Lumen", "at": "2026-11-24 09:00", "text": "Trois."},
    {"id": "l2", "channel": "LinkedIn Lumen", "at": "2026-11-24 09:10", "text": "Quatre."},
)


def test_selection_by_family_code_and_name_and_per_platform():
    assert set(codes(calendar(*CONFLICT_ON_TWO_PLATFORMS))) >= {"CAL004", "CAL008"}
    assert codes(calendar(*CONFLICT_ON_TWO_PLATFORMS, config={"select": ["calendar.conflict"]})) == ["CAL004"] * 2
    assert "CAL004" not in codes(calendar(*CONFLICT_ON_TWO_PLATFORMS, config={"ignore": ["CAL"]}))
    assert codes(calendar(*CONFLICT_ON_TWO_PLATFORMS, config={"select": ["CAL00"], "ignore": ["CAL008"]})) == [
        "CAL004", "CAL004"]
    per_platform = calendar(*CONFLICT_ON_TWO_PLATFORMS,
                            config={"select": ["CAL004"], "channels": {"x": {"ignore": ["calendar.conflict"]}}})
    assert [finding.post_ids for finding in per_platform] == [("l1", "l2")]


def test_severity_from_the_settings_and_per_platform():
    config = {"select": ["CAL004"], "severity": {"CAL004": "error"},
              "channels": {"x": {"severity": {"calendar.conflict": "info"}}}}
    severities = {finding.post_ids[0]: finding.severity for finding in calendar(*CONFLICT_ON_TWO_PLATFORMS, config=config)}
    assert severities == {"x1": Severity.INFO, "l1": Severity.ERROR}


def test_an_escalated_finding_keeps_a_configured_severity():
    late = {"at": "2026-11-20 09:00", "status": "scheduled", "text": "Trop tard."}
    assert calendar(late, config={"select": ["CAL010"]})[0].severity == Severity.ERROR
    lowered = calendar(late, config={"select": ["CAL010"], "severity": {"CAL010": "info"}})
    assert lowered[0].severity == Severity.INFO


def test_messages_speak_the_posts_language_then_the_settings_then_french():
    late = {"at": "2026-11-20 09:00", "status": "draft", "text": "Late."}
    only = {"select": ["CAL010"]}
    assert calendar({**late, "lang": "en"}, config=only)[0].message.startswith("Scheduled for 2026-11-20 09:00")
    assert calendar(late, config={**only, "lang": "en"})[0].message.startswith("Scheduled for")
    french = calendar(late, config=only)[0]
    assert french.message == "Prévue le 20/11/2026 à 09:00 mais pas publiée (statut : brouillon)."
    assert french.suggestion.startswith("Publiez-la")


def test_times_are_shown_in_the_workspace_timezone():
    post = {"at": "2026-11-20T08:00:00+00:00", "status": "draft", "text": "Late.", "lang": "en"}
    (in_paris,) = calendar(post, config={"select": ["CAL010"]})
    assert "2026-11-20 09:00" in in_paris.message
    assert in_paris.window == ("2026-11-20T09:00:00+01:00", "2026-11-23T09:00:00+01:00")
    (in_new_york,) = calendar(post, timezone="America/New_York", now="2026-11-23T09:00:00+01:00",
                              config={"select": ["CAL010"]})
    assert "2026-11-20 03:00" in in_new_york.message


def test_archived_posts_are_left_out():
    posts = [{"channel": "X", "at": "2026-11-24 09:00", "text": "Un.", "status": "archived"},
             {"channel": "X", "at": "2026-11-24 09:05", "text": "Deux."}]
    assert "CAL004" not in codes(calendar(*posts))


def test_the_window_keeps_findings_that_touch_it_and_reads_the_posts_before_it():
    repeated = [
        {"id": "before", "channel": "X", "at": "2026-10-28 09:00", "text": LONG_TEXT, "objective": "awareness"},
        {"id": "inside", "channel": "X", "at": "2026-11-10 09:00", "text": LONG_TEXT, "objective": "awareness"},
    ]
    november = {"window": ["2026-11-01", "2026-12-01"], "config": {"select": ["CAL003"]}}
    (repeat,) = calendar(*repeated, **november)
    assert repeat.post_ids == ("inside", "before")  # the earlier copy is context, outside the window
    assert calendar(*repeated, window=["2026-11-15", "2026-12-01"], config={"select": ["CAL003"]}) == []


def test_findings_come_by_rule_code():
    posts = [{"channel": "X", "at": "2026-11-20 09:00", "status": "draft", "text": "Un."},
             {"channel": "X", "at": "2026-11-20 09:05", "status": "draft", "text": "Deux."}]
    found = codes(calendar(*posts))
    assert found == sorted(found) and {"CAL004", "CAL008", "CAL010"} <= set(found)


def test_rule_options_come_from_the_settings_with_dashes_or_underscores():
    weekly = [{"channel": "X", "at": f"2026-11-{day:02d} 09:00", "text": "Un."} for day in (2, 3, 4, 5, 6, 7)]
    promos = [{**post, "pillar": "promotional"} if index < 2 else post for index, post in enumerate(weekly)]
    assert "CAL001" in codes(calendar(*promos))  # two in six: above one in five
    assert "CAL001" not in codes(calendar(*promos, config={"rules": {"calendar.commercial-mix": {"target": 0.4}}}))
    assert "CAL001" not in codes(calendar(*promos, config={"rules": {"CAL001": {"min_posts": 7}}}))
    assert "CAL001" not in codes(calendar(*promos, config={"channels": {"x": {"rules": {"CAL001": {"min-posts": 7}}}}}))


def test_a_silent_channel_with_no_post_at_all_names_no_post():
    (silence,) = calendar({"channel": "X", "at": "2026-11-02 09:00", "text": "Un."}, frequency={"Newsletter": 1},
                          window=["2026-11-01", "2026-12-01"], config={"select": ["CAL006"]})
    assert silence.post_ids == () and silence.window == ("2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00+01:00")
    assert silence.message.startswith("Newsletter : aucune publication du 01/11/2026 au 01/12/2026 (30 jours")


def test_calendar_rules_never_run_on_a_single_post():
    assert [f for f in checks.lint("Un.", lang="fr", channel="x") if f.family == "CAL"] == []


def test_the_commercial_share_counts_the_posts_own_commercial_findings():
    sales = "SOLDES -40 % sur tout, livraison offerte, code HIVER40 : achetez maintenant, commandez vite !"
    posts = [CalendarPost(id=str(index), channel="X", platform="x", status="scheduled", lang="fr", text=text,
                          scheduled_at=datetime(2026, 11, 20 + index, 9, tzinfo=UTC), campaign="Noël")
             for index, text in enumerate([sales, sales, ""])]
    counted = with_commercial_findings(posts)
    assert [post.commercial_findings > 0 for post in counted] == [True, True, False]
    context = CalendarContext(now=datetime(2026, 11, 1, tzinfo=UTC))
    assert "CAL009" not in codes(lint_calendar(posts, context=context))  # the empty post is not commercial
    assert "CAL009" in codes(lint_calendar(counted[:2], context=context))
    not_read = Config(ignore=("CAL001", "CAL009"))
    assert [post.commercial_findings for post in with_commercial_findings(posts, config=not_read)] == [0, 0, 0]
    # Counts the app already stored are kept: only the other posts are checked.
    changed = [posts[0], replace(posts[1], text="Bonjour."), posts[2]]
    kept = with_commercial_findings(changed, known={"0": 7, "1": 0})
    assert [post.commercial_findings for post in kept] == [7, 0, 0]
    assert with_commercial_findings(changed, known={"1": 0})[0].commercial_findings == counted[0].commercial_findings


# --- near-duplicates --------------------------------------------------------------------------------------

def test_normalisation_keeps_only_the_words_that_say_something():
    assert normalise("Cœur d'ÉTÉ 🎄 #noel @lea https://lumen.example/a — l’atelier, super🎄noël 20 % «ok»") == (
        b"coeur d ete l atelier super noel 20 ok")
    assert normalise("🎄 #noel https://lumen.example") == b""


def test_near_duplicates_exact_near_short_and_empty():
    texts = [
        LONG_TEXT,
        LONG_TEXT.upper() + " #bougie",  # the same once normalised
        LONG_TEXT + " Lien en bio.",  # nearly: three shingles more out of twelve
        "Nous recrutons un ou une céramiste pour l'atelier de Lyon, en CDI.",
        "Bonne semaine à tous",  # short: exact only
        "Bonne semaine à tous !",
        "Bonne soirée à tous",
        "", "🎄",  # nothing to compare
    ]
    index = NearDuplicates(texts, threshold=0.8)
    groups = [index.group(position) for position in range(len(texts))]
    assert groups[0] == groups[1] == groups[2] != groups[3]
    assert groups[4] == groups[5] != groups[6]
    assert groups[7] is None and groups[8] is None
    assert NearDuplicates(texts, threshold=0.95).group(2) != groups[0]  # 0.8 < Jaccard < 0.95


def test_near_duplicate_candidates_grow_linearly_not_quadratically():
    """Twice the texts make about twice the candidate pairs and comparisons (all pairs would make four times)."""
    small, large = (NearDuplicates(distinct_texts(count), threshold=0.8) for count in (2_000, 4_000))
    assert large.candidates < 3 * small.candidates and large.comparisons < 3 * small.comparisons
    assert large.candidates < 10 * 4_000  # against 8 million pairs
    edits = distinct_texts(4_000)
    grouped = NearDuplicates(edits, threshold=0.8)
    assert len({grouped.group(index) for index in range(len(edits))}) < 0.95 * len(edits)  # the light edits meet


def test_a_series_of_near_identical_posts_is_one_group_with_linear_work():
    episodes = [f"Le conseil du lundi : coupez la mèche de votre bougie avant chaque allumage, épisode {number}."
                for number in range(300)]
    index = NearDuplicates(episodes, threshold=0.8)
    assert len({index.group(number) for number in range(300)}) == 1
    assert index.candidates < 10 * 300


# --- the Edito CSV export -----------------------------------------------------------------------------

def csv_text(*rows: dict, delimiter: str = ",") -> str:
    lines = [delimiter.join(EDITO_COLUMNS)]
    for row in rows:
        cells = [str(row.get(column, "")) for column in EDITO_COLUMNS]
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell or "\n" in cell else cell for cell in cells))
    return "\n".join(lines) + "\n"


ROW = {"uid": "a1", "scheduled_at": "2026-11-24T09:30:00+01:00", "timezone": "Europe/Paris",
       "channel": "Instagram Lumen", "platform": "instagram", "lang": "fr", "status": "scheduled",
       "body": "Bonjour !", "objective": "awareness", "pillar": "community", "sponsorship": "none",
       "author": "lea@lumen.example", "campaign": "Noël"}


def test_the_csv_export_is_read_with_commas_or_the_french_semicolons_and_bom():
    second = {**ROW, "uid": "a2", "body": "'=Soldes, -20 %", "title": "'-Promo", "pillar": "promotional"}
    for data in (csv_text(ROW, second).encode(), b"\xef\xbb\xbf" + csv_text(ROW, second, delimiter=";").encode()):
        read = read_calendar_csv(data, "cal.csv")
        assert [post.id for post in read.posts] == ["a1", "a2"]
        assert read.posts[1].text == "=Soldes, -20 %" and read.posts[1].title == "-Promo"
        assert read.posts[0] == CalendarPost(
            id="a1", channel="Instagram Lumen", platform="instagram", status="scheduled", text="Bonjour !",
            scheduled_at=datetime(2026, 11, 24, 8, 30, tzinfo=UTC), pillar="community", objective="awareness",
            author="lea@lumen.example", campaign="Noël", lang="fr")
        assert read.timezone == "Europe/Paris"
        assert [(post.source, post.line, post.id) for post in read.inputs] == [("cal.csv", 2, "a1"), ("cal.csv", 3, "a2")]


def test_the_csv_export_saved_by_excel_with_a_sep_line_and_tabs_is_read_with_file_line_numbers():
    for delimiter in (";", "\t"):
        data = f"sep={delimiter}\r\n{csv_text(ROW, {**ROW, 'uid': 'a2'}, delimiter=delimiter)}".encode()
        read = read_calendar_csv(data, "cal.csv")
        assert [post.id for post in read.posts] == ["a1", "a2"]
        assert [post.line for post in read.inputs] == [3, 4]  # the lines of the file, sep= line included


def test_the_csv_reads_a_time_without_offset_in_the_rows_timezone_and_no_time_as_unscheduled():
    read = read_calendar_csv(csv_text({**ROW, "scheduled_at": "2026-07-01T09:00"},
                                      {**ROW, "uid": "a2", "scheduled_at": ""}).encode(), "cal.csv")
    assert read.posts[0].scheduled_at == datetime(2026, 7, 1, 7, tzinfo=UTC)  # summer time in Paris
    assert read.posts[1].scheduled_at is None


@pytest.mark.parametrize(("change", "fragments"), [
    ({"scheduled_at": "24/11/2026 09:30"}, ["cal.csv, row 2 (line 2), column 'scheduled_at'", "ISO 8601"]),
    ({"scheduled_at": "2026-11-24T09:30", "timezone": ""}, ["column 'scheduled_at'", "no offset"]),
    ({"timezone": "Europe/Lutece"}, ["column 'timezone'", "unknown timezone"]),
    ({"status": "done"}, ["column 'status'", "must be one of idea, draft"]),
    ({"status": ""}, ["column 'status'", "empty"]),
    ({"pillar": "sales"}, ["column 'pillar'", "promotional"]),
    ({"platform": ""}, ["column 'platform'", "empty"]),
    ({"lang": "de"}, ["column 'lang'", "fr, en"]),
])
def test_csv_errors_name_the_file_the_row_and_the_column(change, fragments):
    with pytest.raises(InputFileError) as raised:
        read_calendar_csv(csv_text({**ROW, **change}).encode(), "cal.csv")
    for fragment in fragments:
        assert fragment in str(raised.value)


def test_csv_errors_about_the_whole_file():
    with pytest.raises(InputFileError, match="has no uid, platform column"):
        read_calendar_csv(b"scheduled_at,channel,status,body\n", "cal.csv")
    with pytest.raises(InputFileError, match="French spreadsheet export"):
        read_calendar_csv("Identifiant;Date;Heure;Canal;Texte\n".encode(), "cal.csv")
    with pytest.raises(InputFileError, match="row 3 .*uid 'a1' is already used by row 2"):
        read_calendar_csv(csv_text(ROW, ROW).encode(), "cal.csv")


# --- edito lint --calendar ---------------------------------------------------------------------------------

FOUR_IN_A_DAY = [{**ROW, "uid": f"a{hour}", "scheduled_at": f"2026-11-24T{hour:02d}:00:00+01:00", "body": f"Post {hour}"}
                 for hour in (8, 11, 15, 19)]


def write_calendar(*rows: dict, name: str = "cal.csv", delimiter: str = ",") -> str:
    Path(name).write_text(csv_text(*rows, delimiter=delimiter), encoding="utf-8")
    return name


def test_lint_calendar_from_the_command_line(capsys):
    path = write_calendar(*FOUR_IN_A_DAY)
    assert main(["lint", "--calendar", path, "--now", NOW, "--select", "CAL005"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [
        "cal.csv:5:1: CAL005 [warning] Instagram Lumen : 4 publications le 24/11/2026 (au plus 3 par jour).",
        "    Post 19",
        "  posts: a19, a8, a11, a15",
        "  window: 2026-11-24T00:00:00+01:00 → 2026-11-25T00:00:00+01:00",
        "  suggestion: Répartissez-les sur la semaine.",
    ]
    assert out[-1] == "1 finding (0 errors, 1 warning, 0 info) in 4 posts"
    assert main(["lint", path, "--calendar", "--now", NOW, "--select", "CAL005", "--fail-on", "warning"]) == 1
    capsys.readouterr()


def test_lint_calendar_json_carries_the_posts_and_the_window(capsys):
    path = write_calendar(*FOUR_IN_A_DAY, delimiter=";")
    assert main(["lint", "--calendar", path, "--now", NOW, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, SCHEMA)
    (burst,) = [entry for entry in document["findings"] if entry["code"] == "CAL005"]
    assert burst["post"] == "a19" and burst["post_ids"] == ["a19", "a8", "a11", "a15"]
    assert burst["window"] == {"start": "2026-11-24T00:00:00+01:00", "end": "2026-11-25T00:00:00+01:00"}
    assert (burst["line"], burst["column"], burst["start"], burst["end"]) == (5, 1, 0, 0)
    assert document["summary"]["posts"] == 4


def test_lint_calendar_uses_now_for_the_timing_rules(capsys):
    path = write_calendar({**ROW, "status": "draft"})
    assert main(["lint", "--calendar", path, "--now", "2026-11-24T08:00:00+01:00", "--select", "CAL011"]) == 0
    assert "CAL011" in capsys.readouterr().out
    assert main(["lint", "--calendar", path, "--now", "2026-11-20T08:00:00+01:00", "--select", "CAL011"]) == 0
    assert capsys.readouterr().out == "All clear: 1 post checked\n"


def test_lint_calendar_counts_commercial_findings_with_the_per_post_rules(capsys):
    sales = "SOLDES -40 % sur tout, livraison offerte, code HIVER40 : achetez maintenant, commandez vite !"
    path = write_calendar({**ROW, "body": sales, "pillar": ""}, {**ROW, "uid": "a2", "body": sales, "pillar": ""})
    assert main(["lint", "--calendar", path, "--now", NOW, "--select", "CAL009"]) == 0
    assert "CAL009 [warning] Campagne « Noël » : ses 2 publications sont toutes commerciales." in capsys.readouterr().out
    assert main(["lint", "--calendar", path, "--now", NOW, "--select", "CAL009", "--ignore", "COM"]) == 0
    assert capsys.readouterr().out == "All clear: 2 posts checked\n"


def test_lint_calendar_from_the_database_through_the_apps_loader(capsys, monkeypatch):
    assert main(["lint", "--calendar"]) == 2
    assert "no calendar to read" in capsys.readouterr().err
    seen = {}

    def load(now: datetime) -> StoredCalendar:
        seen["now"] = now
        draft = CalendarPost(id="42", channel="X", platform="x", status="draft", text="Bonjour",
                             scheduled_at=now + timedelta(hours=2))
        # Plain texts the app's stored results found commercial (under the workspace's settings).
        campaign = [CalendarPost(id=str(43 + day), channel="X", platform="x", status="draft", text="Bonjour aussi",
                                 scheduled_at=now + timedelta(days=3 + day), campaign="Noël") for day in range(2)]
        return StoredCalendar(workspace="Lumen", posts=[draft, *campaign], commercial_counts={"43": 2, "44": 1},
                              context=CalendarContext(now=now, timezone="Europe/Paris"),
                              config=Config(ignore=("CAL008",)))

    monkeypatch.setattr(checks.cli, "database_calendar", load)
    assert main(["lint", "--calendar", "--now", NOW, "--select", "CAL011", "--format", "json"]) == 0
    (finding,) = json.loads(capsys.readouterr().out)["findings"]
    assert (finding["file"], finding["post"], finding["code"]) == ("Lumen (database)", "42", "CAL011")
    assert seen["now"] == datetime.fromisoformat(NOW)

    def found(*flags: str) -> set[str]:
        main(["lint", "--calendar", "--now", NOW, "--format", "json", *flags])
        return {finding["code"] for finding in json.loads(capsys.readouterr().out)["findings"]}

    assert "CAL008" not in found() and "CAL011" in found()  # the workspace's settings (CAL008 ignored there)
    assert found("--select", "CAL008,CAL011") == {"CAL011"}  # flags on top of them
    assert "CAL009" in found()  # the stored counts are kept: the campaign is all commercial
    assert "CAL009" not in found("--ignore", "COM")  # other commercial settings: counted again, here not at all


@pytest.mark.parametrize(("args", "fragments"), [
    (["lint", "--calendar", "a.csv", "b.csv"], ["one CSV file"]),
    (["lint", "a.csv", "b.csv", "--calendar"], ["one CSV file"]),
    (["lint", "--calendar", "cal.csv", "--now", "2026-11-23T09:00"], ["needs an offset"]),
    (["lint", "--calendar", "cal.csv", "--now", "tomorrow"], ["not an ISO 8601"]),
    (["lint", "p.md", "--now", NOW], ["--now only applies with --calendar"]),
    (["lint", "--calendar", "cal.csv", "--channel", "x"], ["--channel does not apply"]),
    (["lint", "--calendar", "missing.csv"], ["missing.csv", "no such file"]),
    (["lint", "--calendar", "posts.csv"], ["posts.csv: not an Edito calendar CSV"]),
    (["lint", "--calendar", "cal.csv", "--now", NOW, "--config", "bad.toml"], ["bad.toml", "unknown key"]),
])
def test_lint_calendar_errors_are_one_line_and_exit_2(capsys, args, fragments):
    write_calendar(ROW)
    Path("posts.csv").write_text("id,body\n1,Bonjour\n", encoding="utf-8")
    Path("bad.toml").write_text("colour = 'red'\n", encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err


# --- the formats show the posts and the window -----------------------------------------------------------

CALENDAR_FINDING = Finding(code="CAL004", name="calendar.conflict", severity=Severity.WARNING, message="Deux posts.",
                           start=0, end=0, suggestion="Espacez-les.", url="docs/rules.md#cal004",
                           post_ids=tuple(f"p{number}" for number in range(12)),
                           window=("2026-11-24T09:00:00+01:00", "2026-11-24T09:15:00+01:00"))
REPORT = [Report(PostInput(text="Un.", source="cal.csv", line=3, id="p0"), (CALENDAR_FINDING,))]


def test_finding_data_round_trips_and_per_post_findings_keep_their_shape():
    data = json.loads(json.dumps(CALENDAR_FINDING.to_dict()))
    assert data["post_ids"][:2] == ["p0", "p1"] and data["window"]["end"] == "2026-11-24T09:15:00+01:00"
    assert Finding.from_dict(data) == CALENDAR_FINDING
    plain = Finding(code="COM001", name="commercial.sales-pressure", severity=Severity.ERROR, message="m", start=0, end=1)
    assert set(plain.to_dict()) == {"code", "name", "severity", "message", "start", "end", "suggestion", "url", "family"}


def test_text_github_and_sarif_show_the_posts_and_the_window():
    text = render("text", REPORT).splitlines()
    assert text[2:4] == ["  posts: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 2 more",
                         "  window: 2026-11-24T09:00:00+01:00 → 2026-11-24T09:15:00+01:00"]
    assert "%0Aposts: p0, p1" in render("github", REPORT)
    (result,) = json.loads(render("sarif", REPORT))["runs"][0]["results"]
    assert result["properties"]["post_ids"] == list(CALENDAR_FINDING.post_ids)
    assert result["properties"]["window"]["start"] == "2026-11-24T09:00:00+01:00"


def test_the_schema_checks_the_calendar_fields():
    document = json.loads(render("json", REPORT))
    jsonschema.validate(document, SCHEMA)
    document["findings"][0]["post_ids"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


# --- the docs -------------------------------------------------------------------------------------------------

def test_the_readme_calendar_settings_reach_the_rules():
    import re
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "edito lint --calendar calendar.csv" in readme
    (block,) = [block for block in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[tool.edito]" in block]
    config = Config.from_mapping(tomllib.loads(block)["tool"]["edito"], source="README.md")
    from checks.registry import get_rule

    assert config.options_for(get_rule("CAL001"))["target"] == 0.25
    assert config.options_for(get_rule("CAL005"), "x")["max_per_day"] == 5


def test_no_commercial_pass_when_nothing_would_count_or_read_it(monkeypatch):
    import checks.engine

    def refuse(*args, **kwargs):
        raise AssertionError("the per-post rules ran")

    monkeypatch.setattr(checks.engine, "lint_many", refuse)
    post = CalendarPost(id="1", channel="X", platform="x", scheduled_at=None, status="draft", text="Soldes !")
    for settings in (Config(ignore=("COM",)), Config(select=("CAL004",)), Config(ignore=("CAL001", "CAL009"))):
        assert with_commercial_findings([post], config=settings) == [post]
    with pytest.raises(AssertionError, match="the per-post rules ran"):
        with_commercial_findings([post])


def test_the_statuses_are_the_calendars():
    from calendar_app.models import PostStatus  # checks may not import calendar_app; its tests may compare

    from checks.calendar import STATUSES

    assert STATUSES == tuple(PostStatus)
