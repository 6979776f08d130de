"""``python -m bench checking [--posts N]``: checking the stored posts nobody has checked yet.

Seeds ``N`` posts (default 2,000; the calendar benchmark's seeding: distinct French texts on five
channels) into a temporary SQLite database, then times, in the same run and on the same posts:

- ``check_post`` post by post (what the Insights and Review pages and the export did before);
- ``check_posts``: the stored results read in a few queries, the rest checked in batches through
  ``nlp.pipe`` per channel, and stored in one statement;
- ``check_posts`` again once the results are stored (every later visit).

Each of the first two starts from no stored result (rolled back after timing). Prints JSON.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def bench_checking(posts_count: int = 2_000) -> dict:
    from sqlmodel import Session, select

    from bench.calendar import _seed
    from calendar_app.db import make_engine
    from calendar_app.models import Post
    from calendar_app.services.checking import check_post, check_posts

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        _seed(url, posts_count)
        engine = make_engine(url)
        with Session(engine) as session:
            posts = list(session.exec(select(Post).order_by(Post.id)))
            check_post(posts[0], session=session)  # loads the pipeline
            session.rollback()

            start = time.perf_counter()
            one_by_one = {post.id: check_post(post, session=session) for post in posts}
            one_by_one_s = time.perf_counter() - start
            session.rollback()

            start = time.perf_counter()
            batched = check_posts(posts, session=session)
            batched_s = time.perf_counter() - start
            session.commit()
            assert batched == one_by_one, "check_posts must give what check_post gives"

            start = time.perf_counter()
            check_posts(posts, session=session)
            stored_s = time.perf_counter() - start
        engine.dispose()
    return {
        "benchmark": "checking",
        "posts": posts_count,
        "check_post_one_by_one_s": round(one_by_one_s, 2),
        "check_posts_batched_s": round(batched_s, 2),
        "speed_up": round(one_by_one_s / batched_s, 2),
        "check_posts_all_stored_s": round(stored_s, 3),
        "findings": sum(len(findings) for findings in batched.values()),
    }
