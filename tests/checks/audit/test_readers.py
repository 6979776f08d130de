"""The readers of ``edito audit``: each platform's export layout, zipped and unpacked, Meta's mojibake,
malformed records reported and skipped, unreadable archives, and X's streaming."""

from __future__ import annotations

import json
import struct
import time
import tracemalloc
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from checks.audit.model import ArchivedPost, ArchiveError
from checks.audit.readers import Ignored, Source, detect, read_archive, read_archives, repair_mojibake
from tests.checks.audit.archives import (
    FIRST_SHARE_ID,
    FIRST_TWEET_ID,
    linkedin_share_link,
    write_edito_export,
    write_facebook_archive,
    write_instagram_archive,
    write_linkedin_archive,
    write_tree,
    write_x_archive,
)

PARIS_WINTER = timezone(timedelta(hours=1))
SPONSORED = "Collaboration commerciale avec @marque : notre sérum 🌿 « éclat » #partenariat"
PROMOTIONAL = "-20 % sur toute la boutique ce week-end ! Code HIVER20 🎁"
ACCENTED = "Café, crème & <3 : l'hiver arrive ❄️😍"
MULTILINE = 'Trois conseils "peau nette" :\n1. nettoyer\n2. hydrater'


def when(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 3, day, hour, 12, 45, tzinfo=UTC)


def read(path: Path) -> tuple[list[ArchivedPost], list[str], Ignored]:
    messages: list[str] = []
    ignored = Ignored()
    return list(read_archive(path, skipped=messages.append, ignored=ignored)), messages, ignored


def archive_path(tmp_path: Path, name: str, zipped: bool) -> Path:
    return tmp_path / (f"{name}.zip" if zipped else name)


def assert_utc(post: ArchivedPost, expected: datetime) -> None:
    assert post.created_at == expected
    assert post.created_at.utcoffset() == timedelta(0)


# --- X ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zipped", [True, False])
def test_x_archive_gives_the_brands_tweets_and_replies(tmp_path, zipped):
    tweets = [
        {"text": ACCENTED, "created_at": when(1), "lang": "fr"},
        {"text": "Bonjour, nous regardons votre commande tout de suite.", "created_at": when(2), "reply": True},
        {"text": "RT @client: j'adore cette marque", "created_at": when(3)},
        {"text": SPONSORED, "created_at": when(4), "media": True},
        {"text": PROMOTIONAL, "created_at": when(5), "lang": "und",
         "link": "https://lumen.example/soldes?utm_source=x&utm_medium=post"},
    ]
    path = write_x_archive(archive_path(tmp_path, "x-brand", zipped), tweets, zipped=zipped)

    posts, messages, ignored = read(path)

    assert messages == []
    assert (ignored.retweets, ignored.empty) == (1, 0)
    expected_ids = [FIRST_TWEET_ID + index for index in (0, 1, 3, 4)]
    assert [post.id for post in posts] == [f"x:{number}" for number in expected_ids]
    assert [post.link for post in posts] == [f"https://x.com/i/web/status/{number}" for number in expected_ids]
    assert [post.kind for post in posts] == ["post", "reply", "post", "post"]
    assert {post.channel for post in posts} == {"x"}
    assert [post.text for post in posts] == [
        ACCENTED, tweets[1]["text"], SPONSORED,
        f"{PROMOTIONAL} https://lumen.example/soldes?utm_source=x&utm_medium=post",
    ]
    for post, day in zip(posts, (1, 2, 4, 5), strict=True):
        assert_utc(post, when(day))
    assert [post.lang for post in posts] == ["fr", "fr", "fr", None]
    assert posts[0].source.endswith("data/tweets.js, record 1")


def test_x_parts_are_read_in_their_numeric_order(tmp_path):
    tweets = [{"text": f"Post numéro {index}", "created_at": when(1 + index)} for index in range(12)]
    path = write_x_archive(tmp_path / "x", tweets, zipped=False, part_size=1)
    assert (path / "data/tweets-part11.js").exists()

    sources = detect(path)
    posts, messages, _ = read(path)

    parts = [f"data/tweets-part{number}.js" for number in range(1, 12)]
    assert [source.member for source in sources] == ["data/tweets.js", *parts]
    assert [post.text for post in posts] == [tweet["text"] for tweet in tweets]
    assert messages == []


def test_x_older_tweet_js_with_its_own_prefix(tmp_path):
    path = write_x_archive(tmp_path / "old.zip", [{"text": "Ancien format", "created_at": when(7)}], file_stem="tweet")
    posts, _, _ = read(path)
    assert detect(path) == [Source("x", "data/tweet.js", "x_tweets")]
    assert [(post.text, post.created_at) for post in posts] == [("Ancien format", when(7))]


def test_x_malformed_records_are_reported_and_the_others_read(tmp_path):
    tweets = [
        {"text": "Premier", "created_at": when(1)},
        {"text": "Sans date", "created_at": when(2), "raw": {"created_at": None}},
        {"text": "Date illisible", "created_at": when(3), "raw": {"created_at": "le 3 mars"}},
        {"text": "Sans identifiant", "created_at": when(4), "raw": {"id_str": None, "id": None}},
        {"text": "Dernier", "created_at": when(5)},
    ]
    path = write_x_archive(tmp_path / "x.zip", tweets)

    posts, messages, _ = read(path)

    assert [post.text for post in posts] == ["Premier", "Dernier"]
    assert len(messages) == 3
    assert messages[0].endswith("x.zip/data/tweets.js, record 2: no created_at")
    assert "record 3: created_at 'le 3 mars'" in messages[1]
    assert messages[2].endswith("data/tweets.js, record 4: no id_str")


def test_x_truncated_file_names_the_file_and_the_record(tmp_path):
    tweets = [{"text": f"Post {index}", "created_at": when(1)} for index in range(3)]
    path = write_x_archive(tmp_path / "x", tweets, zipped=False)
    member = path / "data/tweets.js"
    data = member.read_bytes()
    member.write_bytes(data[:data.index(b"Post 2")])

    reader = read_archive(path)
    assert [next(reader).text, next(reader).text] == ["Post 0", "Post 1"]
    with pytest.raises(ArchiveError, match=r"data/tweets\.js, record 3: not valid JSON"):
        next(reader)


def test_x_file_without_the_javascript_prefix(tmp_path):
    path = write_tree(tmp_path / "x", [("data/tweets.js", b"console.log('hello')")], zipped=False)
    with pytest.raises(ArchiveError, match=r"data/tweets\.js: not an X archive file"):
        list(read_archive(path))


def test_x_reading_streams_a_large_file(tmp_path):
    text = "Une semaine de conseils beauté, jour après jour, avec nos expertes. " * 6
    tweets = ({"text": f"{text}{index}", "created_at": when(1 + index % 28)} for index in range(20_000))
    path = write_x_archive(tmp_path / "big", tweets, zipped=False)
    size = (path / "data/tweets.js").stat().st_size
    next(read_archive(path))  # the modules and caches a first read loads are not the reading's memory

    tracemalloc.start()
    try:
        count = sum(1 for _ in read_archive(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 20_000
    assert peak < size / 20, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_x_first_post_comes_before_the_file_is_read(tmp_path):
    tweets = ({"text": f"Post {index}", "created_at": when(1)} for index in range(20_000))
    path = write_x_archive(tmp_path / "big.zip", tweets)
    started = time.perf_counter()
    first = next(read_archive(path))
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    rest = sum(1 for _ in read_archive(path))
    all_seconds = time.perf_counter() - started
    assert first.text == "Post 0"
    assert rest == 20_000
    assert first_seconds < all_seconds / 5


# --- Instagram and Facebook ------------------------------------------------------------------------------

def test_meta_repair_gives_back_the_utf8_text():
    assert repair_mojibake("Caf\u00c3\u00a9 \u00f0\u009f\u0098\u008d") == "Café 😍"
    assert repair_mojibake("D\u00c3\u00a9j\u00c3\u00a0 vu") == "Déjà vu"
    assert repair_mojibake("Déjà vu ✨") == "Déjà vu ✨"  # already right: has characters beyond U+00FF
    assert repair_mojibake("Café") == "Café"  # already right: its Latin-1 bytes are no UTF-8
    assert repair_mojibake("plain ASCII") == "plain ASCII"


def test_meta_repair_on_escapes_written_literally_in_the_json(tmp_path):
    posts_json = (rb'[{"media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 1600000000, '
                  rb'"title": "Caf\u00c3\u00a9 \u00f0\u009f\u0098\u008d"}]},'
                  rb' {"media": [{"uri": "media/posts/2.jpg", "creation_timestamp": 1600000100, '
                  rb'"title": "D\u00c3\u00a9j\u00c3\u00a0 vu \u00e2\u009c\u00a8"}]},'
                  rb' {"media": [{"uri": "media/posts/3.jpg", "creation_timestamp": 1600000200, '
                  rb'"title": "D\u00e9j\u00e0 vu \u2728"}]}]')  # already right: kept
    path = write_tree(tmp_path / "ig", [("your_instagram_activity/content/posts_1.json", posts_json)], zipped=False)

    posts, messages, _ = read(path)

    assert [post.text for post in posts] == ["Café 😍", "Déjà vu ✨", "Déjà vu ✨"]
    assert_utc(posts[0], datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC))
    assert messages == []


@pytest.mark.parametrize(("zipped", "layout"), [(True, "current"), (False, "current"), (True, "older")])
def test_instagram_posts_and_reels(tmp_path, zipped, layout):
    posts = [
        {"text": ACCENTED, "created_at": when(1)},
        {"text": SPONSORED, "created_at": when(2), "carousel": 3},
        {"text": "", "created_at": when(3)},  # a photo without caption
        {"text": MULTILINE, "created_at": when(4)},
    ]
    reels = [{"text": PROMOTIONAL, "created_at": when(5)}]
    path = write_instagram_archive(archive_path(tmp_path, "instagram", zipped), posts, zipped=zipped, layout=layout,
                                   reels=reels)

    found, messages, ignored = read(path)

    assert messages == []
    assert ignored.empty == 1
    assert [post.text for post in found] == [ACCENTED, SPONSORED, MULTILINE, PROMOTIONAL]
    for post, day in zip(found, (1, 2, 4, 5), strict=True):
        assert_utc(post, when(day))
    assert {(post.channel, post.kind, post.link) for post in found} == {("instagram", "post", None)}
    assert len({post.id for post in found}) == 4
    assert [source.file_kind for source in detect(path)] == ["instagram_posts", "instagram_reels"]


def test_instagram_older_media_json(tmp_path):
    media = {"photos": [{"caption": "Caf\u00c3\u00a9 d'hiver", "taken_at": "2019-01-05T10:00:00", "path": "p/1.jpg"}],
             "videos": [{"caption": "Vid\u00c3\u00a9o", "taken_at": "2019-02-01T08:30:00+00:00", "path": "v/1.mp4"}]}
    path = write_tree(tmp_path / "ig.zip", [("media.json", json.dumps(media).encode())], zipped=True)

    posts, _, _ = read(path)

    assert [post.text for post in posts] == ["Café d'hiver", "Vidéo"]
    assert_utc(posts[0], datetime(2019, 1, 5, 10, tzinfo=UTC))


def test_instagram_malformed_post_is_reported(tmp_path):
    posts = [{"text": "Bon", "created_at": when(1)},
             {"text": "Sans date", "created_at": when(2), "raw": {"media": [{"title": "Sans date"}]}},
             {"text": "Bon aussi", "created_at": when(3)}]
    path = write_instagram_archive(tmp_path / "ig.zip", posts)

    found, messages, _ = read(path)

    assert [post.text for post in found] == ["Bon", "Bon aussi"]
    assert len(messages) == 1
    assert messages[0].endswith("content/posts_1.json, record 2: no creation_timestamp")


@pytest.mark.parametrize(("zipped", "layout"), [(True, "current"), (False, "current"), (True, "older")])
def test_facebook_posts_and_comments(tmp_path, zipped, layout):
    posts = [
        {"text": ACCENTED, "created_at": when(1), "link": "https://lumen.example/hiver"},
        {"text": "Merci pour votre message, nous vous répondons en privé 🙏", "created_at": when(2), "reply": True},
        {"text": SPONSORED, "created_at": when(3)},
        {"text": PROMOTIONAL, "created_at": when(4), "link": "https://lumen.example/soldes"},
    ]
    path = write_facebook_archive(archive_path(tmp_path, "facebook", zipped), posts, zipped=zipped, layout=layout)

    found, messages, _ = read(path)

    assert messages == []
    by_text = {post.text: post for post in found}
    assert set(by_text) == {post["text"] for post in posts}
    for post in posts:
        read_post = by_text[post["text"]]
        assert read_post.kind == ("reply" if post.get("reply") else "post")
        assert read_post.link == post.get("link")
        assert read_post.channel == "facebook"
        assert_utc(read_post, post["created_at"])
    assert [post.kind for post in found] == ["post", "post", "post", "reply"]  # the posts' file, then the comments'


def test_meta_export_in_html_is_pointed_to_json(tmp_path):
    path = write_tree(tmp_path / "meta", [("your_instagram_activity/content/posts_1.html", b"<html></html>")],
                      zipped=False)
    with pytest.raises(ArchiveError, match="JSON format"):
        detect(path)


# --- LinkedIn ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("zipped", [True, False])
def test_linkedin_shares(tmp_path, zipped):
    shares = [
        {"text": MULTILINE, "created_at": when(1), "link": "https://lumen.example/conseils"},
        {"text": "", "created_at": when(2)},  # a reshare without a word
        {"text": SPONSORED, "created_at": when(3)},
        {"text": "Sans date", "created_at": when(4), "raw": {"Date": ""}},
        {"text": '"Osez." — notre fondatrice', "created_at": when(5)},
    ]
    path = write_linkedin_archive(archive_path(tmp_path, "linkedin", zipped), shares, zipped=zipped)

    posts, messages, ignored = read(path)

    assert [post.text for post in posts] == [MULTILINE, SPONSORED, '"Osez." — notre fondatrice']
    assert [post.id for post in posts] == [f"linkedin:urn:li:share:{FIRST_SHARE_ID + index}" for index in (0, 2, 4)]
    assert [post.link for post in posts] == [linkedin_share_link(FIRST_SHARE_ID + index) for index in (0, 2, 4)]
    assert {(post.channel, post.kind) for post in posts} == {("linkedin", "post")}
    assert_utc(posts[0], when(1))
    assert ignored.empty == 1
    assert len(messages) == 1
    assert messages[0].endswith("Shares.csv, row 5: no Date")


# --- Edito's CSV export -------------------------------------------------------------------------------------

@pytest.mark.parametrize("zipped", [True, False])
def test_edito_export(tmp_path, zipped):
    posts = [
        {"text": ACCENTED, "created_at": datetime(2024, 3, 1, 9, 30, tzinfo=PARIS_WINTER), "id": "uid-1"},
        {"text": "Bonjour Léa, nous regardons votre commande.", "created_at": when(2), "reply": True, "channel": "x",
         "id": "uid-2"},
        {"text": PROMOTIONAL, "created_at": when(3), "link": "https://lumen.example/soldes", "id": "uid-3",
         "channel": "facebook"},
        {"text": "Idée sans date", "created_at": when(4), "raw": {"scheduled_at": ""}, "id": "uid-4"},
        {"text": "Type inconnu", "created_at": when(5), "raw": {"kind": "story"}, "id": "uid-5"},
    ]
    path = write_edito_export(archive_path(tmp_path, "edito", zipped), posts, zipped=zipped)

    found, messages, _ = read(path)

    assert detect(path) == [Source("edito", "edito-export.csv", "edito_csv")]  # not notes.csv beside it
    assert [post.id for post in found] == ["edito:uid-1", "edito:uid-2", "edito:uid-3"]
    assert [post.text for post in found] == [ACCENTED, posts[1]["text"], PROMOTIONAL]  # "-20 %" kept, not guarded
    assert [post.channel for post in found] == ["instagram", "x", "facebook"]
    assert [post.kind for post in found] == ["post", "reply", "post"]
    assert [post.link for post in found] == [None, None, "https://lumen.example/soldes"]
    assert [post.created_at for post in found] == [posts[0]["created_at"], when(2), when(3)]
    assert found[0].created_at.utcoffset() == timedelta(hours=1)
    assert len(messages) == 2
    assert "edito-export.csv, row 5: no scheduled_at" in messages[0]
    assert "edito-export.csv, row 6" in messages[1] and "'story'" in messages[1]


def test_edito_export_read_from_the_csv_file_itself(tmp_path):
    folder = write_edito_export(tmp_path / "edito", [{"text": "Seul", "created_at": when(1)}])
    posts, _, _ = read(folder / "edito-export.csv")
    assert [(post.text, post.kind) for post in posts] == [("Seul", "post")]


def test_edito_bad_date_is_reported_with_its_column(tmp_path):
    posts = [{"text": "Date fausse", "created_at": when(1), "raw": {"scheduled_at": "2024-13-01T10:00:00+01:00"}},
             {"text": "Bonne", "created_at": when(2)}]
    path = write_edito_export(tmp_path / "edito", posts)
    found, messages, _ = read(path)
    assert [post.text for post in found] == ["Bonne"]
    assert len(messages) == 1
    assert "row 2" in messages[0] and "'scheduled_at'" in messages[0] and "2024-13-01" in messages[0]


# --- archives -------------------------------------------------------------------------------------------

def test_detect_lists_every_export_of_a_folder(tmp_path):
    write_x_archive(tmp_path / "all/twitter-2024", [{"text": "x", "created_at": when(1)}], zipped=False)
    write_linkedin_archive(tmp_path / "all/linkedin", [{"text": "li", "created_at": when(1)}], zipped=False)
    write_edito_export(tmp_path / "all", [{"text": "edito", "created_at": when(1)}])

    sources = detect(tmp_path / "all")
    posts, _, _ = read(tmp_path / "all")

    assert sources == [Source("x", "twitter-2024/data/tweets.js", "x_tweets"),
                       Source("linkedin", "linkedin/Shares.csv", "linkedin_shares"),
                       Source("edito", "edito-export.csv", "edito_csv")]
    assert [post.text for post in posts] == ["x", "li", "edito"]


def test_missing_path(tmp_path):
    with pytest.raises(ArchiveError, match=r"nowhere\.zip: no such file or folder"):
        list(read_archive(tmp_path / "nowhere.zip"))


def test_corrupt_zip(tmp_path):
    path = tmp_path / "report.zip"
    path.write_bytes(b"PK\x03\x04 this was cut short")
    with pytest.raises(ArchiveError, match=r"report\.zip is not a readable zip file \(.+\)"):
        detect(path)


def test_damaged_zip_member_names_it(tmp_path):
    tweets = [{"text": f"Post {index} " + "texte " * 20, "created_at": when(1)} for index in range(200)]
    path = write_x_archive(tmp_path / "damaged.zip", tweets)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data/tweets.js")
    data = bytearray(path.read_bytes())
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    for offset in range(start + info.compress_size // 2, start + info.compress_size // 2 + 16):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))

    with pytest.raises(ArchiveError, match=r"damaged\.zip/data/tweets\.js"):
        list(read_archive(path))


def test_unknown_archive_lists_the_known_layouts(tmp_path):
    path = write_tree(tmp_path / "holiday.zip", [("photos/beach.jpg", b"\xff\xd8"), ("notes.txt", b"hello")],
                      zipped=True)
    with pytest.raises(ArchiveError) as raised:
        detect(path)
    message = str(raised.value)
    assert "holiday.zip" in message
    for layout in ("data/tweets.js", "posts_1.json", "your_posts_1.json", "Shares.csv", "Edito"):
        assert layout in message


def test_read_archives_fails_at_once_on_a_wrong_path(tmp_path):
    good = write_x_archive(tmp_path / "x.zip", [{"text": "x", "created_at": when(1)}])
    posts = read_archives([good, tmp_path / "typo.zip"])
    with pytest.raises(ArchiveError, match=r"typo\.zip"):
        next(posts)


def test_read_archives_reads_a_tweet_in_two_archives_once(tmp_path):
    tweets = [{"text": f"Post {index}", "created_at": when(1 + index), "id": str(1000 + index)} for index in range(5)]
    older = write_x_archive(tmp_path / "x-2023.zip", tweets[:3])
    newer = write_x_archive(tmp_path / "x-2024.zip", tweets[1:])
    ignored = Ignored()

    posts = list(read_archives([older, newer], ignored=ignored))

    assert [post.id for post in posts] == [f"x:{1000 + index}" for index in range(5)]
    assert ignored.duplicates == 2


def test_read_archives_keeps_posts_of_two_same_named_archives(tmp_path):
    first = write_instagram_archive(tmp_path / "brand-a/instagram.zip", [{"text": "A", "created_at": when(1)}])
    second = write_instagram_archive(tmp_path / "brand-b/instagram.zip", [{"text": "B", "created_at": when(1)}])
    ignored = Ignored()

    posts = list(read_archives([first, second], ignored=ignored))

    assert [post.text for post in posts] == ["A", "B"]
    assert len({post.id for post in posts}) == 2
    assert ignored.duplicates == 0


def test_edito_export_saved_again_by_a_french_spreadsheet(tmp_path):
    rows = ["sep=;", ";".join(("uid", "scheduled_at", "timezone", "channel", "platform", "status", "body", "kind")),
            'e-1;2024-03-01 09:30;Europe/Paris;Instagram Lumen;instagram;published;"Crème d\'hiver ; -20 %";post',
            "e-2;2024-03-02T10:00:00+01:00;;X Lumen;X;published;Réponse à Léa;reply"]
    path = write_tree(tmp_path / "resaved", [("calendrier.csv", "\r\n".join(rows).encode("cp1252"))], zipped=False)

    posts, messages, _ = read(path)

    assert messages == []
    assert [(post.id, post.text, post.channel, post.kind) for post in posts] == [
        ("edito:e-1", "Crème d'hiver ; -20 %", "instagram", "post"), ("edito:e-2", "Réponse à Léa", "x", "reply")]
    assert posts[0].created_at == datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    assert posts[1].created_at == datetime(2024, 3, 2, 9, tzinfo=UTC)


def test_x_file_closed_by_a_semicolon(tmp_path):
    tweet = {"tweet": {"id_str": "5", "full_text": "Fin", "created_at": "Tue Mar 05 09:12:45 +0000 2024"}}
    script = f"window.YTD.tweets.part0 = [{json.dumps(tweet)}];\n".encode()
    path = write_tree(tmp_path / "x", [("data/tweets.js", script)], zipped=False)
    posts, _, _ = read(path)
    assert [(post.id, post.text, post.kind, post.lang) for post in posts] == [("x:5", "Fin", "post", None)]
    assert_utc(posts[0], when(5))


def test_facebook_older_comments_key(tmp_path):
    comments = {"comments": [{"timestamp": 1709630000, "data": [{"comment": {"comment": "R\u00c3\u00a9ponse"}}]}]}
    path = write_tree(tmp_path / "fb", [("comments/comments.json", json.dumps(comments).encode())], zipped=False)
    posts, _, _ = read(path)
    assert [(post.text, post.kind) for post in posts] == [("Réponse", "reply")]
