"""Reading the calendar from the Edito CSV export (``edito lint --calendar FILE.csv``).

One post per row under a header naming the columns of ``EDITO_COLUMNS`` (other columns, such as the
export's finding columns, are ignored; ``uid``, ``scheduled_at``, ``channel``, ``platform``, ``status``
and ``body`` are required). Delimiter ``,`` or ``;``; UTF-8 with or without BOM (else Windows-1252).
``scheduled_at`` is ISO 8601 with an offset (``2026-11-24T09:30:00+01:00``), or without one in the row's
``timezone``, or empty. A cell that the export protected from spreadsheet formulas (a leading ``'``
before ``= + - @``, a tab, a carriage return or another ``'``) is read back without it. A problem raises
InputFileError naming the file, the row (numbered as in a spreadsheet: the header is row 1), its line
and the column.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checks.calendar.model import STATUSES, CalendarPost
from checks.csv_cells import restore
from checks.inputs import InputFileError, decode, split_delimiter
from checks.post import META_CHOICES, PostInput

EDITO_COLUMNS = (
    "uid", "scheduled_at", "timezone", "channel", "platform", "lang", "status", "title", "body", "link",
    "media_note", "objective", "pillar", "sponsorship", "partner", "campaign", "author", "reviewer", "group",
)
REQUIRED_COLUMNS = ("uid", "scheduled_at", "channel", "platform", "status", "body")
CHOICES = {"status": STATUSES, "lang": ("fr", "en"), "objective": META_CHOICES["objective"],
           "pillar": META_CHOICES["pillar"]}


@dataclass(frozen=True)
class CalendarFile:
    """The posts of a calendar file, each with the PostInput that places it in the file for reports."""

    posts: list[CalendarPost]
    inputs: list[PostInput]
    timezone: str | None  # the timezone most rows name: the workspace's, for days and weeks


class _Row:
    """One CSV row: its cells by column name, and where it is for error messages."""

    def __init__(self, cells: dict[str, str], source: str, number: int, line: int):
        self.cells, self.source, self.number, self.line = cells, source, number, line

    def where(self, column: str) -> str:
        return f"{self.source}, row {self.number} (line {self.line}), column {column!r}"

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def value(self, column: str) -> str | None:
        return self.text(column).strip() or None

    def choice(self, column: str) -> str | None:
        value = self.value(column)
        if value is None:
            return None
        value = value.lower().replace("-", "_").replace(" ", "_")
        if value not in CHOICES[column]:
            raise InputFileError(f"{self.where(column)}: {column} must be one of {', '.join(CHOICES[column])}, "
                                 f"not {self.value(column)!r}")
        return value

    def zone(self) -> ZoneInfo | None:
        name = self.value("timezone")
        if name is None:
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputFileError(f"{self.where('timezone')}: unknown timezone {name!r} "
                                 f"(an IANA name such as Europe/Paris)") from None

    def scheduled_at(self) -> datetime | None:
        value = self.value("scheduled_at")
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise InputFileError(f"{self.where('scheduled_at')}: {value!r} is not an ISO 8601 date-time "
                                 f"(like 2026-11-24T09:30:00+01:00)") from None
        if moment.tzinfo is None:
            zone = self.zone()
            if zone is None:
                raise InputFileError(f"{self.where('scheduled_at')}: {value!r} has no offset (like +01:00) "
                                     f"and the row names no timezone")
            moment = moment.replace(tzinfo=zone)
        return moment


def _header(text: str, source: str) -> tuple[str, str, int, list[str]]:
    delimiter, text, skipped = split_delimiter(text)
    first_line = text.split("\n", 1)[0]
    header = [name.strip().lower() for name in next(csv.reader([first_line], delimiter=delimiter), [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        hint = (" (this looks like the French spreadsheet export: export the calendar as Edito CSV)"
                if "identifiant" in header or "texte" in header else "")
        raise InputFileError(f"{source}: not an Edito calendar CSV: the header has no {', '.join(missing)} "
                             f"column{'s' if len(missing) > 1 else ''}{hint}")
    return delimiter, text, skipped, header


def _rows(text: str, source: str) -> Iterator[_Row]:
    delimiter, text, skipped, header = _header(text, source)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader)
    previous = reader.line_num + skipped
    for number, cells in enumerate(reader, start=2):
        line, previous = previous + 1, reader.line_num + skipped
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            raise InputFileError(f"{source}, row {number} (line {line}): {len(cells)} cells but the header has "
                                 f"{len(header)} columns; quote cells that contain {delimiter!r}")
        yield _Row({name: restore(cell) for name, cell in zip(header, cells, strict=False) if name}, source,
                   number, line)


def _post(row: _Row) -> CalendarPost:
    for column in ("channel", "platform"):
        if row.value(column) is None:
            raise InputFileError(f"{row.where(column)}: empty; every post needs its {column}")
    status = row.choice("status")
    if status is None:
        raise InputFileError(f"{row.where('status')}: empty; expected one of {', '.join(STATUSES)}")
    return CalendarPost(
        id=row.value("uid") or f"row {row.number}", channel=row.value("channel"),
        platform=row.value("platform").lower(), scheduled_at=row.scheduled_at(), status=status,
        text=row.text("body").strip(), title=row.text("title").strip(), pillar=row.choice("pillar"),
        objective=row.choice("objective"), author=row.value("author"), campaign=row.value("campaign"),
        lang=row.choice("lang"),
    )


def read_calendar_csv(data: bytes, source: str) -> CalendarFile:
    """The posts of an Edito calendar CSV export (``data``: the file's bytes; ``source``: its name)."""
    text = decode(data, source)
    posts, inputs, zones, seen = [], [], Counter(), {}
    try:
        for row in _rows(text, source):
            post = _post(row)
            if post.id in seen:
                raise InputFileError(f"{row.where('uid')}: uid {post.id!r} is already used by row {seen[post.id]}")
            seen[post.id] = row.number
            if row.value("timezone"):
                row.zone()
                zones[row.value("timezone")] += 1
            posts.append(post)
            inputs.append(PostInput(text=post.text, channel=post.platform, lang=post.lang, source=source,
                                    line=row.line, id=post.id))
    except csv.Error as error:
        raise InputFileError(f"{source}: not a readable CSV file ({error})") from None
    return CalendarFile(posts, inputs, zones.most_common(1)[0][0] if zones else None)
