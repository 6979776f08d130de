"""The checker applied to stored posts: settings from the workspace and channel, results stored by content.

A post's findings are stored under a hash of everything the checker reads (text, channel, language,
metadata, settings) and the ruleset version, so an unchanged post is never checked twice, and editing
one post re-checks only that post.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from calendar_app.models import Channel, Post, Workspace
from calendar_app.services.check_results import content_hash, findings_for
from checks import RULESET_VERSION, Config, Finding, Severity, lint


def checker_config(workspace: Workspace, channel: Channel | None = None) -> Config:
    """The workspace's checker settings (same keys as ``[tool.edito]``), its voice, and the channel's overrides."""
    settings: dict[str, Any] = dict(workspace.checker_settings or {})
    settings.setdefault("brand", [workspace.name])
    if workspace.voice in ("tu", "vous"):
        settings.setdefault("voice", str(workspace.voice))
    if channel is not None and channel.checker_overrides:
        channels = dict(settings.get("channels", {}))
        channels[str(channel.platform)] = {**channels.get(str(channel.platform), {}), **channel.checker_overrides}
        settings["channels"] = channels
    return Config.from_mapping(settings, source=f"workspace {workspace.name!r}")


def post_meta(post: Post) -> dict[str, Any]:
    """What the calendar knows about a post, as the checker's ``meta``."""
    meta = {
        "objective": post.objective and str(post.objective),
        "pillar": post.pillar and str(post.pillar),
        "sponsorship": str(post.sponsorship),
        "partner": post.partner,
        "link": post.link,
        "kind": "reply" if post.objective == "customer_care" else "post",
    }
    return {key: value for key, value in meta.items() if value}


def check_post(post: Post, *, session: Session) -> list[Finding]:
    """The post's findings, from the stored results when nothing the checker reads has changed."""
    channel = session.get(Channel, post.channel_id)
    workspace = session.get(Workspace, post.workspace_id)
    config = checker_config(workspace, channel)
    text = post.body  # the title is the team's label for the post, not published text
    inputs: Mapping[str, Any] = {
        "text": text,
        "channel": str(channel.platform),
        "lang": str(workspace.language),
        "meta": post_meta(post),
        "settings": {"workspace": workspace.checker_settings, "voice": str(workspace.voice),
                     "brand": workspace.name, "channel": channel.checker_overrides},
    }

    def compute() -> list[dict]:
        return [finding.to_dict() for finding in lint(text, channel=inputs["channel"], lang=inputs["lang"],
                                                      meta=inputs["meta"], config=config)]

    stored = findings_for(content_hash(**inputs), RULESET_VERSION, compute, session=session)
    return [Finding.from_dict(finding) for finding in stored]


def blocking_findings(findings: list[Finding]) -> list[Finding]:
    """Findings that stop an approval: error level."""
    return [finding for finding in findings if finding.severity >= Severity.ERROR]
