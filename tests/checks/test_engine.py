"""The engine: findings as data, streaming batches, pipelines with only the needed components, languages."""

import dataclasses
import itertools
import json
import socket
from pathlib import Path

import pytest

from checks import Config, Finding, Linter, PostInput, Severity, lint, lint_many
from checks.nlp import detect_language

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_findings_are_frozen_data_with_spans_in_the_original_text():
    text = "Bonjour 👋🏽 ! Merci à @maisonverdier pour cette box #collab"
    findings = lint(text, lang="fr", channel="instagram", meta={"sponsorship": "paid", "objective": "awareness"})
    ambiguous = next(f for f in findings if f.code == "SPO002")
    assert text[ambiguous.start:ambiguous.end].lower() == "merci à"
    assert ambiguous.severity == Severity.ERROR and ambiguous.family == "SPO"
    assert ambiguous.url.endswith("spo002") and ambiguous.suggestion
    with pytest.raises(dataclasses.FrozenInstanceError):
        ambiguous.code = "X"
    assert Finding.from_dict(json.loads(json.dumps(ambiguous.to_dict()))) == ambiguous


def test_messages_come_in_the_posts_language():
    french = lint("Per our policy, refunds take 30 days.", lang="en", meta={"kind": "reply", "objective": "customer_care"})
    assert any("justifies" in f.message for f in french)
    english = lint("Conformément à nos CGV, les retours sont refusés.", lang="fr",
                   meta={"kind": "reply", "objective": "customer_care"})
    assert any("justifie" in f.message for f in english)


def test_lint_many_streams_in_input_order_from_an_endless_source():
    def endless():
        for index in itertools.count():
            yield PostInput(text=f"Post {index} : Achetez, commandez !" if index % 2 else f"Post {index}",
                            lang="fr", id=str(index))

    first = list(itertools.islice(lint_many(endless(), batch_size=4), 10))
    assert [post.id for post, _ in first] == [str(i) for i in range(10)]
    assert all(("COM002" in {f.code for f in findings}) == (int(post.id) % 2 == 1) for post, findings in first)


def test_mixed_languages_in_one_batch_are_detected_and_keep_their_order():
    posts = ["Nous ouvrons un atelier à Lyon, venez nous voir !", "We're opening a roastery, come and see us!"] * 3
    results = list(lint_many(posts))
    assert [post.text for post, _ in results] == posts


def test_pipelines_run_only_the_components_selected_rules_need():
    default = Linter()
    assert default.nlp("fr").pipe_names == ["senter"]
    without_readability = Linter(Config(ignore=("CHN006", "CHN002")))
    assert without_readability.nlp("fr").pipe_names == []
    assert default.nlp("fr") is Linter().nlp("fr")  # loaded once per process


def test_english_readability_never_touches_the_network(monkeypatch):
    import nltk

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(nltk, "download", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    from checks.readability import flesch_reading_ease

    assert 0 < flesch_reading_ease("Your parcels arrive faster since October.", "en") < 121
    assert flesch_reading_ease("Vos colis arrivent plus vite depuis octobre.", "fr") > 0


def test_language_detection_on_the_labelled_corpus():
    entries = [json.loads(line) for path in sorted(CORPUS.rglob("*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(entries) >= 300
    right = sum(detect_language(entry["text"]) == entry["lang"] for entry in entries)
    assert right / len(entries) >= 0.97, f"{right}/{len(entries)}"


@pytest.mark.parametrize(("text", "lang"), [
    ("Nouvelle collection en ligne ce soir 🌙 #bougie", "fr"), ("New drop tonight 🌙 #coffee", "en"),
    ("Merci @brewgear !", "fr"), ("Happy weekend everyone ☀️", "en"), ("Bon week-end à tous ☀️", "fr"),
])
def test_language_detection_on_short_posts_full_of_tags(text, lang):
    assert detect_language(text) == lang


def test_the_rules_reference_is_generated_from_the_current_rules():
    from checks.docs import REFERENCE, reference

    assert REFERENCE.read_text(encoding="utf-8") == reference(), "run: python -m checks.docs"
