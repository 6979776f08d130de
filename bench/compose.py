"""``python -m bench compose [--posts N] [--rounds R]``: opening and saving a post on a big database.

Seeds N posts (as ``bench calendar`` does), then times, with Streamlit's AppTest, a run of the compose
page that opens one post (``?post=ID``: query, form, checker) and a run that saves an edit of it
(update with the version check, audit, the checker on the new text). Medians; AppTest's own cost on a
one-title page is measured in the same run for reference.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.calendar import ROOT, _median_time, _seed

PAGE = ROOT / "calendar_app" / "views" / "compose.py"


def bench_compose(posts_count: int = 10_000, rounds: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        os.environ["EDITO_DATABASE_URL"] = url
        os.environ["EDITO_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        _seed(url, posts_count)

        import streamlit as st
        from sqlmodel import Session, func, select
        from streamlit.testing.v1 import AppTest

        from calendar_app.db import make_engine
        from calendar_app.models import Post, User
        from calendar_app.settings import get_settings

        get_settings.cache_clear()
        st.cache_resource.clear()
        engine = make_engine(url)
        with Session(engine) as session:
            post_id = session.exec(select(func.max(Post.id))).one() // 2
            user_id = session.exec(select(User.id)).first()

        def open_post() -> AppTest:
            app = AppTest.from_file(str(PAGE), default_timeout=60)
            app.query_params["post"] = str(post_id)
            app.session_state["app.user_id"] = user_id
            app.run()
            if app.exception:
                raise RuntimeError(app.exception[0].message)
            return app

        open_post()  # warm-up: pipelines, lexicons, engine
        open_s = _median_time(open_post, rounds)

        save_times = []
        for round_number in range(rounds):
            app = open_post()
            app.text_area(key="compose.body").input(f"Nouvelle version {round_number} : on vous montre l'atelier ?")
            app.run()  # the edit itself (live check of the new text)
            app.button(key="compose.save")
            started = time.perf_counter()
            app.button(key="compose.save").click().run()
            save_times.append(time.perf_counter() - started)
            if app.error or app.exception:
                raise RuntimeError("saving failed in the benchmark")
        save_times.sort()
        with Session(engine) as session:
            if session.get(Post, post_id).version != 1 + rounds:
                raise RuntimeError("the benchmark's saves did not all reach the database")

        baseline = Path(folder) / "one_title.py"
        baseline.write_text("import streamlit as st\nst.title('x')\n")
        AppTest.from_file(str(baseline)).run()
        baseline_s = _median_time(lambda: AppTest.from_file(str(baseline)).run(), rounds)
        engine.dispose()
    return {
        "benchmark": "compose",
        "posts_in_database": posts_count,
        "open_post_page_run_s": round(open_s, 3),
        "save_post_page_run_s": round(save_times[len(save_times) // 2], 3),
        "apptest_one_title_page_s": round(baseline_s, 3),
    }
