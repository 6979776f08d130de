"""``python -m bench calendar [--posts N] [--rounds R] [--weeks W]``: the calendar page on a big database.

Seeds ``N`` posts (default 10,000) for one brand into a temporary SQLite database, spread over two years
around today over 5 channels, 3 campaigns, 4 authors, every status and pillar; then times

- a full headless run of the calendar page (Streamlit's AppTest: the script, the queries, the events and
  the component's arguments), month view and table view, median of ``R`` runs after one warm-up run;
- for reference, AppTest running a page with one title (its own overhead, measured in the same run);
- the page's query alone (``list_posts`` over the shown weeks), and the same query without a date range
  for comparison.

Prints the figures as JSON.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "calendar_app" / "views" / "calendar.py"


def _seed(url: str, posts_count: int) -> dict:
    from sqlalchemy import insert

    from calendar_app.db import make_engine, session_scope, upgrade
    from calendar_app.models import (
        CampaignCreate,
        ChannelCreate,
        Pillar,
        Post,
        PostStatus,
        UserCreate,
        WorkspaceCreate,
        new_group_id,
        new_uid,
    )
    from calendar_app.services import users, workspaces

    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        workspace = workspaces.create_workspace(WorkspaceCreate(name="Bench", timezone="Europe/Paris"),
                                                session=session)
        channels = [
            workspaces.create_channel(workspace.id, ChannelCreate(platform=platform, display_name=name, colour=colour),
                                      session=session)
            for platform, name, colour in [("instagram", "Instagram", "#e1306c"), ("linkedin", "LinkedIn", "#0a66c2"),
                                           ("x", "X", "#333333"), ("facebook", "Facebook", "#1877f2"),
                                           ("newsletter", "Newsletter", "#6b4f2a")]
        ]
        campaigns = [workspaces.create_campaign(workspace.id, CampaignCreate(name=f"Campagne {i}"), session=session)
                     for i in range(3)]
        authors = [users.create_user(UserCreate(name=f"Auteur {i}", email=f"auteur{i}@bench.example"),
                                     session=session) for i in range(4)]
        ids = (workspace.id, [c.id for c in channels], [c.id for c in campaigns], [a.id for a in authors])
    workspace_id, channel_ids, campaign_ids, author_ids = ids
    statuses, pillars = list(PostStatus), list(Pillar)
    first = datetime.combine(date.today() - timedelta(days=365), datetime.min.time(), tzinfo=UTC)
    step = timedelta(days=730) / posts_count
    now = datetime.now(UTC)
    rows = [
        {
            "workspace_id": workspace_id, "channel_id": channel_ids[i % len(channel_ids)],
            "campaign_id": campaign_ids[i % 7] if i % 7 < len(campaign_ids) else None,
            "author_id": author_ids[i % len(author_ids)], "title": f"Publication {i}",
            "body": f"Texte de la publication {i} : une idée, un conseil, une coulisse de l'atelier.",
            "scheduled_at": (first + step * i).replace(minute=(i * 15) % 60, second=0, microsecond=0),
            "timezone": "Europe/Paris", "status": statuses[i % len(statuses)], "pillar": pillars[i % len(pillars)],
            "sponsorship": "none", "group_id": new_group_id(), "uid": new_uid(), "version": 1, "created_at": now, "updated_at": now,
        }
        for i in range(posts_count)
    ]
    with session_scope(engine) as session:
        for start in range(0, len(rows), 2000):
            session.execute(insert(Post), rows[start:start + 2000])
    engine.dispose()
    return {"workspace_id": workspace_id}


def _median_time(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_calendar(posts_count: int = 10_000, rounds: int = 3, weeks: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        os.environ["EDITO_DATABASE_URL"] = url
        os.environ["EDITO_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        started = time.perf_counter()
        seeded = _seed(url, posts_count)
        seed_s = time.perf_counter() - started

        import streamlit as st
        from streamlit.testing.v1 import AppTest

        from calendar_app.components.calendar_grid import day_range
        from calendar_app.db import make_engine, session_scope
        from calendar_app.services.posts import list_posts
        from calendar_app.settings import get_settings

        get_settings.cache_clear()
        st.cache_resource.clear()
        this_monday = date.today() - timedelta(days=date.today().weekday())
        first_day, last_day = day_range(this_monday - timedelta(days=14), weeks)

        def page_run(view: str = "month") -> AppTest:
            app = AppTest.from_file(str(PAGE), default_timeout=60)
            app.session_state["calendar.view"] = view
            app.session_state["calendar.weeks"] = weeks
            app.run()
            if app.exception:
                raise RuntimeError(app.exception[0].message)
            return app

        started = time.perf_counter()
        warm_up = page_run()
        cold_s = time.perf_counter() - started
        shown = int(warm_up.caption[0].value.split()[0])
        month_s = _median_time(page_run, rounds)
        baseline = Path(folder) / "one_title.py"  # AppTest's own cost, to read the page's figure against
        baseline.write_text("import streamlit as st\nst.title('Calendrier')\n", encoding="utf-8")
        AppTest.from_file(str(baseline)).run()
        baseline_s = _median_time(lambda: AppTest.from_file(str(baseline)).run(), rounds)
        table_s = _median_time(lambda: page_run("table"), rounds)

        engine = make_engine(url)
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("Europe/Paris")
        start = datetime.combine(first_day, datetime.min.time(), tzinfo=zone)
        end = datetime.combine(last_day, datetime.min.time(), tzinfo=zone)

        def query(bounded: bool = True) -> int:
            with session_scope(engine) as session:
                return len(list_posts(seeded["workspace_id"], session=session,
                                      start=start if bounded else None, end=end if bounded else None))

        query(), query(False)  # warm-up
        query_s = _median_time(query, rounds)
        query_all_s = _median_time(lambda: query(False), rounds)
        with engine.connect() as connection:
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT * FROM post WHERE workspace_id = ? AND deleted_at IS NULL "
                "AND scheduled_at >= ? AND scheduled_at < ?", (seeded["workspace_id"], "2026-01-01", "2026-02-01")
            ).fetchall()
        engine.dispose()
        st.cache_resource.clear()
    return {
        "benchmark": "calendar",
        "posts_in_database": posts_count,
        "weeks_shown": weeks,
        "posts_shown": shown,
        "seed_s": round(seed_s, 2),
        "page_run_first_s": round(cold_s, 3),
        "page_run_month_median_s": round(month_s, 3),
        "page_run_table_median_s": round(table_s, 3),
        "apptest_one_title_page_median_s": round(baseline_s, 3),
        "query_shown_weeks_median_ms": round(query_s * 1000, 1),
        "query_whole_brand_median_ms": round(query_all_s * 1000, 1),
        "query_plan": " | ".join(str(row[-1]) for row in plan),
        "rounds": rounds,
        "target_page_run_s": 1.0,
    }
