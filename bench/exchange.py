"""``python -m bench exchange [--export-posts N] [--import-rows M] [--rounds R]``: export and import speed.

Seeds ``N`` posts (default 100,000) into a temporary SQLite database (the calendar benchmark's seeding),
then times, median of ``R`` runs:

- ``export_calendar`` to the Edito CSV and to the French spreadsheet CSV, and, as a same-run baseline,
  the bare minimum: one SQL query of the same columns written with ``csv.writer``, no timezone
  conversion, no neutralisation;
- importing an ``M``-row Edito CSV (default 10,000) into an empty workspace: reading and checking every
  row (the dry run), then writing the posts and their audit events in one transaction.

Prints the figures as JSON.
"""

from __future__ import annotations

import csv
import io
import statistics
import tempfile
import time
from pathlib import Path


def _median(function, rounds: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def bench_exchange(export_posts: int = 100_000, import_rows: int = 10_000, rounds: int = 3) -> dict:
    from sqlalchemy import select
    from sqlmodel import Session

    from bench.calendar import _seed
    from calendar_app.db import make_engine, session_scope
    from calendar_app.exchange import Format, apply_import, export_calendar, plan_import
    from calendar_app.models import Post, WorkspaceCreate
    from calendar_app.services import workspaces

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        workspace_id = _seed(url, export_posts)["workspace_id"]
        engine = make_engine(url)
        with Session(engine) as session:
            export_calendar(workspace_id, Format.EDITO_CSV, session=session)  # warm-up
            edito_seconds, result = _median(
                lambda: export_calendar(workspace_id, Format.EDITO_CSV, session=session), rounds)
            excel_seconds, _ = _median(lambda: export_calendar(workspace_id, Format.EXCEL_FR, session=session), rounds)

            def bare_export() -> bytes:
                buffer = io.StringIO()
                writer = csv.writer(buffer)
                writer.writerows(session.execute(select(
                    Post.uid, Post.scheduled_at, Post.timezone, Post.channel_id, Post.status, Post.title, Post.body,
                    Post.link, Post.objective, Post.pillar, Post.sponsorship, Post.campaign_id, Post.author_id,
                    Post.group_id).where(Post.workspace_id == workspace_id)))
                return buffer.getvalue().encode()

            bare_seconds, _ = _median(bare_export, rounds)
        data = result.files[0].data
        header, *lines = data.split(b"\r\n")
        sample = b"\r\n".join([header, *lines[:import_rows]])

        import_times, plan_times = [], []
        for round_number in range(rounds):
            with session_scope(engine) as session:
                target = workspaces.create_workspace(WorkspaceCreate(name=f"Import {round_number}"), session=session)
                start = time.perf_counter()
                plan = plan_import(sample, source="bench.csv", workspace_id=target.id, session=session)
                planned = time.perf_counter()
                created = apply_import(plan, session=session).created
            import_times.append(time.perf_counter() - start)
            plan_times.append(planned - start)
            assert plan.ok and created == import_rows, (plan.problem_report(), created)
        engine.dispose()
    import_seconds = statistics.median(import_times)
    return {
        "benchmark": "exchange",
        "export_posts": export_posts,
        "export_edito_csv_seconds": round(edito_seconds, 3),
        "export_excel_fr_seconds": round(excel_seconds, 3),
        "export_bare_query_and_csv_writer_seconds": round(bare_seconds, 3),
        "export_ratio_to_bare": round(edito_seconds / bare_seconds, 2),
        "export_megabytes": round(len(data) / 1e6, 1),
        "export_target_seconds": 3.0,
        "import_rows": import_rows,
        "import_seconds": round(import_seconds, 3),
        "import_check_only_seconds": round(statistics.median(plan_times), 3),
        "import_target_seconds": 10.0,
    }
