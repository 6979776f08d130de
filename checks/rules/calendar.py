"""CAL — the calendar as a whole: the commercial share, copy-paste across channels and weeks, collisions,
silences, workload, posts without purpose, and posts that miss their slot.

Every rule here runs in linear time: the runner hands them the posts sorted by time once, and they scan
them with sliding windows; near-duplicate texts come from ``checks.calendar.similarity`` (LSH, never
every pair).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from operator import attrgetter

from checks.calendar.model import NOT_APPROVED, CalendarPost
from checks.calendar.runner import (
    DAY_SECONDS,
    CalendarRule,
    CalendarRun,
    Localised,
    channel_list,
    dated,
    days,
    grouped,
)
from checks.finding import Finding
from checks.registry import register

CHANNEL, AUTHOR, CAMPAIGN = attrgetter("channel"), attrgetter("author"), attrgetter("campaign")
STATUS_LABELS = {
    "idea": Localised(fr="idée", en="idea"),
    "draft": Localised(fr="brouillon", en="draft"),
    "in_review": Localised(fr="en relecture", en="in review"),
    "changes_requested": Localised(fr="modifications demandées", en="changes requested"),
    "approved": Localised(fr="approuvée", en="approved"),
    "scheduled": Localised(fr="programmée", en="scheduled"),
    "published": Localised(fr="publiée", en="published"),
}


def chains(timeline: Sequence[CalendarPost], max_gap_seconds: float, run: CalendarRun) -> Iterator[list[CalendarPost]]:
    """Maximal runs of dated posts (in time order) where each comes less than ``max_gap_seconds`` after
    the previous one."""
    chain: list[CalendarPost] = []
    previous = 0.0
    for post, moment in zip(timeline, run.seconds(timeline), strict=True):
        if chain and moment - previous >= max_gap_seconds:
            yield chain
            chain = []
        chain.append(post)
        previous = moment
    if chain:
        yield chain


def span_of(posts: Sequence[CalendarPost]) -> tuple[datetime, datetime] | None:
    """From the first to the last date among ``posts``, or None when none has a date."""
    moments = [post.scheduled_at for post in posts if post.scheduled_at is not None]
    return (min(moments), max(moments)) if moments else None


def tipping_first(posts: Sequence[CalendarPost], tipping: CalendarPost) -> list[CalendarPost]:
    return [tipping, *(post for post in posts if post is not tipping)]


def one_or_many(count: int) -> str:
    return "one" if count == 1 else "default"


@register
class CommercialMix(CalendarRule):
    """Flags a channel whose posts over a rolling window are commercial beyond the target share.

    What it does
    ------------
    For each channel, looks at every rolling window of ``windows_days`` days (7 and 30) ending at a
    post, and reports when more than ``target`` of its posts (0.2: one in five) are commercial — a
    ``promotional`` pillar, or commercial (COM) findings on the post itself. Windows with fewer than
    ``min_posts`` posts are not judged. One finding per stretch of windows over the target; it is
    attached to the post that tipped the first window over and names the commercial posts involved.

    Why it matters
    --------------
    Each promotion can be fine on its own while the feed, seen by a follower, is nothing but sales:
    people follow a brand for what it teaches, shows and shares, and mute one that only sells.

    Example
    -------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-16 09:00, text: "Nos bougies d'hiver arrivent.", pillar: educational}
      - {channel: Instagram Lumen, at: 2026-11-17 09:00, text: "-30 % sur les coffrets.", pillar: promotional}
      - {channel: Instagram Lumen, at: 2026-11-18 09:00, text: "Livraison offerte avec HIVER.", pillar: promotional}
      - {channel: Instagram Lumen, at: 2026-11-19 09:00, text: "Le coulage, à l'atelier.", pillar: behind_the_scenes}
      - {channel: Instagram Lumen, at: 2026-11-20 09:00, text: "Dernier jour des soldes !", pillar: promotional}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-16 09:00, text: "Nos bougies d'hiver arrivent.", pillar: educational}
      - {channel: Instagram Lumen, at: 2026-11-17 09:00, text: "-30 % sur les coffrets.", pillar: promotional}
      - {channel: Instagram Lumen, at: 2026-11-18 09:00, text: "Comment bien couper une mèche.", pillar: educational}
      - {channel: Instagram Lumen, at: 2026-11-19 09:00, text: "Le coulage, à l'atelier.", pillar: behind_the_scenes}
      - {channel: Instagram Lumen, at: 2026-11-20 09:00, text: "Votre bougie préférée ?", pillar: community}
    ```
    """

    code = "CAL001"
    name = "calendar.commercial-mix"
    reads_commercial = True
    options = {"target": 0.2, "windows_days": [7, 30], "min_posts": 5}
    messages = {"default": {
        "fr": "{channel} : {commercial} publications commerciales sur {total} en {days:g} jours ({percent}\u202f% ; "
              "objectif : {target_percent}\u202f% au plus).",
        "en": "{channel}: {commercial} commercial posts out of {total} in {days:g} days ({share:.0%}; "
              "target: at most {target:.0%}).",
    }}
    suggestions = {"default": {
        "fr": "Remplacez une promotion par un conseil, des coulisses ou une question à votre communauté.",
        "en": "Swap a promotion for a tip, a look behind the scenes or a question to your community.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        for timeline in grouped(dated(posts), CHANNEL).values():
            options = run.options(self, timeline[0].platform)
            for window_days in options["windows_days"]:
                yield from self._stretches(timeline, float(window_days), options, run)

    def _stretches(self, timeline: list[CalendarPost], window_days: float, options: dict,
                   run: CalendarRun) -> Iterator[Finding]:
        """One finding per run of consecutive windows over the target (two pointers: linear)."""
        span, target, min_posts = window_days * DAY_SECONDS, float(options["target"]), int(options["min_posts"])
        moments, flags = run.seconds(timeline), [post.is_commercial for post in timeline]
        left = commercial = 0
        last_commercial = -1
        stretch: dict | None = None
        for index, moment in enumerate(moments):
            if flags[index]:
                commercial, last_commercial = commercial + 1, index
            while moments[left] <= moment - span:
                commercial -= flags[left]
                left += 1
            total = index - left + 1
            if total >= min_posts and commercial > target * total + 1e-9:
                if stretch is None:
                    stretch = {"first": index, "left": left, "tipping": timeline[last_commercial], "peak": (0, 0, 0)}
                stretch["last"] = index
                stretch["peak"] = max(stretch["peak"], (commercial / total, commercial, total))
            elif stretch is not None:
                yield self._finding(timeline, stretch, window_days, target, run)
                stretch = None
        if stretch is not None:
            yield self._finding(timeline, stretch, window_days, target, run)

    def _finding(self, timeline: list[CalendarPost], stretch: dict, window_days: float, target: float,
                 run: CalendarRun) -> Finding:
        involved = [post for post in timeline[stretch["left"]:stretch["last"] + 1] if post.is_commercial]
        share, commercial, total = stretch["peak"]
        start = timeline[stretch["first"]].scheduled_at - days(window_days)
        return self.calendar_finding(
            run, tipping_first(involved, stretch["tipping"]), (start, timeline[stretch["last"]].scheduled_at),
            channel=timeline[0].channel, commercial=commercial, total=total, days=window_days, share=share,
            target=target, percent=round(share * 100), target_percent=round(target * 100),  # French: "43 %"
        )


@register
class CrossPosting(CalendarRule):
    """Flags the same text published on several channels.

    What it does
    ------------
    Groups posts whose texts are the same or nearly (word 3-shingles with a Jaccard similarity of at
    least ``similarity``, once URLs, mentions, hashtags, accents and punctuation are set aside; texts
    under five words must match exactly) and reports a group that spans two channels or more, its
    posts less than ``within_days`` days apart.

    Why it matters
    --------------
    Each network has its own length, tone and habits: a LinkedIn post pasted on Instagram or X reads as
    automated, and followers of several channels see the brand repeat itself.

    Example
    -------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 09:00, text: "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon."}
      - {channel: LinkedIn Lumen, at: 2026-11-24 10:00, text: "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon ! #artisanat"}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 09:00, text: "Notre bougie au figuier revient samedi, coulée à la main dans l'atelier de Lyon."}
      - {channel: LinkedIn Lumen, at: 2026-11-24 10:00, text: "Relancer une bougie saisonnière : ce que trois ans de ventes au figuier nous ont appris sur la demande."}
    ```
    """

    code = "CAL002"
    name = "calendar.cross-posting"
    options = {"similarity": 0.8, "within_days": 7}
    messages = {"default": {
        "fr": "Le même texte sur {count} canaux ({channels}).",
        "en": "The same text on {count} channels ({channels}).",
    }}
    suggestions = {"default": {
        "fr": "Adaptez le texte à chaque réseau : longueur, ton, accroche et hashtags.",
        "en": "Adapt the text to each network: length, tone, hook and hashtags.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        options = run.options(self)
        timeline = dated(posts)
        groups = run.near_duplicates(timeline, float(options["similarity"]))
        for members in grouped(timeline, lambda post: groups.get(post.id)).values():
            for chain in chains(members, float(options["within_days"]) * DAY_SECONDS, run):
                channels = {post.channel for post in chain}
                if len(channels) > 1:
                    yield self.calendar_finding(run, chain, (chain[0].scheduled_at, chain[-1].scheduled_at),
                                                count=len(channels), channels=channel_list(chain))


@register
class Repetition(CalendarRule):
    """Flags a post that repeats an earlier one on the same channel within a few weeks.

    What it does
    ------------
    Reports a post whose text is the same or nearly (as for ``calendar.cross-posting``: Jaccard
    similarity of word 3-shingles of at least ``similarity``) as an earlier post on the same channel
    at most ``within_days`` days before. The finding is attached to the later post and names the
    earlier one.

    Why it matters
    --------------
    The same followers see both: the second time, the post reads as filler, and the platforms show
    repeated content to fewer people.

    Example
    -------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-02 09:00, text: "Chaque bougie est coulée à la main dans notre atelier de Lyon, en petites séries."}
      - {channel: Instagram Lumen, at: 2026-11-20 09:00, text: "Chaque bougie est coulée à la main dans notre atelier de Lyon, en petites séries !"}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-02 09:00, text: "Chaque bougie est coulée à la main dans notre atelier de Lyon, en petites séries."}
      - {channel: Instagram Lumen, at: 2026-11-20 09:00, text: "Léa coule aujourd'hui sa millième bougie : elle nous raconte ses débuts à l'atelier."}
    ```
    """

    code = "CAL003"
    name = "calendar.repetition"
    options = {"similarity": 0.8, "within_days": 30}
    messages = {"default": {
        "fr": "{channel} : presque le même texte que la publication du {earlier:%d/%m/%Y}.",
        "en": "{channel}: nearly the same text as the post of {earlier:%Y-%m-%d}.",
    }}
    suggestions = {"default": {
        "fr": "Changez d'angle, d'accroche ou de format, ou espacez davantage les deux publications.",
        "en": "Change the angle, the hook or the format, or space the two posts further apart.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        timeline = dated(posts)
        for channel_posts in grouped(timeline, CHANNEL).values():
            options = run.options(self, channel_posts[0].platform)
            groups = run.near_duplicates(timeline, float(options["similarity"]))
            within = float(options["within_days"]) * DAY_SECONDS
            latest: dict[int, tuple[CalendarPost, float]] = {}
            for post, moment in zip(channel_posts, run.seconds(channel_posts), strict=True):
                group = groups.get(post.id)
                if group is None:
                    continue
                earlier, then = latest.get(group, (None, 0.0))
                if earlier is not None and moment - then <= within:
                    yield self.calendar_finding(run, [post, earlier], (earlier.scheduled_at, post.scheduled_at),
                                                channel=post.channel, earlier=earlier.scheduled_at)
                latest[group] = post, moment


@register
class Conflict(CalendarRule):
    """Flags posts on one channel less than ``min_gap_minutes`` apart.

    What it does
    ------------
    On each channel, reports every run of posts where each comes less than ``min_gap_minutes``
    minutes (60) after the previous one, naming them all, the earliest first.

    Why it matters
    --------------
    Two posts at once compete for the same followers' attention, and the algorithms show the second
    one to fewer people; often one of them was dragged onto the other's slot by mistake.

    Example
    -------
    ```calendar
    posts:
      - {channel: LinkedIn Lumen, at: 2026-11-24 09:00, text: "Nous recrutons un ou une céramiste."}
      - {channel: LinkedIn Lumen, at: 2026-11-24 09:15, text: "Retour sur le salon Maison&Objet."}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: LinkedIn Lumen, at: 2026-11-24 09:00, text: "Nous recrutons un ou une céramiste."}
      - {channel: LinkedIn Lumen, at: 2026-11-25 09:00, text: "Retour sur le salon Maison&Objet."}
      - {channel: Instagram Lumen, at: 2026-11-24 09:15, text: "Retour sur le salon Maison&Objet, en images."}
    ```
    """

    code = "CAL004"
    name = "calendar.conflict"
    options = {"min_gap_minutes": 60}
    messages = {"default": {
        "fr": "{channel} : {count} publications à moins de {minutes:g} minutes d'intervalle, le {first:%d/%m à %H:%M}.",
        "en": "{channel}: {count} posts less than {minutes:g} minutes apart, on {first:%Y-%m-%d at %H:%M}.",
    }}
    suggestions = {"default": {
        "fr": "Espacez-les : gardez l'une à ce créneau et déplacez l'autre.",
        "en": "Space them out: keep one in this slot and move the other.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        for timeline in grouped(dated(posts), CHANNEL).values():
            minutes = float(run.options(self, timeline[0].platform)["min_gap_minutes"])
            for chain in chains(timeline, minutes * 60, run):
                if len(chain) > 1:
                    yield self.calendar_finding(run, chain, (chain[0].scheduled_at, chain[-1].scheduled_at),
                                                channel=chain[0].channel, count=len(chain), minutes=minutes,
                                                first=chain[0].scheduled_at)


@register
class Burst(CalendarRule):
    """Flags a day with more than ``max_per_day`` posts on one channel.

    What it does
    ------------
    Counts each channel's posts per day (in the workspace's timezone) and reports a day with more than
    ``max_per_day`` (3). The finding is attached to the post that goes over the limit and names the
    day's other posts.

    Why it matters
    --------------
    A burst floods followers' feeds and splits the reach between the posts, while the days around it
    stay empty.

    Example
    -------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 08:00, text: "Bonjour !"}
      - {channel: Instagram Lumen, at: 2026-11-24 11:00, text: "Le coffret de Noël est là."}
      - {channel: Instagram Lumen, at: 2026-11-24 15:00, text: "Les coulisses du shooting."}
      - {channel: Instagram Lumen, at: 2026-11-24 19:00, text: "Votre bougie du soir ?"}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 08:00, text: "Bonjour !"}
      - {channel: Instagram Lumen, at: 2026-11-24 11:00, text: "Le coffret de Noël est là."}
      - {channel: Instagram Lumen, at: 2026-11-25 15:00, text: "Les coulisses du shooting."}
      - {channel: Instagram Lumen, at: 2026-11-26 19:00, text: "Votre bougie du soir ?"}
    ```
    """

    code = "CAL005"
    name = "calendar.burst"
    options = {"max_per_day": 3}
    messages = {"default": {
        "fr": "{channel} : {count} publications le {day:%d/%m/%Y} (au plus {limit} par jour).",
        "en": "{channel}: {count} posts on {day:%Y-%m-%d} (at most {limit} a day).",
    }}
    suggestions = {"default": {
        "fr": "Répartissez-les sur la semaine.",
        "en": "Spread them over the week.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        for timeline in grouped(dated(posts), CHANNEL).values():
            limit = int(run.options(self, timeline[0].platform)["max_per_day"])
            for day, same_day in grouped(timeline, run.day).items():
                if len(same_day) > limit:
                    start = run.day_start(day)
                    yield self.calendar_finding(run, tipping_first(same_day, same_day[limit]),
                                                (start, run.day_start(day + timedelta(days=1))),
                                                channel=same_day[0].channel, count=len(same_day), day=start,
                                                limit=limit)


@register
class Silence(CalendarRule):
    """Flags a channel left without a post for much longer than its planned frequency.

    What it does
    ------------
    For a channel with a planned frequency (the channel's posts per week in the workspace, or the
    ``posts_per_week`` option), reports each gap between posts longer than ``tolerance`` times the
    planned interval (2 × 7 days / posts per week), and never shorter than ``min_days``. Gaps run
    from the start of the checked period (or the first post) to its end (or now). Ideas do not count
    as posts.

    Why it matters
    --------------
    A channel that goes quiet loses its reach: the platforms show the next post to fewer people, and
    followers forget the brand or think it has stopped.

    Example
    -------
    ```calendar
    frequency: {Instagram Lumen: 3}
    window: [2026-11-02, 2026-11-23]
    posts:
      - {channel: Instagram Lumen, at: 2026-11-02 09:00, text: "Nouvelle collection."}
      - {channel: Instagram Lumen, at: 2026-11-04 09:00, text: "Dans l'atelier."}
      - {channel: Instagram Lumen, at: 2026-11-20 09:00, text: "Nous revoilà !"}
    ```

    Use instead
    -----------
    ```calendar
    frequency: {Instagram Lumen: 3}
    window: [2026-11-02, 2026-11-09]
    posts:
      - {channel: Instagram Lumen, at: 2026-11-02 09:00, text: "Nouvelle collection."}
      - {channel: Instagram Lumen, at: 2026-11-04 09:00, text: "Dans l'atelier."}
      - {channel: Instagram Lumen, at: 2026-11-06 09:00, text: "Votre avis ?"}
    ```
    """

    code = "CAL006"
    name = "calendar.silence"
    options = {"posts_per_week": 0, "tolerance": 2.0, "min_days": 3.5}
    messages = {"default": {
        "fr": "{channel} : aucune publication du {start:%d/%m/%Y} au {end:%d/%m/%Y} ({gap:.0f} jours ; "
              "prévu : {frequency:g} par semaine).",
        "en": "{channel}: no post from {start:%Y-%m-%d} to {end:%Y-%m-%d} ({gap:.0f} days; "
              "planned: {frequency:g} a week).",
    }}
    suggestions = {"default": {
        "fr": "Planifiez au moins une publication dans cet intervalle, même courte (une question, une coulisse).",
        "en": "Plan at least one post in this gap, even a short one (a question, a look behind the scenes).",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        context = run.context
        timelines = grouped(dated([post for post in posts if post.status != "idea"]), CHANNEL)
        for channel in [*timelines, *(name for name in context.channel_frequency if name not in timelines)]:
            timeline = timelines.get(channel, [])
            frequency = context.channel_frequency.get(channel)
            if frequency is None and timeline:
                frequency = run.options(self, timeline[0].platform)["posts_per_week"]
            if not frequency or frequency <= 0:
                continue
            yield from self._gaps(channel, timeline, float(frequency), run)

    def _gaps(self, channel: str, timeline: list[CalendarPost], frequency: float, run: CalendarRun
              ) -> Iterator[Finding]:
        options = run.options(self, timeline[0].platform if timeline else None)
        longest = days(max(float(options["min_days"]), float(options["tolerance"]) * 7 / frequency))
        window = run.context.window
        start = window[0] if window else (timeline[0].scheduled_at if timeline else None)
        end = window[1] if window else max([run.context.now, *(post.scheduled_at for post in timeline[-1:])])
        if start is None:
            return
        previous: CalendarPost | None = None
        for post in [*timeline, None]:
            gap_start = previous.scheduled_at if previous else start
            gap_end = post.scheduled_at if post else end
            if gap_end - gap_start > longest:
                involved = [known for known in (previous, post) if known is not None]
                yield self.calendar_finding(run, involved, (gap_start, gap_end), channel=channel, start=gap_start,
                                            end=gap_end, gap=(gap_end - gap_start) / timedelta(days=1),
                                            frequency=frequency)
            previous = post


@register
class Workload(CalendarRule):
    """Flags an author with more posts in a week than the team can write.

    What it does
    ------------
    Counts each author's posts per week (Monday to Sunday in the workspace's timezone) and reports a
    week above ``capacity`` posts (10), or above the author's own capacity in ``authors`` (a table of
    author → posts per week). The finding is attached to the post that goes over it.

    Why it matters
    --------------
    An overloaded writer falls back on copy-paste and sales talk, skips review, and misses slots: the
    plan is only as good as the time there is to write it.

    Example
    -------
    ```calendar
    config: {rules: {calendar.workload: {capacity: 2}}}
    posts:
      - {channel: Instagram Lumen, at: 2026-11-23 09:00, author: lea@lumen.example, text: "Un."}
      - {channel: LinkedIn Lumen, at: 2026-11-24 09:00, author: lea@lumen.example, text: "Deux."}
      - {channel: Instagram Lumen, at: 2026-11-26 09:00, author: lea@lumen.example, text: "Trois."}
    ```

    Use instead
    -----------
    ```calendar
    config: {rules: {calendar.workload: {capacity: 2}}}
    posts:
      - {channel: Instagram Lumen, at: 2026-11-23 09:00, author: lea@lumen.example, text: "Un."}
      - {channel: LinkedIn Lumen, at: 2026-11-24 09:00, author: lea@lumen.example, text: "Deux."}
      - {channel: Instagram Lumen, at: 2026-11-26 09:00, author: tom@lumen.example, text: "Trois."}
    ```
    """

    code = "CAL007"
    name = "calendar.workload"
    options = {"capacity": 10, "authors": {}}
    messages = {"default": {
        "fr": "{author} : {count} publications la semaine du {week:%d/%m/%Y} (capacité : {capacity} par semaine).",
        "en": "{author}: {count} posts in the week of {week:%Y-%m-%d} (capacity: {capacity} a week).",
    }}
    suggestions = {"default": {
        "fr": "Confiez une partie des publications à quelqu'un d'autre ou décalez-les à la semaine suivante.",
        "en": "Hand some of the posts to someone else or move them to the following week.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        options = run.options(self)
        for author, timeline in grouped(dated(posts), AUTHOR).items():
            capacity = int(options["authors"].get(author, options["capacity"]))
            by_week = grouped(timeline, lambda post: run.day(post).isocalendar()[:2])
            for week in by_week.values():
                if len(week) > capacity:
                    first_day = run.day(week[0])
                    monday = run.day_start(first_day - timedelta(days=first_day.weekday()))
                    next_monday = run.day_start(monday.date() + timedelta(days=7))
                    yield self.calendar_finding(run, tipping_first(week, week[capacity]), (monday, next_monday),
                                                author=author, count=len(week), week=monday, capacity=capacity)


@register
class NoObjective(CalendarRule):
    """Flags the posts of a channel planned without an objective.

    What it does
    ------------
    Lists, per channel, the posts with no ``objective`` (awareness, engagement, traffic, conversion,
    community, customer care). Ideas are left out: their objective comes when they are written. When a
    period is checked, only the posts scheduled in it are listed.

    Why it matters
    --------------
    Without an objective there is nothing to measure a post against, and a calendar where many posts
    have none is filling slots rather than serving a plan.

    Example
    -------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 09:00, text: "Le figuier revient.", objective: awareness}
      - {channel: Instagram Lumen, at: 2026-11-26 09:00, text: "Dans l'atelier."}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {channel: Instagram Lumen, at: 2026-11-24 09:00, text: "Le figuier revient.", objective: awareness}
      - {channel: Instagram Lumen, at: 2026-11-26 09:00, text: "Dans l'atelier.", objective: engagement}
      - {channel: Instagram Lumen, at: 2026-11-27 09:00, text: "Une idée de sujet.", status: idea}
    ```
    """

    code = "CAL008"
    name = "calendar.no-objective"
    messages = {
        "default": {
            "fr": "{channel} : {count} publications sans objectif.",
            "en": "{channel}: {count} posts without an objective.",
        },
        "one": {
            "fr": "{channel} : une publication sans objectif.",
            "en": "{channel}: one post without an objective.",
        },
    }
    suggestions = {"default": {
        "fr": "Donnez à chaque publication un objectif (notoriété, engagement, trafic, conversion, communauté, "
              "service client).",
        "en": "Give each post an objective (awareness, engagement, traffic, conversion, community, customer care).",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        missing = [post for post in posts if not post.objective and post.status != "idea" and run.in_period(post)]
        for channel, without in grouped(missing, CHANNEL).items():
            yield self.calendar_finding(run, without, span_of(without), one_or_many(len(without)),
                                        channel=channel, count=len(without))


@register
class CampaignAllCommercial(CalendarRule):
    """Flags a campaign made only of commercial posts.

    What it does
    ------------
    Reports a campaign of at least ``min_posts`` posts (2) that are all commercial — a ``promotional``
    pillar, or commercial (COM) findings on the post. Check a campaign with all its posts: those left
    out of the set cannot count.

    Why it matters
    --------------
    A campaign that only sells gives people no reason to care: the posts that teach, tell or entertain
    are the ones that make the offer land.

    Example
    -------
    ```calendar
    posts:
      - {campaign: Noël, at: 2026-12-01 09:00, text: "-20 % sur les coffrets.", pillar: promotional}
      - {campaign: Noël, at: 2026-12-08 09:00, text: "Livraison offerte jusqu'au 20.", pillar: promotional}
    ```

    Use instead
    -----------
    ```calendar
    posts:
      - {campaign: Noël, at: 2026-12-01 09:00, text: "-20 % sur les coffrets.", pillar: promotional}
      - {campaign: Noël, at: 2026-12-05 09:00, text: "Comment nous emballons chaque coffret.", pillar: behind_the_scenes}
      - {campaign: Noël, at: 2026-12-08 09:00, text: "Livraison offerte jusqu'au 20.", pillar: promotional}
    ```
    """

    code = "CAL009"
    name = "calendar.campaign-all-commercial"
    reads_commercial = True
    options = {"min_posts": 2}
    messages = {"default": {
        "fr": "Campagne « {campaign} » : ses {count} publications sont toutes commerciales.",
        "en": "Campaign \"{campaign}\": all {count} of its posts are commercial.",
    }}
    suggestions = {"default": {
        "fr": "Ajoutez à la campagne des publications qui racontent, expliquent ou montrent les coulisses.",
        "en": "Add posts to the campaign that tell a story, explain, or show how things are made.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        min_posts = int(run.options(self)["min_posts"])
        for campaign, members in grouped(posts, CAMPAIGN).items():
            if len(members) >= min_posts and all(post.is_commercial for post in members):
                yield self.calendar_finding(run, members, span_of(members), campaign=campaign,
                                            count=len(members))


@register
class PastNotPublished(CalendarRule):
    """Flags a post whose time has passed but which is not published.

    What it does
    ------------
    Reports a post scheduled more than ``grace_minutes`` (60) before now that is not published. It is
    an error for an approved or scheduled post (it should have gone out: check the publishing tool), a
    warning for the others (the slot was missed).

    Why it matters
    --------------
    The calendar no longer says what was actually published: the feed has a hole where the plan shows
    a post, and a time-bound post may now be wrong.

    Example
    -------
    ```calendar
    now: 2026-11-23 09:00
    posts:
      - {at: 2026-11-20 18:00, status: scheduled, text: "Ce soir, atelier ouvert jusqu'à 21 h."}
    ```

    Use instead
    -----------
    ```calendar
    now: 2026-11-23 09:00
    posts:
      - {at: 2026-11-20 18:00, status: published, text: "Ce soir, atelier ouvert jusqu'à 21 h."}
      - {at: 2026-11-23 08:30, status: scheduled, text: "Bonjour ! Le café est prêt."}
    ```
    """

    code = "CAL010"
    name = "calendar.past-not-published"
    options = {"grace_minutes": 60}
    messages = {"default": {
        "fr": "Prévue le {at:%d/%m/%Y à %H:%M} mais pas publiée (statut : {status}).",
        "en": "Scheduled for {at:%Y-%m-%d %H:%M} but not published (status: {status}).",
    }}
    suggestions = {"default": {
        "fr": "Publiez-la, reprogrammez-la ou archivez-la, et vérifiez l'outil de publication.",
        "en": "Publish it, reschedule it or archive it, and check the publishing tool.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        now = run.context.now
        for post in dated(posts):
            grace = timedelta(minutes=float(run.options(self, post.platform)["grace_minutes"]))
            if post.status != "published" and post.scheduled_at < now - grace:
                yield self.calendar_finding(run, [post], (post.scheduled_at, now), at=post.scheduled_at,
                                            status=STATUS_LABELS[post.status],
                                            escalate=post.status in ("approved", "scheduled"))


@register
class UnapprovedSoon(CalendarRule):
    """Flags a post due within ``hours`` hours that is not approved yet.

    What it does
    ------------
    Reports a post scheduled between now and ``hours`` hours (24) from now whose status is still idea,
    draft, in review or changes requested.

    Why it matters
    --------------
    Review takes time: a post approved in a rush goes out unchecked, and one that is not approved
    leaves a hole in the feed.

    Example
    -------
    ```calendar
    now: 2026-11-23 09:00
    posts:
      - {at: 2026-11-23 18:00, status: in_review, text: "Ce soir, atelier ouvert jusqu'à 21 h."}
    ```

    Use instead
    -----------
    ```calendar
    now: 2026-11-23 09:00
    posts:
      - {at: 2026-11-23 18:00, status: approved, text: "Ce soir, atelier ouvert jusqu'à 21 h."}
      - {at: 2026-11-26 18:00, status: draft, text: "Jeudi, atelier ouvert jusqu'à 21 h."}
    ```
    """

    code = "CAL011"
    name = "calendar.unapproved-soon"
    options = {"hours": 24}
    messages = {"default": {
        "fr": "Prévue le {at:%d/%m à %H:%M}, dans moins de {hours:g} h, et pas encore approuvée (statut : {status}).",
        "en": "Due on {at:%Y-%m-%d at %H:%M}, less than {hours:g} hours away, and not approved yet (status: {status}).",
    }}
    suggestions = {"default": {
        "fr": "Faites-la relire maintenant, ou décalez-la.",
        "en": "Get it reviewed now, or move it later.",
    }}

    def check_calendar(self, posts: Sequence[CalendarPost], run: CalendarRun) -> Iterator[Finding]:
        now = run.context.now
        for post in dated(posts):
            hours = float(run.options(self, post.platform)["hours"])
            if post.status in NOT_APPROVED and now <= post.scheduled_at < now + timedelta(hours=hours):
                yield self.calendar_finding(run, [post], (now, post.scheduled_at), at=post.scheduled_at,
                                            hours=hours, status=STATUS_LABELS[post.status])
