"""Small builders for service tests."""

from __future__ import annotations

from sqlmodel import Session

from calendar_app.models import (
    Channel,
    ChannelCreate,
    PostCreate,
    Workspace,
    WorkspaceCreate,
)
from calendar_app.services import posts, workspaces


def make_workspace(session: Session, name: str = "Brand", timezone: str = "Europe/Paris") -> Workspace:
    return workspaces.create_workspace(WorkspaceCreate(name=name, timezone=timezone), session=session)


def make_channel(session: Session, workspace: Workspace, name: str = "Instagram",
                 platform: str = "instagram") -> Channel:
    return workspaces.create_channel(
        workspace.id, ChannelCreate(platform=platform, display_name=name), session=session
    )


def make_post(session: Session, channel: Channel, **fields):
    return posts.create_post(PostCreate(channel_id=channel.id, **fields), session=session)
