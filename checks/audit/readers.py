"""The platforms' exports, read for ``edito audit``: an archive becomes a stream of ArchivedPost.

An archive is a ``.zip`` file, an unpacked folder, or one export file (an Edito CSV, a LinkedIn
``Shares.csv``). Its layout is found from the paths
of the files inside (at any depth, so a zip holding one top folder works too), never from its name; every
export found in it is read:

- X: ``data/tweets.js`` (or ``tweet.js``, and the parts ``tweets-part1.js``…), JavaScript
  (``window.YTD.tweets.part0 = [...]``) streamed with ijson. Retweets are left out (not the brand's
  words); ``&amp; &lt; &gt;`` are unescaped, the ``t.co`` links put back as the addresses they stand for,
  and the ``t.co`` link X appends for a photo or video taken off. A tweet replying to a tweet or a user
  is a reply. The link is ``https://x.com/i/web/status/ID``.
- Instagram: ``content/posts_1.json`` (also under ``your_instagram_activity/``), ``content/reels.json``
  and the older ``media.json``. No link: the export gives none.
- Facebook: ``posts/your_posts__check_ins__photos_and_videos_1.json`` (older: ``your_posts_1.json``),
  the link being the post's first shared address; ``comments.json`` holds replies.
  Instagram's and Facebook's strings are UTF-8 stored as Latin-1 escapes: see ``repair_mojibake``.
- LinkedIn: ``Shares.csv``, dated in UTC; its link is the share's address.
- Edito's own CSV export: any ``.csv`` whose header names the Edito columns; ``platform`` is the
  channel, a ``kind`` column (when there is one) tells the replies, dates keep the offset they have.

Dates are aware, in UTC unless the export gives an offset. Texts are stripped of surrounding whitespace.
Records are numbered from 1 in file order (CSV rows as in a spreadsheet: the header is row 1), and each
file's posts come out in file order, one at a time, so that memory stays bounded whatever the size.

A malformed record (no date, no id…) is reported with ``skipped("FILE, record N: what is wrong")`` and
left out; the rest of the file is still read. Records left out on purpose are only counted, in
``Ignored``: retweets, texts empty once stripped (a photo without caption has nothing to check), and posts
already read from another export (the same tweet in two archives). An archive or a file that cannot be
read at all raises ArchiveError naming it; as posts are streamed, that can come after a file's first posts.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import itertools
import os
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote

import ijson

from checks.audit.model import KINDS, ArchivedPost, ArchiveError
from checks.calendar.edito_csv import REQUIRED_COLUMNS, _Row
from checks.csv_cells import restore
from checks.inputs import InputFileError, describe_os_error, split_delimiter

X, INSTAGRAM, FACEBOOK, LINKEDIN, EDITO = "x", "instagram", "facebook", "linkedin", "edito"

# (platform, file kind, path pattern) of the files each reader reads, in the order archives are read.
_LAYOUTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (X, "x_tweets", re.compile(r"(?:^|/)data/tweets?(?:-part\d+)?\.js$")),
    (INSTAGRAM, "instagram_posts", re.compile(r"(?:^|/)content/posts_\d+\.json$")),
    (INSTAGRAM, "instagram_reels", re.compile(r"(?:^|/)content/reels\.json$")),
    (INSTAGRAM, "instagram_media", re.compile(r"^(?:[^/]+/)?media\.json$")),
    (FACEBOOK, "facebook_posts",
     re.compile(r"(?:^|/)posts/your_posts(?:__check_ins__photos_and_videos)?(?:_\d+)?\.json$")),
    (FACEBOOK, "facebook_comments", re.compile(r"(?:^|/)(?:comments|comments_and_reactions)/comments\.json$")),
    (LINKEDIN, "linkedin_shares", re.compile(r"(?:^|/)shares\.csv$", re.IGNORECASE)),
)
EDITO_CSV = "edito_csv"
FILE_KINDS = (*(kind for _, kind, _ in _LAYOUTS), EDITO_CSV)
RECOGNISED = ("X (data/tweets.js), Instagram (content/posts_1.json, reels.json or media.json), "
              "Facebook (posts/your_posts_1.json, comments.json), LinkedIn (Shares.csv) and Edito's CSV export "
              f"(a .csv with the columns {', '.join(REQUIRED_COLUMNS)})")

_ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
_HEADER_BYTES = 65536
_CHUNK_BYTES = 1 << 20
_NO_LANGUAGE = frozenset({"und", "zxx", "qme", "qht", "qam", "qct", "qst"})  # X's "no language" codes
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
_X_DATE = re.compile(r"\w{3} (\w{3}) (\d{1,2}) (\d\d):(\d\d):(\d\d) ([+-]\d{4}) (\d{4})")
_LINKEDIN_URN = re.compile(r"urn:li:[A-Za-z]+:\d+")


@dataclass(frozen=True, slots=True)
class Source:
    """One export file found in an archive: its platform, its path inside the archive (with ``/``) and
    which of FILE_KINDS it is (``"x_tweets"``, ``"instagram_posts"``…)."""

    platform: str
    member: str
    file_kind: str


@dataclass(slots=True)
class Ignored:
    """How many records were left out on purpose (malformed ones are reported through ``skipped``)."""

    retweets: int = 0
    empty: int = 0
    duplicates: int = 0


class _Malformed(Exception):
    """A record that cannot be read; the message says what is wrong with it."""


class _Located(_Malformed):
    """A malformed record whose message already names the file and the place."""


class _LeftOut(Exception):
    """A record left out on purpose; the message is the Ignored field that counts it."""


def repair_mojibake(text: str) -> str:
    """Meta's exports hold UTF-8 bytes as Latin-1 characters (``"Ã©"`` for ``"é"``): the text they stand
    for, or ``text`` itself when it is not such a string (it has characters beyond U+00FF, or its bytes
    are not UTF-8)."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


# --- archives: zip files, folders, single files ------------------------------------------------------

class _Archive:
    """The files of one archive, listed and opened by their path inside it."""

    def __init__(self, path: Path):
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if not path.exists():
            raise ArchiveError(f"{path}: no such file or folder")
        self._folder = path.is_dir()
        if self._folder:
            return
        try:
            with path.open("rb") as file:
                magic = file.read(4)
            if path.suffix.lower() == ".zip" or magic in (b"PK\x03\x04", b"PK\x05\x06"):
                self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as error:
            raise ArchiveError(f"{path} is not a readable zip file ({error})") from None
        except OSError as error:
            raise ArchiveError(describe_os_error(error)) from None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def members(self) -> list[str]:
        """The archive's files, hidden ones and macOS's ``__MACOSX`` copies left out."""
        if self._zip is not None:
            names = [info.filename for info in self._zip.infolist() if not info.is_dir()]
        elif self._folder:
            names = []
            for root, folders, files in os.walk(self.path):
                folders[:] = [name for name in folders if not name.startswith(".")]
                names.extend(Path(root, name).relative_to(self.path).as_posix() for name in files)
        else:
            names = [self.path.name]
        return [name for name in names
                if not any(part.startswith(".") or part == "__MACOSX" for part in name.split("/"))]

    def where(self, member: str) -> str:
        """The file's name in messages: the archive and the path inside it."""
        return f"{self.path}/{member}" if self._zip is not None or self._folder else str(self.path)

    @contextlib.contextmanager
    def open(self, member: str) -> Iterator[IO[bytes]]:
        """The file's bytes; a damaged zip or an unreadable file raises ArchiveError naming it."""
        try:
            if self._zip is not None:
                stream = self._zip.open(member)
            else:
                stream = (self.path / member if self._folder else self.path).open("rb")
        except OSError as error:
            raise ArchiveError(describe_os_error(error)) from None
        except (*_ZIP_READ_ERRORS, RuntimeError, NotImplementedError) as error:  # encrypted, Deflate64…
            raise ArchiveError(f"{self.where(member)} cannot be read from the zip file ({error})") from None
        with stream:
            try:
                yield stream
            except _ZIP_READ_ERRORS as error:
                raise ArchiveError(f"{self.where(member)}: the zip file is damaged ({error})") from None
            except OSError as error:
                raise ArchiveError(f"{self.where(member)}: {describe_os_error(error)}") from None


def _reading_order(member: str) -> tuple[list[Any], int]:
    """Orders ``tweets.js``, ``tweets-part1.js``, ``tweets-part2.js``, ``tweets-part10.js`` (and
    ``posts_2.json`` before ``posts_10.json``)."""
    part = re.search(r"-part(\d+)(\.\w+)$", member)
    whole = member[:part.start()] + part.group(2) if part else member
    pieces = [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", whole)]
    return pieces, int(part.group(1)) if part else 0


def _edito_header(archive: _Archive, member: str) -> bool:
    """Whether a CSV file's header names Edito's required columns (read from its first bytes only)."""
    with archive.open(member) as stream:
        head = stream.read(_HEADER_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8-sig", errors="ignore")
    delimiter, text, _ = split_delimiter(text.replace("\r\n", "\n"))
    header = next(csv.reader([text.split("\n", 1)[0]], delimiter=delimiter), [])
    return set(REQUIRED_COLUMNS) <= {name.strip().lower() for name in header}


def _sources(archive: _Archive) -> list[Source]:
    members = archive.members()
    found = []
    for member in members:
        layout = next(((platform, kind) for platform, kind, pattern in _LAYOUTS if pattern.search(member)), None)
        if layout is not None:
            found.append(Source(layout[0], member, layout[1]))
        elif member.lower().endswith(".csv") and _edito_header(archive, member):
            found.append(Source(EDITO, member, EDITO_CSV))
    if not found:
        html = [member for member in members if member.endswith(".html")
                and any(pattern.search(member[:-5] + ".json") for _, _, pattern in _LAYOUTS)]
        hint = " (it is in HTML: download the export again choosing the JSON format)" if html else ""
        raise ArchiveError(f"{archive.path}: no export Edito can read was found in it{hint}; "
                           f"recognised: {RECOGNISED}")
    order = {kind: index for index, kind in enumerate(FILE_KINDS)}
    return sorted(found, key=lambda source: (order[source.file_kind], _reading_order(source.member)))


def _export_root(source: Source) -> str:
    """The folder holding one export inside an archive (``"x-2024/"`` for ``"x-2024/data/tweets.js"``):
    the X parts of one export share it, two exports of one platform do not."""
    if source.file_kind == EDITO_CSV:
        return source.member
    pattern = next(pattern for _, kind, pattern in _LAYOUTS if kind == source.file_kind)
    return source.member[:pattern.search(source.member).start()]


def detect(path: Path) -> list[Source]:
    """The exports found in an archive (a zip file, a folder or one export file), in reading order;
    ArchiveError when there is none Edito knows, or the archive cannot be read."""
    archive = _Archive(Path(path))
    try:
        return _sources(archive)
    finally:
        archive.close()


# --- reading records -------------------------------------------------------------------------------

@dataclass
class _Reading:
    """One export file being read: its names for messages and ids, and where to count what is left out."""

    where: str
    id_stem: str  # "instagram:meta.zip/content/posts_1.json": a post without an id of its own adds "#N"
    skipped: Callable[[str], None]
    ignored: Ignored
    unit: str = "record"

    def label(self, number: int) -> str:
        return f"{self.where}, {self.unit} {number}"

    def posts(self, records: Iterable[tuple[int, Any]],
              make: Callable[[Any, int], ArchivedPost]) -> Iterator[ArchivedPost]:
        """The posts ``make`` builds from ``records`` (number, record); the malformed ones reported."""
        for number, record in records:
            try:
                post = make(record, number)
            except _Malformed as problem:
                self.skipped(str(problem) if isinstance(problem, _Located) else f"{self.label(number)}: {problem}")
                continue
            except _LeftOut as reason:
                setattr(self.ignored, str(reason), getattr(self.ignored, str(reason)) + 1)
                continue
            yield post


def _json_problem(error: Exception) -> str:
    """The first line of an ijson error (the C backend's messages span lines, sometimes as bytes)."""
    text = str(error)
    if text.startswith(("b'", 'b"')):
        text = text[2:].replace("\\n", "\n")
    return text.strip().split("\n", 1)[0].strip()


def _json_records(stream: IO[bytes], prefixes: tuple[str, ...], reading: _Reading) -> Iterator[tuple[int, Any]]:
    """(number, value) for each JSON value at one of ``prefixes`` (ijson's, like ``"item"``), one at a
    time; a file that is not valid JSON raises ArchiveError naming it and the record it stopped in."""
    values = ijson.items(stream, prefixes[0], use_float=True) if len(prefixes) == 1 else \
        _values_at(ijson.parse(stream, use_float=True), frozenset(prefixes))
    number = 0
    try:
        for number, value in enumerate(values, start=1):
            yield number, value
    except ijson.JSONError as error:
        problem = _json_problem(error)
        if "trailing garbage" in problem or "Additional data" in problem:
            return  # the posts are all read: what follows them (a ";" closing the script) is no record
        raise ArchiveError(f"{reading.label(number + 1)}: not valid JSON ({problem})") from None


def _values_at(events: Iterator[tuple[str, str, Any]], prefixes: frozenset[str]) -> Iterator[Any]:
    """The values found at any of several prefixes (ijson.items takes one), in file order."""
    events = iter(events)
    for prefix, event, value in events:
        if prefix not in prefixes or event in ("map_key", "end_map", "end_array"):
            continue
        builder = ijson.ObjectBuilder()
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth = 1
            for _, event, value in events:
                builder.event(event, value)
                depth += (event in ("start_map", "start_array")) - (event in ("end_map", "end_array"))
                if depth == 0:
                    break
        yield builder.value


def _checked_text(text: Any, field: str) -> str:
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise _Malformed(f"{field} is not text")
    text = text.strip()
    if not text:
        raise _LeftOut("empty")
    return text


def _epoch(value: Any, field: str) -> datetime:
    if value is None:
        raise _Malformed(f"no {field}")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed(f"{field} {value!r} is not a number of seconds")
    try:
        return datetime.fromtimestamp(value, UTC)
    except (OverflowError, OSError, ValueError):
        raise _Malformed(f"{field} {value!r} is out of range") from None


def _iso(value: Any, field: str) -> datetime:
    """An ISO 8601 date-time; UTC when it has no offset."""
    if not isinstance(value, str) or not value.strip():
        raise _Malformed(f"no {field}")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _Malformed(f"{field} {value!r} is not a date-time like 2024-03-05 09:12:45") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _mapping(record: Any, what: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise _Malformed(f"not {what} but {type(record).__name__}")
    return record


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


# --- X ----------------------------------------------------------------------------------------------

def _skip_js_prefix(stream: IO[bytes], reading: _Reading) -> None:
    """Reads ``window.YTD.tweets.part0 =``, leaving the stream at the JSON array."""
    for _ in range(_HEADER_BYTES):
        byte = stream.read(1)
        if byte == b"=":
            return
        if not byte or byte == b"[":
            break
    raise ArchiveError(f"{reading.where}: not an X archive file (no 'window.YTD.tweets.part0 =' before the posts)")


def _x_date(value: Any) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise _Malformed("no created_at")
    match = _X_DATE.fullmatch(value.strip())
    if match is None or match.group(1) not in _MONTHS:
        raise _Malformed(f"created_at {value!r} is not like 'Wed Oct 10 20:19:24 +0000 2018'")
    month, (day, hours, minutes, seconds, offset, year) = _MONTHS[match.group(1)], match.group(2, 3, 4, 5, 6, 7)
    sign = -1 if offset.startswith("-") else 1
    zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:])))
    try:  # month names read by hand, and no strptime: its %b follows the locale
        moment = datetime(int(year), month, int(day), int(hours), int(minutes), int(seconds), tzinfo=zone)
    except ValueError:
        raise _Malformed(f"created_at {value!r} is not a real date") from None
    return moment.astimezone(UTC)


def _x_text(tweet: dict[str, Any]) -> str:
    text = tweet["full_text"].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    for url in _dicts(entities.get("urls")):
        if isinstance(url.get("url"), str) and isinstance(url.get("expanded_url"), str) and url["url"]:
            text = text.replace(url["url"], url["expanded_url"])
    for media in _dicts(entities.get("media")):
        if isinstance(media.get("url"), str) and media["url"]:
            text = text.replace(media["url"], "")
    return text


def _tweet(record: Any, number: int, reading: _Reading) -> ArchivedPost:
    record = _mapping(record, "a tweet")
    tweet = _mapping(record.get("tweet", record), "a tweet")
    tweet_id = tweet.get("id_str") or tweet.get("id")
    if isinstance(tweet_id, bool) or not isinstance(tweet_id, str | int) or not str(tweet_id).strip():
        raise _Malformed("no id_str")
    if not isinstance(tweet.get("full_text"), str):
        raise _Malformed("no full_text")
    if tweet["full_text"].startswith("RT @"):
        raise _LeftOut("retweets")
    text = _checked_text(_x_text(tweet), "full_text")
    replying = tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_user_id_str")
    lang = tweet.get("lang") if isinstance(tweet.get("lang"), str) else None
    tweet_id = str(tweet_id).strip()
    return ArchivedPost(
        id=f"x:{tweet_id}", created_at=_x_date(tweet.get("created_at")), channel=X,
        kind="reply" if replying else "post", text=text, link=f"https://x.com/i/web/status/{tweet_id}",
        source=reading.label(number), lang=None if lang in _NO_LANGUAGE else lang,
    )


def _read_x_tweets(stream: IO[bytes], reading: _Reading) -> Iterator[ArchivedPost]:
    _skip_js_prefix(stream, reading)
    yield from reading.posts(_json_records(stream, ("item",), reading),
                             lambda record, number: _tweet(record, number, reading))


# --- Instagram and Facebook ------------------------------------------------------------------------------

def _meta_text(value: Any, field: str) -> str:
    return _checked_text(repair_mojibake(value) if isinstance(value, str) else value, field)


def _instagram_post(record: Any, number: int, reading: _Reading) -> ArchivedPost:
    post = _mapping(record, "a post")
    media = _dicts(post.get("media"))
    first = media[0] if media else {}
    text = _meta_text(post.get("title") or post.get("caption") or first.get("title"), "title")
    if "taken_at" in post:  # the older media.json
        created_at = _iso(post["taken_at"], "taken_at")
    else:
        created_at = _epoch(post.get("creation_timestamp", first.get("creation_timestamp")), "creation_timestamp")
    return ArchivedPost(id=f"{reading.id_stem}#{number}", created_at=created_at, channel=INSTAGRAM, kind="post",
                        text=text, source=reading.label(number))


def _facebook_link(post: dict[str, Any]) -> str | None:
    for attachment in _dicts(post.get("attachments")):
        for data in _dicts(attachment.get("data")):
            context = data.get("external_context")
            if isinstance(context, dict) and isinstance(context.get("url"), str) and context["url"].strip():
                return repair_mojibake(context["url"].strip())
    return None


def _facebook_post(record: Any, number: int, reading: _Reading) -> ArchivedPost:
    post = _mapping(record, "a post")
    text = next((data["post"] for data in _dicts(post.get("data")) if "post" in data), None)
    text = _meta_text(text, "post")
    return ArchivedPost(id=f"{reading.id_stem}#{number}", created_at=_epoch(post.get("timestamp"), "timestamp"),
                        channel=FACEBOOK, kind="post", text=text, link=_facebook_link(post),
                        source=reading.label(number))


def _facebook_comment(record: Any, number: int, reading: _Reading) -> ArchivedPost:
    item = _mapping(record, "a comment")
    comment = next((data["comment"] for data in _dicts(item.get("data")) if isinstance(data.get("comment"), dict)),
                   {})
    text = _meta_text(comment.get("comment"), "comment")
    created_at = _epoch(item.get("timestamp", comment.get("timestamp")), "timestamp")
    return ArchivedPost(id=f"{reading.id_stem}#{number}", created_at=created_at, channel=FACEBOOK, kind="reply",
                        text=text, source=reading.label(number))


def _json_reader(prefixes: tuple[str, ...], make: Callable[[Any, int, _Reading], ArchivedPost]
                 ) -> Callable[[IO[bytes], _Reading], Iterator[ArchivedPost]]:
    def read(stream: IO[bytes], reading: _Reading) -> Iterator[ArchivedPost]:
        yield from reading.posts(_json_records(stream, prefixes, reading),
                                 lambda record, number: make(record, number, reading))
    return read


# --- LinkedIn ------------------------------------------------------------------------------------

def _linkedin_text(commentary: str) -> str:
    """LinkedIn doubles the quotes of ShareCommentary, and may wrap it in one more pair."""
    if len(commentary) >= 2 and commentary.startswith('"') and commentary.endswith('"'):
        commentary = commentary[1:-1]
    return commentary.replace('""', '"')


def _share(row: dict[str | None, Any], number: int, reading: _Reading) -> ArchivedPost:
    text = _checked_text(_linkedin_text(row.get("ShareCommentary") or ""), "ShareCommentary")
    link = (row.get("ShareLink") or "").strip() or None
    urn = _LINKEDIN_URN.search(unquote(link)) if link else None
    return ArchivedPost(id=f"linkedin:{urn.group()}" if urn else f"{reading.id_stem}#{number}",
                        created_at=_iso(row.get("Date"), "Date"), channel=LINKEDIN, kind="post", text=text,
                        link=link, source=reading.label(number))


def _csv_records(rows: Iterator[Any], reading: _Reading) -> Iterator[tuple[int, Any]]:
    """(number, row) for each row after the header (row 1); a CSV file that cannot be read raises
    ArchiveError naming it and the row."""
    number = 1
    try:
        for number, row in enumerate(rows, start=2):
            yield number, row
    except (csv.Error, UnicodeDecodeError) as error:
        raise ArchiveError(f"{reading.label(number + 1)}: not a readable CSV file ({error})") from None


def _read_linkedin_shares(stream: IO[bytes], reading: _Reading) -> Iterator[ArchivedPost]:
    reader = csv.DictReader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""))
    try:
        header = reader.fieldnames or ()
    except (csv.Error, UnicodeDecodeError) as error:
        raise ArchiveError(f"{reading.where}: not a readable UTF-8 CSV file ({error})") from None
    missing = [column for column in ("Date", "ShareCommentary") if column not in header]
    if missing:
        raise ArchiveError(f"{reading.where}: not LinkedIn's Shares.csv: the header has no {' or '.join(missing)}")
    yield from reading.posts(_csv_records(reader, reading), lambda row, number: _share(row, number, reading))


# --- Edito's CSV export -----------------------------------------------------------------------------------

def _text_encoding(archive: _Archive, member: str) -> str:
    """The encoding ``checks.inputs.decode`` would pick, found by one streamed pass over the file."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with archive.open(member) as stream:
        first = stream.read(_CHUNK_BYTES)
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        try:
            for chunk in itertools.chain([first], iter(lambda: stream.read(_CHUNK_BYTES), b"")):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _edito_rows(text: IO[str], reading: _Reading) -> Iterator[tuple[int, _Row | _Located]]:
    """The rows of an Edito CSV, numbered and lined as ``checks.calendar.edito_csv`` reads them (blank
    ones left out); a row with more cells than the header comes as the problem to report."""
    first = text.readline()
    delimiter, _, sep_lines = split_delimiter(first)
    reader = csv.reader(text if sep_lines else itertools.chain([first], text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    previous = reader.line_num + sep_lines
    for number, cells in _csv_records(reader, reading):
        line, previous = previous + 1, reader.line_num + sep_lines
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            yield number, _Located(f"{reading.where}, row {number} (line {line}): {len(cells)} cells but the "
                                   f"header has {len(header)} columns")
            continue
        yield number, _Row({name: restore(cell) for name, cell in zip(header, cells, strict=False) if name},
                           reading.where, number, line)


def _edito_post(row: _Row | _Located, reading: _Reading) -> ArchivedPost:
    if isinstance(row, _Located):
        raise row
    text = _checked_text(row.text("body"), "body")
    try:
        created_at, lang = row.scheduled_at(), row.choice("lang")
    except InputFileError as error:
        raise _Located(str(error)) from None
    if created_at is None:
        raise _Malformed("no scheduled_at: a post never scheduled has no date to audit")
    platform = row.value("platform")
    if platform is None:
        raise _Malformed("no platform")
    kind = (row.value("kind") or "post").lower()
    if kind not in KINDS:
        raise _Malformed(f"kind must be one of {', '.join(KINDS)}, not {row.value('kind')!r}")
    uid = row.value("uid")
    return ArchivedPost(id=f"edito:{uid}" if uid else f"{reading.id_stem}#{row.number}", created_at=created_at,
                        channel=platform.lower(), kind=kind, text=text,
                        link=row.value("link"), source=reading.label(row.number), lang=lang)


def _read_edito_csv(archive: _Archive, member: str, reading: _Reading) -> Iterator[ArchivedPost]:
    encoding = _text_encoding(archive, member)
    with archive.open(member) as stream:
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        yield from reading.posts(_edito_rows(text, reading), lambda row, _: _edito_post(row, reading))


_READERS: dict[str, Callable[[IO[bytes], _Reading], Iterator[ArchivedPost]]] = {
    "x_tweets": _read_x_tweets,
    "instagram_posts": _json_reader(("item",), _instagram_post),
    "instagram_reels": _json_reader(("ig_reels_media.item",), _instagram_post),
    "instagram_media": _json_reader(("item", "photos.item", "videos.item"), _instagram_post),
    "facebook_posts": _json_reader(("item",), _facebook_post),
    "facebook_comments": _json_reader(("comments_v2.item", "comments.item"), _facebook_comment),
    "linkedin_shares": _read_linkedin_shares,
}


# --- the API ----------------------------------------------------------------------------------------

def _read_source(archive: _Archive, source: Source, key: str, skipped: Callable[[str], None],
                 ignored: Ignored) -> Iterator[ArchivedPost]:
    reading = _Reading(archive.where(source.member), f"{source.platform}:{key}/{source.member}", skipped, ignored,
                       unit="row" if source.member.lower().endswith(".csv") else "record")
    if source.file_kind == EDITO_CSV:
        yield from _read_edito_csv(archive, source.member, reading)
        return
    with archive.open(source.member) as stream:
        yield from _READERS[source.file_kind](stream, reading)


def read_archives(paths: Iterable[Path], *, skipped: Callable[[str], None] | None = None,
                  ignored: Ignored | None = None) -> Iterator[ArchivedPost]:
    """The posts of every archive, one after the other, each id once (a post already read from another
    export is counted in ``ignored.duplicates``). Every archive is opened and its exports detected before
    the first post comes out, so that a wrong path fails at once."""
    paths = [Path(path) for path in paths]
    skipped = skipped or (lambda message: None)
    ignored = ignored if ignored is not None else Ignored()
    names = Counter(path.name for path in paths)
    archives: list[_Archive] = []
    try:
        plans = []
        for path in paths:
            archives.append(_Archive(path))
            plans.append((archives[-1], _sources(archives[-1]), path.name if names[path.name] == 1 else str(path)))
        # Only a platform exported more than once can repeat a post: the others need no set of the ids read.
        exports = defaultdict(set)
        for _, sources, key in plans:
            for source in sources:
                exports[source.platform].add((key, _export_root(source)))
        seen: set[str] = set()
        for archive, sources, key in plans:
            for source in sources:
                repeatable = len(exports[source.platform]) > 1
                for post in _read_source(archive, source, key, skipped, ignored):
                    if repeatable:
                        if post.id in seen:
                            ignored.duplicates += 1
                            continue
                        seen.add(post.id)
                    yield post
    finally:
        for archive in archives:
            archive.close()


def read_archive(path: Path, *, skipped: Callable[[str], None] | None = None,
                 ignored: Ignored | None = None) -> Iterator[ArchivedPost]:
    """The posts of one archive (a zip file, a folder or one export file), file after file, each in file
    order; ``skipped(message)`` hears of each malformed record left out, ``ignored`` counts the others."""
    return read_archives([path], skipped=skipped, ignored=ignored)
