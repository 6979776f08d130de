"""IMP — posts that sound impersonal: no human voice, brand-centric, canned, broadcast-only,
inconsistent tu/vous, replies that justify before they acknowledge."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.finding import Finding
from checks.lexicons import find, find_phrases
from checks.post import Post
from checks.registry import Rule, register
from checks.signals import addresses_reader, french_imperatives, pronouns, word_count
from checks.text import Span, sentences


@register
class NoHumanVoice(Rule):
    """Flags a post in which nobody speaks and nobody is spoken to: press-release style.

    What it does
    ------------
    Reports a post of ``min_words`` words or more with neither a speaker (je, nous, on, I, we) nor a
    reader addressed (vous, tu, you, or a French imperative such as « Découvrez »).

    Why it matters
    --------------
    Social media is a conversation. A post written in the third person about the company reads like a
    press release and gets neither replies nor shares.

    Example
    -------
    ```post
    lang: fr
    ---
    La société Lumen annonce l'ouverture d'un nouveau site de production à Lyon. L'entreprise poursuit
    ainsi son développement sur le marché de la décoration.
    ```
    ```post
    lang: en
    ---
    Northwind Roasters announces the opening of a new roasting facility in Ohio. The company continues to
    expand its presence in the specialty coffee market.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Nous ouvrons un atelier à Lyon ! Si vous passez dans le quartier, venez sentir la cire chaude.
    ```
    ```post
    lang: en
    ---
    We're opening a roastery in Ohio! If you're nearby, come and smell the first batch with us.
    ```
    """

    code = "IMP001"
    name = "impersonal.no-human-voice"
    options = {"min_words": 15}
    messages = {"default": {
        "fr": "Personne ne parle et personne n'est interpellé : ton de communiqué de presse.",
        "en": "Nobody speaks and nobody is addressed: press-release tone.",
    }}
    suggestions = {"default": {
        "fr": "Parlez en « nous » ou en « je » et adressez-vous au lecteur (« vous », « tu »).",
        "en": "Speak as \"we\" or \"I\" and talk to the reader (\"you\").",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if word_count(post) < options["min_words"]:
            return
        if not pronouns(post, "speaker") and not addresses_reader(post):
            yield self.finding(post, 0, 0)


@register
class BrandCentric(Rule):
    """Flags a post that talks about the brand far more than about the reader.

    What it does
    ------------
    Counts the brand's side (nous, notre, nos, we, our, and the brand's names from ``brand``) against
    the reader's (vous, votre, tu, you, your). Reports the post when the brand's side reaches
    ``min_brand`` and is at least ``ratio`` times the reader's.

    Why it matters
    --------------
    Readers care about what is in it for them. A post that only says "we, our, us" sounds like an
    advertisement addressed to nobody.

    Example
    -------
    ```post
    lang: fr
    ---
    Nous sommes fiers de notre savoir-faire : nos artisans, nos ateliers et notre exigence font de nous
    une référence.
    ```
    ```post
    lang: en
    ---
    We are proud of our craft: our roasters, our standards and our team make us who we are.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Vous nous demandez souvent comment nous choisissons la cire : voici vos trois questions et nos réponses.
    ```
    ```post
    lang: en
    ---
    You often ask how we choose our beans, so here are your three questions and our answers.
    ```
    """

    code = "IMP002"
    name = "impersonal.brand-centric"
    options = {"min_brand": 4, "ratio": 3}
    messages = {"default": {
        "fr": "Message centré sur la marque : {brand} mentions de la marque pour {reader} du lecteur.",
        "en": "Brand-centric: {brand} mentions of the brand for {reader} of the reader.",
    }}
    suggestions = {"default": {
        "fr": "Reformulez du point de vue du lecteur : ce que cela change pour lui (« vous »).",
        "en": "Rewrite from the reader's side: what it changes for them (\"you\").",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        brand_side = pronouns(post, "brand_side")
        names = find_phrases(post.config.brand, post.text)
        reader = len(pronouns(post, "reader"))
        brand = len(brand_side) + len(names)
        if brand >= options["min_brand"] and brand >= options["ratio"] * max(reader, 1):
            spans = sorted([(s.start, s.end) for s in brand_side] + [(m.start(), m.end()) for m in names])
            yield self.finding(post, spans[0][0], spans[-1][1], brand=brand, reader=reader)


@register
class CannedPhrase(Rule):
    """Flags the stock phrases of templated customer service.

    What it does
    ------------
    Reports each phrase from the canned list (« Nous vous informons que », « Votre satisfaction est notre
    priorité », "We apologize for any inconvenience", "Please be advised that").

    Why it matters
    --------------
    Boilerplate tells the reader that no person read their message. On social media it is quoted back
    with irony.

    Example
    -------
    ```post
    lang: fr
    ---
    Nous vous informons que la boutique sera fermée lundi. Votre satisfaction est notre priorité.
    ```
    ```post
    lang: en
    ---
    Please be advised that the store will be closed on Monday. We apologize for any inconvenience.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    ---
    Petite pause lundi : la boutique sera fermée pour l'inventaire. On se retrouve mardi dès 10 h !
    ```
    ```post
    lang: en
    ---
    Quick heads-up: the store is closed Monday for stocktaking. See you Tuesday from 10am!
    ```
    """

    code = "IMP003"
    name = "impersonal.canned-phrase"
    messages = {"default": {
        "fr": "Formule toute faite : « {phrase} ».",
        "en": "Canned phrase: \"{phrase}\".",
    }}
    suggestions = {"default": {
        "fr": "Dites-le avec vos mots, comme à un client en face de vous.",
        "en": "Say it in your own words, as you would to a customer in front of you.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        for match in find(post.lang, "impersonal", "canned", post.text):
            yield self.finding(post, match.start(), match.end(), phrase=match.group())


@register
class BroadcastOnly(Rule):
    """Flags an engagement or community post that invites no reply.

    What it does
    ------------
    When the post's objective is one of ``objectives`` (engagement, community), reports it if it asks
    no question and invites no answer (comment, tell us, vote, share your opinion…). For a community
    post, an invitation to take part (« Venez », "Come along", "Join us") is enough.

    Why it matters
    --------------
    A post meant to start a conversation that gives nobody a reason to answer will not meet its
    objective. Ask something people can answer in a few words.

    Example
    -------
    ```post
    lang: fr
    objective: engagement
    ---
    Notre nouvelle bougie au figuier est disponible dès aujourd'hui en boutique.
    ```
    ```post
    lang: en
    objective: community
    ---
    Our new fig candle is available in store from today.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    objective: engagement
    ---
    Notre nouvelle bougie sent le figuier. Et vous, quel parfum vous rappelle l'été ?
    ```
    ```post
    lang: en
    objective: community
    ---
    Our new candle smells like fig trees. Which scent reminds you of summer?
    ```
    """

    code = "IMP004"
    name = "impersonal.broadcast-only"
    options = {"objectives": ["engagement", "community"]}
    messages = {"default": {
        "fr": "Objectif « {objective} » mais le message n'invite à aucune réponse.",
        "en": "Objective \"{objective}\" but the post invites no reply.",
    }}
    suggestions = {"default": {
        "fr": "Terminez par une question simple ou une invitation à répondre en commentaire.",
        "en": "End with a simple question or an invitation to reply in the comments.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.objective not in options["objectives"] or post.is_reply:
            return
        if "?" in post.text or find(post.lang, "impersonal", "invitation", post.text):
            return
        if post.objective == "community" and find(post.lang, "impersonal", "participation", post.text):
            return
        yield self.finding(post, 0, 0, objective=post.objective)


# « Régale-toi », « Dis-moi » (tu), but not « Dites-moi » or « Rejoignez-nous » (vous).
TU_IMPERATIVE = re.compile(r"\b\w+(?<!ez)(?<!dites)(?<!faites)-(?:toi|moi)\b", re.I)


@register
class VoiceMismatch(Rule):
    """Flags « tu » and « vous » mixed in one post, or the opposite of the brand's chosen voice.

    What it does
    ------------
    In French posts, finds the reader addressed as « tu » (tu, toi, ta, tes, « régale-toi ») and as
    « vous » (vous, votre, vos, « Achetez »). Reports a mix, or the form the workspace's ``voice``
    setting (tu / vous) does not use.

    Why it matters
    --------------
    The way a brand addresses its readers is part of its identity. Switching between « tu » and
    « vous » sounds careless; the wrong one sounds like another brand.

    Example
    -------
    ```post
    lang: fr
    ---
    Tu cherches un cadeau ? Découvrez notre coffret, il vous plaira.
    ```
    ```post
    lang: fr
    config.voice: tu
    ---
    Vous cherchez un cadeau ? Notre coffret est fait pour vous.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    config.voice: tu
    ---
    Tu cherches un cadeau ? Notre coffret est fait pour toi.
    ```
    ```post
    lang: en
    ---
    Looking for a gift? Our box is made for you.
    ```
    """

    code = "IMP005"
    name = "impersonal.voice-mismatch"
    messages = {
        "default": {"fr": "« tu » et « vous » mélangés dans le même message.",
                    "en": "\"tu\" and \"vous\" mixed in the same post."},
        "expected": {"fr": "Le lecteur est vouvoyé alors que la marque tutoie (« {form} »).",
                     "en": "The reader is addressed as \"vous\" but the brand uses \"tu\" (\"{form}\")."},
        "expected_vous": {"fr": "Le lecteur est tutoyé alors que la marque vouvoie (« {form} »).",
                          "en": "The reader is addressed as \"tu\" but the brand uses \"vous\" (\"{form}\")."},
    }
    suggestions = {"default": {
        "fr": "Choisissez une forme et tenez-la dans tout le message (et dans toute la marque).",
        "en": "Choose one form and keep it through the post (and the brand).",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.lang != "fr":
            return
        tu = pronouns(post, "reader_tu") + [Span(m.start(), m.end(), m.group())
                                            for m in TU_IMPERATIVE.finditer(post.text)]
        vous = pronouns(post, "reader_vous") + [s for s in french_imperatives(post) if s.text.lower().endswith("ez")]
        voice = post.config.voice
        if voice == "tu" and vous:
            yield self.finding(post, vous[0].start, vous[0].end, "expected", form=vous[0].text)
        elif voice == "vous" and tu:
            yield self.finding(post, tu[0].start, tu[0].end, "expected_vous", form=tu[0].text)
        elif tu and vous:
            first = min(tu + vous, key=lambda span: span.start)
            last = max(tu + vous, key=lambda span: span.end)
            yield self.finding(post, first.start, last.end)


@register
class JustifyBeforeEmpathy(Rule):
    """Flags a reply that justifies itself before it acknowledges the person.

    What it does
    ------------
    In replies (``kind: reply``) and customer-care posts, reports a justification (« Conformément à nos
    CGV », « Nous tenons à préciser », "Per our policy", "Please note that") in the first
    ``opening_sentences`` sentences when no thanks, apology or acknowledgement comes before it.

    Why it matters
    --------------
    An unhappy customer first needs to feel heard. Quoting the rules first escalates the conversation,
    publicly; empathy first, then the explanation.

    Example
    -------
    ```post
    lang: fr
    kind: reply
    ---
    Conformément à nos CGV, les retours ne sont acceptés que sous 14 jours.
    ```
    ```post
    lang: en
    kind: reply
    ---
    Per our policy, refunds take up to 30 days.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    kind: reply
    ---
    Désolés pour ce contretemps, Julie. Les retours se font sous 14 jours, mais écrivez-nous en privé :
    on regarde votre cas.
    ```
    ```post
    lang: en
    kind: reply
    ---
    Sorry about this, Sam. Refunds usually take up to 30 days, but DM us and we'll look into yours.
    ```
    """

    code = "IMP006"
    name = "impersonal.justify-before-empathy"
    options = {"opening_sentences": 2}
    messages = {"default": {
        "fr": "La réponse se justifie (« {phrase} ») avant de reconnaître le problème du client.",
        "en": "The reply justifies itself (\"{phrase}\") before acknowledging the customer.",
    }}
    suggestions = {"default": {
        "fr": "Commencez par remercier, vous excuser ou reconnaître la gêne, puis expliquez.",
        "en": "Start with thanks, an apology or an acknowledgement, then explain.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not post.is_customer_care:
            return
        opening = sentences(post)[: options["opening_sentences"]]
        if not opening:
            return
        horizon = opening[-1].end
        justification = next(iter(find(post.lang, "impersonal", "justification", post.text[:horizon])), None)
        if justification is None:
            return
        empathy = find(post.lang, "impersonal", "empathy", post.text[: justification.start()])
        if not empathy:
            yield self.finding(post, justification.start(), justification.end(), phrase=justification.group())
