"""Workspaces (brands), their channels and their campaigns."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from sqlmodel import Session, col, select

from calendar_app.errors import PermissionDeniedError, ValidationError, describe_validation_error
from calendar_app.i18n import Localized
from calendar_app.models import (
    Campaign,
    CampaignCreate,
    CampaignUpdate,
    Channel,
    ChannelCreate,
    ChannelUpdate,
    Role,
    User,
    Workspace,
    WorkspaceCreate,
    WorkspaceUpdate,
    utc_now,
)
from calendar_app.services.audit import record_event, snapshot
from calendar_app.services.common import apply_changes, create_audited, get_existing
from checks import Config, ConfigError

# --- Workspaces ------------------------------------------------------------------------------------


def create_workspace(data: WorkspaceCreate, *, session: Session, actor_id: int | None = None,
                     is_demo: bool = False) -> Workspace:
    """A new brand; its name must differ (whatever the case) from every other one, archived ones included."""
    check_name_free(data.name, session=session)
    workspace = Workspace.model_validate(data, update={"is_demo": is_demo})
    create_audited(workspace, session=session, entity="workspace", actor_id=actor_id,
                   duplicate_message=Localized("settings.workspace_name_taken", name=data.name))
    return workspace


def get_workspace(workspace_id: int, *, session: Session) -> Workspace:
    return get_existing(Workspace, workspace_id, session=session, label="Workspace")


def _key(name: str) -> str:
    return name.strip().casefold()


def find_workspace(name: str, *, session: Session) -> Workspace | None:
    """The workspace named ``name``, whatever the case (archived ones included: names are unique)."""
    key = _key(name)
    return next((workspace for workspace in session.exec(select(Workspace)) if _key(workspace.name) == key), None)


def check_name_free(name: str, *, session: Session, except_id: int | None = None) -> None:
    """Refuse a name another workspace has, compared without case (an archived one is named as such)."""
    other = find_workspace(name, session=session)
    if other is not None and other.id != except_id:
        if other.archived_at is not None:
            raise ValidationError(Localized("settings.workspace_name_archived", name=other.name))
        raise ValidationError(Localized("settings.workspace_name_taken", name=other.name))


def list_workspaces(*, session: Session, include_archived: bool = False) -> list[Workspace]:
    """The brands, by name; archived ones only with ``include_archived``."""
    statement = select(Workspace).order_by(Workspace.name)
    if not include_archived:
        statement = statement.where(col(Workspace.archived_at).is_(None))
    return list(session.exec(statement))


ADD_HINT = "create one with `edito workspace add NAME --lang fr --timezone Europe/Paris`"


def _names(workspaces: list[Workspace]) -> str:
    return ", ".join(repr(workspace.name) for workspace in workspaces)


def pick_workspace(name: str | None, *, session: Session) -> Workspace:
    """The brand named (any case) or numbered ``name``; without a name, the only one there is (for the
    commands' ``--workspace``). Archived brands are not picked: the refusal says how to restore one."""
    everything = list_workspaces(session=session, include_archived=True)
    workspaces = [workspace for workspace in everything if workspace.archived_at is None]
    archived = [workspace for workspace in everything if workspace.archived_at is not None]
    if name is not None:
        for workspace in everything:
            if _key(workspace.name) == _key(name) or str(workspace.id) == name.strip():
                if workspace.archived_at is None:
                    return workspace
                raise ValidationError(f"The brand {workspace.name!r} is archived: bring it back with "
                                      f"`edito workspace restore {_quoted(workspace.name)}`.")
    elif len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        if archived:
            raise ValidationError(f"No active brand (archived: {_names(archived)}): {ADD_HINT}, or bring one back "
                                  f"with `edito workspace restore NAME`.")
        raise ValidationError(f"No brand yet: {ADD_HINT}.")
    if name is not None:
        raise ValidationError(f"No brand named {name!r} (brands: {_names(workspaces)}).")
    raise ValidationError(f"Several brands: choose one with --workspace (brands: {_names(workspaces)}).")


def _quoted(name: str) -> str:
    """``name`` as it would be typed in a shell."""
    return shlex.quote(name)


def update_workspace(workspace_id: int, changes: WorkspaceUpdate, *, session: Session,
                     actor_id: int | None = None) -> Workspace:
    workspace = get_workspace(workspace_id, session=session)
    values = changes.model_dump(exclude_unset=True)
    if "name" in values:
        if values["name"] is None or not values["name"].strip():
            raise ValidationError(Localized("model.empty.workspace"))
        changes.name = values["name"].strip()
        check_name_free(changes.name, session=session, except_id=workspace_id)
    return apply_changes(workspace, changes, session=session, entity="workspace", actor_id=actor_id,
                         workspace_id=workspace_id)


def rename_workspace(workspace_id: int, name: str, *, session: Session, actor_id: int | None = None) -> Workspace:
    """A new name (trimmed; not empty, not another brand's in any case); audited as an edit."""
    try:
        changes = WorkspaceUpdate(name=name)
    except PydanticValidationError as error:
        raise ValidationError(describe_validation_error(error)) from None
    return update_workspace(workspace_id, changes, session=session, actor_id=actor_id)


def _set_archived(workspace_id: int, archived: bool, *, session: Session, actor_id: int | None) -> Workspace:
    workspace = get_workspace(workspace_id, session=session)
    if (workspace.archived_at is not None) == archived:
        raise ValidationError(f"The brand {workspace.name!r} is {'already' if archived else 'not'} archived.")
    before = snapshot(workspace, {"archived_at"})
    workspace.archived_at = utc_now() if archived else None
    workspace.updated_at = utc_now()
    session.add(workspace)
    session.flush()
    record_event(session=session, entity="workspace", entity_id=workspace.id,
                 action="archive" if archived else "restore", actor_id=actor_id, workspace_id=workspace.id,
                 before=before, after=snapshot(workspace, {"archived_at"}))
    return workspace


def archive_workspace(workspace_id: int, *, session: Session, actor_id: int | None = None) -> Workspace:
    """Hide a brand from every list and picker; its channels, campaigns, posts and members are kept, and
    :func:`restore_workspace` brings it back. Nothing is deleted."""
    return _set_archived(workspace_id, True, session=session, actor_id=actor_id)


def restore_workspace(workspace_id: int, *, session: Session, actor_id: int | None = None) -> Workspace:
    """Bring an archived brand back, as it was."""
    return _set_archived(workspace_id, False, session=session, actor_id=actor_id)


# --- Channels --------------------------------------------------------------------------------------


def create_channel(workspace_id: int, data: ChannelCreate, *, session: Session,
                   actor_id: int | None = None) -> Channel:
    get_workspace(workspace_id, session=session)
    channel = Channel.model_validate(data, update={"workspace_id": workspace_id})
    return create_audited(channel, session=session, entity="channel", actor_id=actor_id,
                          duplicate_message=Localized("settings.name_taken.channel", name=data.display_name))


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
                          duplicate_message=Localized("settings.name_taken.campaign", name=data.name))


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
        raise ValidationError(Localized("settings.campaign_dates"))
    return apply_changes(campaign, changes, session=session, entity="campaign", actor_id=actor_id,
                         workspace_id=campaign.workspace_id)


# --- Settings edited by a user: admins only, checked here ------------------------------------------

SETTINGS_EDITORS = frozenset({Role.ADMIN})


def require_admin(user: User, action: str = "change_settings", **values: object) -> None:
    """Refuse (PermissionDeniedError) unless ``user`` is an active admin; ``action`` names an ``action.…``
    label (with its ``values``)."""
    if user.role not in SETTINGS_EDITORS or not user.is_active:
        raise PermissionDeniedError(Localized("admin_only", name=user.name, role=Localized(f"role.{user.role}"),
                                              action=Localized(f"action.{action}", **values)))


def validate_checker_settings(settings: Mapping[str, Any], *, source: str = "checker settings") -> dict[str, Any]:
    """The settings (keys of ``[tool.edito]``) if the checker accepts them; a ValidationError naming the key if not."""
    if not isinstance(settings, Mapping):
        raise ValidationError(f"{source}: expected a table of settings, got {settings!r}")
    try:
        Config.from_mapping(settings, source=source)
    except ConfigError as error:
        raise ValidationError(str(error)) from None
    return dict(settings)


def save_workspace_settings(workspace_id: int, changes: WorkspaceUpdate, *, user: User,
                            session: Session) -> Workspace:
    """An admin changes a brand's settings; checker settings are validated by the checker before saving."""
    require_admin(user)
    values = changes.model_dump(exclude_unset=True)
    if "checker_settings" in values:
        workspace = get_workspace(workspace_id, session=session)
        changes.checker_settings = validate_checker_settings(
            values["checker_settings"] or {}, source=f"checker settings of {workspace.name!r}")
    return update_workspace(workspace_id, changes, session=session, actor_id=user.id)


def _free_name(model, field: str, record, name: str | None, *, what: str, session: Session) -> str:
    """A new name for ``record``, trimmed, refused when empty or taken by another record of its workspace."""
    if name is None or not name.strip():
        raise ValidationError(Localized(f"model.empty.{what}"))  # the models' own message
    name = name.strip()
    column = getattr(model, field)
    clash = session.exec(select(model).where(model.workspace_id == record.workspace_id, column == name,
                                             model.id != record.id)).first()
    if clash is not None:
        raise ValidationError(Localized(f"settings.name_taken.{what}", name=name))
    return name


def add_channel(workspace_id: int, data: ChannelCreate, *, user: User, session: Session) -> Channel:
    require_admin(user, "add_channels")
    return create_channel(workspace_id, data, session=session, actor_id=user.id)


def edit_channel(channel_id: int, changes: ChannelUpdate, *, user: User, session: Session) -> Channel:
    require_admin(user, "edit_channels")
    values = changes.model_dump(exclude_unset=True)
    if "display_name" in values:
        changes.display_name = _free_name(Channel, "display_name", get_channel(channel_id, session=session),
                                          values["display_name"], what="channel", session=session)
    if values.get("checker_overrides"):
        validate_checker_settings({"channels": {"channel": values["checker_overrides"]}},
                                  source=f"checker overrides of channel {channel_id}")
    return update_channel(channel_id, changes, session=session, actor_id=user.id)


def add_campaign(workspace_id: int, data: CampaignCreate, *, user: User, session: Session) -> Campaign:
    require_admin(user, "add_campaigns")
    return create_campaign(workspace_id, data, session=session, actor_id=user.id)


def edit_campaign(campaign_id: int, changes: CampaignUpdate, *, user: User, session: Session) -> Campaign:
    require_admin(user, "edit_campaigns")
    values = changes.model_dump(exclude_unset=True)
    if "name" in values:
        changes.name = _free_name(Campaign, "name", get_campaign(campaign_id, session=session), values["name"],
                                  what="campaign", session=session)
    return update_campaign(campaign_id, changes, session=session, actor_id=user.id)
