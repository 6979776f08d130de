from collections import Counter
from datetime import date

from sqlmodel import select

from calendar_app.demo import seed_demo
from calendar_app.models import Language, Post, PostStatus, Sponsorship, User, Workspace
from calendar_app.services.users import verify_password


def test_demo_seeds_two_languages_every_status_and_a_month_of_posts(session):
    report = seed_demo(session=session, today=date(2026, 3, 15))
    session.commit()
    workspaces = session.exec(select(Workspace)).all()
    assert {w.language for w in workspaces} == {Language.FR, Language.EN}
    assert all(w.is_demo for w in workspaces)
    posts = session.exec(select(Post)).all()
    assert len(posts) == sum(report.values()) > 40
    assert set(Counter(p.status for p in posts)) == set(PostStatus)
    days = sorted(p.scheduled_at.date() for p in posts)
    assert (days[-1] - days[0]).days >= 27
    assert any(p.sponsorship != Sponsorship.NONE for p in posts)
    assert any(p.objective is None for p in posts)
    users = session.exec(select(User)).all()
    assert all(u.is_demo for u in users) and verify_password(users[0], "edito-demo")


def test_demo_twice_does_not_duplicate_anything(session):
    seed_demo(session=session)
    counts = [len(session.exec(select(model)).all()) for model in (Workspace, Post, User)]
    second = seed_demo(session=session)
    assert set(second.values()) == {0}
    assert [len(session.exec(select(model)).all()) for model in (Workspace, Post, User)] == counts
