"""``python -m bench calendar-checks [--posts N] [--rounds R]``: the calendar checks on a big calendar.

Builds a synthetic calendar (``N`` posts, default 10,000, over 26 weeks and 6 channels of one French
brand; texts assembled from sentence pools with products, places and figures, so most are distinct;
about one piece in eight cross-posted to other channels, lightly edited, and one in twenty-five
reposted on its channel a few weeks later), then times ``lint_calendar`` on it (median of ``R`` runs
after a warm-up run; wall-clock time, and the process's CPU time, which other programs on the
machine slow down less) and, once, the per-post COM rules that fill ``commercial_findings``
(``with_commercial_findings``, the other half of ``edito lint --calendar``). Prints JSON.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 9, 1, 9, 0, tzinfo=ZONE)
FIRST_DAY = datetime(2026, 6, 1, tzinfo=ZONE)
WEEKS = 26
CHANNELS = [("Instagram Lumen", "instagram"), ("LinkedIn Lumen", "linkedin"), ("X Lumen", "x"),
            ("Facebook Lumen", "facebook"), ("TikTok Lumen", "tiktok"), ("Newsletter Lumen", "newsletter")]
PILLARS = ["educational", "entertaining", "inspirational", "community", "behind_the_scenes", "news", "promotional"]
OBJECTIVES = ["awareness", "engagement", "traffic", "conversion", "community", None]
PRODUCTS = ["bougie au figuier", "bougie au cèdre", "coffret de Noël", "diffuseur en grès", "savon au miel",
            "bougie à la verveine", "photophore en verre soufflé", "brume d'oreiller", "bougie à la tomate",
            "coffret découverte", "bougie au thé noir", "mèche en bois", "bol en céramique", "carnet de recettes"]
PLACES = ["Lyon", "Lille", "Nantes", "Bordeaux", "Marseille", "Rennes", "Annecy", "Dijon", "Tours", "Arles"]
OPENERS = [
    "Cette semaine à l'atelier, on vous montre comment naît notre {product}.",
    "Vous nous avez demandé d'où vient le parfum de la {product} : on vous raconte.",
    "Petite visite de notre boutique de {place}, où la {product} vient d'arriver.",
    "Il a fallu {number} essais pour trouver la bonne recette de {product}.",
    "Léa prépare ce matin {number} {product} pour les commandes de {place}.",
    "Notre {product} fête ses {number} ans, et elle n'a pas pris une ride.",
    "Connaissez-vous l'histoire de la {product} ? Elle commence à {place}.",
    "Trois conseils pour faire durer votre {product} plus de {number} heures.",
    "Le marché de {place} accueille notre stand ce week-end, avec la {product}.",
    "On a testé la {product} avec {number} clients de {place} avant de la lancer.",
]
BODIES = [
    "La cire de colza vient d'une ferme à {number} kilomètres de l'atelier, et la mèche est en coton tressé.",
    "Chaque pièce est coulée à la main, puis repose {number} jours avant d'être emballée.",
    "Nous avons changé de fournisseur de verre pour un souffleur installé près de {place}.",
    "Le parfum mêle des notes de bois, de feuilles vertes et un soupçon de poivre.",
    "Coupez la mèche à cinq millimètres avant chaque allumage : la flamme reste calme et nette.",
    "Nos emballages sont en carton recyclé et se compostent en {number} semaines.",
    "L'équipe de {place} a choisi ce modèle parmi {number} prototypes.",
    "Il reste quelques places pour l'atelier de fabrication du samedi à {place}.",
    "Ce mois-ci, {number} % des ventes de la {product} financent le jardin partagé du quartier.",
    "Les premiers retours parlent d'une odeur de maison de vacances, et on ne peut qu'approuver.",
    "La recette a été ajustée après vos commentaires : moins sucrée, plus boisée.",
    "Nous livrons désormais {place} à vélo, sans emballage superflu.",
]
CLOSERS = [
    "Et vous, vous l'allumeriez dans quelle pièce ?",
    "Dites-nous en commentaire ce que vous aimeriez voir ensuite.",
    "Tous les détails sont sur le site, lien en bio.",
    "À découvrir en boutique dès samedi.",
    "Racontez-nous votre rituel du soir.",
    "Merci à toutes celles et ceux qui nous suivent depuis le début.",
    "-20 % avec le code ATELIER jusqu'à dimanche, achetez maintenant !",
    "",
]
HASHTAGS = ["#bougie", "#faitmain", "#artisanat", "#madeinfrance", "#atelier", "#deco", "#cosy", "#slowliving"]


def piece_text(rng: random.Random) -> str:
    """One post text: an opener, one or two body sentences and a closer, with their blanks filled."""
    def fill(sentence: str) -> str:
        return sentence.format(product=rng.choice(PRODUCTS), place=rng.choice(PLACES), number=rng.randint(2, 400))

    sentences = [rng.choice(OPENERS), *rng.sample(BODIES, rng.randint(1, 2)), rng.choice(CLOSERS)]
    return " ".join(fill(sentence) for sentence in sentences if sentence)


def edited(text: str, rng: random.Random) -> str:
    """The same piece adapted lightly: hashtags, a closing line, or capitals and punctuation."""
    change = rng.randrange(3)
    if change == 0:
        return f"{text} {' '.join(rng.sample(HASHTAGS, 3))}"
    if change == 1:
        return f"{text} Lien en bio."
    return text.upper().replace(",", "")


VOCABULARY = sorted({word for sentence in OPENERS + BODIES + CLOSERS + PRODUCTS + PLACES
                     for word in sentence.replace("{", " ").replace("}", " ").split() if word.isalpha()})


def distinct_texts(count: int, seed: int = 7) -> list[str]:
    """``count`` different texts of 12 to 40 words of the pools' vocabulary in random order, one in ten a
    light edit of the one before (for the LSH tests: unlike ``piece_text``, whose templates make the
    number of similar pairs grow with the square of the number of texts)."""
    rng = random.Random(seed)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < count:
        if texts and rng.random() < 0.1:
            text = edited(texts[-1], rng)
        else:
            text = " ".join(rng.choices(VOCABULARY, k=rng.randint(12, 40))).capitalize() + "."
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def synthetic_calendar(posts_count: int = 10_000, seed: int = 11):
    """A big calendar of one brand and its context (now: in the middle of it)."""
    from checks.calendar import CalendarContext, CalendarPost

    rng = random.Random(seed)
    span_minutes = WEEKS * 7 * 24 * 60
    authors = [f"auteur{index}@lumen.example" for index in range(8)]
    campaigns = [f"Campagne {index}" for index in range(12)]
    posts: list[CalendarPost] = []
    while len(posts) < posts_count:
        at = FIRST_DAY + timedelta(minutes=rng.randrange(span_minutes) // 15 * 15)
        channel, platform = rng.choice(CHANNELS)
        pillar = rng.choice(PILLARS)
        status = ("published" if rng.random() < 0.95 else "scheduled") if at < NOW else rng.choice(
            ["idea", "draft", "in_review", "approved", "scheduled", "scheduled"])
        post = CalendarPost(
            id=f"p{len(posts) + 1}", channel=channel, platform=platform, scheduled_at=at, status=status,
            text=piece_text(rng), pillar=pillar, objective=rng.choice(OBJECTIVES), author=rng.choice(authors),
            campaign=rng.choice(campaigns) if rng.random() < 0.3 else None,
            commercial_findings=int(pillar == "promotional" or rng.random() < 0.1), lang="fr",
        )
        posts.append(post)
        if rng.random() < 0.125:  # cross-posted the same day on one or two other channels
            for other, other_platform in rng.sample([c for c in CHANNELS if c[1] != platform], rng.randint(1, 2)):
                posts.append(replace(post, id=f"p{len(posts) + 1}", channel=other, platform=other_platform,
                                     scheduled_at=at + timedelta(hours=rng.randint(0, 6)), text=edited(post.text, rng)))
        if rng.random() < 0.04:  # reposted on the same channel a few weeks later
            posts.append(replace(post, id=f"p{len(posts) + 1}", scheduled_at=at + timedelta(days=rng.randint(7, 28)),
                                 text=edited(post.text, rng)))
    posts = posts[:posts_count]
    frequency = {channel: 3.0 for channel, _ in CHANNELS}
    return posts, CalendarContext(now=NOW, timezone="Europe/Paris", channel_frequency=frequency)


def bench_calendar_checks(posts_count: int = 10_000, rounds: int = 5, commercial: bool = True) -> dict:
    from checks.calendar import lint_calendar, with_commercial_findings
    from checks.calendar.similarity import NearDuplicates

    posts, context = synthetic_calendar(posts_count)
    findings = lint_calendar(posts, context=context)  # warm-up: imports, the rule catalogue
    times, cpu_times = [], []
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        findings = lint_calendar(posts, context=context)
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
    index = NearDuplicates([post.text for post in posts], threshold=0.8)
    figures = {
        "benchmark": "calendar-checks",
        "posts": len(posts),
        "channels": len({post.channel for post in posts}),
        "days": WEEKS * 7,
        "lint_calendar_median_s": round(statistics.median(times), 3),
        "lint_calendar_max_s": round(max(times), 3),
        "lint_calendar_cpu_median_s": round(statistics.median(cpu_times), 3),
        "rounds": rounds,
        "findings": len(findings),
        "findings_by_rule": dict(sorted(Counter(finding.code for finding in findings).items())),
        "near_duplicate_comparisons": index.comparisons,
        "target_s": 2.0,
    }
    if commercial:
        with_commercial_findings(posts[:200])  # warm-up: the pipeline and the lexicons
        started = time.perf_counter()
        with_commercial_findings(posts)
        figures["commercial_findings_pass_s"] = round(time.perf_counter() - started, 2)
    return figures
