"""Getting the calendar out (Edito CSV, French spreadsheet, schedulers' bulk files, iCalendar) and back in.

The CLI (``edito export`` / ``edito import``) and the app's Import / export page share these functions.
"""

from calendar_app.exchange.export import ExportFilters, ExportResult, LeftOut, export_calendar
from calendar_app.exchange.formats import DESCRIPTIONS, IMPORT_FORMATS, DateOrder, Format
from calendar_app.exchange.importing import (
    ImportPlan,
    ImportRejected,
    ImportResult,
    apply_import,
    describe_plan,
    plan_import,
)

__all__ = [
    "DESCRIPTIONS", "IMPORT_FORMATS", "DateOrder", "ExportFilters", "ExportResult", "Format", "ImportPlan",
    "ImportRejected", "ImportResult", "LeftOut", "apply_import", "describe_plan", "export_calendar", "plan_import",
]
