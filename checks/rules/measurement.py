"""MES — posts that cannot be measured: no objective, links without tracking parameters."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from checks.finding import Finding
from checks.post import Post
from checks.registry import Rule, register
from checks.text import URL, spans


@register
class NoObjective(Rule):
    """Flags a post planned without an objective.

    What it does
    ------------
    Reports a post whose calendar entry has no ``objective`` (awareness, engagement, traffic,
    conversion, community, customer care).

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
        if not post.objective:
            yield self.finding(post, 0, 0)


@register
class LinkWithoutUtm(Rule):
    """Flags a link without UTM parameters.

    What it does
    ------------
    Reports each link in the text (and the post's ``link``) that has no ``utm_source``, ``utm_medium``
    or ``utm_campaign`` parameter. Replies and customer-care posts, and links to the domains in
    ``ignore_domains`` (carriers, platforms), are left alone.

    Why it matters
    --------------
    Without UTM parameters the visits the post brings are lumped with everything else in the
    analytics: its traffic cannot be measured.

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
    Our cold brew guide: https://northwind.example/cold-brew
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
    """

    code = "MES002"
    name = "measurement.link-without-utm"
    options = {
        "ignore_domains": [
            "laposte.fr", "colissimo.fr", "chronopost.fr", "dhl.com", "ups.com", "fedex.com", "usps.com",
            "royalmail.com", "mondialrelay.fr", "wikipedia.org", "legifrance.gouv.fr", "service-public.fr",
        ],
    }
    messages = {"default": {
        "fr": "Lien sans paramètres UTM : son trafic ne sera pas mesurable (« {url} »).",
        "en": "Link without UTM parameters: its traffic cannot be measured (\"{url}\").",
    }}
    suggestions = {"default": {
        "fr": "Ajoutez ?utm_source={channel}&utm_medium=social&utm_campaign=… au lien.",
        "en": "Add ?utm_source={channel}&utm_medium=social&utm_campaign=… to the link.",
    }}

    def check(self, post: Post, options: dict) -> Iterator[Finding]:
        if post.is_customer_care:
            return
        channel = post.channel or "social"
        for link in spans(URL, post.text):
            if self._untracked(link.text, options["ignore_domains"]):
                yield self.finding(post, link.start, link.end, url=link.text, channel=channel)
        attached = post.meta.get("link")
        if attached and attached not in post.text and self._untracked(attached, options["ignore_domains"]):
            yield self.finding(post, 0, 0, url=attached, channel=channel)

    @staticmethod
    def _untracked(url: str, ignore_domains: list[str]) -> bool:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = (parts.hostname or "").lower()
        if any(host == domain or host.endswith("." + domain) for domain in ignore_domains):
            return False
        return not any(key.startswith("utm_") for key in parse_qs(parts.query))
