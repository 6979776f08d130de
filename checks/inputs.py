"""Reading posts for ``edito lint``: Markdown with front matter, plain text, the calendar's CSV export,
stdin, and folders of those.

- ``-`` is stdin: one post (read like a file named ``stdin_name`` when one is given).
- ``.md``: optional YAML front matter between ``---`` lines (keys in FRONT_MATTER_KEYS); the post is the
  body after it, and ``PostInput.line`` is the body's first line, so reported lines match the file.
- ``.csv``: one post per row, as in ``edito export`` (Edito CSV); the header needs a ``body`` (or ``text``)
  column, and ``platform`` (else ``channel``) names the network; ``,``, ``;`` or tab
  delimited; UTF-8 with or without BOM, else Windows-1252. Rows are numbered as in a spreadsheet (the
  header is row 1). A finding's line and column are exact, also in multi-line cells, except after a
  doubled quote (``""``) in the same cell, where the column may be off by the quotes before it.
- any other file: the whole file is one post. Plain text has no place for an objective, nor has a CSV
  file without an ``objective`` column, so MES001 does not ask them for one.
- a folder: its ``.md``, ``.txt`` and ``.csv`` files, recursively, sorted, hidden ones left out.

Leading blank lines and trailing whitespace are not part of a post. A problem raises InputFileError,
whose message is one sentence naming the file (and line, row or column where it applies).
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from checks.csv_cells import restore
from checks.engine import InputError
from checks.post import META_CHOICES, PostInput, position

SUFFIXES = (".md", ".txt", ".csv")
STDIN = "-"
CHOICES: dict[str, tuple[str, ...]] = {"lang": ("fr", "en"), **META_CHOICES}
META_KEYS = ("objective", "pillar", "sponsorship", "partner", "kind", "link", "title")
FRONT_MATTER_KEYS = ("channel", "lang", "id", *META_KEYS, "silence")
CSV_ALIASES = {
    "body": ("body", "text"), "channel": ("platform", "channel"), "lang": ("lang", "language"),
    "id": ("id", "uid"), **{key: (key,) for key in META_KEYS},
}
_SEP_LINE = re.compile(r"^sep=(.)\r?$")


class InputFileError(InputError):
    """A file that cannot be read as posts; the message names the file and where the problem is."""


def describe_os_error(error: OSError) -> str:
    """``path: reason`` in one line, for a file that cannot be opened, read or written."""
    reason = (error.strerror or str(error)).lower()
    return f"{error.filename}: {reason}" if error.filename else reason


# --- values shared by front matter and CSV columns ---------------------------------------------------

def _text_value(key: str, value: Any, where: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputFileError(f"{where}: {key} must be text, not {value!r}")
    value = str(value).strip()
    if key in CHOICES or key == "channel":
        value = value.lower()
    if key in CHOICES:
        value = value.replace("-", "_").replace(" ", "_")
        if value not in CHOICES[key]:
            raise InputFileError(f"{where}: {key} must be one of {', '.join(CHOICES[key])}, not {value!r}")
    if key == "link" and not value.startswith(("http://", "https://")):
        raise InputFileError(f"{where}: link must be a web address starting with http:// or https://, not {value!r}")
    return value


def _silence(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise InputFileError(f"{where}: silence must map rule codes to the reason, like silence: {{COM001: \"why\"}}")
    for code, reason in value.items():
        if not isinstance(reason, str) or not reason.strip():
            raise InputFileError(f"{where}: silencing {code} needs a reason, like silence: {{{code}: \"why\"}}")
    return {str(code): reason.strip() for code, reason in value.items()}


def _post(text: str, values: Mapping[str, Any], where: Callable[[str], str], *, source: str, line: int,
          column: int, default_id: str | None, defaults: Mapping[str, str | None], planned: bool = True
          ) -> PostInput:
    """A PostInput from the checked ``values`` (front-matter keys or CSV columns); ``planned`` is false
    for text that has no place for an objective."""
    fields = {key: _text_value(key, value, where(key)) for key, value in values.items() if key != "silence"}
    meta: dict[str, Any] = {key: fields[key] for key in META_KEYS if fields.get(key)}
    if values.get("silence") is not None:
        meta["silence"] = _silence(values["silence"], where("silence"))
    text, line, column = _trim(text, line, column)
    return PostInput(
        text=text, channel=fields.get("channel") or defaults["channel"], lang=fields.get("lang") or defaults["lang"],
        meta=meta, source=source, line=line, column=column, id=fields.get("id") or default_id, planned=planned,
    )


def _trim(text: str, line: int, column: int) -> tuple[str, int, int]:
    """Drops leading blank lines (moving the start) and trailing whitespace."""
    text = text.rstrip()
    blank = re.match(r"(?:[ \t]*\n)*", text).group()
    if blank:
        return text[len(blank):], line + blank.count("\n"), 1
    return text, line, column


# --- decoding -----------------------------------------------------------------------------------------

def decode(data: bytes, source: str, *, universal_newlines: bool = True) -> str:
    """Text of a file: UTF-16 with BOM, UTF-8 (BOM or not), else Windows-1252; newlines made ``\\n`` unless
    ``universal_newlines`` is false (a CSV reader that must keep a cell's own carriage returns)."""
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif b"\x00" in data:
            raise InputFileError(f"{source}: is a binary file, not text")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InputFileError(f"{source}: cannot be decoded as UTF-8 or Windows-1252 "
                             f"(byte 0x{error.object[error.start]:02x} at offset {error.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n") if universal_newlines else text


# --- Markdown with front matter ---------------------------------------------------------------------

def _front_matter(text: str, source: str) -> tuple[str, int, str, int]:
    """(front matter, its first line, body, the body's first line); no front matter gives ("", 0, text, 1)."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return "", 0, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2
    raise InputFileError(f"{source}, line 1: the front matter opened by '---' is never closed by a '---' line")


def _key_line(header: str, first_line: int, key: str) -> int:
    for offset, line in enumerate(header.split("\n")):
        if re.match(rf"\s*['\"]?{re.escape(str(key))}['\"]?\s*:", line):
            return first_line + offset
    return first_line


def read_markdown(text: str, source: str, defaults: Mapping[str, str | None]) -> PostInput:
    import yaml

    header, first_line, body, body_line = _front_matter(text, source)
    try:
        values = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{source}, line {first_line + mark.line}" if mark else source
        detail = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputFileError(f"{where}: invalid YAML front matter ({detail})") from None
    if not isinstance(values, Mapping):
        raise InputFileError(f"{source}, line {first_line}: the front matter must be 'key: value' lines, "
                             f"not {type(values).__name__}")

    def where(key: str) -> str:
        return f"{source}, line {_key_line(header, first_line, key)}"

    for key in values:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise InputFileError(f"{where(key)}: unknown front-matter key {key!r}; {hint}"
                                 f"expected {', '.join(FRONT_MATTER_KEYS)}")
    return _post(body, values, where, source=source, line=body_line, column=1, default_id=None, defaults=defaults)


# --- the calendar's CSV export ------------------------------------------------------------------------

def _field_starts(record: str, delimiter: str) -> list[int]:
    """Where each cell's content starts in the raw text of one CSV record (after an opening quote)."""
    starts, index, size = [], 0, len(record)
    while True:
        quoted = index < size and record[index] == '"'
        starts.append(index + quoted)
        index += quoted
        while index < size:
            char = record[index]
            if quoted and char == '"':
                if record[index + 1:index + 2] == '"':
                    index += 2
                    continue
                quoted = False
            elif not quoted and char in (delimiter, "\n"):
                break
            index += 1
        if index >= size or record[index] != delimiter:
            return starts
        index += 1


def _columns(header: list[str], source: str) -> dict[str, int]:
    names = [name.strip().lower() for name in header]
    columns: dict[str, int] = {}
    for key, aliases in CSV_ALIASES.items():
        for alias in aliases:
            if alias in names:
                columns[key] = names.index(alias)
                break
    if "body" not in columns:
        raise InputFileError(f"{source}: the CSV header has no 'body' (or 'text') column "
                             f"(found: {', '.join(name for name in names if name) or 'nothing'})")
    return columns


def split_delimiter(text: str) -> tuple[str, str, int]:
    """The delimiter of a CSV text, the text to parse and how many lines were taken off its start.

    Excel's ``sep=;`` first line names the delimiter (and is taken off); otherwise it is whichever of
    ``,``, ``;`` and tab the first line holds most often.
    """
    first_line, _, rest = text.partition("\n")
    sep_line = _SEP_LINE.match(first_line)
    if sep_line:
        return sep_line.group(1), rest, 1
    return max((",", ";", "\t"), key=first_line.count), text, 0


def read_csv(text: str, source: str, defaults: Mapping[str, str | None]) -> list[PostInput]:
    try:
        return list(_csv_posts(text, source, defaults))
    except csv.Error as error:  # for example a cell over the csv module's size limit
        raise InputFileError(f"{source}: not a readable CSV file ({error})") from None


def _csv_posts(text: str, source: str, defaults: Mapping[str, str | None]) -> Iterator[PostInput]:
    lines = text.split("\n")
    delimiter, text, skipped = split_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise InputFileError(f"{source}: the CSV file is empty; it needs a header with a 'body' column")
    columns = _columns(header, source)
    previous = reader.line_num
    for row_number, row in enumerate(reader, start=2):
        first, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        line = first + skipped
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
            raise InputFileError(f"{source}, row {row_number} (line {line}): {len(row)} cells but the header "
                                 f"has {len(header)} columns; quote cells that contain {delimiter!r}")
        cells = {key: restore(row[index]) if index < len(row) else "" for key, index in columns.items()}
        if not cells["body"].strip():
            continue
        record = "\n".join(lines[line - 1:previous + skipped])
        starts = _field_starts(record, delimiter)
        body_line, body_column = line, 1
        if len(starts) == len(row):  # else (a malformed record) the row's first line is near enough
            shift = len(row[columns["body"]]) - len(cells["body"])  # a neutralising apostrophe
            body_line, body_column = position(record, starts[columns["body"]] + shift, line=line)

        def where(key: str, row_number: int = row_number, line: int = line) -> str:
            return f"{source}, row {row_number} (line {line}), column {header[columns[key]].strip()!r}"

        values = {key: value for key, value in cells.items() if key != "body"}
        yield _post(cells["body"], values, where, source=source, line=body_line, column=body_column,
                    default_id=f"row {row_number}", defaults=defaults, planned="objective" in columns)


# --- files, folders, stdin ------------------------------------------------------------------------------

def _read_text(text: str, source: str, defaults: Mapping[str, str | None]) -> list[PostInput]:
    suffix = Path(source).suffix.lower()
    if suffix == ".csv":
        return read_csv(text, source, defaults)
    if suffix == ".md":
        return [read_markdown(text, source, defaults)]
    return [_post(text, {}, lambda key: source, source=source, line=1, column=1, default_id=None,
                  defaults=defaults, planned=False)]


def files_in(folder: Path) -> list[Path]:
    """The folder's .md, .txt and .csv files, recursively, sorted; hidden files and folders left out."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(root, name) for name in files
                     if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES)
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def _expand(paths: list[str]) -> Iterator[str]:
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found = files_in(path)
            if not found:
                raise InputFileError(f"{name}: the folder holds no .md, .txt or .csv file")
            yield from (str(file) for file in found)
        else:
            yield name


def read_inputs(paths: list[str], *, default_channel: str | None = None, default_lang: str | None = None,
                stdin: IO[bytes] | None = None, stdin_name: str | None = None) -> list[PostInput]:
    """Every post in ``paths`` (files, folders, ``-`` for stdin), in order; each file read once."""
    defaults = {"channel": default_channel.lower() if default_channel else None, "lang": default_lang}
    posts: list[PostInput] = []
    seen: set[str] = set()
    for name in _expand(paths):
        if name == STDIN:
            data = (stdin or sys.stdin.buffer).read()
            source = stdin_name or STDIN
        else:
            key = os.path.realpath(name)
            if key in seen:
                continue
            seen.add(key)
            try:
                data = Path(name).read_bytes()
            except OSError as error:
                raise InputFileError(describe_os_error(error)) from None
            source = name
        posts.extend(_read_text(decode(data, source), source, defaults))
    return posts
