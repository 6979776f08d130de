"""A calendar full of the content that breaks exports: formulas, quotes, line breaks, emoji, timezones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session

from calendar_app.demo import seed_demo
from calendar_app.models import AuditEvent, PostCreate, Sponsorship
from calendar_app.services import posts, users, workspaces
from calendar_app.services.workspaces import find_workspace

FORMULA_PAYLOADS = (
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example","clic")',
    "'=1+1",
    "''quoted",
)
TRICKY_BODIES = (
    'Des "guillemets", des ; points-virgules, des, virgules',
    "Plusieurs\nlignes\n\navec un blanc",
    "Émoji 🕯️ et accents : œ, ß, ç",
    "<script>alert(1)</script> <img src=x onerror=alert(2)>",
    "  espaces au début et à la fin  ",
)


def seeded_brand(session: Session, name: str = "Atelier Lumen"):
    """The demo, plus posts carrying every payload above, one unscheduled, one in another timezone."""
    seed_demo(session=session, today=date(2026, 11, 20))
    workspace = find_workspace(name, session=session)
    channel = workspaces.list_channels(workspace.id, session=session)[0]
    author = users.list_users(session=session)[0]
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    for index, body in enumerate(FORMULA_PAYLOADS + TRICKY_BODIES):
        posts.create_post(PostCreate(
            channel_id=channel.id, title=FORMULA_PAYLOADS[index % len(FORMULA_PAYLOADS)], body=body,
            scheduled_at=start + timedelta(hours=index), partner="-Marque" if index == 0 else None,
            sponsorship=Sponsorship.PAID if index == 0 else Sponsorship.NONE, author_id=author.id,
        ), session=session)
    posts.create_post(PostCreate(channel_id=channel.id, title="Sans date", body="Idée à caler"), session=session)
    posts.create_post(PostCreate(channel_id=channel.id, title="Montréal", body="Bonjour le Québec",
                                 scheduled_at=datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
                                 timezone="America/Montreal"), session=session)
    session.flush()
    return workspace


def remove_all_posts(session: Session, workspace_id: int) -> None:
    """Hard-delete a workspace's posts (a restore-from-export scenario)."""
    from calendar_app.models import Post

    session.execute(delete(AuditEvent).where(AuditEvent.entity == "post"))
    session.execute(delete(Post).where(Post.workspace_id == workspace_id))
    session.flush()
