from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from calendar_app.errors import describe_validation_error
from calendar_app.models import (
    CampaignCreate,
    ChannelCreate,
    PostCreate,
    UserCreate,
    WorkspaceCreate,
    localize,
)


@pytest.mark.parametrize(
    ("model", "fields", "complaint"),
    [
        (WorkspaceCreate, {"name": "  "}, "must not be empty"),
        (WorkspaceCreate, {"name": "B", "timezone": "Mars/Olympus"}, "not an IANA timezone"),
        (WorkspaceCreate, {"name": "B", "commercial_target": 1.5}, "less than or equal to 1"),
        (ChannelCreate, {"platform": "myspace", "display_name": "M"}, "platform"),
        (ChannelCreate, {"platform": "x", "display_name": "X", "colour": "red"}, "not a colour"),
        (CampaignCreate, {"name": "C", "starts_on": "2026-05-10", "ends_on": "2026-05-01"}, "ends before"),
        (UserCreate, {"name": "A", "email": "not-an-email"}, "not an email"),
        (UserCreate, {"name": "A", "email": "a@b.example", "password": "short"}, "at least 8"),
        (PostCreate, {"channel_id": 1, "link": "javascript:alert(1)"}, "not a web link"),
        (PostCreate, {"channel_id": 1, "status": "lost"}, "status"),
        (PostCreate, {"channel_id": 1, "sponsorship": "bribe"}, "sponsorship"),
    ],
)
def test_invalid_input_is_refused_with_a_readable_reason(model, fields, complaint):
    with pytest.raises(ValidationError) as caught:
        model(**fields)
    message = describe_validation_error(caught.value, where="row 3")
    assert complaint in message
    assert message.startswith("row 3: ")
    assert "\n" not in message


def test_the_models_refusals_read_in_french_too():
    with pytest.raises(ValidationError) as caught:
        PostCreate(channel_id=1, link="ftp://x", title="x" * 300)
    assert describe_validation_error(caught.value) == (
        "title: String should have at most 200 characters; link: 'ftp://x' is not a web link starting with "
        "http:// or https://")
    assert describe_validation_error(caught.value, lang="fr") == (
        "Titre\u00a0: 200 caractères au plus; Lien\u00a0: « ftp://x » n'est pas un lien web commençant par "
        "http:// ou https://")


def test_emails_are_normalised():
    assert UserCreate(name="A", email="  Camille@Example.COM ").email == "camille@example.com"


def test_naive_times_are_read_in_the_posts_timezone_across_daylight_saving():
    before_change = localize(datetime(2026, 3, 28, 9, 0), "Europe/Paris")
    after_change = localize(datetime(2026, 3, 29, 9, 0), "Europe/Paris")
    assert before_change == datetime(2026, 3, 28, 8, 0, tzinfo=UTC)
    assert after_change == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    aware = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert localize(aware, "America/New_York") == aware


def test_the_checker_accepts_exactly_the_calendars_values():
    """checks cannot import calendar_app, so its list of metadata values is kept equal by this test."""
    from calendar_app.models import Objective, Pillar, Sponsorship
    from checks.post import META_CHOICES

    assert META_CHOICES["objective"] == tuple(Objective)
    assert META_CHOICES["pillar"] == tuple(Pillar)
    assert META_CHOICES["sponsorship"] == tuple(Sponsorship)
