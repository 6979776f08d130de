"""Writing an export to disk (all files or none) or into one zip for a download."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from calendar_app.errors import ValidationError
from calendar_app.exchange.export import ExportResult


def zip_bytes(result: ExportResult) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in result.files:
            archive.writestr(file.name, file.data)
    return buffer.getvalue()


def download(result: ExportResult) -> tuple[str, bytes, str]:
    """(file name, content, MIME type) for a browser download: the file itself, or a zip of several."""
    if len(result.files) == 1:
        file = result.files[0]
        mime = "text/calendar" if file.name.endswith(".ics") else "text/csv"
        return file.name, file.data, mime
    return f"{result.stem}.zip", zip_bytes(result), "application/zip"


def output_paths(result: ExportResult, output: Path | None) -> dict[Path, bytes]:
    """Where each file goes: ``output`` itself for one file; for several, ``output``'s stem followed by the
    part's name (``plan.csv`` → ``plan-instagram.csv``), or one ``.zip`` if ``output`` ends so."""
    if output is None:
        return {Path(file.name): file.data for file in result.files}
    if output.suffix.lower() == ".zip":
        return {output: zip_bytes(result)}
    if output.is_dir():
        return {output / file.name: file.data for file in result.files}
    if len(result.files) == 1:
        return {output: result.files[0].data}
    return {output.with_name(output.stem + file.name.removeprefix(result.stem)): file.data for file in result.files}


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write every file or none: each goes to a temporary file first, then all are moved into place."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files.items():
            if not path.parent.exists():
                raise ValidationError(f"{path.parent}: no such folder; create it or choose another output.")
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
            staged.append((path, temporary))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        for path, temporary in staged:
            os.replace(temporary, path)
    except OSError as error:
        raise ValidationError(f"{error.filename or 'output'}: cannot write ({error.strerror or error}).") from None
    finally:
        for _, temporary in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return list(files)
