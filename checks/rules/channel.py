"""CHN — posts that do not fit their channel: too long, hook cut off, dead links, too many tags, hard
to read, jargon."""

from __future__ import annotations

from collections.abc import Iterator

from checks.channels import length, overflow_start, platform_for
from checks.finding import Finding, Severity
from checks.lexicons import find
from checks.post import Post
from checks.registry import Rule, register
from checks.signals import word_count
from checks.text import HASHTAG, MENTION, URL, sentences, spans, words


@register
class OverLimit(Rule):
    """Flags a post longer than its platform allows, counted the platform's way.

    What it does
    ------------
    Counts the post as its platform does — X weighs each URL 23 and each emoji 2, Bluesky counts
    graphemes, Mastodon counts URLs as 23, YouTube descriptions count bytes — and reports the part
    past the limit (X 280, Bluesky 300, Threads and Mastodon 500, Pinterest 500, LinkedIn 3,000,
    Instagram and TikTok 2,200, YouTube 5,000 bytes).

    Why it matters
    --------------
    The platform refuses the post, or the scheduling tool cuts it mid-sentence at publication time.

    Example
    -------
    ```post
    lang: fr
    channel: x
    ---
    Cette semaine à l'atelier, nous avons testé douze mèches différentes pour la bougie d'hiver : coton
    tressé, bois, lin, chanvre. Résultat : la mèche en coton tressé brûle plus régulièrement, fume moins
    et laisse un bassin de cire net. On vous raconte tout dans la lettre de dimanche, avec les photos des
    essais ratés aussi, promis !
    ```
    ```post
    lang: en
    channel: bluesky
    ---
    This week in the roastery we tested twelve different profiles for the winter blend: light, medium,
    a long slow development, a fast hot one, and a few odd experiments. The long slow one won by a mile
    on sweetness and body, and the fast hot one tasted like toast. Full notes in Sunday's newsletter,
    with the failures too.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: x
    ---
    Douze mèches testées pour la bougie d'hiver : le coton tressé gagne, il fume moins. Les photos des
    essais ratés arrivent dimanche 🕯️ https://atelier.example/meches
    ```
    ```post
    lang: en
    channel: bluesky
    ---
    Twelve roast profiles tested for the winter blend: the long slow one won on sweetness. Notes Sunday.
    ```
    """

    code = "CHN001"
    name = "channel.over-limit"
    severity = Severity.ERROR
    messages = {"default": {
        "fr": "Trop long pour {platform} : {length} pour une limite de {limit} (comptés à la façon de la plateforme).",
        "en": "Too long for {platform}: {length} for a limit of {limit} (counted the platform's way).",
    }}
    suggestions = {"default": {
        "fr": "Raccourcissez d'au moins {excess} ou passez le détail en lien.",
        "en": "Cut at least {excess}, or move the detail behind a link.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        platform = platform_for(post.channel)
        if platform is None or platform.limit is None:
            return
        start = overflow_start(post.text, post.channel)
        if start is not None:
            total = length(post.text, post.channel)
            yield self.finding(post, start, len(post.text), platform=platform.name, length=total,
                               limit=platform.limit, excess=total - platform.limit)


@register
class HookPastCut(Rule):
    """Notes a first sentence that does not fit before the "… more" cut.

    What it does
    ------------
    On channels that fold long text (Instagram ≈ 125 characters, TikTok ≈ 150, LinkedIn ≈ 210), notes
    a post whose first sentence — the hook — ends after the cut.

    Why it matters
    --------------
    Readers decide from the visible part whether to tap "more". A hook cut in the middle loses most of
    them.

    Example
    -------
    ```post
    lang: fr
    channel: instagram
    ---
    Depuis que nous avons installé l'atelier dans l'ancienne imprimerie du quartier, avec ses grandes
    fenêtres et son parquet qui grince, nous cherchons le parfum qui raconterait cet endroit. Le voici.
    ```
    ```post
    lang: en
    channel: instagram
    ---
    Ever since we moved the roastery into the old print shop down the street, with its huge windows and
    creaky floors, we have been looking for the blend that tells its story. Here it is.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: instagram
    ---
    Le parfum de notre nouvel atelier existe enfin. Il sent le papier ancien, le bois ciré et la pluie.
    ```
    ```post
    lang: en
    channel: instagram
    ---
    Our new roastery finally has its own blend. It tastes of old paper, waxed wood and rain.
    ```
    """

    code = "CHN002"
    name = "channel.hook-past-cut"
    severity = Severity.INFO
    messages = {"default": {
        "fr": "La première phrase dépasse les {visible} caractères visibles avant « … plus » sur {platform}.",
        "en": "The first sentence runs past the {visible} characters shown before \"… more\" on {platform}.",
    }}
    suggestions = {"default": {
        "fr": "Ouvrez sur une phrase courte qui donne envie de lire la suite.",
        "en": "Open with a short sentence that makes people want to read on.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        platform = platform_for(post.channel)
        if platform is None or platform.visible is None or len(post.text) <= platform.visible:
            return
        first = next(iter(sentences(post)), None)
        if first is not None and first.end > platform.visible:
            yield self.finding(post, first.start, first.end, visible=platform.visible, platform=platform.name)


@register
class LinkInCaption(Rule):
    """Flags a link written in a caption where links cannot be clicked.

    What it does
    ------------
    On Instagram and TikTok, where links in captions are plain text, reports each URL in the text.

    Why it matters
    --------------
    Nobody types a URL from a caption: the traffic the link was meant to bring will not come.

    Example
    -------
    ```post
    lang: fr
    channel: instagram
    ---
    La recette complète est ici : https://atelier.example/recette-bougie
    ```
    ```post
    lang: en
    channel: tiktok
    ---
    Full recipe at https://northwind.example/cold-brew
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: instagram
    ---
    La recette complète est dans le lien de notre bio 🕯️
    ```
    ```post
    lang: en
    channel: x
    ---
    Full recipe: https://northwind.example/cold-brew?utm_source=x&utm_medium=social
    ```
    """

    code = "CHN003"
    name = "channel.link-in-caption"
    messages = {"default": {
        "fr": "Lien non cliquable dans une légende {platform} : « {url} ».",
        "en": "Link not clickable in a {platform} caption: \"{url}\".",
    }}
    suggestions = {"default": {
        "fr": "Mettez le lien en bio, en story ou dans un sticker, et dites-le dans la légende.",
        "en": "Put the link in your bio, a story or a sticker, and say so in the caption.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        platform = platform_for(post.channel)
        if platform is None or platform.links_clickable:
            return
        for link in spans(URL, post.text):
            yield self.finding(post, link.start, link.end, platform=platform.name, url=link.text)


@register
class TooManyHashtags(Rule):
    """Flags more hashtags than the channel takes well.

    What it does
    ------------
    Reports the hashtags past the channel's maximum (Instagram 5, X 3, Threads 1, LinkedIn and most
    others 5); ``max_hashtags`` sets another maximum for every channel.

    Why it matters
    --------------
    Instagram allows at most 5 hashtags since December 2025; elsewhere a wall of tags looks like spam
    and hides the message.

    Example
    -------
    ```post
    lang: fr
    channel: instagram
    ---
    Soirée cocooning 🕯️ #bougie #cosy #hygge #deco #maison #hiver #artisanat
    ```
    ```post
    lang: en
    channel: x
    ---
    Morning brew ☕ #coffee #morning #brew #barista #pourover
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: instagram
    ---
    Soirée cocooning 🕯️ #bougie #artisanat
    ```
    ```post
    lang: en
    channel: x
    ---
    Morning brew ☕ #coffee
    ```
    """

    code = "CHN004"
    name = "channel.too-many-hashtags"
    options = {"max_hashtags": None}
    messages = {"default": {
        "fr": "{count} hashtags : c'est plus que les {maximum} conseillés sur {platform}.",
        "en": "{count} hashtags: more than the {maximum} that suit {platform}.",
    }}
    suggestions = {"default": {
        "fr": "Gardez les {maximum} hashtags les plus précis.",
        "en": "Keep the {maximum} most specific hashtags.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        platform = platform_for(post.channel)
        maximum = options["max_hashtags"] or (platform.max_hashtags if platform else 5)
        tags = spans(HASHTAG, post.text)
        if len(tags) > maximum:
            yield self.finding(post, tags[maximum].start, tags[-1].end, count=len(tags), maximum=maximum,
                               platform=platform.name if platform else post.channel or "ce canal")


@register
class TooManyMentions(Rule):
    """Flags a post that tags too many accounts.

    What it does
    ------------
    Reports a post with more than ``max_mentions`` @mentions.

    Why it matters
    --------------
    Mass tagging reads as spam to the people tagged and to the platforms' ranking.

    Example
    -------
    ```post
    lang: fr
    channel: instagram
    ---
    Merci pour ce salon @lea @hugo @ines @camille @julie @marc !
    ```
    ```post
    lang: en
    channel: x
    ---
    Great panel with @sam @riley @jordan @maya @alex today.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: instagram
    ---
    Merci à @lea et à toute l'équipe du salon !
    ```
    ```post
    lang: en
    channel: x
    ---
    Great panel today, thanks @riley for hosting.
    ```
    """

    code = "CHN005"
    name = "channel.too-many-mentions"
    options = {"max_mentions": 4}
    messages = {"default": {
        "fr": "{count} comptes mentionnés : au-delà de {maximum}, cela ressemble à du spam.",
        "en": "{count} accounts tagged: past {maximum}, it reads as spam.",
    }}
    suggestions = {"default": {
        "fr": "Mentionnez seulement les comptes directement concernés.",
        "en": "Tag only the accounts directly involved.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        mentions = spans(MENTION, post.text)
        if len(mentions) > options["max_mentions"]:
            yield self.finding(post, mentions[0].start, mentions[-1].end, count=len(mentions),
                               maximum=options["max_mentions"])


@register
class HardToRead(Rule):
    """Flags text that is hard to read on a phone: very long sentences, a low readability score.

    What it does
    ------------
    Reports each sentence longer than ``max_sentence_words`` words, and a post of ``min_words`` words or
    more whose Flesch reading ease (textstat, with the French formula for French posts) is under
    ``min_reading_ease``.

    Why it matters
    --------------
    Posts are read on a small screen, between two other things. Long sentences and dense wording lose
    the reader before the point.

    Example
    -------
    ```post
    lang: fr
    channel: linkedin
    ---
    Dans le cadre de la poursuite de notre démarche d'amélioration continue de la qualité de service
    délivrée à l'ensemble de nos clients professionnels et particuliers, nous avons procédé au cours du
    dernier trimestre à une réorganisation approfondie de nos équipes commerciales et logistiques afin
    de mieux répondre à leurs attentes.
    ```
    ```post
    lang: en
    channel: linkedin
    ---
    As part of our continuing commitment to the improvement of the quality of the service we deliver to
    all of our business and individual customers, we carried out during the last quarter an in-depth
    reorganisation of our sales and logistics teams in order to better meet their expectations.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: linkedin
    ---
    Vos colis arrivent plus vite depuis octobre. Nous avons réorganisé l'entrepôt et l'équipe commerciale.
    Ce qui change pour vous : deux jours de livraison au lieu de quatre.
    ```
    ```post
    lang: en
    channel: linkedin
    ---
    Your parcels arrive faster since October. We reorganised the warehouse and the sales team. What it
    means for you: two days to delivery instead of four.
    ```
    """

    code = "CHN006"
    name = "channel.hard-to-read"
    options = {"max_sentence_words": 35, "min_words": 40, "min_reading_ease": {"fr": 20, "en": 20}}
    needs = frozenset({"senter"})
    messages = {
        "default": {
            "fr": "Phrase de {count} mots : difficile à lire sur mobile.",
            "en": "{count}-word sentence: hard to read on a phone.",
        },
        "score": {
            "fr": "Texte difficile à lire (indice de lisibilité Flesch {score:.0f}).",
            "en": "Hard-to-read text (Flesch reading ease {score:.0f}).",
        },
    }
    suggestions = {"default": {
        "fr": "Coupez en phrases de 20 mots au plus, avec des mots courants.",
        "en": "Split into sentences of 20 words or fewer, with everyday words.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        long_sentence = False
        for sentence in sentences(post):
            count = len(words(sentence.text))
            if count > options["max_sentence_words"]:
                long_sentence = True
                yield self.finding(post, sentence.start, sentence.end, count=count)
        if long_sentence or word_count(post) < options["min_words"]:
            return
        threshold = options["min_reading_ease"]
        threshold = threshold.get(post.lang, 0) if isinstance(threshold, dict) else threshold
        score = reading_ease(post.text, post.lang)
        if score < threshold:
            yield self.finding(post, 0, 0, "score", score=score)


def reading_ease(text: str, lang: str) -> float:
    """Flesch reading ease for the post's language (per call: textstat's global language is never set)."""
    from checks.readability import flesch_reading_ease

    return flesch_reading_ease(text, lang)


@register
class Jargon(Rule):
    """Flags corporate jargon.

    What it does
    ------------
    Reports a post that uses ``min_terms`` or more terms from the jargon list (« synergie »,
    « disruptif », « scalable », "leverage", "move the needle", "circle back").

    Why it matters
    --------------
    Jargon sounds like a slide deck, not a person; readers outside the meeting room do not follow.

    Example
    -------
    ```post
    lang: fr
    channel: linkedin
    ---
    Notre approche holistique crée des synergies disruptives pour un go-to-market scalable.
    ```
    ```post
    lang: en
    channel: linkedin
    ---
    We leverage synergies to move the needle with a best-in-class, scalable platform.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    channel: linkedin
    ---
    Nos deux équipes travaillent désormais ensemble : vos commandes partent un jour plus tôt.
    ```
    ```post
    lang: en
    channel: linkedin
    ---
    Our two teams now work as one, so your orders ship a day sooner.
    ```
    """

    code = "CHN007"
    name = "channel.jargon"
    options = {"min_terms": 2}
    messages = {"default": {
        "fr": "Jargon : {terms}.",
        "en": "Jargon: {terms}.",
    }}
    suggestions = {"default": {
        "fr": "Dites concrètement ce qui change pour le lecteur.",
        "en": "Say concretely what changes for the reader.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        found = find(post.lang, "channel", "jargon", post.text)
        if len(found) >= options["min_terms"]:
            listed = ", ".join(match.group() for match in found[:5])
            yield self.finding(post, found[0].start(), found[-1].end(), terms=listed)
