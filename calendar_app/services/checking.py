"""The checker applied to stored posts: settings from the workspace and channel, results stored by content.

A post's findings are stored under a hash of everything the checker reads (text, channel, language,
metadata, settings) and the ruleset version, so an unchanged post is never checked twice, and editing
one post re-checks only that post.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from calendar_app.models import Channel, Post, Workspace
from calendar_app.services.check_results import content_hash, store_findings_many, stored_findings_many
from checks import RULESET_VERSION, Config, Finding, PostInput, Severity, lint_many


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


@dataclass(frozen=True)
class CheckedInputs:
    """What the checker reads of one post, and the hash its results are stored under."""

    post_id: int
    channel_id: int
    inputs: Mapping[str, Any]
    digest: str


def checked_inputs(post: Post, workspace: Workspace, channel: Channel) -> CheckedInputs:
    inputs: Mapping[str, Any] = {
        "text": post.body,  # the title is the team's label for the post, not published text
        "channel": str(channel.platform),
        "lang": str(workspace.language),
        "meta": post_meta(post),
        "settings": {"workspace": workspace.checker_settings, "voice": str(workspace.voice),
                     "brand": workspace.name, "channel": channel.checker_overrides},
    }
    return CheckedInputs(post.id, channel.id, inputs, content_hash(**inputs))


def check_post(post: Post, *, session: Session) -> list[Finding]:
    """The post's findings, from the stored results when nothing the checker reads has changed."""
    return check_posts([post], session=session)[post.id]


def check_posts(posts: Sequence[Post], *, session: Session,
                progress: Callable[[int, int], None] | None = None) -> dict[int, list[Finding]]:
    """Each post's findings by post id, as ``check_post`` gives them: stored results read in a few
    queries, the others checked in batches (``nlp.pipe``, per channel's settings) and stored.
    ``progress(done, total)`` follows the posts that need checking."""
    # session.get reads each workspace and channel once (the session's identity map keeps them).
    checked = [checked_inputs(post, session.get(Workspace, post.workspace_id), session.get(Channel, post.channel_id))
               for post in posts]
    found = stored_findings_many((item.digest for item in checked), RULESET_VERSION, session=session)
    missing: dict[int, dict[str, Mapping[str, Any]]] = {}  # channel id → digest → inputs
    for item in checked:
        if item.digest not in found:
            missing.setdefault(item.channel_id, {})[item.digest] = item.inputs
    total, done, computed = sum(len(group) for group in missing.values()), 0, {}
    for channel_id, group in missing.items():
        channel = session.get(Channel, channel_id)
        config = checker_config(session.get(Workspace, channel.workspace_id), channel)
        batch = [PostInput(text=inputs["text"], channel=inputs["channel"], lang=inputs["lang"], meta=inputs["meta"],
                           id=digest) for digest, inputs in group.items()]
        for post_input, findings in lint_many(batch, config=config):
            computed[post_input.id] = [finding.to_dict() for finding in findings]
            done += 1
            if progress:
                progress(done, total)
    store_findings_many(computed, RULESET_VERSION, session=session)
    found.update(computed)
    return {item.post_id: [Finding.from_dict(finding) for finding in found[item.digest]] for item in checked}


def blocking_findings(findings: list[Finding]) -> list[Finding]:
    """Findings that stop an approval: error level."""
    return [finding for finding in findings if finding.severity >= Severity.ERROR]
