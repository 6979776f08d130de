"""UI labels in French and English; the workspace's language chooses."""

from __future__ import annotations

from datetime import datetime

LABELS: dict[str, dict[str, str]] = {
    "workspace": {"fr": "Marque", "en": "Brand"},
    "calendar": {"fr": "Calendrier", "en": "Calendar"},
    "from": {"fr": "Du", "en": "From"},
    "weeks": {"fr": "Semaines affichées", "en": "Weeks shown"},
    "day": {"fr": "Jour", "en": "Day"},
    "time": {"fr": "Heure", "en": "Time"},
    "channel": {"fr": "Canal", "en": "Channel"},
    "title": {"fr": "Titre", "en": "Title"},
    "status": {"fr": "Statut", "en": "Status"},
    "no_posts": {"fr": "Aucune publication sur cette période.", "en": "No posts in this period."},
    "no_workspace": {
        "fr": "Aucune marque pour l'instant : lancez `edito demo` ou créez-en une.",
        "en": "No brand yet: run `edito demo` or create one.",
    },
    "posts_count": {"fr": "{count} publications", "en": "{count} posts"},
    "status.idea": {"fr": "Idée", "en": "Idea"},
    "status.draft": {"fr": "Brouillon", "en": "Draft"},
    "status.in_review": {"fr": "En relecture", "en": "In review"},
    "status.changes_requested": {"fr": "Modifications demandées", "en": "Changes requested"},
    "status.approved": {"fr": "Validée", "en": "Approved"},
    "status.scheduled": {"fr": "Programmée", "en": "Scheduled"},
    "status.published": {"fr": "Publiée", "en": "Published"},
    "status.archived": {"fr": "Archivée", "en": "Archived"},
}


WEEKDAYS = {
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def short_day(moment: datetime, lang: str = "fr") -> str:
    """A day as « mar. 24/11 » or "Tue 24/11", without depending on the machine's locale."""
    return f"{WEEKDAYS.get(lang, WEEKDAYS['en'])[moment.weekday()]} {moment:%d/%m}"


def t(key: str, lang: str = "fr", **values: object) -> str:
    label = LABELS.get(key, {}).get(lang) or LABELS.get(key, {}).get("en") or key
    return label.format(**values) if values else label
