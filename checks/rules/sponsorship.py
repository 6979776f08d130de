"""SPO — paid partnerships that are hidden, disclosed ambiguously, buried, or not declared at all.

A post is sponsored when the calendar says so, or when its text shows it (``checks.partnership``): the
rules judge what the post says, as the law does.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.channels import platform_for
from checks.finding import Finding, Severity
from checks.partnership import disclosures, is_sponsored, placement, signs, strong_signs
from checks.post import Post
from checks.registry import Rule, register

def _partner(post: Post) -> str:
    return post.meta.get("partner") or ("la marque partenaire" if post.lang == "fr" else "the partner brand")


def _evidence(post: Post) -> str:
    """What shows the partnership, for a message: the calendar, or the first strong sign in the text."""
    found = strong_signs(post)
    return found[0].text.strip() if found else ""


def _calendar_disagrees(post: Post) -> bool:
    """The calendar explicitly says "not sponsored" while the text shows a partnership."""
    return post.meta.get("sponsorship") == "none" and not post.is_sponsored


def _variant(post: Post, base: str = "default") -> str:
    if post.is_sponsored:
        return base
    return f"{base}_calendar_none" if _calendar_disagrees(post) else f"{base}_text"


@register
class UndisclosedPartnership(Rule):
    """Flags a sponsored post with no disclosure.

    What it does
    ------------
    Reports a sponsored post whose text carries no disclosure term, clear or ambiguous, for its
    language's jurisdiction (France: « Publicité », « Collaboration commerciale »; US: "Ad",
    "Sponsored", "Paid partnership"; UK: "Ad", "Advertisement"). A post is sponsored when the calendar
    says so (``sponsorship`` paid, gifted, affiliate or employee, or a ``partner`` named) or when its
    text shows it: an affiliate link, someone's personal discount code, a creator's link with an offer,
    a brand-partner hashtag, "partnering with @brand", a gift received from a brand, a brand ambassador.
    When the calendar says ``none`` but the text shows a partnership, the finding says both.

    Why it matters
    --------------
    Hiding a commercial partnership is illegal (in France, loi 2023-451 on influence; in the US, the
    FTC's endorsement guides; in the UK, the CAP code) and the audience feels deceived when it comes
    out. Teams forget to tick the box in the calendar; the law judges the text.

    Example
    -------
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    ---
    Cette box cocooning est un vrai coup de cœur, je l'utilise tous les soirs.
    ```
    ```post
    lang: en
    sponsorship: gifted
    partner: BrewGear
    ---
    This grinder changed my mornings, I use it every day.
    ```
    ```post
    lang: fr
    sponsorship: none
    ---
    Ma routine du soir avec la bougie au cèdre : -15 % avec mon code NINA15 sur le site de la marque.
    ```
    ```post
    lang: en
    ---
    The tripod I film everything with: https://amzn.to/3kTr1pd
    ```

    Use instead
    -----------
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    ---
    Publicité | Collaboration commerciale avec Maison Verdier : leur box cocooning, testée un mois.
    ```
    ```post
    lang: en
    sponsorship: gifted
    partner: BrewGear
    ---
    Ad | BrewGear sent me this grinder. I've used it every day for a month: here is what I think.
    ```
    ```post
    lang: fr
    ---
    Publicité | Ma routine du soir avec la bougie au cèdre : -15 % avec mon code NINA15 sur le site de la marque.
    ```
    ```post
    lang: en
    ---
    Ad | The tripod I film everything with (affiliate link): https://amzn.to/3kTr1pd
    ```
    """

    code = "SPO001"
    name = "sponsorship.undisclosed"
    severity = Severity.ERROR
    messages = {
        "default": {
            "fr": "Partenariat avec {partner} non signalé : aucune mention « Publicité » ou "
                  "« Collaboration commerciale ».",
            "en": "Partnership with {partner} not disclosed: no \"Ad\", \"Sponsored\" or \"Paid partnership\".",
        },
        "default_text": {
            "fr": "Le texte montre un partenariat (« {evidence} ») mais ne le signale pas : aucune mention "
                  "« Publicité » ou « Collaboration commerciale ».",
            "en": "The text shows a partnership (\"{evidence}\") but does not disclose it: no \"Ad\", "
                  "\"Sponsored\" or \"Paid partnership\".",
        },
        "default_calendar_none": {
            "fr": "Le calendrier indique « aucun partenariat », mais le texte en montre un (« {evidence} ») et ne "
                  "le signale pas : aucune mention « Publicité » ou « Collaboration commerciale ».",
            "en": "The calendar says \"not sponsored\", but the text shows a partnership (\"{evidence}\") and does "
                  "not disclose it: no \"Ad\", \"Sponsored\" or \"Paid partnership\".",
        },
    }
    suggestions = {
        "default": {
            "fr": "Commencez le message par « Publicité » ou « Collaboration commerciale avec {partner} ».",
            "en": "Start the post with \"Ad\" or \"Paid partnership with {partner}\".",
        },
        "default_calendar_none": {
            "fr": "Indiquez le partenariat dans le calendrier et commencez le message par « Publicité ».",
            "en": "Mark the sponsorship in the calendar and start the post with \"Ad\".",
        },
    }

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not is_sponsored(post):
            return
        clear, ambiguous = disclosures(post)
        if clear or ambiguous or any(sign.kind == "partner-tag" for sign in signs(post)):
            return  # an ambiguous label, a partner hashtag included, is SPO002's business
        found = strong_signs(post)
        if post.is_sponsored:
            yield self.finding(post, 0, 0, partner=_partner(post))
        elif found:
            yield self.finding(post, found[0].start, found[0].end, _variant(post), evidence=_evidence(post),
                               partner=_partner(post))


@register
class AmbiguousDisclosure(Rule):
    """Flags a sponsored post disclosed only with an ambiguous term.

    What it does
    ------------
    When the post is sponsored (by the calendar or by what its text shows) and its only disclosures are
    ambiguous for its jurisdiction (#sp, #spon, #collab, #ambassador, a brand-partner hashtag such as
    #BrewGearPartner, « merci à @marque », "thanks to @brand", "brought to you by", and in France
    "#ad" or « #pub »), reports them.

    Why it matters
    --------------
    Regulators and the audience read these tags as unclear: the partnership still counts as hidden.

    Example
    -------
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    ---
    Merci à @maisonverdier pour cette box, je l'adore ! #collab
    ```
    ```post
    lang: en
    sponsorship: paid
    partner: BrewGear
    ---
    Thanks to @brewgear for my new grinder! #sp
    ```
    ```post
    lang: en
    ---
    Sunday pour-over, slow and quiet. #coffee #morning #BrewGearPartner
    ```

    Use instead
    -----------
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    ---
    Collaboration commerciale avec @maisonverdier : leur box, je l'adore !
    ```
    ```post
    lang: en
    sponsorship: paid
    partner: BrewGear
    ---
    #ad Paid partnership with @brewgear: my new grinder, first impressions.
    ```
    ```post
    lang: en
    ---
    Ad | Sunday pour-over with @brewgear, slow and quiet. #coffee #BrewGearPartner
    ```
    """

    code = "SPO002"
    name = "sponsorship.ambiguous-disclosure"
    severity = Severity.ERROR
    messages = {
        "default": {
            "fr": "Mention ambiguë « {term} » : elle ne suffit pas à signaler le partenariat avec {partner}.",
            "en": "Ambiguous \"{term}\": it does not disclose the partnership with {partner}.",
        },
        "default_text": {
            "fr": "Mention ambiguë « {term} » : le texte montre un partenariat, mais cette mention ne suffit pas "
                  "à le signaler.",
            "en": "Ambiguous \"{term}\": the text shows a partnership, and this does not disclose it.",
        },
        "default_calendar_none": {
            "fr": "Le calendrier indique « aucun partenariat », mais le texte en montre un, signalé seulement par "
                  "la mention ambiguë « {term} ».",
            "en": "The calendar says \"not sponsored\", but the text shows a partnership, disclosed only by the "
                  "ambiguous \"{term}\".",
        },
    }
    suggestions = {"default": {
        "fr": "Ajoutez « Publicité » ou « Collaboration commerciale » en tête du message.",
        "en": "Add \"Ad\" or \"Paid partnership\" at the start of the post.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not is_sponsored(post):
            return
        clear, ambiguous = disclosures(post)
        tags = [sign for sign in signs(post) if sign.kind == "partner-tag"]
        shown = sorted(ambiguous + tags, key=lambda span: span.start)
        if shown and not clear:
            yield self.finding(post, shown[0].start, shown[0].end, _variant(post), term=shown[0].text,
                               partner=_partner(post))


@register
class BuriedDisclosure(Rule):
    """Flags a disclosure hidden after the "more" cut or lost among the final hashtags.

    What it does
    ------------
    When a sponsored post's clear disclosures all sit past what the channel shows before "… more"
    (Instagram ≈ 125 characters, TikTok ≈ 150, LinkedIn ≈ 210, a YouTube description ≈ 157), or
    inside a closing block of ``min_other_hashtags`` or more other hashtags, reports the disclosure. A
    label right beside the affiliate links it labels ("(Paid links)") counts where the links are.

    Why it matters
    --------------
    A disclosure must be seen before the reader engages. Regulators count a label after the cut or
    drowned among hashtags as no label.

    Example
    -------
    ```post
    lang: en
    sponsorship: paid
    partner: BrewGear
    channel: x
    ---
    My new grinder is here and mornings are better already. #coffee #morning #brew #gear #ad
    ```
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    channel: instagram
    ---
    Les soirées d'hiver sont plus douces avec une bougie, un plaid et un bon livre. Voici ma routine du
    soir, étape par étape, pour ralentir vraiment. Publicité pour Maison Verdier.
    ```
    ```post
    lang: en
    channel: youtube
    ---
    Go to brewgear.example/samroasts for 15% off your first grinder! Today we finally test the three
    cheapest grinders on the market against a burr grinder that costs ten times more, blind, with four
    friends and a lot of coffee. This video is sponsored by BrewGear.
    ```

    Use instead
    -----------
    ```post
    lang: en
    sponsorship: paid
    partner: BrewGear
    channel: x
    ---
    #ad My new grinder from @brewgear is here and mornings are better already. #coffee
    ```
    ```post
    lang: fr
    sponsorship: paid
    partner: Maison Verdier
    channel: instagram
    ---
    Publicité | Les soirées d'hiver avec Maison Verdier : une bougie, un plaid et un bon livre.
    ```
    ```post
    lang: en
    channel: youtube
    ---
    This video is sponsored by BrewGear: go to brewgear.example/samroasts for 15% off your first
    grinder! Today we finally test the three cheapest grinders on the market against a burr grinder.
    ```
    """

    code = "SPO003"
    name = "sponsorship.buried-disclosure"
    options = {"min_other_hashtags": 3}
    messages = {
        "default": {
            "fr": "Mention « {term} » invisible avant « … plus » ({visible} premiers caractères sur {channel}).",
            "en": "\"{term}\" is hidden after \"… more\" (first {visible} characters on {channel}).",
        },
        "hashtags": {
            "fr": "Mention « {term} » noyée parmi les hashtags de fin.",
            "en": "\"{term}\" is lost among the closing hashtags.",
        },
    }
    suggestions = {"default": {
        "fr": "Placez la mention au tout début du message, avant tout hashtag.",
        "en": "Put the disclosure at the very start of the post, before any hashtag.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not is_sponsored(post):
            return
        where = placement(post, options["min_other_hashtags"])
        if where in ("missing", "up front"):
            return
        clear, _ = disclosures(post)
        first = clear[0]
        if where == "buried":
            yield self.finding(post, first.start, first.end, "hashtags", term=first.text)
        else:
            platform = platform_for(post.channel)
            yield self.finding(post, first.start, first.end, term=first.text, visible=platform.visible,
                               channel=platform.name)


@register
class PossibleUndisclosedPartnership(Rule):
    """Flags hints of a partnership in a post that neither the calendar nor the text declares.

    What it does
    ------------
    When nothing declares a partnership (no sponsorship in the calendar, no disclosure, no clear sign of
    one in the text), reports what hints at one: thanks to a tagged brand for something, or the name of
    a known partner (``partners`` in the settings). Clear signs (an affiliate link, a personal code, a
    gift from a brand) are SPO001's business.

    Why it matters
    --------------
    A gift, a commission or a service given for free makes the post an advertisement in the eyes of the
    law. Either there is no deal (nothing to do), or the calendar is wrong and the post must say so.

    Example
    -------
    ```post
    lang: fr
    ---
    Merci @cafe_lumiere pour l'accueil ce matin, le meilleur flat white du quartier.
    ```
    ```post
    lang: en
    ---
    Thanks @brewgear for the new kettle, it's gorgeous.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Merci à toutes celles et ceux venus nous voir au salon ce week-end !
    ```
    ```post
    lang: en
    kind: reply
    ---
    Sorry for the wait, Sam. Your tracking code is 1Z999AA10123456784, and it should arrive Friday.
    ```
    """

    code = "SPO004"
    name = "sponsorship.possible-undisclosed"
    messages = {"default": {
        "fr": "Signe d'un partenariat non déclaré : « {sign} ».",
        "en": "Possible undisclosed partnership: \"{sign}\".",
    }}
    suggestions = {"default": {
        "fr": "S'il y a contrepartie, indiquez le partenariat dans le calendrier et « Publicité » dans le texte.",
        "en": "If something was given or paid, mark the sponsorship in the calendar and add \"Ad\" to the text.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.sponsorship == "own_product" or is_sponsored(post):
            return
        hints = signs(post)
        if hints:
            yield self.finding(post, hints[0].start, hints[0].end, sign=hints[0].text)
