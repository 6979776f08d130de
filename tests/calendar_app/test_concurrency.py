"""Concurrent saves of one post, on SQLite and on PostgreSQL: nobody's work is ever silently lost.

Eight threads, each with its own sessions, act like people editing the same post in Compose: read the post
(the page load), wait a moment (typing), then save an edit with the version they read. The compare-and-swap
on ``version`` lets exactly one save through per version and refuses the others with ``ConflictError``.
The test checks the outcome against the audit trail and records the numbers in
``test-artifacts/concurrency.json`` (one entry per database), for the reports to quote.
"""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path

from sqlmodel import Session, select

from calendar_app.errors import ConflictError
from calendar_app.models import AuditEvent, PostUpdate, Role, UserCreate
from calendar_app.services.posts import get_post, update_post
from calendar_app.services.users import create_user
from tests.calendar_app.helpers import make_channel, make_post, make_workspace

THREADS, ROUNDS = 8, 25
ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "concurrency.json"
FIRST_BODY = "first draft"


def _editor(engine, post_id: int, actor_id: int, worker: int, start: threading.Barrier, outcomes: list) -> None:
    pause = random.Random(worker)
    start.wait()
    for turn in range(ROUNDS):
        with Session(engine) as session:  # the page load: read the post and the version
            read = get_post(post_id, session=session).version
        time.sleep(pause.uniform(0, 0.003))  # typing
        body = f"edit by worker {worker}, turn {turn}"
        with Session(engine) as session:  # the save, with the version read
            try:
                saved = update_post(post_id, PostUpdate(body=body), expected_version=read, session=session,
                                    actor_id=actor_id)
                version = saved.version
                session.commit()
                outcomes.append({"kind": "saved", "worker": worker, "actor_id": actor_id, "body": body,
                                 "read": read, "version": version})
            except ConflictError as error:
                session.rollback()
                outcomes.append({"kind": "conflict", "worker": worker, "read": read,
                                 "current": error.current["version"], "attempted": error.attempted["body"]})
            except Exception as error:  # noqa: BLE001 - any other failure (a lock timeout…) fails the test
                session.rollback()
                outcomes.append({"kind": "error", "worker": worker, "error": repr(error)})


def _record(backend: str, numbers: dict) -> None:
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    try:
        recorded = json.loads(ARTIFACT.read_text())
    except (OSError, ValueError):
        recorded = {}
    recorded[backend] = numbers
    ARTIFACT.write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n")


def test_concurrent_saves_are_each_kept_or_refused_never_lost(engine):
    backend = engine.url.get_backend_name()
    with Session(engine, expire_on_commit=False) as session:
        workspace = make_workspace(session)
        channel = make_channel(session, workspace)
        post = make_post(session, channel, title="Contested", body=FIRST_BODY)
        # Admins reach every workspace, so the test needs no membership: it is about the saves only.
        actors = [create_user(UserCreate(name=f"Editor {worker}", email=f"editor{worker}@brand.example",
                                         role=Role.ADMIN), session=session).id for worker in range(THREADS)]
        session.commit()
        post_id = post.id

    outcomes: list[dict] = []
    start = threading.Barrier(THREADS)
    threads = [threading.Thread(target=_editor, args=(engine, post_id, actors[worker], worker, start, outcomes))
               for worker in range(THREADS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    seconds = time.perf_counter() - began

    saves = [outcome for outcome in outcomes if outcome["kind"] == "saved"]
    conflicts = [outcome for outcome in outcomes if outcome["kind"] == "conflict"]
    errors = [outcome for outcome in outcomes if outcome["kind"] == "error"]
    with Session(engine) as session:
        final = get_post(post_id, session=session)
        edits = list(session.exec(select(AuditEvent).where(AuditEvent.entity == "post", AuditEvent.entity_id == post_id,
                                                           AuditEvent.action == "edit")
                                  .order_by(AuditEvent.at, AuditEvent.id)))
    numbers = {"threads": THREADS, "rounds_per_thread": ROUNDS, "attempts": len(outcomes), "saved": len(saves),
               "conflicts_detected": len(conflicts), "other_errors": len(errors), "final_version": final.version,
               "audited_edits": len(edits), "seconds": round(seconds, 2)}
    print(f"\nconcurrency on {backend}: {json.dumps(numbers)}")
    _record(backend, numbers)

    assert not any(thread.is_alive() for thread in threads)
    assert not errors, errors[:3]
    assert len(outcomes) == THREADS * ROUNDS
    assert conflicts, "no save ever raced another: the test did not test anything"
    # One version per successful save, in order, each made on top of the version its author read.
    assert final.version == 1 + len(saves)
    assert sorted(save["version"] for save in saves) == list(range(2, 2 + len(saves)))
    assert all(save["version"] == save["read"] + 1 for save in saves)
    # Each refused save was refused because someone had saved after its author's read, and it wrote nothing.
    assert all(conflict["current"] > conflict["read"] for conflict in conflicts)
    assert {conflict["attempted"] for conflict in conflicts}.isdisjoint(event.after["body"] for event in edits)
    # Every save is in the audit trail, by the right person, in the order of the versions.
    in_version_order = sorted(saves, key=lambda save: save["version"])
    assert [event.after["body"] for event in edits] == [save["body"] for save in in_version_order]
    assert [event.actor_id for event in edits] == [save["actor_id"] for save in in_version_order]
    # No save was lost: each one is the final text, or a later save started from it (its "before").
    bodies = [FIRST_BODY] + [event.after["body"] for event in edits]
    assert [event.before["body"] for event in edits] == bodies[:-1]
    assert final.body == bodies[-1]
    for position, save in enumerate(in_version_order):
        assert save["body"] == final.body or edits[position + 1].before["body"] == save["body"]
