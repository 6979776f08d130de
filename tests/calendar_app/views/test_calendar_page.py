"""The calendar page run headless with Streamlit's AppTest on a seeded database, and the grid's pure
functions (events, options, dropped dates) checked without a browser.

AppTest cannot draw a custom component, but it keeps what the page sends it: the events and options
are read back from the component's arguments, and the component's answer (a drop, a click) is played
by replacing ``show_grid``.
"""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.components import calendar_grid as grid
from calendar_app.db import session_scope
from calendar_app.models import AuditEvent, Channel, Post, PostStatus, User

PAGE = Path(calendar_app.__file__).parent / "views" / "calendar.py"
PARIS = ZoneInfo("Europe/Paris")


def _component(page):
    found = [element for element in page.main if getattr(element, "type", None) == "component_instance"]
    assert len(found) == 1, "the calendar grid is drawn once"
    return json.loads(found[0].proto.json_args)


def _events(page) -> list[dict]:
    return _component(page)["events"]


def _posts(engine) -> dict[int, Post]:
    with session_scope(engine) as session:
        return {post.id: post for post in session.exec(select(Post))}


def test_an_empty_database_invites_to_create_a_brand(app_database):
    page = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not page.exception
    assert "edito demo" in page.info[0].value


def test_the_month_grid_shows_the_brands_posts_coloured_by_channel_with_their_status(demo_engine):
    page = AppTest.from_file(str(PAGE), default_timeout=30)
    page.session_state["app.user_id"] = _user_id(demo_engine, "Hugo Bernard")  # an editor may move any open post
    page.run()
    assert not page.exception
    assert page.title[0].value == "Calendrier · Atelier Lumen"
    options = _component(page)["options"]
    assert options["initialView"] == "dayGridMonth"
    assert options["timeZone"] == "Europe/Paris"
    assert options["locale"]["code"] == "fr" and options["locale"]["buttonText"]["today"] == "Aujourd'hui"
    events = _events(page)
    count = int(page.caption[0].value.split()[0])
    assert count == len(events) > 0
    assert "Publiée · Soldes d'hiver" in {event["title"] for event in events}
    with session_scope(demo_engine) as session:
        channels = {channel.id: channel for channel in session.exec(select(Channel))}
    posts = _posts(demo_engine)
    for event in events:
        post = posts[event["extendedProps"]["post_id"]]
        assert event["backgroundColor"] == channels[post.channel_id].colour
        assert event["extendedProps"]["channel"] == channels[post.channel_id].display_name
        assert event["extendedProps"]["version"] == post.version
        assert event["title"].split(" · ")[0] == grid.t(f"status.{post.status}", "fr")
        # wall-clock time in the workspace's zone, with the offset of that day
        assert datetime.fromisoformat(event["start"]) == post.scheduled_at
        assert event["start"] == post.scheduled_at.astimezone(PARIS).isoformat()
        assert event["startEditable"] == (post.status not in {PostStatus.PUBLISHED, PostStatus.ARCHIVED})


def test_week_list_and_table_views_and_the_english_brand(demo_engine):
    page = AppTest.from_file(str(PAGE), default_timeout=30).run()
    page.sidebar.radio(key="calendar.view").set_value("week").run()
    assert _component(page)["options"]["initialView"] == "timeGridWeek"
    page.sidebar.radio(key="calendar.view").set_value("list").run()
    assert _component(page)["options"]["initialView"] == "listWeek"

    page.sidebar.radio(key="calendar.view").set_value("table").run()
    assert not page.exception
    assert not [element for element in page.main if getattr(element, "type", None) == "component_instance"]
    table = page.dataframe[0].value
    assert {"Jour", "Heure", "Canal", "Titre", "Statut"} <= set(table.columns)
    assert "Soldes d'hiver" in set(table["Titre"])
    assert "Publiée" in set(table["Statut"])

    page.sidebar.selectbox[0].select_index(1).run()
    assert page.title[0].value == "Calendar · Northwind Roasters"
    assert "Published" in set(page.dataframe[0].value["Status"])
    assert page.sidebar.radio(key="calendar.view").options == ["Month", "Week", "List", "Table"]

    page.sidebar.radio(key="calendar.view").set_value("month").run()
    events = _events(page)
    assert _component(page)["options"]["locale"]["code"] == "en"
    assert any(event["title"].startswith("Published · ") for event in events)

    page.sidebar.date_input[0].set_value(date.today() + timedelta(days=400)).run()
    assert page.info[0].value == "No posts in this period."


def test_the_sidebar_filters_narrow_the_grid(demo_engine):
    page = AppTest.from_file(str(PAGE), default_timeout=30).run()
    every = _events(page)
    posts = _posts(demo_engine)

    page.sidebar.multiselect(key="calendar.statuses.1").set_value(["published"]).run()
    shown = _events(page)
    assert shown and len(shown) < len(every)
    assert {event["extendedProps"]["status"] for event in shown} == {"published"}
    page.sidebar.multiselect(key="calendar.statuses.1").set_value([]).run()

    instagram = next(post.channel_id for post in posts.values() if post.title == "Soldes d'hiver")
    page.sidebar.multiselect(key="calendar.channels.1").set_value([instagram]).run()
    shown = _events(page)
    assert shown and {posts[e["extendedProps"]["post_id"]].channel_id for e in shown} == {instagram}
    page.sidebar.multiselect(key="calendar.channels.1").set_value([]).run()

    page.sidebar.multiselect(key="calendar.pillars.1").set_value(["promotional"]).run()
    shown = _events(page)
    assert shown and {posts[e["extendedProps"]["post_id"]].pillar for e in shown} == {"promotional"}
    page.sidebar.multiselect(key="calendar.pillars.1").set_value([]).run()

    campaign = next(post.campaign_id for post in posts.values() if post.title == "Soldes d'hiver")
    page.sidebar.selectbox(key="calendar.campaign.1").set_value(campaign).run()
    shown = _events(page)
    assert shown and {posts[e["extendedProps"]["post_id"]].campaign_id for e in shown} == {campaign}
    page.sidebar.selectbox(key="calendar.campaign.1").set_value(None).run()

    author = posts[every[0]["extendedProps"]["post_id"]].author_id
    page.sidebar.selectbox(key="calendar.author.1").set_value(author).run()
    shown = _events(page)
    assert shown and {posts[e["extendedProps"]["post_id"]].author_id for e in shown} == {author}
    assert not page.exception


def _drop(event: dict, new_start: str, version: int | None = None) -> dict:
    """The value the component returns after a drag: FullCalendar keeps the old offset."""
    moved = {**event, "start": new_start,
             "extendedProps": {**event["extendedProps"], "version": version or event["extendedProps"]["version"]}}
    return {"callback": "eventChange", "eventChange": {"event": moved, "oldEvent": event, "relatedEvents": []}}


def _user_id(engine, name: str) -> int:
    with session_scope(engine) as session:
        return session.exec(select(User.id).where(User.name == name)).one()


def test_dragging_a_post_reschedules_it_once_and_a_stale_drop_is_refused(demo_engine, monkeypatch):
    page = AppTest.from_file(str(PAGE), default_timeout=30)
    page.session_state["app.user_id"] = _user_id(demo_engine, "Hugo Bernard")  # an editor, in the sidebar picker
    page.run()
    event = next(e for e in _events(page) if e["startEditable"])
    post_id = event["extendedProps"]["post_id"]
    before = _posts(demo_engine)[post_id]
    new_wall = (before.scheduled_at.astimezone(PARIS) + timedelta(days=1)).replace(hour=10, minute=45)
    dropped = new_wall.replace(tzinfo=None).isoformat() + event["start"][-6:]  # the offset from before the move
    answers = []

    def fake_grid(events, options, *, key):
        answers.append(events)
        return value

    value = _drop(event, dropped)
    monkeypatch.setattr(grid, "show_grid", fake_grid)
    page.run()
    assert not page.exception
    after = _posts(demo_engine)[post_id]
    assert after.scheduled_at == new_wall.astimezone(UTC)
    assert after.version == before.version + 1
    assert "reprogrammée" in page.toast[0].value
    moved = next(e for e in answers[-1] if e["extendedProps"]["post_id"] == post_id)
    assert moved["extendedProps"]["version"] == after.version  # the grid was redrawn from the database

    page.run()  # the component keeps returning the same drop: it is not applied twice
    assert _posts(demo_engine)[post_id].version == after.version
    with session_scope(demo_engine) as session:
        actions = session.exec(select(AuditEvent.action).where(AuditEvent.entity == "post",
                                                               AuditEvent.entity_id == post_id)).all()
    assert actions.count("reschedule") == 1

    value = _drop(event, event["start"][:11] + "07:00:00" + event["start"][-6:], version=before.version)
    page.run()
    assert not page.exception
    assert "Reprogrammation refusée" in page.error[0].value
    assert "modifiée par quelqu" in page.error[0].value  # in the page's language, not the CLI's English
    assert _posts(demo_engine)[post_id].scheduled_at == new_wall.astimezone(UTC)


def test_a_writer_drags_only_their_own_open_posts_and_a_forced_drop_is_refused(demo_engine, monkeypatch):
    writer = _user_id(demo_engine, "Camille Martin")
    page = AppTest.from_file(str(PAGE), default_timeout=30)
    page.session_state["app.user_id"] = writer
    page.run()
    stored = _posts(demo_engine)
    events = _events(page)
    draggable = {e["extendedProps"]["post_id"] for e in events if e["startEditable"]}
    assert draggable and all(stored[post_id].author_id == writer for post_id in draggable)
    locked = next(e for e in events if stored[e["extendedProps"]["post_id"]].status == PostStatus.APPROVED
                  and stored[e["extendedProps"]["post_id"]].author_id != writer)
    assert not locked["startEditable"]
    post_id = locked["extendedProps"]["post_id"]
    value = _drop(locked, locked["start"][:11] + "07:00:00" + locked["start"][-6:])
    monkeypatch.setattr(grid, "show_grid", lambda events, options, *, key: value)
    page.run()
    assert not page.exception
    assert "Reprogrammation refusée" in page.error[0].value and "Camille Martin" in page.error[0].value
    after = _posts(demo_engine)[post_id]
    assert (after.scheduled_at, after.version, after.status) == (stored[post_id].scheduled_at,
                                                                stored[post_id].version, PostStatus.APPROVED)


def test_moving_an_approved_post_sends_it_back_to_review_and_says_so(demo_engine, monkeypatch):
    page = AppTest.from_file(str(PAGE), default_timeout=30)
    editor = _user_id(demo_engine, "Hugo Bernard")
    page.session_state["app.user_id"] = editor
    page.run()
    stored = _posts(demo_engine)
    event = next(e for e in _events(page) if stored[e["extendedProps"]["post_id"]].status == PostStatus.APPROVED)
    post_id = event["extendedProps"]["post_id"]
    value = _drop(event, event["start"][:11] + "07:00:00" + event["start"][-6:])
    monkeypatch.setattr(grid, "show_grid", lambda events, options, *, key: value)
    page.run()
    assert "repasse en relecture" in page.toast[0].value
    assert _posts(demo_engine)[post_id].status == PostStatus.IN_REVIEW
    with session_scope(demo_engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity == "post", AuditEvent.entity_id == post_id)
                              .order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_id) for e in events[-2:]] == [("reschedule", editor), ("status", editor)]


# --- pure functions of the grid ---------------------------------------------------------------------


def _post(moment: datetime, **fields) -> Post:
    fields = {"title": "Soldes d'hiver", "status": PostStatus.SCHEDULED, **fields}
    return Post(id=7, workspace_id=1, channel_id=3, version=4, scheduled_at=moment, **fields)


CHANNEL = Channel(id=3, workspace_id=1, platform="instagram", display_name="Instagram", colour="#e1306c")


def test_an_event_carries_the_status_colour_id_and_version():
    event = grid.post_event(_post(datetime(2026, 1, 5, 8, tzinfo=UTC)), CHANNEL, PARIS, "fr")
    assert event["title"] == "Programmée · Soldes d'hiver"
    assert event["backgroundColor"] == event["borderColor"] == "#e1306c"
    assert event["extendedProps"] == {"post_id": 7, "version": 4, "status": "scheduled", "channel": "Instagram"}
    assert event["start"] == "2026-01-05T09:00:00+01:00"
    assert grid.post_event(_post(datetime(2026, 1, 5, 8, tzinfo=UTC)), CHANNEL, PARIS, "en")["title"] == (
        "Scheduled · Soldes d'hiver")
    untitled = grid.post_event(_post(datetime(2026, 1, 5, tzinfo=UTC), title="", body="Un   texte\nsans titre"),
                               CHANNEL, PARIS, "fr")
    assert untitled["title"] == "Programmée · Un texte sans titre"
    published = grid.post_event(_post(datetime(2026, 1, 5, tzinfo=UTC), status=PostStatus.PUBLISHED), CHANNEL,
                                PARIS, "fr")
    assert not published["startEditable"] and published["classNames"] == ["edito-status-published"]
    assert grid.post_events([_post(None)], {3: CHANNEL}, PARIS, "fr") == []


def test_times_are_right_on_both_sides_of_the_daylight_saving_changes():
    def start(wall: datetime) -> str:
        return grid.post_event(_post(wall.replace(tzinfo=PARIS).astimezone(UTC)), CHANNEL, PARIS, "fr")["start"]

    assert start(datetime(2026, 3, 28, 9)) == "2026-03-28T09:00:00+01:00"
    assert start(datetime(2026, 3, 29, 9)) == "2026-03-29T09:00:00+02:00"  # the morning after clocks go forward
    assert start(datetime(2026, 10, 25, 9)) == "2026-10-25T09:00:00+01:00"


def test_a_dropped_start_is_read_as_wall_clock_time_in_the_workspace_zone():
    # Dragged from Saturday 28 March (+01:00) to Sunday 29: FullCalendar keeps "+01:00".
    moved = grid.dropped_start("2026-03-29T09:00:00+01:00", PARIS)
    assert moved.astimezone(UTC) == datetime(2026, 3, 29, 7, tzinfo=UTC)
    assert grid.dropped_start("2026-10-26T09:00:00+02:00", PARIS).astimezone(UTC) == datetime(2026, 10, 26, 8,
                                                                                           tzinfo=UTC)
    assert grid.dropped_start("2026-03-30", PARIS, previous="2026-03-27T18:15:00+01:00") == datetime(
        2026, 3, 30, 18, 15, tzinfo=PARIS)
    new_york = ZoneInfo("America/New_York")
    assert grid.dropped_start("2026-03-09T09:00:00-05:00", new_york).astimezone(UTC).hour == 13


def test_a_reschedule_request_names_the_post_its_version_and_the_new_start():
    event = grid.post_event(_post(datetime(2026, 3, 28, 8, tzinfo=UTC)), CHANNEL, PARIS, "fr")
    change = _drop(event, "2026-03-29T09:00:00+01:00")["eventChange"]
    assert grid.reschedule_request(change, PARIS) == (7, 4, datetime(2026, 3, 29, 9, tzinfo=PARIS))
    assert grid.reschedule_request({"event": event, "oldEvent": event}, PARIS) is None
    assert grid.reschedule_request({}, PARIS) is None
    assert grid.clicked_post({"event": event}) == 7
    assert grid.clicked_post({}) is None


def test_options_keep_navigation_to_the_loaded_weeks_in_the_workspace_zone():
    first, last = grid.day_range(date(2026, 3, 26), 5)
    assert (first, last) == (date(2026, 3, 23), date(2026, 4, 27))
    options = grid.grid_options("week", lang="en", timezone="Europe/Paris", first_day=first, last_day=last,
                                initial=grid.initial_date(first, last, date(2026, 3, 29)))
    assert options["initialView"] == "timeGridWeek" and options["timeZone"] == "Europe/Paris"
    assert options["validRange"] == {"start": "2026-03-23", "end": "2026-04-27"}
    assert options["initialDate"] == "2026-03-29"
    assert grid.initial_date(first, last, date(2027, 1, 1)) == first
    assert options["editable"] and not options["eventDurationEditable"]
    assert options["locale"]["week"]["dow"] == 1


def test_text_stays_readable_on_every_channel_colour():
    assert grid.text_colour("#000000") == "#ffffff"
    assert grid.text_colour("#ffffff") == "#111111"
    assert grid.text_colour("#333333") == "#ffffff"
    assert grid.text_colour("#f5c518") == "#111111"
