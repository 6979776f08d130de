"""MES — posts that cannot be measured: no objective, links without tracking parameters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from checks.finding import Finding
from checks.post import Post
from checks.registry import Rule, register
from checks.text import URL, is_short_or_social, link_host, spans


@register
class NoObjective(Rule):
    """Flags a post planned without an objective.

    What it does
    ------------
    Reports a post whose calendar entry has no ``objective`` (awareness, engagement, traffic,
    conversion, community, customer care). It speaks only where a plan could have set one: a calendar
    entry, Markdown front matter, a CSV row with an ``objective`` column; never on plain text or stdin.

    Why it matters
    --------------
    Without an objective there is nothing to measure the post against, and no way to tell whether it
    worked — the first mistake brands make on social media.

    Example
    -------
    ```post
    lang: fr
    ---
    Nouvelle bougie au figuier disponible en boutique.
    ```
    ```post
    lang: en
    ---
    New fig candle now in store.
    ```

    Use instead
    -----------
    ```post
    lang: fr
    objective: awareness
    ---
    Nouvelle bougie au figuier disponible en boutique.
    ```
    ```post
    lang: en
    objective: traffic
    ---
    New fig candle now in store.
    ```
    """

    code = "MES001"
    name = "measurement.no-objective"
    messages = {"default": {
        "fr": "Aucun objectif pour ce message : impossible de savoir s'il a fonctionné.",
        "en": "No objective for this post: there is no way to tell whether it worked.",
    }}
    suggestions = {"default": {
        "fr": "Choisissez un objectif (notoriété, engagement, trafic, conversion, communauté, service client).",
        "en": "Pick an objective (awareness, engagement, traffic, conversion, community, customer care).",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.planned and not post.objective:
            yield self.finding(post, 0, 0)


UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign")


@register
class LinkWithoutUtm(Rule):
    """Flags a link to the brand's own pages without a full set of UTM parameters.

    What it does
    ------------
    Reports each link in the text (and the post's ``link``) that lacks ``utm_source``, ``utm_medium``
    or ``utm_campaign``. Links to other sites are left alone: to the domains in ``ignore_domains``
    (carriers, public services), to social platforms and marketplaces (a profile, a video), short links
    and platform wrappers such as t.co (the shortener counts the clicks, the destination is hidden),
    and, when the workspace names its ``brand``, to domains that do not contain the brand's name (a
    newspaper's article, a partner's page). ``brand_domains`` lists the brand's domains explicitly.
    Replies and customer-care posts are not checked.

    Why it matters
    --------------
    Without source, medium and campaign the visits the post brings are lumped with everything else in
    the analytics: its traffic cannot be measured.

    Example
    -------
    ```post
    lang: fr
    objective: traffic
    ---
    Le guide d'entretien de vos bougies : https://atelier.example/guide
    ```
    ```post
    lang: en
    objective: traffic
    ---
    Our cold brew guide: https://northwind.example/cold-brew?utm_source=x&utm_medium=social
    ```

    Use instead
    -----------
    ```post
    lang: fr
    objective: traffic
    ---
    Le guide d'entretien : https://atelier.example/guide?utm_source=instagram&utm_medium=social&utm_campaign=guide
    ```
    ```post
    lang: en
    objective: customer_care
    kind: reply
    ---
    Sorry for the delay! You can follow the parcel here: https://tools.usps.com/go/TrackConfirmAction
    ```
    ```post
    lang: en
    objective: awareness
    config.brand: Northwind Roasters
    ---
    The BBC visited our roastery last week: https://www.bbc.co.uk/news/some-article
    ```
    """

    code = "MES002"
    name = "measurement.link-without-utm"
    options = {
        "ignore_domains": [
            "laposte.fr", "colissimo.fr", "chronopost.fr", "dhl.com", "ups.com", "fedex.com", "usps.com",
            "royalmail.com", "mondialrelay.fr", "wikipedia.org", "legifrance.gouv.fr", "service-public.fr",
        ],
        "brand_domains": [],
    }
    messages = {"default": {
        "fr": "Lien sans {missing} : son trafic ne sera pas mesurable (« {url} »).",
        "en": "Link without {missing}: its traffic cannot be measured (\"{url}\").",
    }}
    suggestions = {"default": {
        "fr": "Ajoutez ?utm_source={channel}&utm_medium=social&utm_campaign=… au lien.",
        "en": "Add ?utm_source={channel}&utm_medium=social&utm_campaign=… to the link.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.is_customer_care:
            return
        channel = post.channel or "social"
        links = [(link.start, link.end, link.text) for link in spans(URL, post.text)]
        attached = post.meta.get("link")
        if attached and attached not in post.text:
            links.append((0, 0, attached))
        for start, end, url in links:
            missing = self._missing(url, post, options)
            if missing:
                yield self.finding(post, start, end, url=url, channel=channel, missing=", ".join(missing))

    @staticmethod
    def _missing(url: str, post: Post, options: dict) -> list[str]:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
        if _on(host, options["ignore_domains"]) or is_short_or_social(link_host(url)):
            return []
        if options["brand_domains"]:
            if not _on(host, options["brand_domains"]):
                return []
        elif post.config.brand and not _names_brand(host, post.config.brand):
            return []
        present = {key for key in parse_qs(parts.query)}
        return [key for key in UTM_KEYS if key not in present]


def _on(host: str, domains: list[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def _names_brand(host: str, brand_names: tuple[str, ...]) -> bool:
    """Whether a domain carries one of the brand's names (« Atelier Lumen » → atelier-lumen.fr)."""
    squashed = _fold(host).replace("-", "").replace(".", "")
    for name in brand_names:
        words = [word for word in re.findall(r"\w+", _fold(name)) if len(word) >= 4]
        if any(word in squashed for word in words) or _fold(name).replace(" ", "") in squashed:
            return True
    return False


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
