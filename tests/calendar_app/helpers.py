"""Small builders for service tests."""

from __future__ import annotations

import csv
import io

from sqlmodel import Session

from calendar_app.exchange.formats import EDITO_COLUMNS
from calendar_app.models import (
    Channel,
    ChannelCreate,
    PostCreate,
    Role,
    User,
    UserCreate,
    Workspace,
    WorkspaceCreate,
)
from calendar_app.services import auth, posts, users, workspaces


def make_workspace(session: Session, name: str = "Brand", timezone: str = "Europe/Paris") -> Workspace:
    return workspaces.create_workspace(WorkspaceCreate(name=name, timezone=timezone), session=session)


def make_channel(session: Session, workspace: Workspace, name: str = "Instagram",
                 platform: str = "instagram") -> Channel:
    return workspaces.create_channel(
        workspace.id, ChannelCreate(platform=platform, display_name=name), session=session
    )


def make_post(session: Session, channel: Channel, **fields):
    return posts.create_post(PostCreate(channel_id=channel.id, **fields), session=session)


def make_team(session: Session, workspace: Workspace, *, password: str, name_suffix: str = "",
              admin_is_member: bool = True) -> dict[Role, User]:
    """One account per role (``writer@agency.example`` …, named after the role), members of ``workspace``."""
    team = {}
    for role in Role:
        team[role] = users.create_user(UserCreate(name=f"{role.value.title()}{name_suffix}",
                                                  email=f"{role.value}@agency.example", role=role,
                                                  password=password), session=session)
        if role != Role.ADMIN or admin_is_member:
            auth.grant_access(team[role], workspace.id, session=session)
    return team


def edito_csv(rows: list[dict[str, str]]) -> bytes:
    """An Edito CSV file of ``rows`` (columns left out are empty), as ``edito export`` writes it."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=EDITO_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in EDITO_COLUMNS} for row in rows)
    return buffer.getvalue().encode()
