"""The checker's judgement on posts people really published, and the pieces it rests on.

``../shared/corpus/real-dev`` (beside the project, on every developer's machine and in CI) holds labelled
real posts. They are read by path and never copied here: the texts in this file are invented.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import checks
from checks.config import Config
from checks.engine import _linter
from checks.evaluate import load_corpus, report
from checks.partnership import disclosures, placement, signs
from checks.post import Post

ROOT = Path(__file__).resolve().parents[2]
REAL_DEV = ROOT.parent / "shared" / "corpus" / "real-dev"
TARGET_PRECISION, TARGET_RECALL, TARGET_SPO_RECALL, MAX_FALSE_ALARMS = 0.90, 0.90, 0.95, 0.10
MIN_POSITIVES = 8


@pytest.fixture(scope="module")
def real_report():
    if not any(REAL_DEV.glob("*.jsonl")):
        pytest.skip(f"no labelled real posts at {REAL_DEV} (the shared corpus sits beside the project)")
    return report(load_corpus([REAL_DEV]))


def test_every_scored_family_meets_the_targets_on_real_posts(real_report):
    weak = {}
    for (lang, family), cell in real_report.table.items():
        if family not in {"COM", "IMP", "SPO"} or cell.positives < MIN_POSITIVES:
            continue
        recall_target = TARGET_SPO_RECALL if family == "SPO" else TARGET_RECALL
        if cell.precision < TARGET_PRECISION or cell.recall < recall_target:
            weak[f"{lang}.{family}"] = (round(cell.precision, 2), round(cell.recall, 2),
                                        cell.misses, cell.false_alarms)
    assert not weak, weak


def test_clean_real_posts_rarely_raise_an_alarm(real_report):
    rates = {lang: real_report.false_alarm_rate(lang) for lang in real_report.clean}
    assert rates and all(rate <= MAX_FALSE_ALARMS for rate in rates.values()), (rates, real_report.clean_flagged)


def test_bench_quality_prints_the_figures_as_json_without_the_texts():
    corpus = ROOT / "tests" / "corpus" / "holdout"
    result = subprocess.run([sys.executable, "-m", "bench", "quality", "--corpus", str(corpus)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600, check=True)
    figures = json.loads(result.stdout)
    assert figures["benchmark"] == "quality" and figures["posts"] == len(load_corpus([corpus]))
    assert {"fr.SPO", "en.SPO", "fr.IMP", "en.COM"} <= set(figures["families"])
    cell = figures["families"]["fr.SPO"]
    assert cell["tp"] + cell["fn"] == cell["positives"] > 0 and 0 <= cell["f1"] <= 1
    first_text = json.loads((corpus / "fr.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]
    assert first_text not in result.stdout


# --- sponsorship read from the text (invented posts) ----------------------------------------------------

def _post_for(text: str, lang: str, channel: str | None = None, **meta) -> Post:
    linter = _linter(None)
    return Post(text=text, lang=lang, channel=channel, meta=meta, config=Config(), doc=linter.nlp(lang)(text))


def _signs(text: str, lang: str):
    return signs(_post_for(text, lang))


def codes(text: str, lang: str = "en", **meta) -> set[str]:
    return {finding.code for finding in checks.lint(text, lang=lang, meta=meta)}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Not sponsored, I just love this kettle and wanted to tell you."),
    ("en", "This is NOT an ad: we paid for the grinder ourselves."),
    ("fr", "Ce n'est pas sponsorisé, j'aime juste beaucoup cette bougie."),
])
def test_a_negated_disclosure_is_neither_a_label_nor_a_sign(lang, text):
    assert not codes(text, lang) & {"SPO001", "SPO002", "SPO003"}


@pytest.mark.parametrize(("lang", "text", "kind"), [
    ("en", "My go-to grinder, 15% off with my code LENA15 at checkout.", "personal-code"),
    ("en", "So happy to be partnering with @brewgear on this one!", "partnering"),
    ("en", "Morning pour-over ☕ #BrewGearPartner", "partner-tag"),
    ("en", "Grab the same scale here: amzn.to/3xYzAbC", "affiliate-link"),
    ("fr", "Mon plaid préféré, et -15 % avec mon code LEA15 !", "personal-code"),
    ("fr", "Ravie d'être en partenariat avec @maisonverdier pour l'hiver.", "partnering"),
])
def test_the_text_reveals_a_partnership_and_the_checker_says_so(lang, text, kind):
    assert kind in {sign.kind for sign in _signs(text, lang)}
    assert codes(text, lang) & {"SPO001", "SPO002"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Your tracking code is 9400111899223197428490, the parcel arrives Thursday."),
    ("en", "Thank you to everyone who came to the market on Saturday!"),
    ("en", "We partnered with the city to plant forty trees on Elm Street."),
    ("fr", "Un coffret offert aux cinquante premiers clients samedi à l'atelier."),
    ("fr", "Merci à vous, deux mille abonnés, on fête ça samedi !"),
])
def test_ordinary_posts_show_no_partnership(lang, text):
    assert not {sign.kind for sign in _signs(text, lang) if sign.strong}
    assert not codes(text, lang) & {"SPO001", "SPO002", "SPO003"}


def test_a_calendar_saying_none_and_a_text_saying_sponsored_are_both_named():
    findings = checks.lint("Three weeks with this scale, 10% off with my code SAM10.", lang="en",
                           meta={"sponsorship": "none"})
    message = next(finding.message for finding in findings if finding.code == "SPO001")
    assert "not sponsored" in message and "my code" in message


@pytest.mark.parametrize(("text", "channel", "where"), [
    ("Ad | My week with the BrewGear kettle, three mornings in.", "instagram", "up front"),
    ("My week with the kettle. " * 8 + "#ad", "instagram", "after the cut"),
    ("My week with the kettle. #coffee #morning #kettle #slowliving #ad", None, "buried"),
    ("My week with the kettle, use my code SAM10.", "instagram", "missing"),
])
def test_the_placement_of_a_disclosure(text, channel, where):
    assert placement(_post_for(text, "en", channel), 3) == where


def test_french_labels_are_clear_and_merci_a_is_not():
    clear, ambiguous = disclosures(_post_for("Collaboration commerciale avec @maisonverdier, merci à eux !", "fr"))
    assert [span.text.lower() for span in clear] == ["collaboration commerciale"]
    clear, ambiguous = disclosures(_post_for("Merci à @maisonverdier pour ce plaid #pub", "fr"))
    assert not clear and ambiguous


# --- input that cannot carry an objective ----------------------------------------------------------------

def test_mes001_speaks_only_where_a_calendar_could_set_an_objective(tmp_path):
    text = "Our winter blend is back on Friday, come and taste it at the roastery."
    (tmp_path / "post.txt").write_text(text, encoding="utf-8")
    (tmp_path / "plan.csv").write_text(f"text,lang,objective\n\"{text}\",en,\n", encoding="utf-8")
    run = [sys.executable, "-m", "checks", "lint", "--select", "MES001", "--format", "json"]
    from_file = subprocess.run([*run, str(tmp_path / "post.txt")], capture_output=True, text=True, timeout=300)
    from_stdin = subprocess.run([*run, "-"], input=text, capture_output=True, text=True, timeout=300)
    from_calendar = subprocess.run([*run, str(tmp_path / "plan.csv")], capture_output=True, text=True, timeout=300)
    assert "MES001" not in from_file.stdout and from_file.returncode == 0, from_file.stderr
    assert "MES001" not in from_stdin.stdout and from_stdin.returncode == 0, from_stdin.stderr
    assert "MES001" in from_calendar.stdout, from_calendar.stderr
