"""``python -m bench audit`` on a small archive: its archive is what the X reader reads, and its figures
come from real runs that agree."""

from bench.audit import bench_audit, write_x_archive
from checks.audit.readers import read_archives


def test_the_synthetic_archive_reads_as_an_x_archive_with_replies(tmp_path):
    posts = list(read_archives([write_x_archive(tmp_path / "x.zip", 50)]))
    assert len(posts) == 50 and {post.channel for post in posts} == {"x"}
    assert sum(post.kind == "reply" for post in posts) == 10  # one in five
    assert len({post.id for post in posts}) == 50
    assert posts[0].created_at < posts[-1].created_at


def test_the_benchmark_runs_each_engine_and_checks_every_post_alike():
    figures = bench_audit(120, [1, 2], dask=False)
    assert [(run["engine"], run["workers"]) for run in figures["runs"]] == [("local", 1), ("local", 2)]
    for run in figures["runs"]:
        assert run["posts"] == 120 and run["identical_to_first_run"]
        assert run["posts_per_s"] > 0 and run["peak_memory_mb"] > 0
    assert figures["runs"][0]["scaling_efficiency"] == 1.0
