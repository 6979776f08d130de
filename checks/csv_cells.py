"""Spreadsheet formula neutralisation for every CSV cell Edito writes, and its exact inverse on import.

A spreadsheet runs a cell starting with ``=``, ``+``, ``-`` or ``@`` (and, in some programs, a tab or
carriage return) as a formula. Such a cell is written with a leading apostrophe, which spreadsheets show
as text. So that the import gives back the exact original, a cell that starts with an apostrophe followed
by one of those characters (or another apostrophe) gets an apostrophe too; every other cell is unchanged.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ESCAPED = (*FORMULA_TRIGGERS, "'")
RISKY_FIRST = frozenset(_ESCAPED)


def neutralise(cell: str) -> str:
    """The cell as written to a CSV file: never read as a formula."""
    if not cell or cell[0] not in RISKY_FIRST:  # nearly every cell: one test
        return cell
    if cell.startswith(FORMULA_TRIGGERS) or cell[1:].startswith(_ESCAPED):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The original cell of one written by :func:`neutralise`."""
    if cell.startswith("'") and cell[1:].startswith(_ESCAPED):
        return cell[1:]
    return cell
