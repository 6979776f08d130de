"""Demo data: a French and an English brand, their team, and a month of posts in every status.

Some posts are written to be flagged by the checker (all-sales talk, undisclosed partnership, canned
phrases, justification before empathy, untracked links, no objective). Seeding is idempotent: a
workspace or user that already exists is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from calendar_app.models import (
    CampaignCreate,
    ChannelCreate,
    Language,
    Objective,
    Pillar,
    PostCreate,
    PostStatus,
    Role,
    Sponsorship,
    UserCreate,
    Voice,
    WorkspaceCreate,
    new_group_id,
)
from calendar_app.services import posts as post_service
from calendar_app.services.auth import grant_access
from calendar_app.services import users as user_service
from calendar_app.services import workspaces as workspace_service

DEMO_PASSWORD = "edito-demo"


@dataclass(frozen=True)
class DemoPost:
    channel: str
    title: str
    body: str
    objective: Objective | None = None
    pillar: Pillar | None = None
    sponsorship: Sponsorship = Sponsorship.NONE
    partner: str | None = None
    link: str | None = None
    campaign: str | None = None
    also_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoBrand:
    workspace: WorkspaceCreate
    channels: dict[str, ChannelCreate]
    campaigns: list[CampaignCreate]
    team: list[UserCreate]
    posts: list[DemoPost] = field(default_factory=list)


O, P, Sp = Objective, Pillar, Sponsorship

FRENCH_POSTS = [
    DemoPost("instagram", "Coulisses de l'atelier",
             "Ce matin à l'atelier, Léa coule la cire de la bougie « Figuier ». Il faut 48 h de repos avant de "
             "poser l'étiquette. Vous aviez deviné que c'était si long ? 🕯️",
             O.ENGAGEMENT, P.BEHIND_THE_SCENES),
    DemoPost("instagram", "Soldes d'hiver",
             "SOLDES !!! -40 % sur TOUTE la collection, livraison offerte ! Achetez maintenant, commandez vite, "
             "foncez ! Dernière chance, stocks limités !!! 🔥🔥🔥🔥🔥",
             O.CONVERSION, P.PROMOTIONAL, campaign="Collection d'hiver"),
    DemoPost("instagram", "Box cocooning",
             "Merci à @maisonverdier pour cette box cocooning 😍 Nos bougies n'ont jamais été aussi bien "
             "accompagnées. #cosy #hygge #decoration #maison #bougie",
             O.AWARENESS, P.INSPIRATIONAL, Sp.PAID, "Maison Verdier"),
    DemoPost("facebook", "Fermeture du 11 novembre",
             "Nous vous informons que la boutique sera fermée le 11 novembre. Votre satisfaction est notre "
             "priorité.",
             O.CUSTOMER_CARE, P.NEWS),
    DemoPost("linkedin", "Nouveau point de vente",
             "Atelier Lumen annonce l'ouverture d'un nouveau point de vente à Lyon. L'entreprise poursuit son "
             "développement et confirme sa stratégie de croissance sur le marché de la décoration.",
             O.AWARENESS, P.NEWS, link="https://atelier-lumen.example/lyon"),
    DemoPost("linkedin", "Pourquoi la cire de colza",
             "Nous avons remplacé la paraffine par de la cire de colza cultivée dans la Beauce. Ce choix nous a "
             "coûté deux mois de tests : combustion plus lente, parfum plus discret. Et vous, qu'est-ce qui "
             "compte le plus quand vous choisissez une bougie ?",
             O.ENGAGEMENT, P.EDUCATIONAL,
             link="https://atelier-lumen.example/colza?utm_source=linkedin&utm_medium=social&utm_campaign=colza"),
    DemoPost("x", "Réponse livraison",
             "Conformément à nos CGV, les délais de livraison peuvent atteindre 10 jours ouvrés.",
             O.CUSTOMER_CARE, P.COMMUNITY),
    DemoPost("x", "Réponse colis en retard",
             "Bonjour Julie, désolés pour ce retard, on comprend votre agacement. Votre colis est parti hier : "
             "le numéro de suivi est 6A12345678901. On vous tient au courant en message privé.",
             O.CUSTOMER_CARE, P.COMMUNITY),
    DemoPost("tiktok", "Atelier en accéléré",
             "Une journée à l'atelier en 30 secondes : du pot vide à la bougie emballée. Tu veux voir quelle "
             "étape en vidéo longue ?",
             O.ENGAGEMENT, P.ENTERTAINING),
    DemoPost("newsletter", "La lettre de décembre",
             "Chaque mois, nous vous racontons une matière, une rencontre et un geste d'entretien. Ce mois-ci : "
             "comment couper la mèche pour que la flamme ne fume pas.",
             O.COMMUNITY, P.EDUCATIONAL, link="https://atelier-lumen.example/lettre"),
    DemoPost("instagram", "Concours fête des mères",
             "Pour la fête des mères, racontez-nous en commentaire le parfum qui vous rappelle votre maman : "
             "nous lirons chaque réponse ❤️",
             O.COMMUNITY, P.COMMUNITY, campaign="Fête des mères", also_on=("facebook",)),
    DemoPost("instagram", "Collaboration Verdier",
             "Collaboration commerciale avec @maisonverdier : nous avons imaginé ensemble un coffret bois et "
             "cire. Qu'en pensez-vous ?",
             O.AWARENESS, P.PROMOTIONAL, Sp.PAID, "Maison Verdier", campaign="Collection d'hiver"),
    DemoPost("facebook", "Le meilleur cadeau",
             "Le meilleur cadeau de l'année, révolutionnaire et 100 % garanti : notre coffret n°1 des ventes !",
             None, P.PROMOTIONAL, campaign="Collection d'hiver"),
    DemoPost("linkedin", "Portrait d'artisane",
             "Je m'appelle Léa, je fabrique des bougies depuis huit ans. Ce que je préfère : le moment où un "
             "parfum « tient » enfin après vingt essais. Vous avez un métier où l'on recommence souvent ?",
             O.ENGAGEMENT, P.BEHIND_THE_SCENES),
]

ENGLISH_POSTS = [
    DemoPost("instagram", "Roast day",
             "Roast day! Maya pulled this batch of Ethiopian Guji at 9 minutes 40. What notes do you taste "
             "first, blueberry or jasmine?",
             O.ENGAGEMENT, P.BEHIND_THE_SCENES),
    DemoPost("instagram", "Flash sale",
             "FLASH SALE!!! 50% OFF EVERYTHING. Buy now, shop now, order today! Last chance, today only!!! "
             "🔥🔥🔥🔥",
             O.CONVERSION, P.PROMOTIONAL, campaign="Holiday Blend launch"),
    DemoPost("instagram", "Grinder love",
             "Thanks to @brewgear for this gorgeous grinder, my mornings just got better ☕ "
             "#coffee #morning #brew #gear #sp",
             O.AWARENESS, P.INSPIRATIONAL, Sp.GIFTED, "BrewGear"),
    DemoPost("linkedin", "Company announcement",
             "Northwind Roasters announces the expansion of its roasting facility. The company continues to "
             "deliver on its growth strategy.",
             O.AWARENESS, P.NEWS, link="https://northwind.example/news"),
    DemoPost("bluesky", "Brewing tip",
             "Your pour-over tastes sour? Grind a notch finer and pour slower. Try it tomorrow and tell us "
             "what changed.",
             O.ENGAGEMENT, P.EDUCATIONAL),
    DemoPost("x", "Support reply",
             "Per our policy, refunds are processed within 30 days.",
             O.CUSTOMER_CARE, P.COMMUNITY),
    DemoPost("blog", "Holiday Blend story",
             "We spent three months tasting twelve lots to build this year's Holiday Blend. Here is what we "
             "learned, and why we left the chocolate notes out.",
             O.TRAFFIC, P.EDUCATIONAL, campaign="Holiday Blend launch",
             link="https://northwind.example/holiday?utm_source=blog&utm_medium=owned&utm_campaign=holiday"),
    DemoPost("instagram", "Paid partnership with BrewGear",
             "Ad | Paid partnership with @brewgear. We tested their new kettle for a month: steady pour, "
             "honest temperature readout. Questions? Ask below.",
             O.AWARENESS, P.PROMOTIONAL, Sp.PAID, "BrewGear", also_on=("x",)),
    DemoPost("linkedin", "Meet the team",
             "I'm Jordan, head roaster. We cup every batch before it ships. What would you like to know about "
             "how a roast profile is built?",
             O.COMMUNITY, P.BEHIND_THE_SCENES),
]

BRANDS = [
    DemoBrand(
        workspace=WorkspaceCreate(name="Atelier Lumen", language=Language.FR, voice=Voice.VOUS,
                                  timezone="Europe/Paris", commercial_target=0.2),
        channels={
            "instagram": ChannelCreate(platform="instagram", display_name="Instagram", colour="#e1306c",
                                       posts_per_week=4),
            "facebook": ChannelCreate(platform="facebook", display_name="Facebook", colour="#1877f2",
                                      posts_per_week=2),
            "linkedin": ChannelCreate(platform="linkedin", display_name="LinkedIn", colour="#0a66c2",
                                      posts_per_week=2),
            "x": ChannelCreate(platform="x", display_name="X", colour="#333333", posts_per_week=3),
            "tiktok": ChannelCreate(platform="tiktok", display_name="TikTok", colour="#00a3a3", posts_per_week=1),
            "newsletter": ChannelCreate(platform="newsletter", display_name="Lettre mensuelle", colour="#8c564b",
                                        posts_per_week=0.25),
        },
        campaigns=[
            CampaignCreate(name="Collection d'hiver", objective="Faire connaître la collection d'hiver"),
            CampaignCreate(name="Fête des mères", objective="Créer du lien avec la communauté"),
        ],
        team=[
            UserCreate(name="Camille Martin", email="camille@atelier-lumen.example", role=Role.WRITER,
                       password=DEMO_PASSWORD),
            UserCreate(name="Hugo Bernard", email="hugo@atelier-lumen.example", role=Role.EDITOR,
                       password=DEMO_PASSWORD),
            UserCreate(name="Inès Petit", email="ines@atelier-lumen.example", role=Role.ADMIN,
                       password=DEMO_PASSWORD),
        ],
        posts=FRENCH_POSTS,
    ),
    DemoBrand(
        workspace=WorkspaceCreate(name="Northwind Roasters", language=Language.EN, voice=Voice.NEUTRAL,
                                  timezone="America/New_York", commercial_target=0.25),
        channels={
            "instagram": ChannelCreate(platform="instagram", display_name="Instagram", colour="#c13584",
                                       posts_per_week=3),
            "linkedin": ChannelCreate(platform="linkedin", display_name="LinkedIn", colour="#0a66c2",
                                      posts_per_week=1),
            "bluesky": ChannelCreate(platform="bluesky", display_name="Bluesky", colour="#1185fe",
                                     posts_per_week=3),
            "x": ChannelCreate(platform="x", display_name="X", colour="#333333", posts_per_week=3),
            "blog": ChannelCreate(platform="blog", display_name="Blog", colour="#6b4f2a", posts_per_week=0.5),
        },
        campaigns=[CampaignCreate(name="Holiday Blend launch", objective="Launch the Holiday Blend")],
        team=[
            UserCreate(name="Sam Taylor", email="sam@northwind.example", role=Role.WRITER, password=DEMO_PASSWORD),
            UserCreate(name="Riley Chen", email="riley@northwind.example", role=Role.EDITOR,
                       password=DEMO_PASSWORD),
        ],
        posts=ENGLISH_POSTS,
    ),
]

POSTING_TIMES = (time(9, 0), time(12, 30), time(18, 15))
# Over 30 days, from two weeks ago: published in the past, the rest of the workflow ahead.
FUTURE_STATUSES = (
    PostStatus.APPROVED, PostStatus.IN_REVIEW, PostStatus.DRAFT, PostStatus.SCHEDULED,
    PostStatus.CHANGES_REQUESTED, PostStatus.IDEA, PostStatus.DRAFT, PostStatus.IN_REVIEW,
)


def _status_for(day_offset: int, index: int) -> PostStatus:
    if day_offset < -1:
        return PostStatus.ARCHIVED if index % 11 == 5 else PostStatus.PUBLISHED
    return FUTURE_STATUSES[index % len(FUTURE_STATUSES)]


def _seed_brand(brand: DemoBrand, today: date, *, session: Session) -> int:
    workspace = workspace_service.create_workspace(brand.workspace, session=session, is_demo=True)
    channels = {key: workspace_service.create_channel(workspace.id, data, session=session)
                for key, data in brand.channels.items()}
    campaigns = {}
    for data in brand.campaigns:
        data = data.model_copy(update={"starts_on": today - timedelta(days=10), "ends_on": today + timedelta(days=20)})
        campaigns[data.name] = workspace_service.create_campaign(workspace.id, data, session=session)
    team = []
    for member in brand.team:
        user = user_service.find_user(member.email, session=session)
        user = user or user_service.create_user(member, session=session, is_demo=True)
        grant_access(user, workspace.id, session=session)
        team.append(user)
    zone = ZoneInfo(brand.workspace.timezone)
    created = 0
    # Each written post appears twice over the month (a second, later run of it), so every status shows up.
    for index in range(2 * len(brand.posts)):
        template = brand.posts[index % len(brand.posts)]
        day_offset = -14 + (index * 29) // (2 * len(brand.posts))
        moment = datetime.combine(today + timedelta(days=day_offset), POSTING_TIMES[index % 3], tzinfo=zone)
        group_id = new_group_id()
        for channel_key in (template.channel, *template.also_on):
            post_service.create_post(
                PostCreate(
                    channel_id=channels[channel_key].id,
                    campaign_id=campaigns[template.campaign].id if template.campaign else None,
                    title=template.title, body=template.body, link=template.link,
                    scheduled_at=moment, status=_status_for(day_offset, index),
                    objective=template.objective, pillar=template.pillar,
                    sponsorship=template.sponsorship, partner=template.partner,
                    author_id=team[index % len(team)].id, group_id=group_id,
                ),
                session=session,
            )
            created += 1
    return created


def seed_demo(*, session: Session, today: date | None = None) -> dict[str, int]:
    """Create the demo brands that do not exist yet. Returns the number of posts created per brand."""
    today = today or date.today()
    report = {}
    for brand in BRANDS:
        if workspace_service.find_workspace(brand.workspace.name, session=session) is None:
            report[brand.workspace.name] = _seed_brand(brand, today, session=session)
        else:
            report[brand.workspace.name] = 0
    return report
