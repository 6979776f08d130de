"""The compose page run headless with AppTest: live findings, platform counter, highlighting, saving."""

from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select
from streamlit.testing.v1 import AppTest

import calendar_app
from calendar_app.components import merge
from calendar_app.components.findings import highlighted_html
from calendar_app.components.history import history_rows, shorten
from calendar_app.db import session_scope
from calendar_app.models import AuditEvent, Channel, Post, PostCreate, PostStatus, PostUpdate, User
from calendar_app.services.posts import create_post, update_post
from calendar_app.services.reviews import approve, submit_for_review
from checks import Finding, Severity

PAGE = Path(calendar_app.__file__).parent / "views" / "compose.py"
UNDISCLOSED = "Merci à @maisonverdier pour cette box cocooning, je l'adore ! <script>alert(1)</script>"


def _type(app: AppTest, text: str) -> None:
    """What the live text area does in the browser (AppTest cannot type in a component): the text reaches
    the page's state, and the page runs."""
    app.session_state["compose.body"] = text
    app.run()


@pytest.fixture
def page(demo_engine):
    """The compose page opened on the seeded demo database (shared fixtures in conftest.py)."""
    return AppTest.from_file(str(PAGE), default_timeout=60).run(), demo_engine


def test_findings_appear_as_the_text_is_typed_and_the_post_is_saved(page):
    app, engine = page
    assert not app.exception
    assert app.title[0].value == "Rédiger"
    app.selectbox(key="compose.sponsorship").select("paid").run()
    app.text_input(key="compose.partner").input("Maison Verdier").run()
    app.selectbox(key="compose.objective").select("awareness").run()
    _type(app, UNDISCLOSED)
    shown = " ".join(element.value for element in app.markdown)
    assert "SPO002" in shown
    assert "&lt;script&gt;" in shown and "<script>" not in shown  # user text is escaped in the preview
    app.button(key="compose.save").click().run()
    assert app.success and "enregistré" in app.success[0].value
    with Session(engine) as session:
        saved = session.exec(select(Post).where(Post.body == UNDISCLOSED)).one()
    assert (saved.sponsorship, saved.partner, saved.status) == ("paid", "Maison Verdier", "draft")


def test_the_counter_counts_the_platform_way(page):
    app, _ = page
    x_channel = next(option for option in app.selectbox(key="compose.channel").options if option == "X")
    app.selectbox(key="compose.channel").select(x_channel).run()
    _type(app, "Bonjour 👋🏽 https://atelier.example/un/lien/assez/long")
    assert "34 / 280" in app.get("progress")[0].proto.text  # 7 + 1 + emoji 2 + 1 + URL 23


def test_highlighting_marks_the_worst_severity_and_escapes_text():
    findings = [Finding("A", "a.b", Severity.WARNING, "m", 0, 5), Finding("B", "b.c", Severity.ERROR, "m", 3, 8)]
    rendered = highlighted_html("<b>ld & more", findings)
    assert rendered.startswith('<mark style="background:#fff1c2">&lt;b&gt;</mark>')
    assert '<mark style="background:#ffd6d6">ld &amp; </mark>' in rendered
    assert rendered.endswith("more")


def _post(engine, post_id: int) -> Post:
    with Session(engine) as session:
        return session.get(Post, post_id)


@pytest.fixture
def stored(page):
    """A draft by the writer Camille Martin, opened on the compose page with ?post=ID, as Camille."""
    _, engine = page
    with session_scope(engine) as session:
        writer = session.exec(select(User).where(User.name == "Camille Martin")).one()
        channel = session.exec(select(Channel).where(Channel.display_name == "Instagram")).first()
        post = create_post(PostCreate(channel_id=channel.id, title="Box d'hiver", body=UNDISCLOSED,
                                      sponsorship="paid", partner="Maison Verdier", objective="awareness",
                                      scheduled_at=datetime(2031, 3, 4, 18, 15), timezone="Europe/Paris",
                                      author_id=writer.id), session=session)
        post_id, writer_id = post.id, writer.id
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.query_params["post"] = str(post_id)
    app.session_state["app.user_id"] = writer_id
    return app.run(), engine, post_id


def test_a_post_opens_from_the_address_fills_the_form_saves_and_goes_to_review(stored):
    app, engine, post_id = stored
    assert not app.exception
    assert app.text_input(key="compose.title").value == "Box d'hiver"
    assert app.session_state["compose.body"] == UNDISCLOSED
    assert app.text_input(key="compose.partner").value == "Maison Verdier"
    assert (app.selectbox(key="compose.sponsorship").value, app.selectbox(key="compose.objective").value) == (
        "paid", "awareness")
    assert app.date_input(key="compose.day").value == date(2031, 3, 4)
    assert app.time_input(key="compose.time").value == time(18, 15)  # the brand's wall clock, not UTC
    assert f"n°{post_id}" in app.caption[0].value
    assert "SPO002" in " ".join(element.value for element in app.markdown)

    fixed = "Collaboration commerciale avec Maison Verdier : leur box cocooning, on l'adore !"
    _type(app, fixed)
    assert app.button(key="compose.submit").disabled  # unsaved changes are not sent to review
    app.button(key="compose.save").click().run()
    assert not app.error and any("version 2" in success.value for success in app.success)
    saved = _post(engine, post_id)
    assert (saved.body, saved.version, saved.title) == (fixed, 2, "Box d'hiver")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Post).where(Post.title == "Box d'hiver")).one() == 1

    app.button(key="compose.submit").click().run()
    assert not app.exception and not app.error
    assert _post(engine, post_id).status == "in_review"
    assert app.toast and f"n°{post_id}" in app.toast[0].value


def test_a_stale_save_shows_both_versions_and_overwrites_nothing(stored):
    app, engine, post_id = stored
    with session_scope(engine) as session:  # someone else saves the post after the page read it
        update_post(post_id, PostUpdate(title="Box d'hiver (relue par Hugo)"), expected_version=1, session=session)
    app.text_input(key="compose.title").input("Box d'hiver (ma version)").run()
    app.button(key="compose.save").click().run()
    assert not app.exception
    assert app.error and "Rien n'a été écrasé" in app.error[0].value and "version 2" in app.error[0].value
    shown = " ".join(element.value for element in app.text)
    assert "Box d'hiver (relue par Hugo)" in shown and "Box d'hiver (ma version)" in shown
    assert _post(engine, post_id).title == "Box d'hiver (relue par Hugo)"
    assert _post(engine, post_id).version == 2

    app.button(key="compose.reload").click().run()  # discard mine: the form shows the saved version
    assert app.text_input(key="compose.title").value == "Box d'hiver (relue par Hugo)"
    assert not app.error and not _radios(app)
    assert not app.session_state["compose.conflicts"]  # my typed text is gone only now, as asked
    assert _post(engine, post_id).version == 2


def test_saving_a_changed_approved_post_says_it_goes_back_to_review(stored):
    _, engine, post_id = stored
    with session_scope(engine) as session:
        writer = session.exec(select(User).where(User.name == "Camille Martin")).one()
        editor = session.exec(select(User).where(User.name == "Hugo Bernard")).one()
        post = submit_for_review(post_id, expected_version=1, user=writer, session=session)
        approve(post_id, expected_version=post.version, user=editor, session=session,
                override_reason="Mention vue avec le partenaire")
        editor_id = editor.id
    app = AppTest.from_file(str(PAGE), default_timeout=60)  # the editor opens the approved post
    app.session_state["app.user_id"] = editor_id
    app.query_params["post"] = str(post_id)
    app.run()
    _type(app, "Collaboration commerciale avec Maison Verdier : leur box cocooning, on l'adore !")
    app.button(key="compose.save").click().run()
    assert not app.exception and not app.error
    assert any("repasse en relecture" in success.value for success in app.success)
    assert _post(engine, post_id).status == PostStatus.IN_REVIEW


def test_a_new_post_is_written_by_the_chosen_user_and_can_then_be_submitted(page):
    app, engine = page
    with Session(engine) as session:
        writer = session.exec(select(User).where(User.name == "Camille Martin")).one()
    app.session_state["app.user_id"] = writer.id
    app.text_input(key="compose.title").input("Nouvelle box").run()
    _type(app, "Notre atelier prépare la box d'hiver : qu'aimeriez-vous y trouver ?")
    app.button(key="compose.save").click().run()
    with Session(engine) as session:
        post = session.exec(select(Post).where(Post.title == "Nouvelle box")).one()
    assert post.author_id == writer.id
    assert app.query_params["post"] == str(post.id)  # the address now opens this post
    app.button(key="compose.submit").click().run()
    assert _post(engine, post.id).status == "in_review"


def test_a_post_is_adapted_to_another_channel_as_a_linked_version(stored):
    app, engine, post_id = stored
    target = next(option for option in app.selectbox(key="compose.adapt_channel").options if option == "LinkedIn")
    app.selectbox(key="compose.adapt_channel").select(target).run()
    app.button(key="compose.adapt").click().run()
    assert not app.exception and not app.error
    original = _post(engine, post_id)
    with Session(engine) as session:
        versions = session.exec(select(Post).where(Post.group_id == original.group_id)).all()
    copy = next(post for post in versions if post.id != post_id)
    assert len(versions) == 2 and copy.body == original.body and copy.status == "draft"
    assert str(copy.id) in str(app.query_params["post"])  # the page now shows the new version
    assert app.toast and "LinkedIn" in app.toast[0].value


def test_a_channel_name_in_the_adapted_message_is_shown_as_typed(stored):
    app, engine, post_id = stored
    hostile = "![x](http://127.0.0.1:9/x.png) **Gras**"
    with session_scope(engine) as session:
        post = session.get(Post, post_id)
        linkedin = session.exec(select(Channel).where(Channel.display_name == "LinkedIn",
                                                      Channel.workspace_id == post.workspace_id)).one()
        linkedin.display_name = hostile
        session.add(linkedin)
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.query_params["post"] = str(post_id)
    app.session_state["app.user_id"] = stored[0].session_state["app.user_id"]
    app.run()
    app.selectbox(key="compose.adapt_channel").select(hostile).run()
    app.button(key="compose.adapt").click().run()
    assert not app.exception and not app.error
    assert r"\!\[x\]\(http\:" in app.toast[0].value and r"\*\*Gras\*\*" in app.toast[0].value


def test_a_post_moved_to_the_trash_is_soft_deleted_and_the_form_starts_afresh(stored):
    app, engine, post_id = stored
    app.button(key="compose.delete").click().run()
    assert not app.exception and not app.error
    assert _post(engine, post_id).deleted_at is not None
    assert app.session_state["compose.body"] == ""  # back to a new, empty post
    assert app.toast and f"n°{post_id}" in app.toast[0].value


# --- Merging a conflicting save, and the post's history (issue 7) -----------------------------------------

THEIR_TITLE, MY_TITLE = "Box d'hiver (relue par Hugo)", "Box d'hiver (ma version)"
BASE_BODY = "Collaboration commerciale avec Maison Verdier.\n\nLeur box cocooning arrive.\n\nEt vous ?"
THEIR_BODY = "Collaboration commerciale avec Maison Verdier.\n\nLeur box cocooning arrive jeudi.\n\nEt vous ?"
MY_BODY = "Collaboration commerciale avec Maison Verdier.\n\nLeur box cocooning arrive.\n\nEt vous, laquelle ?"
BOTH_BODY = ("Collaboration commerciale avec Maison Verdier.\n\nLeur box cocooning arrive jeudi.\n\n"
             "Et vous, laquelle ?")


def _user_id(engine, name: str) -> int:
    with Session(engine) as session:
        return session.exec(select(User).where(User.name == name)).one().id


def _radios(app) -> dict:
    """The merge panel's choices, by field label."""
    return {radio.label: radio for radio in app.radio}


def _merged_text(app):
    return next(area for area in app.text_area if area.label == "Texte fusionné (modifiable)")


def _save_as(engine, post_id: int, actor: str | None, version: int, **changes) -> Post:
    """Someone else's save, through the service, while the page has the post open."""
    with session_scope(engine) as session:
        return update_post(post_id, PostUpdate(**changes), expected_version=version, session=session,
                           actor_id=_user_id(engine, actor) if actor else None)


@pytest.fixture
def contested(page):
    """A draft by the admin Inès Petit (created as her, so audited as her), open in Compose as Inès."""
    _, engine = page
    ines = _user_id(engine, "Inès Petit")
    with session_scope(engine) as session:
        channel = session.exec(select(Channel).where(Channel.display_name == "Instagram")).first()
        post = create_post(PostCreate(channel_id=channel.id, title="Box d'hiver", body=BASE_BODY, sponsorship="paid",
                                      partner="Maison Verdier", objective="awareness",
                                      scheduled_at=datetime(2031, 3, 4, 18, 15), timezone="Europe/Paris"),
                           session=session, actor_id=ines)
        post_id = post.id
    app = AppTest.from_file(str(PAGE), default_timeout=60)
    app.query_params["post"] = str(post_id)
    app.session_state["app.user_id"] = ines
    return app.run(), engine, post_id


def _type_mine(app, *, title: str = MY_TITLE, body: str = MY_BODY) -> None:
    app.text_input(key="compose.title").input(title).run()
    _type(app, body)
    app.button(key="compose.save").click().run()
    assert not app.exception


def test_a_conflict_is_merged_field_by_field_on_top_of_the_saved_version(contested):
    app, engine, post_id = contested
    _save_as(engine, post_id, "Hugo Bernard", 1, title=THEIR_TITLE, body=THEIR_BODY)  # after the page read v1
    _type_mine(app)
    assert "Hugo Bernard" in app.error[0].value and "version 2" in app.error[0].value
    assert _post(engine, post_id).version == 2  # nothing written yet
    radios = _radios(app)
    assert set(radios) == {"Titre", "Texte publié"}  # only the fields that differ
    assert radios["Titre"].value == "mine" and radios["Texte publié"].value == "merged"  # both changed them
    shown = [element.value for element in app.text]
    assert THEIR_TITLE in shown and MY_TITLE in shown
    texts = [element.value for element in app.markdown if "edito-merge-text" in element.value]
    assert len(texts) == 2  # theirs and mine, each line escaped, the changed lines highlighted
    assert '<div style="background:#fff1c2;border-radius:2px">Leur box cocooning arrive jeudi.</div>' in texts[0]
    assert '<div style="background:#fff1c2;border-radius:2px">Et vous, laquelle ?</div>' in texts[1]
    assert "line-through\">Et vous ?</div>" in texts[1]  # the line my version replaced
    assert app.session_state["compose.body"] == MY_BODY  # the form still holds what I typed

    radios["Titre"].set_value("theirs")
    radios["Texte publié"].set_value("mine")
    app.button(key="compose.merge.save").click().run()
    assert not app.exception and not app.error
    saved = _post(engine, post_id)
    assert (saved.title, saved.body, saved.version) == (THEIR_TITLE, MY_BODY, 3)  # theirs (v2) + 1
    assert (saved.partner, saved.objective) == ("Maison Verdier", "awareness")  # untouched fields kept
    assert app.text_input(key="compose.title").value == THEIR_TITLE
    assert app.session_state["compose.body"] == MY_BODY
    assert not _radios(app) and "version 3" in app.toast[0].value
    app.text_input(key="compose.title").input(THEIR_TITLE + " !").run()
    app.button(key="compose.save").click().run()  # the page now edits version 3: a plain save goes through
    assert _post(engine, post_id).version == 4 and not _radios(app)


def test_a_body_changed_on_both_sides_in_different_lines_is_merged_line_by_line(contested):
    app, engine, post_id = contested
    _save_as(engine, post_id, "Hugo Bernard", 1, body=THEIR_BODY)
    _type_mine(app, title="Box d'hiver")
    radios = _radios(app)
    assert list(radios) == ["Texte publié"] and radios["Texte publié"].value == "merged"
    assert _merged_text(app).value == BOTH_BODY
    app.button(key="compose.merge.save").click().run()
    assert _post(engine, post_id).body == BOTH_BODY and _post(engine, post_id).version == 3


def test_conflicting_lines_are_marked_and_the_marks_must_go_before_saving(contested):
    app, engine, post_id = contested
    _save_as(engine, post_id, None, 1, body=BASE_BODY.replace("Et vous ?", "Et vous, chez vous ?"))
    _type_mine(app, title="Box d'hiver")
    assert "système" in app.error[0].value  # saved by Edito itself (no actor)
    text = _merged_text(app).value
    assert "<<<<<<< leur version\nEt vous, chez vous ?\n=======\nEt vous, laquelle ?\n>>>>>>> ma version" in text
    assert app.warning and "1 passage" in app.warning[0].value
    app.button(key="compose.merge.save").click().run()
    assert "marques" in app.error[-1].value and _post(engine, post_id).version == 2  # refused, nothing written
    _merged_text(app).input(BASE_BODY.replace("Et vous ?", "Et vous, laquelle, chez vous ?")).run()
    assert _radios(app)["Texte publié"].value == "merged"
    app.button(key="compose.merge.save").click().run()
    assert _post(engine, post_id).body.endswith("Et vous, laquelle, chez vous ?")


def test_a_third_save_during_the_merge_is_refused_again_never_overwritten(contested):
    app, engine, post_id = contested
    _save_as(engine, post_id, "Hugo Bernard", 1, title=THEIR_TITLE)
    _type_mine(app)
    _radios(app)["Texte publié"].set_value("mine")
    _radios(app)["Titre"].set_value("theirs")
    _save_as(engine, post_id, "Hugo Bernard", 2, link="https://lumen.example/hiver")  # a third save, v3
    app.button(key="compose.merge.save").click().run()
    assert not app.exception
    stored = _post(engine, post_id)
    assert (stored.version, stored.link, stored.body) == (3, "https://lumen.example/hiver", BASE_BODY)
    assert "encore" in app.error[0].value and "version 3" in app.error[0].value
    radios = _radios(app)  # my merge is now "mine", compared with version 3
    assert set(radios) == {"Texte publié", "Lien"} and radios["Lien"].value == "theirs"
    assert app.session_state["compose.body"] == MY_BODY
    app.button(key="compose.merge.save").click().run()
    stored = _post(engine, post_id)
    assert (stored.version, stored.title, stored.body, stored.link) == (4, THEIR_TITLE, MY_BODY,
                                                                       "https://lumen.example/hiver")


def test_my_typed_text_is_kept_until_the_merge_is_saved_or_discarded(contested):
    app, engine, post_id = contested
    _save_as(engine, post_id, "Hugo Bernard", 1, title=THEIR_TITLE)
    _type_mine(app)
    with Session(engine) as session:
        other = session.exec(select(Post).where(Post.id != post_id, Post.deleted_at == None)).first()  # noqa: E711
    app.query_params["post"] = str(other.id)  # open another post…
    app.run()
    assert app.text_input(key="compose.title").value == other.title and not _radios(app)
    app.query_params["post"] = str(post_id)  # …and come back: my text and the merge are still there
    app.run()
    assert app.text_input(key="compose.title").value == MY_TITLE
    assert app.session_state["compose.body"] == MY_BODY
    assert set(_radios(app)) == {"Titre", "Texte publié"}
    app.button(key="compose.reload").click().run()
    assert app.session_state["compose.body"] == BASE_BODY and not _radios(app)


def test_history_lists_the_events_newest_first_with_who_did_them(contested):
    app, engine, post_id = contested
    app.text_input(key="compose.title").input("Box d'hiver <b>bientôt</b>").run()
    app.button(key="compose.save").click().run()
    _save_as(engine, post_id, None, 2, scheduled_at=datetime(2031, 3, 5, 9, 0))
    app.run()
    assert any(expander.label == "Historique" for expander in app.expander)
    table = app.dataframe[0].value
    assert list(table.columns) == ["Quand", "Qui", "Action", "Champ", "Avant", "Après"]
    rows = table.to_dict("records")
    assert [(row["Qui"], row["Action"]) for row in rows] == [
        ("système", "Reprogrammation"), ("Inès Petit", "Modification"), ("Inès Petit", "Création")]
    assert (rows[0]["Champ"], rows[0]["Avant"], rows[0]["Après"]) == ("Date et heure", "04/03/2031 18:15",
                                                                        "05/03/2031 09:00")  # Paris time
    assert (rows[1]["Champ"], rows[1]["Avant"], rows[1]["Après"]) == ("Titre", "Box d'hiver",
                                                                        "Box d'hiver <b>bientôt</b>")


def test_history_rows_label_statuses_overrides_and_long_texts():
    from zoneinfo import ZoneInfo

    at = datetime(2031, 1, 5, 8, 0, tzinfo=ZoneInfo("UTC"))
    events = [
        AuditEvent(id=1, at=at, entity="post", entity_id=1, action="status", actor_id=7,
                   before={"status": "in_review", "reviewer_id": None}, after={"status": "approved", "reviewer_id": 7,
                                                          "override_reason": "validé par le juridique",
                                                          "overridden": ["SPO002"]}),
        AuditEvent(id=2, at=at, entity="post", entity_id=1, action="edit", actor_id=99,
                   before={"body": "a" * 100 + " fin"}, after={"body": "a" * 100 + " FIN\nsuite"}),
    ]
    rows = history_rows(events, lang="en", zone=ZoneInfo("America/New_York"), users={7: "Riley Chen"},
                        channels={}, campaigns={})
    assert rows[0]["Who"] == "#99" and rows[0]["Field"] == "Published text"
    assert rows[0]["Before"].startswith("…") and "fin" in rows[0]["Before"] and "FIN ↵ suite" in rows[0]["After"]
    override = [row for row in rows if row["Who"] == "Riley Chen"]
    assert {row["Action"] for row in override} == {"Approved over the checker"}
    assert {(row["Field"], row["Before"], row["After"]) for row in override} >= {
        ("Status", "In review", "Approved"), ("Reviewer", "—", "Riley Chen"),
        ("Reason", "", "validé par le juridique"), ("Rules overridden", "", "SPO002")}
    assert rows[0]["When"] == "05/01/2031 03:00:00"
    assert shorten("court", "bref") == ("court", "bref")


@pytest.mark.parametrize(("base", "theirs", "mine", "expected", "conflicts"), [
    ("a\nb\nc", "A\nb\nc", "a\nb\nC", "A\nb\nC", 0),
    ("a\nb\nc", "a\nb\nc\nd", "z\na\nb\nc", "z\na\nb\nc\nd", 0),
    ("a\nb\nc", "a\nc", "a\nb\nc", "a\nc", 0),
    ("a\nb\nc", "a\nB\nc", "a\nB\nc", "a\nB\nc", 0),
    ("a\nb\nc", "a\nX\nc", "a\nY\nc", "a\n<<<<<<< t\nX\n=======\nY\n>>>>>>> m\nc", 1),
    ("", "theirs", "mine", "<<<<<<< t\ntheirs\n=======\nmine\n>>>>>>> m", 1),
])
def test_three_way_text_merge(base, theirs, mine, expected, conflicts):
    result = merge.merge_text(base, theirs, mine, theirs_label="t", mine_label="m")
    assert (result.text, result.conflicts) == (expected, conflicts)
    assert merge.has_markers(result.text) == bool(conflicts)


def test_the_texts_compared_are_escaped_line_by_line():
    shown = merge.marked_lines_html("a\n<b>x</b>", "a\n<b>y</b> & ![i](https://e.example/i.png)\n")
    assert "<b>" not in shown and "&lt;b&gt;y&lt;/b&gt; &amp; ![i](https://e.example/i.png)" in shown
    assert "line-through\">&lt;b&gt;x&lt;/b&gt;</div>" in shown and shown.count("<div") == 5  # + frame, empty line
    assert "background" not in merge.marked_lines_html(None, "a\nb")


def test_field_differences_default_to_the_side_that_changed_them():
    base = {"title": "a", "body": "x", "link": None, "objective": "awareness"}
    theirs = {"title": "b", "body": "y", "link": "", "objective": "awareness"}
    mine = {"title": "a", "body": "z", "link": "https://e.example", "objective": "traffic"}
    found = {difference.field: difference.default for difference in merge.differences(base, theirs, mine)}
    assert found == {"title": "theirs", "body": "merged", "link": "mine", "objective": "mine"}
    values = merge.merged_values({**theirs, "sponsorship": "none", "partner": "X"}, mine,
                                 {"title": "mine", "body": "merged"}, "merged body")
    assert (values["title"], values["body"], values["partner"]) == ("a", "merged body", None)
