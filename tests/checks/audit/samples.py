"""A small archive of past posts, as ``ArchivedPost``s, covering what ``edito audit`` reports on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from checks.audit.model import ArchivedPost

MARCH = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
CROSS_POSTED = "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon 🕯️"
REPEATED = "Chaque bougie est coulée à la main dans notre atelier de Lyon, en petites séries."
PROMO_FR = "SOLDES !!! Achetez maintenant, commandez vite ! -50 % sur tout le site, dernière chance 🔥"
TEMPLATED_REPLY = ("Bonjour, nous sommes désolés pour la gêne occasionnée. N'hésitez pas à nous contacter en "
                   "message privé.")
SPONSORED_UP_FRONT = "Publicité | Collaboration commerciale avec @maisonverdier : leur box cocooning, testée un mois ✨"
SPONSORED_BURIED = "My new grinder is here and mornings are better already. #coffee #morning #brew #gear #ad"
SPONSORED_AFTER_THE_CUT = ("Les soirées d'hiver sont plus douces avec une bougie, un plaid et un bon livre. Voici ma "
                           "routine du soir, étape par étape, pour ralentir vraiment. Publicité pour Maison Verdier.")
UNDISCLOSED_CODE = "Ma routine du soir avec la bougie au cèdre : -15 % avec mon code NINA15 sur le site de la marque."
EXPECTED_PLACEMENTS = {"up front": 1, "after the cut": 1, "buried": 1, "missing": 1}


def post(number: int, when: datetime, text: str, *, channel: str = "x", kind: str = "post",
         lang: str | None = "fr") -> ArchivedPost:
    link = f"https://x.com/i/web/status/{number}" if channel == "x" else None
    return ArchivedPost(id=f"{channel}:{number:03d}", created_at=when, channel=channel, kind=kind, text=text,
                        link=link, source=f"sample, record {number}", lang=lang)


def sample_archive() -> list[ArchivedPost]:
    """Two months on X and Instagram: promotions, the four placements of a disclosure, care replies (one
    templated), a text cross-posted, a text repeated across the month boundary, two posts 20 minutes apart."""
    day = timedelta(days=1)
    return [
        post(1, MARCH, PROMO_FR),
        post(2, MARCH + 1 * day, "Le coulage, à l'atelier : trois heures de patience pour une seule bougie. Ça vaut "
                                 "le coup !"),
        post(3, MARCH + 2 * day, SPONSORED_UP_FRONT, channel="instagram"),
        post(4, MARCH + 3 * day, SPONSORED_BURIED, lang="en"),
        post(5, MARCH + 4 * day, UNDISCLOSED_CODE, channel="instagram"),
        post(6, MARCH + 5 * day, SPONSORED_AFTER_THE_CUT, channel="instagram"),
        post(7, MARCH + 6 * day, TEMPLATED_REPLY, kind="reply"),
        post(8, MARCH + 7 * day, "Merci Léa ! Votre bougie part demain matin, et on a glissé un échantillon de "
                                 "figuier dans le colis 🌿", kind="reply"),
        post(9, MARCH + 10 * day, CROSS_POSTED),
        post(10, MARCH + 10 * day + timedelta(hours=2), CROSS_POSTED, channel="instagram"),
        post(11, MARCH + 12 * day, "Une question pour vous : quel parfum pour l'automne ? Dites-le-nous 👇"),
        post(12, MARCH + 12 * day + timedelta(minutes=20), "Atelier ouvert samedi de 10 h à 18 h, venez nous voir."),
        post(13, datetime(2024, 3, 28, 9, tzinfo=UTC), REPEATED),
        post(14, datetime(2024, 4, 5, 9, tzinfo=UTC), REPEATED + " Merci à vous !"),
        post(15, datetime(2024, 4, 8, 9, tzinfo=UTC), PROMO_FR),
        post(16, datetime(2024, 4, 9, 9, tzinfo=UTC), "Flash sale! Buy now: 50% off everything, today only!!!",
             lang="en"),
        post(17, datetime(2024, 4, 10, 9, tzinfo=UTC), TEMPLATED_REPLY, kind="reply"),
        post(18, datetime(2024, 4, 11, 9, tzinfo=UTC), "Hola, ¿qué tal? Nuestras velas llegan pronto.", lang="es"),
    ]
