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
    "compose": {"fr": "Rédiger", "en": "Compose"},
    "no_channel": {"fr": "Cette marque n'a pas encore de canal.", "en": "This brand has no channel yet."},
    "body": {"fr": "Texte publié", "en": "Published text"},
    "length": {"fr": "{used} / {limit} caractères comptés comme {platform}",
               "en": "{used} / {limit} characters, counted as {platform} does"},
    "objective": {"fr": "Objectif", "en": "Objective"},
    "pillar": {"fr": "Pilier éditorial", "en": "Content pillar"},
    "campaign": {"fr": "Campagne", "en": "Campaign"},
    "sponsorship": {"fr": "Partenariat", "en": "Sponsorship"},
    "partner": {"fr": "Marque partenaire", "en": "Partner brand"},
    "link": {"fr": "Lien", "en": "Link"},
    "checks": {"fr": "Relecture automatique", "en": "Pre-publication check"},
    "preview": {"fr": "Aperçu", "en": "Preview"},
    "see_more_cut": {"fr": "Seuls les {visible} premiers caractères sont visibles avant « … plus » sur {platform}.",
                     "en": "Only the first {visible} characters show before \"… more\" on {platform}."},
    "start_typing": {"fr": "Commencez à écrire : la relecture s'affiche ici.",
                     "en": "Start typing: the check shows here."},
    "save": {"fr": "Enregistrer le brouillon", "en": "Save draft"},
    "saved": {"fr": "Brouillon n°{id} enregistré.", "en": "Draft #{id} saved."},
    "objective.awareness": {"fr": "Notoriété", "en": "Awareness"},
    "objective.engagement": {"fr": "Engagement", "en": "Engagement"},
    "objective.traffic": {"fr": "Trafic", "en": "Traffic"},
    "objective.conversion": {"fr": "Conversion", "en": "Conversion"},
    "objective.community": {"fr": "Communauté", "en": "Community"},
    "objective.customer_care": {"fr": "Service client", "en": "Customer care"},
    "pillar.educational": {"fr": "Pédagogique", "en": "Educational"},
    "pillar.entertaining": {"fr": "Divertissant", "en": "Entertaining"},
    "pillar.inspirational": {"fr": "Inspirant", "en": "Inspirational"},
    "pillar.community": {"fr": "Communauté", "en": "Community"},
    "pillar.behind_the_scenes": {"fr": "Coulisses", "en": "Behind the scenes"},
    "pillar.news": {"fr": "Actualité", "en": "News"},
    "pillar.promotional": {"fr": "Promotionnel", "en": "Promotional"},
    "sponsorship.none": {"fr": "Aucun", "en": "None"},
    "sponsorship.paid": {"fr": "Rémunéré", "en": "Paid"},
    "sponsorship.gifted": {"fr": "Produit offert", "en": "Gifted"},
    "sponsorship.affiliate": {"fr": "Affiliation", "en": "Affiliate"},
    "sponsorship.employee": {"fr": "Salarié de la marque", "en": "Employee"},
    "sponsorship.own_product": {"fr": "Produit de la marque", "en": "Own product"},
    # --- review (labels of the review page) ---
    # --- calendar grid ---
    # --- insights ---
    # --- trash and settings ---
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
