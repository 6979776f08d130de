"""The labels and messages in French and English: same placeholders in both, messages that travel as text."""

import copy
import pickle
from string import Formatter

import pytest

from calendar_app.i18n import LABELS, Localized, localized, percent, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_both_languages_with_the_same_placeholders(key):
    assert set(LABELS[key]) == {"fr", "en"}
    assert _fields(LABELS[key]["fr"]) == _fields(LABELS[key]["en"])


def test_a_localized_message_is_its_english_text_and_shows_in_the_pages_language():
    message = Localized("import.same_as_row", row=3)
    assert message == "same channel, time and text as row 3" and isinstance(message, str)
    assert f"row skipped: {message}" == "row skipped: same channel, time and text as row 3"  # the CLI's text
    assert localized(message, "fr") == "même canal, même heure et même texte que la ligne 3"
    assert localized(message, "en") == message
    assert localized("plain text", "fr") == "plain text"
    for travelled in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):
        assert localized(travelled, "fr") == "même canal, même heure et même texte que la ligne 3"


def test_percentages_follow_each_languages_typography():
    assert percent(0.434, "fr") == "43\u202f%" and percent(0.434, "en") == "43%"
    assert t("insights.commercial_help", "fr", target=percent(0.2, "fr")).count("20\u202f%") == 1


def test_localized_values_are_localized_too():
    message = Localized("posts.bad_move", current=Localized("status.draft"), target=Localized("status.approved"))
    assert message == "A post in status Draft cannot move to Approved."
    assert localized(message, "fr") == "Une publication au statut Brouillon ne peut pas passer au statut Validée."
