"""IMP — posts that sound impersonal: no human voice, brand-centric, canned, broadcast-only,
inconsistent tu/vous, replies that justify before they acknowledge."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.finding import Finding
from checks.lexicons import find, find_phrases
from checks.post import Post
from checks.registry import Rule, register
from checks.signals import addresses_reader, french_imperatives, pronouns, reader_addresses, word_count
from checks.text import URL, Span, sentences, words

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@register
class NoHumanVoice(Rule):
    """Flags a post in which nobody speaks and nobody is spoken to: press-release style.

    What it does
    ------------
    Reports a post of ``min_words`` words or more with neither a speaker (je, nous, on, I, we) nor a
    reader addressed (vous, tu, you, or a French imperative such as « Découvrez »), written the way a
    press release is: the organisation as a third person (the brand's own name from ``brand``), or its
    wording (« annonce », « la société », « sera fermé », "announces", "the company", "will be closed",
    "remain open"…). News about the world, a photo caption, a list or a video description with an
    implicit subject are ordinary posts, not press releases. Replies are judged by the reply rules.

    Why it matters
    --------------
    Social media is a conversation. A post in which the brand speaks of itself in the third person, to
    nobody, reads as a press release pasted into the feed: readers scroll past and do not answer.

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
        if post.is_reply or word_count(post) < options["min_words"]:
            return
        if pronouns(post, "speaker") or addresses_reader(post):
            return
        if find(post.lang, "impersonal", "press_release", post.text) or find_phrases(post.config.brand, post.text):
            yield self.finding(post, 0, 0)


@register
class BrandCentric(Rule):
    """Flags a post that talks about the brand far more than about the reader.

    What it does
    ------------
    Counts the brand's side (nous, notre, nos, we, our, and the brand's names from ``brand``) against
    the reader's (vous, votre, tu, you, your, and imperatives: « Découvrez », "Come with us"). Reports the post when the brand's side reaches
    ``min_brand``, is at least ``ratio`` times the reader's and makes ``min_share`` of the words or more
    (a long story told as "we" is a voice, not a brochure). Link labels ("Our merch: https://…")
    and quoted speech do not count, nor do replies, where "we" is the team answering.

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
    options = {"min_brand": 4, "ratio": 3, "min_share": 0.08}
    messages = {"default": {
        "fr": "Message centré sur la marque : {brand} mentions de la marque pour {reader} du lecteur.",
        "en": "Brand-centric: {brand} mentions of the brand for {reader} of the reader.",
    }}
    suggestions = {"default": {
        "fr": "Reformulez du point de vue du lecteur : ce que cela change pour lui (« vous »).",
        "en": "Rewrite from the reader's side: what it changes for them (\"you\").",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.is_reply:
            return
        brand_side, names = pronouns(post, "brand_side"), find_phrases(post.config.brand, post.text)
        if len(brand_side) + len(names) < options["min_brand"]:
            return
        aside = _labels_and_quotes(post.text)
        brand_side = [span for span in brand_side if not _inside(span.start, aside)]
        names = [match for match in names if not _inside(match.start(), aside)]
        reader = len(reader_addresses(post))
        brand = len(brand_side) + len(names)
        if brand >= options["min_brand"] and brand >= options["ratio"] * max(reader, 1) \
                and brand >= options["min_share"] * word_count(post):
            spans = sorted([(s.start, s.end) for s in brand_side] + [(m.start(), m.end()) for m in names])
            yield self.finding(post, spans[0][0], spans[-1][1], brand=brand, reader=reader)


# "Our merch ▶ https://…", "FOLLOW US: https://…": the words in front of a link, back to the previous
# sentence or line. Quoted speech: « … », "…".
LABEL_START = re.compile(r"[\n.!?]")
QUOTED = re.compile(r"“[^”]{0,400}”|«[^»]{0,400}»|\"[^\"\n]{0,400}\"")


def _labels_and_quotes(text: str) -> list[tuple[int, int]]:
    ranges = []
    for link in URL.finditer(text):
        window = text[max(0, link.start() - 60):link.start()]
        breaks = list(LABEL_START.finditer(window))
        ranges.append((link.start() - len(window) + (breaks[-1].end() if breaks else 0), link.start()))
    return ranges + [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def _inside(offset: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


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
    CGV », « Nous tenons à préciser », "Per our policy", "Please note that", "the fare rules you agreed
    to", a corporate statement such as "X, a brand of Y, is committed to…") in the first
    ``opening_sentences`` sentences when no thanks, apology or acknowledgement comes before it. A stock
    opening ("Thank you for your feedback", « Merci pour votre retour ») is not yet an acknowledgement.

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
        if not genuine_empathy(post, justification.start()):
            yield self.finding(post, justification.start(), justification.end(), phrase=justification.group())


def genuine_empathy(post: Post, before: int) -> bool:
    """Thanks, an apology or an acknowledgement before ``before`` that is not a template's stock opening."""
    stock = [(m.start(), m.end()) for m in find(post.lang, "impersonal", "stock_acknowledgements", post.text[:before])]
    return any(not _inside(m.start(), stock) for m in find(post.lang, "impersonal", "empathy", post.text[:before]))


GREETING = re.compile(r"^(?:hi|hello|hey|dear|hiya|bonjour|bonsoir|salut|coucou|hello)$", re.IGNORECASE)
# The agent's signature that ends a reply: "… Ana", "/ JC", "^TL", « – Léa ».
SIGN_OFF = re.compile(r"(?:^|[.!?…)]|\s[/\-–—^~]|\s{2})\s*[/\-–—^~]?\s*(?:[A-ZÀ-Þ][\w’'-]{0,14}|[A-Z]{2,3})\s*[.!]?\s*$")


def own_words(post: Post, covered: list[tuple[int, int]]) -> int:
    """Words of a reply outside ``covered`` spans, its greeting and the agent's signature."""
    sign_off = SIGN_OFF.search(post.text)
    end = sign_off.start() + (len(sign_off.group()) - len(sign_off.group().lstrip(".!?…) "))) if sign_off else len(post.text)
    return sum(1 for word in words(post.text)
               if word.start < end and not _inside(word.start, covered) and not GREETING.match(word.text))


@register
class TemplatedReply(Rule):
    """Flags a reply that is only a customer-service template.

    What it does
    ------------
    In replies (``kind: reply``) and customer-care posts, finds the stock phrases of customer care (the
    ``care_templates`` and ``canned`` lists: "sorry for the inconvenience", "please DM us", "your
    feedback has been passed on", « Nous vous invitons à… », « n'hésitez pas à nous contacter en MP »,
    « votre demande a bien été prise en compte »…) and reports the reply when they are nearly all it
    says: at most ``max_own_words`` words of its own (greeting and signature left out), or template
    phrases covering ``min_template_share`` of its words or more.

    Why it matters
    --------------
    A person who complains in public and gets a form letter feels unheard, and everyone reading sees
    it. One stock phrase inside a real answer is fine; a reply made only of them is a template.

    Example
    -------
    ```post
    lang: en
    kind: reply
    ---
    @sam_k Hi, sorry for the inconvenience, if you need any assistance please contact us via DM. Kim
    ```
    ```post
    lang: fr
    kind: reply
    ---
    @julie_b Bonjour, votre demande a bien été prise en compte. N'hésitez pas à nous contacter en MP. Léa
    ```

    Use instead
    -----------
    ```post
    lang: en
    kind: reply
    ---
    @sam_k So sorry your bag didn't make the connection, Sam. It's on tonight's flight to Leeds and the
    courier will ring you before 10. Kim
    ```
    ```post
    lang: fr
    kind: reply
    ---
    @julie_b Désolée pour ce colis abîmé, Julie ! On vous renvoie le même vase dès demain, et vous pouvez
    garder l'ancien. Léa
    ```
    """

    code = "IMP007"
    name = "impersonal.templated-reply"
    options = {"max_own_words": 5, "min_template_share": 0.5}
    messages = {"default": {
        "fr": "Réponse toute faite : « {phrase} »… et presque rien d'autre ({own} mots à vous).",
        "en": "Templated reply: \"{phrase}\"… and next to nothing else ({own} words of your own).",
    }}
    suggestions = {"default": {
        "fr": "Reprenez les mots de la personne, dites ce qui s'est passé et ce que vous faites pour elle.",
        "en": "Use the person's words, say what happened and what you are doing about it.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not post.is_customer_care:
            return
        found = sorted(find(post.lang, "impersonal", "care_templates", post.text)
                       + find(post.lang, "impersonal", "canned", post.text), key=lambda match: match.start())
        if not found:
            return
        covered = [(match.start(), match.end()) for match in found]
        own, total = own_words(post, covered), len(words(post.text))
        if own <= options["max_own_words"] or (total and 1 - own / total >= options["min_template_share"]):
            yield self.finding(post, found[0].start(), found[-1].end(), phrase=found[0].group(), own=own)


@register
class ColdRefusal(Rule):
    """Flags a reply that says no with neither an apology nor a way forward.

    What it does
    ------------
    In replies (``kind: reply``) and customer-care posts, finds a refusal ("we are unable to", "we
    can't", « nous ne pouvons pas », « il n'est pas possible ») and reports the reply when it has no
    apology (sorry, « désolé ») and offers no next step (a question, "you can", "we recommend", "we'll",
    « vous pouvez », « nous allons », a link or an address to write to).

    Why it matters
    --------------
    A bare "no" closes the conversation in public. Saying sorry and offering what you can do instead
    keeps the person, even when the answer stays no.

    Example
    -------
    ```post
    lang: en
    kind: reply
    ---
    Thank you for your message. We are unable to accommodate every request we receive.
    ```
    ```post
    lang: fr
    kind: reply
    ---
    Merci pour votre message. Nous ne pouvons pas donner suite à toutes les demandes de partenariat.
    ```

    Use instead
    -----------
    ```post
    lang: en
    kind: reply
    ---
    Sorry, we can't sponsor the tournament this year, Dana. We'd love to send a box of mugs for the
    raffle though: what's the address?
    ```
    ```post
    lang: fr
    kind: reply
    ---
    Désolés, nous ne pouvons pas échanger un article soldé. En revanche, vous pouvez le revendre sur notre
    page seconde main.
    ```
    """

    code = "IMP008"
    name = "impersonal.cold-refusal"
    messages = {"default": {
        "fr": "Refus sans excuse ni solution : « {phrase} ».",
        "en": "A refusal with neither an apology nor a way forward: \"{phrase}\".",
    }}
    suggestions = {"default": {
        "fr": "Excusez-vous et proposez ce que vous pouvez faire à la place.",
        "en": "Say sorry and offer what you can do instead.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if not post.is_customer_care:
            return
        refusal = next(iter(find(post.lang, "impersonal", "refusals", post.text)), None)
        if refusal is None or find(post.lang, "impersonal", "apologies", post.text):
            return
        if "?" in post.text or URL.search(post.text) or EMAIL.search(post.text):
            return
        if find(post.lang, "impersonal", "next_steps", post.text[refusal.end():]):
            return
        yield self.finding(post, refusal.start(), refusal.end(), phrase=refusal.group())
