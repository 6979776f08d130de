"""Whether a post is sponsored, read from its text: the signs of a partnership and the disclosures it carries.

The calendar may say nothing (teams forget to tick the box), but the law judges the text. A *sign* is
evidence that something was given or paid: an affiliate link, someone's personal discount code, a
creator's link with an offer, a brand-partner hashtag, "partnering with @brand", a gift received, a
brand ambassador. A *strong* sign makes the post sponsored whatever the calendar says; a *weak* one
(thanks to a tagged brand for a service, a known partner named) only hints at it. A *disclosure* is a
term of the jurisdiction's lists (``checks.disclosure``), clear or ambiguous, that no negation undoes.
Each fact is computed once per post (``Post.shared``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from checks.channels import platform_for
from checks.disclosure import AFFILIATE_LINK, BARE_AFFILIATE, COURTESY, NEEDS_CONTEXT, NEGATION, terms_for
from checks.lexicons import find, find_phrases, terms
from checks.post import Post
from checks.text import (
    HASHTAG, MENTION, URL, Span, is_short_or_social, link_host, mask, spans, trailing_hashtag_block,
)


@dataclass(frozen=True)
class Sign:
    """A piece of text that shows (``strong``) or hints at a partnership; ``kind`` names the evidence."""

    start: int
    end: int
    text: str
    kind: str
    strong: bool = True


# --- disclosures ----------------------------------------------------------------------------------------

def _negated(text: str, start: int) -> bool:
    clause = re.split(r"[.!?\n;|]", text[max(0, start - 40):start])[-1]
    return bool(NEGATION.search(clause))


def _near_brand(post: Post, span: Span) -> bool:
    """A courtesy term right before a tagged brand or the partner's name ("thanks to @brand")."""
    after = post.text[span.end:span.end + 40]
    if re.match(r"\W{0,3}(?:the\s+team\s+at\s+|l['’]équipe\s+(?:de\s+)?)?@\w", after, re.IGNORECASE):
        return True
    partner = post.meta.get("partner")
    return bool(partner) and re.match(rf"\W{{0,3}}{re.escape(partner)}", after, re.IGNORECASE) is not None


def disclosures(post: Post) -> tuple[list[Span], list[Span]]:
    """The clear and the ambiguous disclosures in the post, under its language's jurisdiction."""
    def compute(post: Post) -> tuple[list[Span], list[Span]]:
        jurisdiction = post.config.jurisdictions.get(post.lang, "US")
        clear, ambiguous = terms_for(jurisdiction, tuple(post.config.disclosure_terms.get(post.lang, ())))
        clear_spans = [Span(m.start(), m.end(), m.group()) for m in find_phrases(clear, post.text)
                       if not _negated(post.text, m.start())]
        taken = {offset for span in clear_spans for offset in range(span.start, span.end)}
        ambiguous_spans = []
        for match in find_phrases(ambiguous, post.text):
            span = Span(match.start(), match.end(), match.group())
            if span.start in taken or _negated(post.text, span.start):
                continue
            if span.text.lower().replace("’", "'") in COURTESY and not _near_brand(post, span):
                continue
            ambiguous_spans.append(span)
        return clear_spans, ambiguous_spans

    return post.shared("disclosures", compute)


# --- signs --------------------------------------------------------------------------------------------

# "Use code TOMSKA", « code perso LEA15 », "code: carli". The code itself: letters and digits.
CODE_WORD = re.compile(r"(?<![\w/#@=.-])codes?\b", re.IGNORECASE)
CODE_FILLER = re.compile(r"(?:\s*(?:promo|perso(?:nnel)?|personal|is|est|:|;|=|«|»|\"|'|“|”|‘|’|-|–|—|\(|à\s+mon\s+nom"
                         r"|in\s+my\s+name|,))*\s*", re.IGNORECASE)
CODE_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9])){1,24}(?![A-Za-z0-9_])")
USE_TOKEN = re.compile(r"\b(?i:use)\s+[\"'“‘]?(?P<code>[A-Za-z]+\d+[A-Za-z0-9]*|[A-Z]{3,}\d*)[\"'”’]?\s+"
                       r"(?i:for|to\s+get|and\s+get|at\s+checkout|on\s+your)\b")
EQUALS_OFFER = re.compile(r"(?<![\w-])(?P<code>[A-Z][A-Z0-9]{2,24})\s*=\s*-?\s?\d+\s?%")
NOT_A_CODE_BEFORE = re.compile(
    r"(?:tracking|suivi|postal|zip|area|source|qr|dress|country|confirmation|booking|reservation|réservation|order"
    r"|commande|colis|parcel|access|accès|pin|wifi|wi-fi|bar|barre|secret|security|sécurité)\W{0,3}$",
    re.IGNORECASE,
)
EXPLICIT_CODE = re.compile(r"\b(?:use|using|enter|apply|utilise[zr]?|entre[zr]?|avec)\s+(?:the\s+|le\s+|my\s+|our\s+|mon\s+"
                           r"|notre\s+)?(?:promo\s+|discount\s+|coupon\s+|creator\s+|invite\s+)?$", re.IGNORECASE)
PERSONAL = re.compile(r"\b(?:my|mon|ma|perso(?:nnel)?|personal|à\s+mon\s+nom|in\s+my\s+name)\b", re.IGNORECASE)
SENTENCE = re.compile(r"[.!?\n]")


def _looks_like_code(token: str, *, explicit: bool, lang: str) -> bool:
    """CARLI, LEA15, Theo5; a lower-case word only right after "use code" or "code:"; never a tracking number."""
    digits = sum(char.isdigit() for char in token)
    if token.lower() in terms(lang, "sponsorship", "not_codes") or token.isdigit() or digits >= 8:
        return False
    letters = [char for char in token if char.isalpha()]
    if digits and letters:
        return True
    return (len(letters) >= 3 and all(char.isupper() for char in letters)) or (explicit and len(letters) >= 3)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENTENCE.finditer(text, 0, start)), default=0)
    right = SENTENCE.search(text, end)
    return text[left:right.start() if right else len(text)]


def _is_shop_code(post: Post, code: str) -> bool:
    """A shop's own promotion (SAVE20, HIVER40, the brand's name), not a person's code."""
    letters = re.sub(r"[\d_-]+", " ", code.lower()).split()
    words = set(terms(post.lang, "sponsorship", "shop_code_words"))
    if letters and all(part in words or _two_words(part, words) for part in letters):
        return True
    brand_words = {w for name in post.config.brand for w in re.findall(r"\w{4,}", name.lower())}
    return any(word in code.lower() for word in brand_words)


def _two_words(part: str, words: set[str]) -> bool:
    return any(part[:cut] in words and part[cut:] in words for cut in range(2, len(part) - 1))


def _codes(post: Post, masked: str) -> list[tuple[Span, bool]]:
    """Discount codes in the text, each with whether it is said to be the author's own (« mon code »)."""
    found: list[Span] = []
    for match in CODE_WORD.finditer(masked):
        before = masked[max(0, match.start() - 16):match.start()]
        if NOT_A_CODE_BEFORE.search(before):
            continue
        filler = CODE_FILLER.match(masked, match.end())
        token = CODE_TOKEN.match(masked, filler.end())
        if token is None or re.match(r"\s*(?:de\s+suivi|postal|pin)\b", masked[token.end():], re.IGNORECASE):
            continue
        explicit = bool(EXPLICIT_CODE.search(before)) or bool(re.search(r"[:=;«\"“]", filler.group()))
        if _looks_like_code(token.group(), explicit=explicit, lang=post.lang):
            found.append(Span(match.start(), token.end(), post.text[match.start():token.end()]))
    for pattern in (USE_TOKEN, EQUALS_OFFER):
        for match in pattern.finditer(masked):
            if not any(span.start <= match.start("code") < span.end for span in found):
                found.append(Span(match.start(), match.end("code"), post.text[match.start():match.end("code")]))
    return [(span, bool(PERSONAL.search(_sentence_around(post.text, span.start, span.end)))) for span in found]


def _code_signs(post: Post, masked: str, handles: str) -> list[Sign]:
    signs = []
    for span, personal in _codes(post, masked):
        code = CODE_TOKEN.findall(span.text)[-1] if CODE_TOKEN.findall(span.text) else span.text
        letters = re.sub(r"[\d_-]+", "", code.lower())
        vanity = len(letters) >= 4 and letters in handles
        if personal or vanity or (not post.config.brand and not _is_shop_code(post, code)):
            signs.append(Sign(span.start, span.end, span.text, "personal-code"))
    return signs


def _vanity_path(post: Post, url: str) -> str | None:
    """The one-segment path of a link to another company's site that names a person ("/mollyburke")."""
    host = link_host(url)
    if not host or is_short_or_social(host):
        return None
    try:
        path = urlsplit(url if "://" in url else f"https://{url}").path
    except ValueError:
        return None
    segments = [segment for segment in path.split("/") if segment]
    # Scraped descriptions often glue the next word to the link ("/markroberAlso"): letters, then digits.
    if len(segments) != 1 or not re.fullmatch(r"[a-z][A-Za-z_]{2,40}\d{0,6}", segments[0]):
        return None
    segment = segments[0].lower()
    if segment in terms(post.lang, "sponsorship", "shop_paths") or _is_shop_code(post, segment):
        return None
    brand_words = {w for name in post.config.brand for w in re.findall(r"\w{4,}", name.lower())}
    if any(word in host.replace("-", "") for word in brand_words):
        return None
    return segment


def _offer_links(post: Post) -> list[Sign]:
    """A creator's link to another company's site with an offer beside it ("squarespace.com/name for 10 % off")."""
    vanity = [link for link in spans(URL, post.text) if _vanity_path(post, link.text)]
    offers = find(post.lang, "sponsorship", "offer_patterns", post.text, regex=True) if vanity else []
    signs = []
    for link in vanity if offers else []:
        line_start = post.text.rfind("\n", 0, link.start) + 1
        line_end = post.text.find("\n", link.end)
        line_end = len(post.text) if line_end < 0 else line_end
        near = max(line_start, link.start - 160), min(line_end, link.end + 120)
        if any(near[0] <= offer.start() and offer.end() <= near[1] for offer in offers):
            signs.append(Sign(link.start, link.end, link.text, "offer-link"))
    return signs


GIFT_HINT = re.compile(r"offert|courtesy|gifted|complimentary|offered|provided|on the house")
PARTNER_TAG = re.compile(r"(?:partner|partenaire|ambassador|ambassadeur|ambassadrice|sponsor|sponsored)$", re.I)
GIVER = re.compile(r"\s*(?:(?:la|le|les|l['’]|the|my\s+friends\s+at|mes\s+amis\s+de|nos\s+amis\s+de)\s*)?"
                   r"(?:@\w|[A-ZÀ-Þ]|marque\b|brand\b)")
TAGGED_GIVER = re.compile(r"\s*(?:(?:the\s+team\s+at|my\s+friends\s+at|l['’]équipe\s+de)\s+)?@\w")
ADJECTIVE_GIFTED = re.compile(r"\s+(?!by\b|to\b|from\b)\w")
# "@brand", "Maison Verdier", « les éditions du Bruit du Papier »: a tagged or named organisation.
BRAND_AFTER = re.compile(r"\s+(?:(?:the|la|le|les|l['’])\s*)?(?:[a-zà-ÿ]+\s+){0,2}(?:@\w+|[A-ZÀ-Þ][\w&'’-]*)")
NOT_A_BRAND = frozenset({"i", "we", "you", "he", "she", "they", "it", "je", "nous", "vous", "on", "il", "elle",
                         "a", "an", "the", "my", "our", "this", "that", "un", "une", "ce", "cette"})


def _gift_signs(post: Post) -> list[Sign]:
    signs = []
    for match in find(post.lang, "sponsorship", "gifts", post.text):
        after = post.text[match.end():match.end() + 30]
        if match.group().lower() == "gifted":
            if ADJECTIVE_GIFTED.match(after):  # "a gifted cellist" describes someone
                continue
        elif not GIVER.match(after):
            continue
        signs.append(Sign(match.start(), match.end(), match.group(), "gift"))
    for match in find(post.lang, "sponsorship", "gifts_tagged", post.text):
        if TAGGED_GIVER.match(post.text[match.end():match.end() + 30]):
            signs.append(Sign(match.start(), match.end(), match.group(), "gift"))
    return signs


def _partnering_signs(post: Post) -> list[Sign]:
    signs = []
    for match in find(post.lang, "sponsorship", "partnering", post.text):
        brand = BRAND_AFTER.match(post.text, match.end())
        if brand and brand.group().split()[-1].strip("@").lower() not in NOT_A_BRAND:
            signs.append(Sign(match.start(), brand.end(), post.text[match.start():brand.end()], "partnering"))
    return signs


def _thanks_signs(post: Post) -> list[Sign]:
    """Thanks to a tagged brand: a gift received when a gift word follows, else only a hint."""
    gift_words = find(post.lang, "sponsorship", "gift_words", post.text)
    signs = []
    for match in find(post.lang, "sponsorship", "thanks_brand", post.text, regex=True):
        strong = any(match.end() <= word.start() <= match.end() + 40 for word in gift_words)
        signs.append(Sign(match.start(), match.end(), match.group(), "thanks-brand", strong=strong))
    return signs


def signs(post: Post) -> list[Sign]:
    """Every sign of a partnership in the text, in text order."""
    def compute(post: Post) -> list[Sign]:
        masked = mask(post.text, URL)
        handles = " ".join(m.group().lower() for m in MENTION.finditer(post.text))
        handles += " " + " ".join(link_host(link.text) + urlsplit_path(link.text) for link in spans(URL, post.text))
        lowered = post.text.lower()
        links = spans(URL, post.text)
        found = [Sign(link.start, link.end, link.text, "affiliate-link") for link in links
                 if AFFILIATE_LINK.match(link.text)]
        if "." in post.text and "/" in post.text:
            found += [Sign(m.start(), m.end(), m.group(), "affiliate-link") for m in BARE_AFFILIATE.finditer(post.text)
                      if not any(link.start <= m.start() < link.end for link in links)]
        found += [Sign(m.start(), m.end(), m.group(), "statement")
                  for m in find(post.lang, "sponsorship", "signs", post.text) if masked[m.start()] != " "]
        if "code" in lowered or "=" in lowered or "use" in lowered:
            found += _code_signs(post, masked, handles)
        found += _offer_links(post)
        found += [Sign(tag.start, tag.end, tag.text, "partner-tag") for tag in spans(HASHTAG, post.text)
                  if PARTNER_TAG.search(tag.text) and len(PARTNER_TAG.sub("", tag.text)) > 2
                  and not _is_shop_code(post, PARTNER_TAG.sub("", tag.text)[1:])]
        found += _gift_signs(post)
        found += _partnering_signs(post)
        found += _thanks_signs(post)
        if "@" in lowered or GIFT_HINT.search(lowered):
            found += [Sign(m.start(), m.end(), m.group(), "gift")
                      for m in find(post.lang, "sponsorship", "gift_patterns", post.text, regex=True)]
        if post.config.partners:
            found += [Sign(m.start(), m.end(), m.group(), "partner-name", strong=False)
                      for m in find_phrases(post.config.partners, post.text)]
        return sorted(found, key=lambda sign: (sign.start, -sign.end))

    return post.shared("partnership.signs", compute)


def urlsplit_path(url: str) -> str:
    try:
        return urlsplit(url if "://" in url else f"https://{url}").path.lower()
    except ValueError:
        return ""


def strong_signs(post: Post) -> list[Sign]:
    return [sign for sign in signs(post) if sign.strong]


def sponsored_by_text(post: Post) -> bool:
    """The text itself shows a partnership: a strong sign, or a disclosure term that says so by itself
    ("#ad", "#sp", « #pub »; not "in partnership with the city", which only a brand after it makes one)."""
    clear, ambiguous = disclosures(post)
    evident = [span for span in ambiguous if span.text.lower().replace("’", "'") not in NEEDS_CONTEXT]
    return bool(strong_signs(post) or clear or evident)


def is_sponsored(post: Post) -> bool:
    """Sponsored by the calendar or by the text (a brand's own product never is)."""
    if post.sponsorship == "own_product":
        return False
    return post.is_sponsored or sponsored_by_text(post)


# --- placement ----------------------------------------------------------------------------------------

def placement(post: Post, options_min_other_hashtags: int) -> str:
    """Where the clear disclosures are: "up front", "after the cut", "buried" (closing hashtags) or "missing"."""
    clear, _ = disclosures(post)
    if not clear:
        return "missing"
    closing = trailing_hashtag_block(post.text)
    closing_starts = {tag.start for tag in closing}
    if all(term.start in closing_starts for term in clear) and len(closing) - 1 >= options_min_other_hashtags:
        return "buried"
    platform = platform_for(post.channel)
    visible = platform.visible if platform else None
    if visible and all(term.start >= visible for term in clear) and not _next_to_first_sign(post, clear):
        return "after the cut"
    return "up front"


def _next_to_first_sign(post: Post, clear: list[Span]) -> bool:
    """An affiliate label beside the links it labels ("(Paid links)") is read where the links are."""
    found = strong_signs(post)
    if not found:
        return False
    first = found[0]
    return any(first.start - 80 <= term.start <= first.end + 60 for term in clear)
