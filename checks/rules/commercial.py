"""COM — posts that talk 100 % commercial: sales pressure, stacked calls to buy, urgency, hype, shouting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from checks.finding import Finding, Severity
from checks.lexicons import find, terms
from checks.post import Post
from checks.registry import Rule, register
from checks.signals import (
    PRICE,
    PROMO_CODE,
    pronouns,
    purchase_calls,
    sales_share,
    sales_terms,
    scarcity_terms,
    sells,
    urgency_terms,
    word_count,
)
from checks.text import EMOJI, HASHTAG, MENTION, URL, Span, mask, spans, words


@register
class SalesPressure(Rule):
    """Flags a post made mostly of sales vocabulary, prices, discounts and calls to buy.

    What it does
    ------------
    Counts the words that push a sale (promotional vocabulary, prices, percentages, promo codes, calls
    to buy, urgency) and compares them with the length of the post. A warning above ``warn_share``, an
    error above ``error_share``: the post is then almost nothing else. The same goes for the opening of
    a long post (its first ``lead_words`` words), which is what people read. A short post (``pitch_words``
    words at most) that stacks an offer, a call to buy and urgency or scarcity ("limited-edition gift
    with purchase, shop now") is a pitch too, whatever the share.

    Why it matters
    --------------
    People follow a brand for what it teaches, shows or shares. A feed that only sells is scrolled past
    or muted; promotions work best as the exception, wrapped in a reason to care.

    Example
    -------
    ```post
    lang: fr
    ---
    SOLDES -40 % sur tout, livraison offerte, code HIVER40 : achetez maintenant, commandez vite !
    ```
    ```post
    lang: en
    ---
    Flash sale: 50% off everything, free shipping, promo code SAVE50. Shop now, buy now!
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    On déstocke les bougies de l'hiver dernier à -20 % plutôt que de les jeter : même cire de colza,
    même mèche en coton. Vous préférez lesquelles, les boisées ou les fleuries ?
    ```
    ```post
    lang: en
    ---
    Our winter roast is 20% off this week because we over-ordered green beans. Same farm, same profile.
    What do you brew it in?
    ```
    """

    code = "COM001"
    name = "commercial.sales-pressure"
    options = {"warn_share": 0.25, "error_share": 0.45, "min_terms": 3, "pitch_words": 60, "lead_words": 40}
    messages = {
        "default": {
            "fr": "Discours 100 % commercial : {percent}\u202f% des mots poussent à l'achat ({count} termes de vente).",
            "en": "All sales talk: {share:.0%} of the words push a sale ({count} sales terms).",
        },
        "lead": {
            "fr": "Ouverture 100 % commerciale : {percent}\u202f% des {words} premiers mots poussent à l'achat "
                  "({count} termes de vente).",
            "en": "The opening is all sales talk: {share:.0%} of the first {words} words push a sale "
                  "({count} sales terms).",
        },
        "pitch": {
            "fr": "Argumentaire de vente : une offre, un appel à acheter et de l'urgence ({terms}), et rien d'autre.",
            "en": "A sales pitch: an offer, a call to buy and urgency ({terms}), and little else.",
        },
    }
    suggestions = {"default": {
        "fr": "Donnez une raison de s'intéresser (histoire, conseil, coulisses) et gardez une seule offre.",
        "en": "Give people a reason to care (a story, a tip, how it is made) and keep one offer.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        for variant, lead_words in (("default", None), ("lead", options["lead_words"])):
            pushes, share = sales_share(post, lead_words)
            if len(pushes) >= options["min_terms"] and share >= options["warn_share"]:
                start, end = min(s.start for s in pushes), max(s.end for s in pushes)
                yield self.finding(post, start, end, variant, share=share, percent=round(share * 100),
                                   count=len(pushes), words=lead_words, escalate=share >= options["error_share"])
                return
        if not post.is_reply and word_count(post) <= options["pitch_words"]:
            pitch = _pitch(post)
            if pitch:
                listed = ", ".join(f"« {span.text} »" if post.lang == "fr" else f'"{span.text}"' for span in pitch)
                yield self.finding(post, pitch[0].start, pitch[-1].end, "pitch", terms=listed)


def _pitch(post: Post) -> list[Span]:
    """One span of each: an offer, a call to buy, urgency or scarcity; empty unless all three are there."""
    calls = purchase_calls(post)
    offers = [span for span in sales_terms(post)
              if not any(call.start < span.end and span.start < call.end for call in calls)]
    if not (offers and calls):
        return []
    pressure = sorted(urgency_terms(post) + scarcity_terms(post), key=lambda span: span.start)
    if pressure:
        return sorted([offers[0], calls[0], pressure[0]], key=lambda span: span.start)
    return []


@register
class StackedCallsToBuy(Rule):
    """Flags several imperative calls to buy in one post.

    What it does
    ------------
    Finds imperative purchase verbs — in French from the verb's form (« Achetez », « Commandez-le »,
    « Profitez-en », « Foncez », also in the tu form), in English at the start of a clause ("Buy",
    "Shop", "Order", "Grab yours") — and reports the post when there are ``min_calls`` or more.

    Why it matters
    --------------
    One clear call to action helps; a string of orders sounds like a shouting salesman and makes the
    brand look desperate.

    Example
    -------
    ```post
    lang: fr
    ---
    Achetez la nouvelle bougie, commandez le coffret et foncez sur la boutique !
    ```
    ```post
    lang: en
    ---
    Buy the new mug. Grab the matching coaster. Order before Friday.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    La nouvelle bougie sent le figuier après la pluie. Elle est sur la boutique si elle vous tente.
    ```
    ```post
    lang: en
    ---
    The new mug keeps coffee hot for an hour. It's in the shop if you'd like one.
    ```
    """

    code = "COM002"
    name = "commercial.stacked-calls-to-buy"
    options = {"min_calls": 2}
    messages = {"default": {
        "fr": "{count} injonctions d'achat dans un seul message ({calls}).",
        "en": "{count} calls to buy in one post ({calls}).",
    }}
    suggestions = {"default": {
        "fr": "Gardez une seule invitation, formulée comme une proposition.",
        "en": "Keep a single call to action, phrased as an invitation.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        calls = purchase_calls(post)
        if len(calls) >= options["min_calls"]:
            listed = ", ".join(f"« {c.text} »" if post.lang == "fr" else f'"{c.text}"' for c in calls[:4])
            yield self.finding(post, calls[0].start, calls[-1].end, count=len(calls), calls=listed)


@register
class UrgencyPressure(Rule):
    """Flags urgency and scarcity pressure.

    What it does
    ------------
    Finds the phrases that rush the reader (« dernière chance », « plus que 24 h », « stocks limités »,
    "last chance", "today only", "only 3 left") and reports each. Replies are left alone: explaining
    that an offer has ended is not pressure.

    Why it matters
    --------------
    Manufactured urgency wears out trust quickly, and false scarcity can be a misleading commercial
    practice. Say when an offer ends plainly, once.

    Example
    -------
    ```post
    lang: fr
    ---
    Dernière chance : plus que 24 h pour en profiter, stocks limités.
    ```
    ```post
    lang: en
    ---
    Last chance, today only: just 3 left!
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    L'offre d'hiver court jusqu'au 31 janvier. On vous raconte d'où vient la cire ?
    ```
    ```post
    lang: en
    ---
    The winter offer runs until January 31. Want to know where the beans come from?
    ```
    """

    code = "COM003"
    name = "commercial.urgency"
    messages = {"default": {
        "fr": "Pression d'urgence ou de rareté : « {phrase} ».",
        "en": "Urgency or scarcity pressure: \"{phrase}\".",
    }}
    suggestions = {"default": {
        "fr": "Indiquez simplement la date de fin de l'offre, sans compte à rebours.",
        "en": "State the end date plainly, without a countdown.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.is_reply:  # a reply explaining that an offer ended is not pressure
            return
        for span in urgency_terms(post):
            yield self.finding(post, span.start, span.end, phrase=span.text)


@register
class HypeAndOverPromise(Rule):
    """Flags superlatives and absolutes that promise what the brand may not keep.

    What it does
    ------------
    Reports each strong claim (« révolutionnaire », « résultats garantis », « n°1 », "guaranteed",
    "best ever", "#1") and, when a post piles up ``min_weak`` milder ones (« incroyable »,
    « exceptionnel », "amazing", "perfect") making ``min_weak_share`` of its words or more, the pile
    (three "perfect" in a long recipe are not a pile).

    Why it matters
    --------------
    Over-promising invites the disappointed customer's public reply, and absolute claims ("guaranteed",
    "n°1") may have to be proven. Specific facts convince better than superlatives.

    Example
    -------
    ```post
    lang: fr
    ---
    Notre crème révolutionnaire, résultats garantis en 7 jours !
    ```
    ```post
    lang: en
    ---
    The best ever moisturiser, results guaranteed.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Notre crème hydrate pendant 24 h d'après le test mené sur 40 volontaires. Vous l'avez essayée ?
    ```
    ```post
    lang: en
    ---
    In our 40-person test, the moisturiser kept skin hydrated for 24 hours. Have you tried it?
    ```
    """

    code = "COM004"
    name = "commercial.hype"
    options = {"min_weak": 3, "min_weak_share": 0.05}
    messages = {
        "default": {
            "fr": "Promesse excessive : « {phrase} ».",
            "en": "Over-promise: \"{phrase}\".",
        },
        "weak": {
            "fr": "Accumulation de superlatifs ({count}) : {phrases}.",
            "en": "Pile of superlatives ({count}): {phrases}.",
        },
    }
    suggestions = {"default": {
        "fr": "Remplacez le superlatif par un fait vérifiable (chiffre, test, avis client).",
        "en": "Replace the superlative with a checkable fact (a figure, a test, a customer's words).",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        strong = find(post.lang, "commercial", "hype_strong", post.text)
        strong += find(post.lang, "commercial", "hype_patterns", post.text, regex=True)
        for match in sorted(strong, key=lambda match: match.start()):
            yield self.finding(post, match.start(), match.end(), phrase=match.group())
        weak = find(post.lang, "commercial", "hype_weak", post.text)
        if len(weak) >= options["min_weak"] and len(weak) >= options["min_weak_share"] * word_count(post):
            phrases = ", ".join(match.group() for match in weak[:5])
            yield self.finding(post, weak[0].start(), weak[-1].end(), "weak", count=len(weak), phrases=phrases)


# "SUBSCRIBE ▶ https://…", "OUR MERCH: https://…": a label in front of a link.
LINK_LABEL = re.compile(r"[A-ZÀ-Þ0-9 '’&!/-]{2,60}(?=\s*[:▶►→»➭\-–—|(]*\s*(?:https?://|www\.))")
# "-----MERCH-----", "▬▬ ABOUT US ▬▬": a section header between rules.
HEADER = re.compile(r"(?<=[-=_*▬~—]{3})\s*[A-ZÀ-Þ0-9 '’&!/:]{2,40}|[A-ZÀ-Þ0-9 '’&!/:]{2,40}(?=\s*[-=_*▬~—]{3})")
RULE_LINE = re.compile(r"[-=_*▬~—]{3}")
CAPS_WORD = re.compile(r"(?<![\w#@])[A-ZÀ-ÖØ-Þ]{3,}(?![\w])")
EXCLAMATIONS = re.compile(r"[!?]*!{3,}[!?]*|(?:[!?]{2,}){2,}")
VOWELS = re.compile(r"[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ]")


@register
class Shouting(Rule):
    """Flags shouting: words in capitals, runs of exclamation marks, walls of emoji.

    What it does
    ------------
    Reports a post with ``min_caps_words`` or more words in capitals (acronyms such as SNCF, UX or NASA,
    the brand's own name and the labels in front of links, "INSTAGRAM: https://…", are not counted), a
    run of three or more exclamation marks, or a wall of ``min_emoji_run`` emoji or more. Capitals and
    exclamation marks are a warning when they sell (two sales signals in a short post, or sales words
    making a tenth of a longer one or of its opening); elsewhere (a creator's video description, a
    personal "HAPPY SUNDAY!!!") they are only a note (info).

    Why it matters
    --------------
    Capitals and exclamation marks read as shouting; they make a brand sound like a discount flyer and
    are hard to read for screen readers.

    Example
    -------
    ```post
    lang: fr
    ---
    GRANDE VENTE ce week-end !!! 🔥🔥🔥🔥🔥
    ```
    ```post
    lang: en
    ---
    HUGE SALE this weekend!!!
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Grande vente ce week-end à la boutique de Lyon, avec l'équipe de la SNCF en invitée ! 🔥
    ```
    ```post
    lang: en
    ---
    Our big sale is on this weekend, and the UX team will be at the counter! 🔥
    ```
    """

    code = "COM005"
    name = "commercial.shouting"
    options = {"min_caps_words": 3, "min_emoji_run": 5}
    messages = {
        "default": {"fr": "Message crié : {count} mots en capitales.", "en": "Shouting: {count} words in capitals."},
        "exclamations": {"fr": "Message crié : « {run} ».", "en": "Shouting: \"{run}\"."},
        "emoji": {"fr": "Mur d'emoji ({count} à la suite).", "en": "Wall of emoji ({count} in a row)."},
    }
    suggestions = {"default": {
        "fr": "Écrivez en minuscules, un seul point d'exclamation et deux ou trois emoji au plus.",
        "en": "Write in lower case, with one exclamation mark and two or three emoji at most.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        selling = sells(post)
        for finding in self._shouts(post, options):
            yield finding if selling else replace(finding, severity=Severity.INFO)
        yield from self._emoji_walls(post, options["min_emoji_run"])

    def _shouts(self, post: Post, options: dict) -> Iterator[Finding]:
        patterns = (LINK_LABEL,) if "://" in post.text or "www." in post.text else ()
        patterns += (HEADER,) if RULE_LINE.search(post.text) else ()
        text = mask(post.text, *patterns, URL, MENTION, HASHTAG, PROMO_CODE)
        not_shouts = {word.upper() for name in post.config.brand for word in name.split()}
        not_shouts |= {acronym.upper() for acronym in terms(post.lang, "commercial", "acronyms")}
        # A word in capitals with no vowel (SNCF, PDF) or a known acronym is not shouting.
        caps = [m for m in CAPS_WORD.finditer(text) if m.group() not in not_shouts and VOWELS.search(m.group())]
        if len(caps) >= options["min_caps_words"]:
            yield self.finding(post, caps[0].start(), caps[-1].end(), count=len(caps))
        for run in EXCLAMATIONS.finditer(post.text):
            yield self.finding(post, run.start(), run.end(), "exclamations", run=run.group())

    def _emoji_walls(self, post: Post, minimum: int) -> Iterator[Finding]:
        run_start, count, last_end = None, 0, -1
        for emoji in [*EMOJI.finditer(post.text), None]:
            contiguous = emoji is not None and count and not post.text[last_end:emoji.start()].strip()
            if emoji is not None and (contiguous or not count):
                run_start = run_start if count else emoji.start()
                count, last_end = count + 1, emoji.end()
                continue
            if count >= minimum:
                yield self.finding(post, run_start, last_end, "emoji", count=count)
            if emoji is not None:
                run_start, count, last_end = emoji.start(), 1, emoji.end()


@register
class BareListing(Rule):
    """Flags a post that is only a product, a price and a link.

    What it does
    ------------
    Reports a post that gives a price and a link (or « lien en bio », "link in bio") and, besides,
    at most ``max_words`` words for each price, with nobody speaking and nobody addressed: a catalogue
    line, not a post.

    Why it matters
    --------------
    A listing tells the reader nothing they would follow a brand for. Say why the product is worth a
    look, or who made it, and the same link works better.

    Example
    -------
    ```post
    lang: en
    channel: x
    ---
    Walnut serving board, large, oiled finish - $48.00 https://shop.example/board #kitchen #gifts
    ```
    ```post
    lang: fr
    channel: x
    ---
    Plaid en laine mérinos, coloris sable, 140 x 200 cm : 89 € https://boutique.example/plaid #deco
    ```

    Use instead
    -----------
    ```post
    lang: en
    channel: x
    ---
    Our walnut boards come from one fallen tree in Ohio, oiled by hand. The large one is $48:
    https://shop.example/board
    ```
    ```post
    lang: fr
    channel: x
    ---
    Ce plaid, on le tisse avec la laine des brebis du Larzac. Il vous tiendra chaud tout l'hiver : 89 €.
    https://boutique.example/plaid
    ```
    """

    code = "COM006"
    name = "commercial.bare-listing"
    options = {"max_words": 14}
    messages = {"default": {
        "fr": "Simple fiche produit : un article, un prix ({price}) et un lien, rien d'autre.",
        "en": "A bare listing: a product, a price ({price}) and a link, nothing else.",
    }}
    suggestions = {"default": {
        "fr": "Dites pourquoi ce produit vaut le détour, qui l'a fait ou à quoi il sert.",
        "en": "Say why the product is worth a look, who made it or what it is for.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.is_reply or "?" in post.text:
            return
        prices = spans(PRICE, post.text)
        if not prices or not (URL.search(post.text) or find(post.lang, "commercial", "bio_links", post.text)):
            return
        if pronouns(post, "speaker") or pronouns(post, "reader"):
            return
        described = word_count(post) - sum(len(words(price.text)) for price in prices)
        if described <= options["max_words"] * len(prices):
            yield self.finding(post, prices[0].start, prices[0].end, price=prices[0].text.strip())
