"""SPO — paid partnerships that are hidden, disclosed ambiguously, buried, or not declared at all."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.channels import platform_for
from checks.disclosure import AFFILIATE_LINK, terms_for
from checks.finding import Finding, Severity
from checks.lexicons import find, find_phrases
from checks.post import Post
from checks.registry import Rule, register
from checks.text import Span, trailing_hashtag_block


def disclosures(post: Post) -> tuple[list[Span], list[Span]]:
    """The clear and the ambiguous disclosures in the post, under its language's jurisdiction."""
    def compute(post: Post):
        jurisdiction = post.config.jurisdictions.get(post.lang, "US")
        clear, ambiguous = terms_for(jurisdiction, tuple(post.config.disclosure_terms.get(post.lang, ())))
        clear_spans = [Span(m.start(), m.end(), m.group()) for m in find_phrases(clear, post.text)]
        taken = {offset for span in clear_spans for offset in range(span.start, span.end)}
        ambiguous_spans = [Span(m.start(), m.end(), m.group()) for m in find_phrases(ambiguous, post.text)
                           if m.start() not in taken]
        return clear_spans, ambiguous_spans

    return post.shared("disclosures", compute)


def _partner(post: Post) -> str:
    return post.meta.get("partner") or ("la marque partenaire" if post.lang == "fr" else "the partner brand")


@register
class UndisclosedPartnership(Rule):
    """Flags a sponsored post with no disclosure.

    What it does
    ------------
    When the calendar says the post is sponsored (``sponsorship`` paid, gifted, affiliate or employee,
    or a ``partner`` named), reports it if the text carries no disclosure term, clear or ambiguous, for
    its language's jurisdiction (France: « Publicité », « Collaboration commerciale »; US: "Ad",
    "Sponsored", "Paid partnership"; UK: "Ad", "Advertisement").

    Why it matters
    --------------
    Hiding a commercial partnership is illegal (in France, loi 2023-451 on influence; in the US, the
    FTC's endorsement guides; in the UK, the CAP code) and the audience feels deceived when it comes
    out.

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
    """

    code = "SPO001"
    name = "sponsorship.undisclosed"
    severity = Severity.ERROR
    messages = {"default": {
        "fr": "Partenariat avec {partner} non signalé : aucune mention « Publicité » ou "
              "« Collaboration commerciale ».",
        "en": "Partnership with {partner} not disclosed: no \"Ad\", \"Sponsored\" or \"Paid partnership\".",
    }}
    suggestions = {"default": {
        "fr": "Commencez le message par « Publicité » ou « Collaboration commerciale avec {partner} ».",
        "en": "Start the post with \"Ad\" or \"Paid partnership with {partner}\".",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not post.is_sponsored:
            return
        clear, ambiguous = disclosures(post)
        if not clear and not ambiguous:
            yield self.finding(post, 0, 0, partner=_partner(post))


@register
class AmbiguousDisclosure(Rule):
    """Flags a sponsored post disclosed only with an ambiguous term.

    What it does
    ------------
    When the post is sponsored and its only disclosures are ambiguous for its jurisdiction (#sp,
    #spon, #collab, #ambassador, « merci à… », "thanks to…", and in France "#ad"), reports them.

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
    """

    code = "SPO002"
    name = "sponsorship.ambiguous-disclosure"
    severity = Severity.ERROR
    messages = {"default": {
        "fr": "Mention ambiguë « {term} » : elle ne suffit pas à signaler le partenariat avec {partner}.",
        "en": "Ambiguous \"{term}\": it does not disclose the partnership with {partner}.",
    }}
    suggestions = {"default": {
        "fr": "Ajoutez « Publicité » ou « Collaboration commerciale » en tête du message.",
        "en": "Add \"Ad\" or \"Paid partnership\" at the start of the post.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not post.is_sponsored:
            return
        clear, ambiguous = disclosures(post)
        if ambiguous and not clear:
            yield self.finding(post, ambiguous[0].start, ambiguous[0].end, term=ambiguous[0].text,
                               partner=_partner(post))


@register
class BuriedDisclosure(Rule):
    """Flags a disclosure hidden after the "more" cut or lost among the final hashtags.

    What it does
    ------------
    When a sponsored post's clear disclosures all sit past what the channel shows before "… more"
    (Instagram ≈ 125 characters, TikTok ≈ 150, LinkedIn ≈ 210), or inside a closing block of
    ``min_other_hashtags`` or more other hashtags, reports the disclosure.

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
        if not post.is_sponsored:
            return
        clear, _ = disclosures(post)
        if not clear:
            return
        platform = platform_for(post.channel)
        visible = platform.visible if platform else None
        closing = trailing_hashtag_block(post.text)
        closing_starts = {tag.start for tag in closing}
        if all(term.start in closing_starts for term in clear) and len(closing) - 1 >= options["min_other_hashtags"]:
            yield self.finding(post, clear[0].start, clear[0].end, "hashtags", term=clear[0].text)
        elif visible and all(term.start >= visible for term in clear):
            yield self.finding(post, clear[0].start, clear[0].end, term=clear[0].text, visible=visible,
                               channel=platform.name)


PERSONAL_CODE = re.compile(r"\b(?:mon code|my code|code perso|with my code|avec mon code)\b", re.I)
GIVER = re.compile(r"\s*(?:(?:la|le|les|l'|l’|the)\s*)?(?:@|[A-ZÀ-Þ]|marque\b|brand\b)")
ADJECTIVE_GIFTED = re.compile(r"\s+(?!by\b)\w")


def _names_a_giver(text: str, match) -> bool:
    """« offert par la mairie » or "a gifted cellist" are not gifts from a brand; « offert par @marque »
    or "gifted by @brand" are."""
    word = match.group().lower()
    after = text[match.end():match.end() + 20]
    if word.startswith(("offert", "cadeau de")):
        return bool(GIVER.match(after))
    if word == "gifted":
        return not ADJECTIVE_GIFTED.match(after)
    return True


@register
class PossibleUndisclosedPartnership(Rule):
    """Flags signs of a partnership in a post the calendar does not mark as sponsored.

    What it does
    ------------
    When ``sponsorship`` is none (or missing) and no disclosure is written, reports affiliate links
    (amzn.to, ``tag=`` parameters, known affiliate redirectors), personal promo codes (« mon code »,
    "my code"), gifts (« offert par », "gifted", "c/o") and thanks to a tagged brand for something.

    Why it matters
    --------------
    A gift, a commission or a personal code makes the post an advertisement in the eyes of the law.
    Either the calendar is wrong (mark the sponsorship) or the post must say so.

    Example
    -------
    ```post
    lang: fr
    ---
    Ma routine du soir avec ce plaid offert par @maisonverdier, et -15 % avec mon code LEA15.
    ```
    ```post
    lang: en
    ---
    My favourite kettle right now (gifted by @brewgear): amzn.to/3xYzAbc
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
        if post.is_sponsored or post.sponsorship == "own_product":
            return
        clear, _ = disclosures(post)
        if clear:
            return
        signs = [Span(m.start(), m.end(), m.group()) for m in AFFILIATE_LINK.finditer(post.text)]
        signs += [Span(m.start(), m.end(), m.group()) for m in PERSONAL_CODE.finditer(post.text)]
        signs += [Span(m.start(), m.end(), m.group()) for m in find(post.lang, "sponsorship", "signs", post.text)
                  if _names_a_giver(post.text, m)]
        signs += [Span(m.start(), m.end(), m.group())
                  for m in find(post.lang, "sponsorship", "thanks_brand", post.text, regex=True)]
        if post.config.partners:
            signs += [Span(m.start(), m.end(), m.group()) for m in find_phrases(post.config.partners, post.text)]
        if signs:
            first = min(signs, key=lambda span: span.start)
            yield self.finding(post, first.start, first.end, sign=first.text)

