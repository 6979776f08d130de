"""Facts about a post that several rules read: sales vocabulary, purchase calls to action, imperatives,
who speaks and who is addressed. Each is computed once per post (``Post.shared``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from checks.lexicons import find, terms
from checks.nlp import LemmaLookup, installed_pipeline, lemma_lookup
from checks.post import Post
from checks.text import EMOJI, Span, words

PRICE = re.compile(r"(?:[$€£]\s?\d+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?\s?(?:€|euros?\b|\$|£|USD\b|EUR\b))", re.I)
PERCENT = re.compile(r"[-–]?\s?\d{1,3}\s?%")
PROMO_CODE = re.compile(r"\b(?:code|coupon)\s*:?\s*[«\"']?\s*([A-Z][A-Z0-9]{3,}\d*)\b")
# Before a verb form, these make it anything but an imperative: a subject (« vous achetez »), a
# determiner (« le rendez-vous »), a negation or pronoun of a conjugated verb.
NOT_BEFORE_IMPERATIVE = frozenset({
    "vous", "nous", "on", "je", "j'", "tu", "il", "elle", "ils", "elles", "qui", "que", "qu'", "ne", "n'", "y",
    "en", "se", "s'", "vous-même", "ce", "ça", "cela", "le", "la", "les", "l'", "un", "une", "des", "du", "au",
    "aux", "cet", "cette", "ces", "mon", "ton", "son", "notre", "votre", "leur", "nos", "vos", "leurs",
})
INFINITIVE = re.compile(r"(?:er|ir|re|oir)$")
CLAUSE_BREAK = re.compile(r"[.!?…:;,\n•|—–()«»\"]")
# Words after which an imperative may still open its clause ("… and grab", « … et fonce »).
IMPERATIVE_LEADS = {
    "en": frozenset({"now", "so", "just", "and", "then", "go", "please", "also", "quick", "simply"}),
    "fr": frozenset({"et", "puis", "alors", "ou", "donc", "vite", "maintenant"}),
}
# What follows an English imperative of purchase ("Buy the…", "Shop now", "Order before…"), unlike a noun
# ("Book club is back", "Shop hours").
EN_OBJECT_START = re.compile(
    r"^\s*(?:[!,.:;…]|$|(?:the|a|an|your|yours|our|it|them|one|this|these|that|those|now|today|tonight|here|"
    r"online|before|while|at|with|for|on|up|out|in|early|fast|quickly|all|some|more|two|three|yours|tickets?|"
    r"seats?|tables?|gifts?)\b|#\w)",
    re.IGNORECASE,
)


def _french_lookup(post: Post) -> LemmaLookup:
    return lemma_lookup(installed_pipeline(post.config.pipelines["fr"]))


def _previous_word(post: Post, spans: list[Span], index: int) -> str | None:
    """The word before ``spans[index]`` in the same clause, or None at the start of a clause."""
    if index == 0:
        return None
    previous = spans[index - 1]
    gap = post.text[previous.end:spans[index].start]
    if CLAUSE_BREAK.search(gap) or EMOJI.search(gap):
        return None
    return previous.text.lower()


NOUNS = frozenset({"rendez-vous"})  # hyphenated forms that look like imperatives but are nouns
SENTENCE_END = re.compile(r"[.!?…\n]")


def _in_question(text: str, offset: int) -> bool:
    end = SENTENCE_END.search(text, offset)
    return end is not None and end.group() == "?"


def french_imperatives(post: Post) -> list[Span]:
    """Second-person plural and first-person plural imperatives (« Achetez », « Profitez-en », « Foncez »).

    The French tagger misses sentence-initial imperatives, so this reads the lemmatizer's lookup table:
    a form in -ez/-ons whose lemma is an infinitive, with no subject pronoun before it and no inversion.
    """
    def compute(post: Post) -> list[Span]:
        lookup = _french_lookup(post)
        found = []
        tokens = words(post.text)
        for index, token in enumerate(tokens):
            lowered = token.text.lower().replace("’", "'")
            base, _, suffix = lowered.partition("-")
            if not base.endswith(("ez", "ons")) or suffix in {"on", "t-on", "t-il", "t-elle"} or lowered in NOUNS:
                continue
            if suffix in {"vous", "nous"} and _in_question(post.text, token.end):
                continue  # inversion (« Voulez-vous… ? »), not a reflexive imperative (« Inscrivez-vous »)
            lemma = lookup.get(base, "")
            if not INFINITIVE.search(lemma) or lemma == base:
                continue
            if _previous_word(post, tokens, index) in NOT_BEFORE_IMPERATIVE:
                continue
            found.append(Span(token.start, token.start + len(base), post.text[token.start:token.start + len(base)]))
        return found

    return post.shared("fr.imperatives", compute)


def purchase_calls(post: Post) -> list[Span]:
    """Imperative purchase calls to action (« Achetez », « Commandez-le », "Buy", "Shop now", "Grab yours")."""
    def compute(post: Post) -> list[Span]:
        if post.lang == "fr":
            lookup = _french_lookup(post)
            lemmas = set(terms("fr", "commercial", "purchase_lemmas"))
            calls = [span for span in french_imperatives(post) if lookup.get(span.text.lower()) in lemmas]
            calls += _clause_initial(post, find("fr", "commercial", "purchase_phrases", post.text),
                                     anywhere=lambda phrase: "-" in phrase or " " in phrase)
        else:
            calls = _clause_initial(post, find("en", "commercial", "purchase_verbs", post.text),
                                    anywhere=lambda phrase: " " in phrase)
        return merge_spans(calls)

    return post.shared("purchase_calls", compute)


def _clause_initial(post: Post, matches: Iterable[re.Match[str]], *, anywhere) -> list[Span]:
    """Matches that open a clause (or that are unambiguous anywhere): imperatives, not nouns."""
    tokens = words(post.text)
    starts = {token.start: index for index, token in enumerate(tokens)}
    found = []
    for match in matches:
        phrase = match.group().lower()
        index = starts.get(match.start())
        if anywhere(phrase):
            found.append(Span(match.start(), match.end(), match.group()))
            continue
        if index is None:
            continue
        previous = _previous_word(post, tokens, index)
        if previous is not None and previous not in IMPERATIVE_LEADS[post.lang]:
            continue
        if post.lang == "en" and not EN_OBJECT_START.match(post.text[match.end():match.end() + 20]):
            continue
        found.append(Span(match.start(), match.end(), match.group()))
    return found


def merge_spans(spans: list[Span]) -> list[Span]:
    result: list[Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if not result or span.start >= result[-1].end:
            result.append(span)
    return result


def sales_terms(post: Post) -> list[Span]:
    """Promotional vocabulary, prices, percentages and promo codes."""
    def compute(post: Post) -> list[Span]:
        found = [Span(m.start(), m.end(), m.group()) for m in find(post.lang, "commercial", "promo", post.text)]
        for pattern in (PRICE, PERCENT, PROMO_CODE):
            found += [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(post.text)]
        return merge_spans(found)

    return post.shared("sales_terms", compute)


NEGATED = re.compile(r"(?:\bno|\bnot|\bpas de|\bsans|\bjamais|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)


def urgency_terms(post: Post) -> list[Span]:
    def compute(post: Post) -> list[Span]:
        found = find(post.lang, "commercial", "urgency", post.text)
        found += find(post.lang, "commercial", "urgency_patterns", post.text, regex=True)
        found = [m for m in found if not NEGATED.search(post.text[max(0, m.start() - 20):m.start()])]
        return merge_spans([Span(m.start(), m.end(), m.group()) for m in found])

    return post.shared("urgency_terms", compute)


def scarcity_terms(post: Post) -> list[Span]:
    return post.shared("scarcity_terms", lambda post: [Span(m.start(), m.end(), m.group())
                                                       for m in find(post.lang, "commercial", "scarcity", post.text)])


def sales_share(post: Post, lead_words: int | None = None) -> tuple[list[Span], float]:
    """The spans that push a sale (offers, prices, codes, calls to buy, urgency) and the share of the
    words they make: in the whole post, or in its first ``lead_words`` words (what is read first)."""
    tokens = words(post.text)
    if lead_words is not None and len(tokens) <= lead_words:
        return sales_share(post)

    def compute(post: Post) -> tuple[list[Span], float]:
        pushes = merge_spans(sales_terms(post) + purchase_calls(post) + urgency_terms(post))
        tokens = words(post.text)
        if lead_words is not None:
            limit = tokens[lead_words - 1].end
            pushes, tokens = [span for span in pushes if span.start < limit], tokens[:lead_words]
        pushed_words = sum(max(1, len(span.text.split())) for span in pushes)
        return pushes, min(1.0, pushed_words / len(tokens)) if tokens else 0.0

    return post.shared(f"sales_share.{lead_words}", compute)


def sells(post: Post, *, short_words: int = 40, min_share: float = 0.1, lead_words: int = 40) -> bool:
    """The post is selling: two sales signals in a short post, or a tenth of a longer one's words (or of
    its opening)."""
    pushes, share = sales_share(post)
    if word_count(post) <= short_words:
        return len(pushes) >= 2
    return share >= min_share or sales_share(post, lead_words)[1] >= min_share


def pronouns(post: Post, key: str) -> list[Span]:
    """Matches of the ``[impersonal] key`` list (reader, speaker, brand_side, reader_tu, reader_vous)."""
    def compute(post: Post) -> list[Span]:
        # "US" in capitals is the country, not the pronoun.
        return [Span(m.start(), m.end(), m.group()) for m in find(post.lang, "impersonal", key, post.text)
                if m.group() != "US"]

    return post.shared(f"pronouns.{key}", compute)


def english_imperatives(post: Post) -> list[Span]:
    """Verbs that open a clause and speak to the reader ("Come with us", "Please subscribe")."""
    def compute(post: Post) -> list[Span]:
        if post.lang != "en":
            return []
        verbs = set(terms("en", "impersonal", "imperatives"))
        tokens = words(post.text)
        found = []
        for index, token in enumerate(tokens):
            if token.text.lower().replace("’", "'") not in verbs or token.text.isupper() and len(token.text) > 1:
                continue
            previous = _previous_word(post, tokens, index)
            if previous is None or previous in IMPERATIVE_LEADS["en"]:
                found.append(token)
        return found

    return post.shared("en.imperatives", compute)


def reader_addresses(post: Post) -> list[Span]:
    """Where the reader is addressed: second-person pronouns and imperatives (French -ez forms)."""
    found = list(pronouns(post, "reader"))
    if post.lang == "fr":
        found += [span for span in french_imperatives(post) if span.text.lower().endswith("ez")]
    return found + english_imperatives(post)


def addresses_reader(post: Post) -> bool:
    """The reader is addressed: a second-person pronoun or an imperative."""
    return bool(reader_addresses(post))


def word_count(post: Post) -> int:
    return post.shared("word_count", lambda post: len(words(post.text)))
