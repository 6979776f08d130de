"""COM — posts that talk 100 % commercial: sales pressure, stacked calls to buy, urgency, hype, shouting."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.finding import Finding
from checks.lexicons import find, terms
from checks.post import Post
from checks.registry import Rule, register
from checks.signals import (
    merge_spans,
    purchase_calls,
    sales_terms,
    urgency_terms,
    word_count,
)
from checks.text import EMOJI, HASHTAG, MENTION, URL, mask


@register
class SalesPressure(Rule):
    """Flags a post made mostly of sales vocabulary, prices, discounts and calls to buy.

    What it does
    ------------
    Counts the words that push a sale (promotional vocabulary, prices, percentages, promo codes, calls
    to buy, urgency) and compares them with the length of the post. A warning above ``warn_share``, an
    error above ``error_share``: the post is then almost nothing else.

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
    options = {"warn_share": 0.25, "error_share": 0.45, "min_terms": 3}
    messages = {"default": {
        "fr": "Discours 100 % commercial : {percent}\u202f% des mots poussent à l'achat ({count} termes de vente).",
        "en": "All sales talk: {share:.0%} of the words push a sale ({count} sales terms).",
    }}
    suggestions = {"default": {
        "fr": "Donnez une raison de s'intéresser (histoire, conseil, coulisses) et gardez une seule offre.",
        "en": "Give people a reason to care (a story, a tip, how it is made) and keep one offer.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        pushes = merge_spans(sales_terms(post) + purchase_calls(post) + urgency_terms(post))
        total = word_count(post)
        if len(pushes) < options["min_terms"] or total == 0:
            return
        pushed_words = sum(max(1, len(span.text.split())) for span in pushes)
        share = min(1.0, pushed_words / total)
        if share >= options["warn_share"]:
            start, end = min(s.start for s in pushes), max(s.end for s in pushes)
            yield self.finding(post, start, end, share=share, percent=round(share * 100), count=len(pushes),
                               escalate=share >= options["error_share"])


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
    "last chance", "today only", "only 3 left") and reports each.

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
        for span in urgency_terms(post):
            yield self.finding(post, span.start, span.end, phrase=span.text)


@register
class HypeAndOverPromise(Rule):
    """Flags superlatives and absolutes that promise what the brand may not keep.

    What it does
    ------------
    Reports each strong claim (« révolutionnaire », « résultats garantis », « n°1 », "guaranteed",
    "best ever", "#1") and, when a post piles up ``min_weak`` milder ones (« incroyable »,
    « exceptionnel », "amazing", "perfect"), the pile.

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
    options = {"min_weak": 3}
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
        if len(weak) >= options["min_weak"]:
            phrases = ", ".join(match.group() for match in weak[:5])
            yield self.finding(post, weak[0].start(), weak[-1].end(), "weak", count=len(weak), phrases=phrases)


CAPS_WORD = re.compile(r"(?<![\w#@])[A-ZÀ-ÖØ-Þ]{3,}(?![\w])")
EXCLAMATIONS = re.compile(r"[!?]*!{3,}[!?]*|(?:[!?]{2,}){2,}")
VOWELS = re.compile(r"[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ]")


@register
class Shouting(Rule):
    """Flags shouting: words in capitals, runs of exclamation marks, walls of emoji.

    What it does
    ------------
    Reports a post with ``min_caps_words`` or more words in capitals (acronyms such as SNCF, UX or NASA
    and the brand's own name are not counted), a run of three or more exclamation marks, or a wall of
    ``min_emoji_run`` emoji or more.

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
    options = {"min_caps_words": 2, "min_emoji_run": 5}
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
        text = mask(post.text, URL, MENTION, HASHTAG)
        not_shouts = {word.upper() for name in post.config.brand for word in name.split()}
        not_shouts |= {acronym.upper() for acronym in terms(post.lang, "commercial", "acronyms")}
        # A word in capitals with no vowel (SNCF, PDF) or a known acronym is not shouting.
        caps = [m for m in CAPS_WORD.finditer(text) if m.group() not in not_shouts and VOWELS.search(m.group())]
        if len(caps) >= options["min_caps_words"]:
            yield self.finding(post, caps[0].start(), caps[-1].end(), count=len(caps))
        for run in EXCLAMATIONS.finditer(post.text):
            yield self.finding(post, run.start(), run.end(), "exclamations", run=run.group())
        yield from self._emoji_walls(post, options["min_emoji_run"])

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
