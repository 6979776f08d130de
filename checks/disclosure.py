"""Disclosure terms for sponsored content, by jurisdiction (a workspace setting: ``[disclosure]``).

France (loi 2023-451, ordonnance 2024-978; ARPP guidance): « Publicité » or « Collaboration
commerciale »; « #partenariat » and « Sponsorisé par [marque] » are read as clear; "#ad", « Merci à
[marque] » and end-of-post mentions are not. UK (CAP/CMA): "Ad", "Advert", "Advertising",
"Advertisement" up front; "Sponsored by", "In partnership with", a lone "Gifted", "Aff" or "PR" fall
short; affiliate links and discount codes are ads. US (FTC): "Ad", "Advertisement", "Sponsored",
"Paid partnership" are clear; "#sp", "#spon", "collab", a lone "thanks" or "ambassador" are not.
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
                   "c/o", "offert par", "offerte par", "#pub", "collab", "#partenaire", "présenté par",
                   "présentée par", "lien affilié", "liens affiliés", "lien d'affiliation", "liens d'affiliation",
                   "#affiliation", "sponsored by", "sponsorisé", "sponsorisée", "avec le soutien de"),
    ),
    "UK": Jurisdiction(
        "UK",
        clear=("ad", "#ad", "advert", "#advert", "advertising", "advertisement", "advertisement feature"),
        ambiguous=("sponsored by", "sponsored", "#sponsored", "in partnership with", "gifted", "#gifted", "aff",
                   "#aff", "pr", "#pr", "#sp", "#spon", "#collab", "collab", "thanks to", "thank you",
                   "c/o", "#ambassador", "ambassador", "#partner", "brought to you by", "presented by",
                   "affiliate link", "affiliate links", "#affiliate", "paid partnership", "paid promotion",
                   "sponsor", "sponsoring"),
    ),
    "US": Jurisdiction(
        "US",
        clear=("ad", "#ad", "advertisement", "sponsored", "#sponsored", "paid partnership", "#paidpartnership",
               "paid partner", "paid ad", "sponsored by", "sponsor", "sponsors", "sponsoring", "#sponsor",
               "paid promotion", "paid sponsor", "paid sponsorship", "affiliate link", "affiliate links",
               "(affiliate)", "#affiliate", "paid link", "paid links", "#commissionsearned", "commissions earned",
               "earn from qualifying purchases", "earn a commission", "earn a small commission",
               "make a small commission", "get a small commission"),
        ambiguous=("#sp", "#spon", "#collab", "collab", "#partner", "#ambassador", "ambassador", "thanks",
                   "thank you", "thanks to", "c/o", "gifted", "#gifted", "in partnership with", "partnered with",
                   "#partnered", "brought to you by", "presented by", "supported by", "in collaboration with"),
    ),
}

# Ambiguous terms that are everyday courtesy: they count as a (poor) disclosure only right before a
# tagged brand or the partner's name ("thanks to @brand", « merci à Maison Verdier »), never alone.
COURTESY = frozenset({"thanks", "thank you", "thanks to", "merci à", "merci a", "collab", "pr", "aff",
                      "supported by", "avec le soutien de"})

# Ambiguous terms that show a partnership only with a brand after them (``checks.partnership`` reads
# "in partnership with @brand", "gifted by @brand"…): alone, they do not make a post sponsored.
NEEDS_CONTEXT = COURTESY | {
    "in partnership with", "partnered with", "in collaboration with", "en partenariat avec", "en collaboration avec",
    "gifted", "c/o", "offert par", "offerte par", "ambassador", "presented by", "présenté par", "présentée par",
}

# A disclosure term after one of these, in the same clause, says the opposite ("this video is NOT
# sponsored", « pas sponsorisé »).
NEGATION = re.compile(
    r"(?:\bnot|n['’]t|\bno|\bnever|\bnon|\bpas(?:\s+de)?|\bjamais|\baucune?|\bsans)\W{0,3}(?:\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)

# Links that usually mean the author earns from a sale: affiliate networks' short links and redirectors,
# Impact's /c/ID/ID/ID links, and the query parameters affiliate programmes add. Matched against each
# link of a post (``checks.text.URL``), and the bare short domains that regex does not see as links.
AFFILIATE_LINK = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)*(?:amzn\.to|amzn\.eu|rstyle\.me|skimresources\.com|awin1\.com|shareasale\.com"
    r"|howl\.me|shopmy\.us|liketk\.it|ltk\.app|liketoknow\.it|geni\.us|linksynergy\.com|tidd\.ly|prf\.hn"
    r"|anrdoezrs\.net|jdoqocy\.com|tkqlhce\.com|kqzyfj\.com|dpbolvw\.net|emjcd\.com|pxf\.io|sjv\.io|ojrq\.net"
    r"|evyy\.net|refr\.cc|go2cloud\.org|shop-links\.co|shopstyle\.it|avantlink\.com|pntra\.com|pntrs\.com"
    r"|gopjn\.com|mavely\.app|magik\.ly|bit\.ly/aff)(?:[/?#]\S*)?$"
    r"|https?://\S*/c/\d{5,}/\d{4,}/\d{3,}\S*"
    r"|\S*[?&#](?:tag|aff|affid|affiliate|affiliate_id|aff_id|afftrack|afmc|clickref|irgwc|ranmid|raneaid"
    r"|utm_medium=affiliate|utm_source=affiliate)(?:=[^\s&]+)?\S*",
    re.IGNORECASE,
)
BARE_AFFILIATE = re.compile(r"(?<![\w.])(?:geni\.us|shopmy\.us|liketk\.it|ltk\.app|liketoknow\.it)/\S+", re.IGNORECASE)


def terms_for(jurisdiction: str, extra_clear: tuple[str, ...] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (clear, ambiguous) terms of a jurisdiction, with the workspace's extra clear terms."""
    rules = JURISDICTIONS[jurisdiction]
    return rules.clear + tuple(extra_clear), rules.ambiguous
