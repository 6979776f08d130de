"""Disclosure terms for sponsored content, by jurisdiction (a workspace setting: ``[disclosure]``).

France (loi 2023-451, ordonnance 2024-978; ARPP guidance): « Publicité » or « Collaboration
commerciale »; « #partenariat » and « Sponsorisé par [marque] » are read as clear; "#ad", « Merci à
[marque] » and end-of-post mentions are not. UK (CAP/CMA): "Ad", "Advert", "Advertising",
"Advertisement" up front; "Sponsored by", "In partnership with", a lone "Gifted", "Aff" or "PR" fall
short. US (FTC): "Ad", "Advertisement", "Sponsored", "Paid partnership" are clear; "#sp", "#spon",
"collab", a lone "thanks" or "ambassador" are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    clear: tuple[str, ...]
    ambiguous: tuple[str, ...]


JURISDICTIONS: dict[str, Jurisdiction] = {
    "FR": Jurisdiction(
        "FR",
        clear=("publicité", "#publicité", "#publicite", "collaboration commerciale", "#collaborationcommerciale",
               "partenariat rémunéré", "#partenariatrémunéré", "#partenariat", "sponsorisé par", "sponsorisée par",
               "#sponsorisé", "#sponsorise", "contenu sponsorisé"),
        ambiguous=("#ad", "#sp", "#spon", "#collab", "#partner", "#ambassador", "#ambassadeur", "#ambassadrice",
                   "#sponsored", "#gifted", "merci à", "merci a", "en collaboration avec", "en partenariat avec",
                   "c/o", "offert par", "offerte par", "#pub", "collab"),
    ),
    "UK": Jurisdiction(
        "UK",
        clear=("ad", "#ad", "advert", "#advert", "advertising", "advertisement", "advertisement feature"),
        ambiguous=("sponsored by", "sponsored", "#sponsored", "in partnership with", "gifted", "#gifted", "aff",
                   "#aff", "pr", "#pr", "#sp", "#spon", "#collab", "collab", "thanks to", "thank you",
                   "c/o", "#ambassador", "ambassador", "#partner"),
    ),
    "US": Jurisdiction(
        "US",
        clear=("ad", "#ad", "advertisement", "sponsored", "#sponsored", "paid partnership", "#paidpartnership",
               "paid partner", "paid ad", "sponsored by"),
        ambiguous=("#sp", "#spon", "#collab", "collab", "#partner", "#ambassador", "ambassador", "thanks",
                   "thank you", "thanks to", "c/o", "gifted", "#gifted", "in partnership with", "partnered with",
                   "#partnered"),
    ),
}

# Links and codes that usually mean the author earns from a sale.
AFFILIATE_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:amzn\.to|amzn\.eu|rstyle\.me|go\.skimresources\.com|awin1\.com|shareasale\.com"
    r"|howl\.me|shopmy\.us|liketk\.it|ltk\.app|geni\.us|click\.linksynergy\.com|tidd\.ly|prf\.hn|bit\.ly/aff)"
    r"[^\s]*|https?://[^\s]*[?&](?:tag|aff|affid|affiliate|aff_id|afftrack)=[^\s&]+",
    re.IGNORECASE,
)


def terms_for(jurisdiction: str, extra_clear: tuple[str, ...] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (clear, ambiguous) terms of a jurisdiction, with the workspace's extra clear terms."""
    rules = JURISDICTIONS[jurisdiction]
    return rules.clear + tuple(extra_clear), rules.ambiguous
