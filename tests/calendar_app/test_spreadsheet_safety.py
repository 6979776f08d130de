"""No cell of a CSV export runs as a formula in a real spreadsheet program (LibreOffice, headless).

LibreOffice converts each export to a flat OpenDocument spreadsheet with formula evaluation switched
on; the test then looks for any ``table:formula`` in it. A control file with one raw ``=1+1`` cell goes
through the same conversion and must come out as a formula, so the test would notice if the conversion
stopped evaluating formulas.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calendar_app.exchange import Format, export_calendar
from calendar_app.models import CampaignCreate, PostCreate, PostStatus
from calendar_app.services import posts, workspaces
from tests.calendar_app.exchange_helpers import FORMULA_PAYLOADS, seeded_brand
from tests.conftest import missing_system_part

# Field separator, text delimiter, UTF-8, first line, -, French, quoted as text: no, special numbers: yes,
# -, -, -, -, evaluate formulas: yes.
FILTER = "CSV:{separator},34,76,1,,1036,false,true,false,false,false,-1,true"
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        missing_system_part("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui")
    return program


def convert(soffice: str, csv_file: Path, separator: str) -> str:
    """The flat ODF spreadsheet LibreOffice makes of ``csv_file``."""
    out = csv_file.parent / "converted"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{csv_file.parent / 'profile'}", "--headless",
         f"--infilter={FILTER.format(separator=ord(separator))}", "--convert-to", "fods", "--outdir", str(out),
         str(csv_file)],
        check=True, capture_output=True, timeout=180,
    )
    return (out / f"{csv_file.stem}.fods").read_text(encoding="utf-8")


def test_the_control_file_is_evaluated(soffice, tmp_path):
    control = tmp_path / "control.csv"
    control.write_text("a,b\r\n=1+1,x\r\n", encoding="utf-8")
    assert re.search(r'table:formula="of:=1\+1"', convert(soffice, control, ","))


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)  # about the files, not the database
@pytest.mark.parametrize("fmt", [Format.EDITO_CSV, Format.EXCEL_FR, Format.HOOTSUITE, Format.BUFFER, Format.SPROUT])
def test_no_exported_cell_is_run_as_a_formula(soffice, session, tmp_path, fmt):
    workspace = seeded_brand(session)
    hostile = workspaces.create_campaign(workspace.id, CampaignCreate(name="+campagne"), session=session)
    channel = workspaces.list_channels(workspace.id, session=session)[0]
    for index, payload in enumerate(FORMULA_PAYLOADS):  # approved, on the hour: schedulers take them too
        posts.create_post(PostCreate(channel_id=channel.id, campaign_id=hostile.id, title=payload, body=payload,
                                     link=None, status=PostStatus.APPROVED,
                                     scheduled_at=datetime(2026, 12, 10, 8 + index, 0, tzinfo=UTC)), session=session)
    result = export_calendar(workspace.id, fmt, session=session, now=NOW)
    separator = ";" if fmt is Format.EXCEL_FR else ","
    checked = 0
    for file in result.files:
        path = tmp_path / file.name
        path.write_bytes(file.data)
        sheet = convert(soffice, path, separator)
        assert "table:formula" not in sheet, f"{file.name}: a cell was evaluated as a formula"
        checked += sheet.count("&apos;=1+1") + sheet.count("'=1+1")
    assert checked >= 1, "the payloads should be in the sheet, shown as text"


@pytest.mark.parametrize("engine", ["sqlite"], indirect=True)
def test_the_french_spreadsheet_opens_with_dates_and_accents(soffice, session, tmp_path):
    workspace = seeded_brand(session)
    path = tmp_path / "plan.csv"
    path.write_bytes(export_calendar(workspace.id, Format.EXCEL_FR, session=session).files[0].data)
    sheet = convert(soffice, path, ";")
    assert "<text:p>Pilier éditorial</text:p>" in sheet  # UTF-8 read as such, one column per field
    assert re.search(r'office:value-type="date" office:date-value="2026-12-01"', sheet)  # dd/mm/yyyy understood
    assert "<text:p>Brouillon</text:p>" in sheet
