"""Workspaces (brands), their channels and their campaigns."""

from __future__ import annotations

from sqlmodel import Session, select

from calendar_app.errors import ValidationError
from calendar_app.models import (
    Campaign,
    CampaignCreate,
    CampaignUpdate,
    Channel,
    ChannelCreate,
    ChannelUpdate,
    Workspace,
    WorkspaceCreate,
    WorkspaceUpdate,
)
from calendar_app.services.common import apply_changes, create_audited, get_existing

# --- Workspaces ------------------------------------------------------------------------------------


def create_workspace(data: WorkspaceCreate, *, session: Session, actor_id: int | None = None,
                     is_demo: bool = False) -> Workspace:
    workspace = Workspace.model_validate(data, update={"is_demo": is_demo})
    create_audited(workspace, session=session, entity="workspace", actor_id=actor_id,
                   duplicate_message=f"A workspace named {data.name!r} already exists.")
    return workspace


def get_workspace(workspace_id: int, *, session: Session) -> Workspace:
    return get_existing(Workspace, workspace_id, session=session, label="Workspace")


def find_workspace(name: str, *, session: Session) -> Workspace | None:
    return session.exec(select(Workspace).where(Workspace.name == name)).first()


def list_workspaces(*, session: Session) -> list[Workspace]:
    return list(session.exec(select(Workspace).order_by(Workspace.name)))


def update_workspace(workspace_id: int, changes: WorkspaceUpdate, *, session: Session,
                     actor_id: int | None = None) -> Workspace:
    workspace = get_workspace(workspace_id, session=session)
    return apply_changes(workspace, changes, session=session, entity="workspace", actor_id=actor_id,
                         workspace_id=workspace_id)


# --- Channels --------------------------------------------------------------------------------------


def create_channel(workspace_id: int, data: ChannelCreate, *, session: Session,
                   actor_id: int | None = None) -> Channel:
    get_workspace(workspace_id, session=session)
    channel = Channel.model_validate(data, update={"workspace_id": workspace_id})
    return create_audited(channel, session=session, entity="channel", actor_id=actor_id,
                          duplicate_message=f"This workspace already has a channel named {data.display_name!r}.")


def get_channel(channel_id: int, *, session: Session) -> Channel:
    return get_existing(Channel, channel_id, session=session, label="Channel")


def list_channels(workspace_id: int, *, session: Session) -> list[Channel]:
    statement = select(Channel).where(Channel.workspace_id == workspace_id).order_by(Channel.display_name)
    return list(session.exec(statement))


def update_channel(channel_id: int, changes: ChannelUpdate, *, session: Session,
                   actor_id: int | None = None) -> Channel:
    channel = get_channel(channel_id, session=session)
    return apply_changes(channel, changes, session=session, entity="channel", actor_id=actor_id,
                         workspace_id=channel.workspace_id)


# --- Campaigns -------------------------------------------------------------------------------------


def create_campaign(workspace_id: int, data: CampaignCreate, *, session: Session,
                    actor_id: int | None = None) -> Campaign:
    get_workspace(workspace_id, session=session)
    campaign = Campaign.model_validate(data, update={"workspace_id": workspace_id})
    return create_audited(campaign, session=session, entity="campaign", actor_id=actor_id,
                          duplicate_message=f"This workspace already has a campaign named {data.name!r}.")


def get_campaign(campaign_id: int, *, session: Session) -> Campaign:
    return get_existing(Campaign, campaign_id, session=session, label="Campaign")


def list_campaigns(workspace_id: int, *, session: Session) -> list[Campaign]:
    statement = select(Campaign).where(Campaign.workspace_id == workspace_id).order_by(Campaign.starts_on,
                                                                                         Campaign.name)
    return list(session.exec(statement))


def update_campaign(campaign_id: int, changes: CampaignUpdate, *, session: Session,
                    actor_id: int | None = None) -> Campaign:
    campaign = get_campaign(campaign_id, session=session)
    merged = {**campaign.model_dump(include={"starts_on", "ends_on"}), **changes.model_dump(exclude_unset=True)}
    if merged["starts_on"] and merged["ends_on"] and merged["ends_on"] < merged["starts_on"]:
        raise ValidationError("The campaign would end before it starts.")
    return apply_changes(campaign, changes, session=session, entity="campaign", actor_id=actor_id,
                         workspace_id=campaign.workspace_id)
