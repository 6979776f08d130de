"""The file formats Edito exports and imports, and their columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum

from calendar_app.errors import ValidationError
from calendar_app.i18n import LABELS
from calendar_app.models import Channel


class Format(StrEnum):
    EDITO_CSV = "edito-csv"
    EXCEL_FR = "excel-fr"
    HOOTSUITE = "hootsuite"
    BUFFER = "buffer"
    SPROUT = "sprout"
    ICS = "ics"


SCHEDULER_FORMATS = (Format.HOOTSUITE, Format.BUFFER, Format.SPROUT)
IMPORT_FORMATS = (Format.EDITO_CSV, Format.EXCEL_FR, *SCHEDULER_FORMATS)
DESCRIPTIONS = {
    Format.EDITO_CSV: "Edito CSV: every field, ISO 8601 times with offset; reads back losslessly",
    Format.EXCEL_FR: "CSV for a French spreadsheet (Excel, LibreOffice): ';', UTF-8 with BOM, dd/mm/yyyy",
    Format.HOOTSUITE: "Hootsuite Bulk Composer: one file per channel, at most 350 posts each",
    Format.BUFFER: "Buffer bulk upload: one file per channel",
    Format.SPROUT: "Sprout Social bulk scheduling: one file per channel, at most 350 posts each",
    Format.ICS: "iCalendar (.ics): one event per scheduled post",
}

# The Edito CSV, in order. `checks.inputs` (edito lint) reads the same names.
EDITO_COLUMNS = (
    "uid", "scheduled_at", "timezone", "channel", "platform", "lang", "status", "title", "body", "link",
    "media_note", "objective", "pillar", "sponsorship", "partner", "campaign", "author", "reviewer", "group",
)
FINDING_COLUMNS = ("finding_count", "finding_codes", "findings")
ENUM_COLUMNS = ("status", "objective", "pillar", "sponsorship")

# The French spreadsheet: the same fields, the scheduled time split into a date and a time.
EXCEL_FR_HEADERS = {
    "uid": "Identifiant", "date": "Date", "time": "Heure", "timezone": "Fuseau horaire", "channel": "Canal",
    "platform": "Plateforme", "lang": "Langue", "status": "Statut", "title": "Titre", "body": "Texte",
    "link": "Lien", "media_note": "Visuel", "objective": "Objectif", "pillar": "Pilier éditorial",
    "sponsorship": "Partenariat", "partner": "Partenaire", "campaign": "Campagne", "author": "Auteur",
    "reviewer": "Relecteur", "group": "Groupe", "finding_count": "Nombre d'alertes",
    "finding_codes": "Codes des alertes", "findings": "Alertes",
}
EXCEL_FR_COLUMNS = ("uid", "date", "time", *EDITO_COLUMNS[2:])

# The name a channel gets when an import creates it from a platform alone (``--channel instagram``).
PLATFORM_NAMES = {
    "x": "X", "linkedin": "LinkedIn", "instagram": "Instagram", "facebook": "Facebook", "tiktok": "TikTok",
    "threads": "Threads", "bluesky": "Bluesky", "mastodon": "Mastodon", "youtube": "YouTube",
    "pinterest": "Pinterest", "blog": "Blog", "newsletter": "Newsletter",
}

HOOTSUITE_MAX_ROWS = 350
SPROUT_MAX_ROWS = 350
SCHEDULER_MIN_LEAD_MINUTES = 10
BUFFER_COLUMNS = ("Text", "Image URL", "Tags", "Posting Time")
SPROUT_COLUMNS = ("date", "time_24hr", "message_text", "link")


class DateOrder(StrEnum):
    """Day first (dd/mm/yyyy) or month first (mm/dd/yyyy) for the schedulers that offer both."""

    DMY = "dmy"
    MDY = "mdy"

    @property
    def pattern(self) -> str:
        return "%d/%m/%Y" if self is DateOrder.DMY else "%m/%d/%Y"


def fold(text: str) -> str:
    """Lower case, accents removed, spaces and dashes as underscores: for matching headers and labels."""
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "_".join(text.replace("-", " ").replace("'", " ").split())


def channels_named(name: str, channels: Iterable[Channel], *, workspace_name: str) -> list[Channel]:
    """The channels a file or a filter means by ``name``: the one with that display name, else every channel
    of that platform (any case, accents or not); an unknown name is refused with the brand's channels."""
    channels = list(channels)
    found = [channel for channel in channels if fold(channel.display_name) == fold(name)] or [
        channel for channel in channels if fold(str(channel.platform)) == fold(name)]
    if not found:
        known = ", ".join(channel.display_name for channel in channels) or "none"
        raise ValidationError(f"No channel named {name!r} in {workspace_name} (channels: {known}).")
    return found


def french_label(column: str, value: str) -> str:
    return LABELS.get(f"{column}.{value}", {}).get("fr", value)


def enum_value_by_label(column: str) -> dict[str, str]:
    """Folded French or English label, or the code itself → the code, for one enumerated column."""
    prefix = f"{column}."
    found: dict[str, str] = {}
    for key, labels in LABELS.items():
        if key.startswith(prefix):
            code = key[len(prefix):]
            found[fold(code)] = code
            for label in labels.values():
                found.setdefault(fold(label), code)
    return found
