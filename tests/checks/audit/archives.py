"""Builders of small platform exports, in each platform's own layout, for the tests of ``edito audit``.

Every builder takes ``path`` (the archive to write: a ``.zip`` file when ``zipped``, else a folder) and an
iterable of plain dicts, one per post, written one at a time (a generator of 100,000 posts is fine):

- ``text`` (required): the post as the brand wrote it; each builder encodes it the way its platform does
  (X's HTML escapes, Meta's Latin-1 mojibake, LinkedIn's doubled quotes, Edito's formula guard).
- ``created_at`` (required): an aware datetime.
- ``reply``: true for a reply (X, Facebook comments, Edito ``kind`` column); default false.
- ``link``: an address the post shares (X: a ``t.co`` link in the text, expanded in ``entities``;
  Facebook: ``external_context.url``; LinkedIn: ``SharedUrl``; Edito: ``link``).
- ``id``: the platform's id where it has one (X ``id_str``, LinkedIn share number, Edito ``uid``);
  a default is made from the post's position.
- ``lang`` (X, Edito), ``media`` (X: a photo, whose ``t.co`` link X appends to the text), ``carousel``
  (Instagram: how many photos), ``channel`` (Edito: the platform, default ``"instagram"``).
- ``raw``: fields written over the platform's record as they are (``None`` removes the field), to write
  a malformed record.

Each archive also holds a few of the platform's other files, which the readers must leave alone.
Builders return ``path``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from checks.calendar.edito_csv import EDITO_COLUMNS
from checks.csv_cells import neutralise

Post = dict[str, Any]
Writer = Callable[[IO[bytes]], None]

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FIRST_TWEET_ID = 1_700_000_000_000_000_000
FIRST_SHARE_ID = 7_100_000_000_000_000_000
JPEG = b"\xff\xd8\xff\xe0" + bytes(60)


def write_tree(path: Path, files: Iterable[tuple[str, bytes | Writer]], *, zipped: bool) -> Path:
    """Writes ``files`` (path inside the archive, bytes or a function writing them to a stream) as a zip
    file or a folder at ``path``."""
    path = Path(path)
    if zipped:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files:
                with archive.open(name, "w", force_zip64=True) as stream:
                    _write(stream, content)
    else:
        for name, content in files:
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as stream:
                _write(stream, content)
    return path


def _write(stream: IO[bytes], content: bytes | Writer) -> None:
    if isinstance(content, bytes):
        stream.write(content)
    else:
        content(stream)


@contextlib.contextmanager
def _text(stream: IO[bytes], encoding: str = "utf-8") -> Iterator[IO[str]]:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    yield text
    text.flush()
    text.detach()


def _with_raw(record: dict[str, Any], post: Post) -> dict[str, Any]:
    for key, value in (post.get("raw") or {}).items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def _json_array(items: Iterable[Any], *, before: str = "", after: str = "", ascii_only: bool = False) -> Writer:
    """A writer of ``before [item, item…] after``, one item at a time."""
    def write(stream: IO[bytes]) -> None:
        with _text(stream) as text:
            text.write(f"{before}[")
            for index, item in enumerate(items):
                text.write(("," if index else "") + "\n  " + json.dumps(item, indent=2, ensure_ascii=ascii_only))
            text.write(f"\n]{after}")
    return write


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


# --- X -----------------------------------------------------------------------------------------------

def x_date(moment: datetime) -> str:
    """X's ``created_at``: ``"Wed Oct 10 20:19:24 +0000 2018"`` (English names whatever the locale)."""
    moment = moment.astimezone(UTC)
    return f"{_DAYS[moment.weekday()]} {_MONTHS[moment.month - 1]} {moment:%d %H:%M:%S} +0000 {moment.year}"


def x_tweet(post: Post, index: int) -> dict[str, Any]:
    """The ``{"tweet": {...}}`` item X writes for ``post`` (see the module's docstring)."""
    tweet_id = str(post.get("id", FIRST_TWEET_ID + index))
    text = post["text"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    urls, media = [], []
    if post.get("link"):
        short = f"https://t.co/l{index:08d}"
        urls.append({"url": short, "expanded_url": post["link"], "display_url": post["link"].split("//", 1)[-1],
                     "indices": [str(len(text) + 1), str(len(text) + 1 + len(short))]})
        text = f"{text} {short}"
    if post.get("media"):
        short = f"https://t.co/m{index:08d}"
        media.append({"url": short, "expanded_url": f"https://x.com/brand/status/{tweet_id}/photo/1",
                      "media_url_https": "https://pbs.twimg.com/media/abc.jpg", "type": "photo"})
        text = f"{text} {short}"
    tweet: dict[str, Any] = {
        "edit_info": {"initial": {"editTweetIds": [tweet_id], "editable": False}},
        "retweeted": False, "source": '<a href="https://buffer.com" rel="nofollow">Buffer</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": urls, **({"media": media} if media
                                                                                           else {})},
        "display_text_range": ["0", str(len(text))], "favorite_count": "3", "id_str": tweet_id,
        "truncated": False, "retweet_count": "0", "id": tweet_id, "created_at": x_date(post["created_at"]),
        "favorited": False, "full_text": text, "lang": post.get("lang", "fr"),
    }
    if post.get("reply"):
        tweet.update({"in_reply_to_status_id_str": "1600000000000000001",
                      "in_reply_to_status_id": "1600000000000000001", "in_reply_to_user_id": "42",
                      "in_reply_to_user_id_str": "42",
                      "in_reply_to_screen_name": "client"})
    return {"tweet": _with_raw(tweet, post)}


def _numbered_tweets(tweets: Iterable[Post], first: int) -> Iterator[dict[str, Any]]:
    for index, tweet in enumerate(tweets, start=first):
        yield x_tweet(tweet, index)


def write_x_archive(path: Path, tweets: Iterable[Post], *, zipped: bool = True, part_size: int | None = None,
                    file_stem: str = "tweets") -> Path:
    """An X archive: ``data/{file_stem}.js`` (``window.YTD.{file_stem}.part0 = [...]``), and when
    ``part_size`` is given, a new part every ``part_size`` tweets (``data/tweets-part1.js``…)."""
    if part_size:
        tweets = list(tweets)
        parts = [tweets[start:start + part_size] for start in range(0, len(tweets), part_size)] or [[]]
    else:
        parts = [tweets]
    files: list[tuple[str, bytes | Writer]] = [
        ("Your archive.html", b"<html><body>Your archive</body></html>"),
        ("data/manifest.js", b'window.__THAR_CONFIG = {"userInfo": {"userName": "brand"}}'),
        ("data/account.js", b'window.YTD.account.part0 = [{"account": {"username": "brand", "accountId": "7"}}]'),
        ("data/like.js", b'window.YTD.like.part0 = [{"like": {"tweetId": "1", "fullText": "Not ours"}}]'),
        ("data/deleted-tweets.js", _json_array([x_tweet({"text": "Deleted, not public", "created_at":
                                                         datetime(2020, 1, 1, tzinfo=UTC)}, 0)],
                                               before="window.YTD.deleted_tweets.part0 = ")),
        ("data/tweets_media/1-abc.jpg", JPEG),
    ]
    for number, part in enumerate(parts):
        name = f"data/{file_stem}.js" if number == 0 else f"data/{file_stem}-part{number}.js"
        files.append((name, _json_array(_numbered_tweets(part, number * (part_size or 0)),
                                        before=f"window.YTD.{file_stem}.part{number} = ")))
    return write_tree(path, files, zipped=zipped)


# --- Instagram and Facebook -------------------------------------------------------------------------------

def meta_mangled(value: Any) -> Any:
    """``value`` with every string as Meta writes it: its UTF-8 bytes as Latin-1 characters."""
    if isinstance(value, str):
        return value.encode("utf-8").decode("latin-1")
    if isinstance(value, list):
        return [meta_mangled(item) for item in value]
    if isinstance(value, dict):
        return {key: meta_mangled(item) for key, item in value.items()}
    return value


def _meta_json(items: Iterable[Any], *, key: str | None = None) -> Writer:
    """Meta's JSON: mangled strings, written as ``\\u00c3\\u00a9`` escapes; a list, or ``{key: [...]}``."""
    before, after = (f'{{\n  "{key}": ', "\n}") if key else ("", "")
    return _json_array((meta_mangled(item) for item in items), before=before, after=after, ascii_only=True)


def instagram_post(post: Post, index: int) -> dict[str, Any]:
    """One item of Instagram's ``posts_1.json``: a caption on the only photo, or on the post for a carousel."""
    timestamp = _epoch(post["created_at"])
    photos = max(1, int(post.get("carousel", 1)))
    media = [{"uri": f"media/posts/{post['created_at']:%Y%m}/{index}_{photo}.jpg", "creation_timestamp": timestamp,
              "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 48.85, "longitude": 2.35}]}},
              "title": "" if photos > 1 else post["text"], "cross_post_source": {"source_app": "FB"}}
             for photo in range(photos)]
    record: dict[str, Any] = {"media": media}
    if photos > 1:
        record.update({"title": post["text"], "creation_timestamp": timestamp})
    return _with_raw(record, post)


def write_instagram_archive(path: Path, posts: Iterable[Post], *, zipped: bool = True, layout: str = "current",
                            reels: Iterable[Post] = ()) -> Path:
    """An Instagram "Download your information" export in JSON: ``your_instagram_activity/content/``
    (``layout="current"``) or ``content/`` (``"older"``) ``posts_1.json``, and ``reels.json``."""
    root = {"current": "your_instagram_activity/content", "older": "content"}[layout]
    reels = list(reels)
    files: list[tuple[str, bytes | Writer]] = [
        ("start_here.html", b"<html></html>"),
        ("personal_information/personal_information/personal_information.json",
         b'{"profile_user": [{"string_map_data": {"Username": {"value": "brand"}}}]}'),
        ("your_instagram_activity/likes/liked_posts.json",
         b'{"likes_media_likes": [{"title": "someone", "string_list_data": [{"timestamp": 1600000000}]}]}'),
        ("media/posts/202401/1.jpg", JPEG),
        (f"{root}/posts_1.json", _meta_json(instagram_post(post, index) for index, post in enumerate(posts))),
    ]
    if reels:
        files.append((f"{root}/reels.json", _meta_json(({"media": [instagram_post(reel, index)["media"][0]]}
                                                        for index, reel in enumerate(reels)), key="ig_reels_media")))
    return write_tree(path, files, zipped=zipped)


def facebook_post(post: Post) -> dict[str, Any]:
    timestamp = _epoch(post["created_at"])
    record: dict[str, Any] = {"timestamp": timestamp, "data": [{"post": post["text"]}, {"update_timestamp": timestamp}],
                              "title": "Brand updated their status."}
    if post.get("link"):
        record["attachments"] = [{"data": [{"external_context": {"url": post["link"]}}]}]
    return _with_raw(record, post)


def facebook_comment(post: Post) -> dict[str, Any]:
    timestamp = _epoch(post["created_at"])
    return _with_raw({"timestamp": timestamp, "data": [{"comment": {"timestamp": timestamp, "comment": post["text"],
                                                                    "author": "Brand"}}],
                      "title": "Brand replied to Client's comment."}, post)


def write_facebook_archive(path: Path, posts: Iterable[Post], *, zipped: bool = True, layout: str = "current") -> Path:
    """A Facebook "Download your information" export in JSON: posts in
    ``your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json`` (``"older"``:
    ``posts/your_posts_1.json``), replies in ``comments.json``."""
    posts = list(posts)
    if layout == "current":
        posts_file = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
        comments_file = "your_facebook_activity/comments_and_reactions/comments.json"
    else:
        posts_file, comments_file = "posts/your_posts_1.json", "comments/comments.json"
    files: list[tuple[str, bytes | Writer]] = [
        ("your_facebook_activity/posts/album/0.json", b'{"name": "Profile pictures", "photos": []}'),
        ("your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json", b"[]"),
        (posts_file, _meta_json(facebook_post(post) for post in posts if not post.get("reply"))),
        (comments_file, _meta_json((facebook_comment(post) for post in posts if post.get("reply")), key="comments_v2")),
    ]
    return write_tree(path, files, zipped=zipped)


# --- LinkedIn -------------------------------------------------------------------------------------------

SHARE_COLUMNS = ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility")


def linkedin_share_link(share_id: int | str) -> str:
    return f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{share_id}"


def write_linkedin_archive(path: Path, shares: Iterable[Post], *, zipped: bool = True) -> Path:
    """A LinkedIn export: ``Shares.csv`` at the root (``ShareCommentary`` with its quotes doubled and the
    whole wrapped in quotes, as LinkedIn writes it), next to a few of the export's other CSV files."""
    def write_shares(stream: IO[bytes]) -> None:
        with _text(stream) as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(SHARE_COLUMNS)
            for index, share in enumerate(shares):
                cells = {"Date": f"{share['created_at'].astimezone(UTC):%Y-%m-%d %H:%M:%S}",
                         "ShareLink": linkedin_share_link(share.get("id", FIRST_SHARE_ID + index)),
                         "ShareCommentary": '"' + share["text"].replace('"', '""') + '"' if share["text"] else "",
                         "SharedUrl": share.get("link") or "", "MediaUrl": "", "Visibility": "MEMBER_NETWORK"}
                cells = _with_raw(cells, share)
                writer.writerow([cells.get(column, "") for column in SHARE_COLUMNS])

    files: list[tuple[str, bytes | Writer]] = [
        ("Profile.csv", b"First Name,Last Name,Headline\nLumen,Brand,Cosmetics\n"),
        ("Connections.csv", b"Notes:\n\"When exporting your connection data...\"\n\nFirst Name,Last Name,URL\n"),
        ("Comments.csv", b"Date,Link,Message\n2024-01-01 10:00:00,https://www.linkedin.com/feed/,Bravo\n"),
        ("Shares.csv", write_shares),
    ]
    return write_tree(path, files, zipped=zipped)


# --- Edito's CSV export -------------------------------------------------------------------------------------

def write_edito_export(path: Path, posts: Iterable[Post], *, zipped: bool = False, name: str = "edito-export.csv",
                       timezone: str = "Europe/Paris") -> Path:
    """What ``edito export --format edito`` writes (UTF-8 with BOM, CRLF, formula-guarded cells), as the one
    CSV file in a folder or zip; a ``kind`` column is added when a post is a reply."""
    posts = list(posts)
    columns = (*EDITO_COLUMNS, "kind") if any(post.get("reply") for post in posts) else EDITO_COLUMNS

    def write_csv(stream: IO[bytes]) -> None:
        stream.write(b"\xef\xbb\xbf")
        with _text(stream) as text:
            writer = csv.writer(text, lineterminator="\r\n")
            writer.writerow(columns)
            for index, post in enumerate(posts):
                platform = post.get("channel", "instagram")
                cells = {"uid": str(post.get("id", f"00000000-0000-4000-8000-{index:012d}")),
                         "scheduled_at": post["created_at"].isoformat(), "timezone": timezone,
                         "channel": f"{platform.title()} Lumen", "platform": platform, "lang": post.get("lang", "fr"),
                         "status": "published", "body": post["text"], "link": post.get("link") or "",
                         "sponsorship": "none", "kind": "reply" if post.get("reply") else "post"}
                cells = _with_raw(cells, post)
                writer.writerow([neutralise(str(cells.get(column, ""))) for column in columns])

    files: list[tuple[str, bytes | Writer]] = [(name, write_csv), ("notes.csv", b"date,idea\n2024-01-01,a list\n")]
    return write_tree(path, files, zipped=zipped)
