"""Platform limits and how each platform counts characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from checks.text import EMOJI, URL


@dataclass(frozen=True)
class Platform:
    name: str
    limit: int | None  # None: no practical limit
    counting: str = "chars"  # chars | weighted (X) | graphemes (Bluesky) | url23 (Mastodon) | bytes (YouTube)
    visible: int | None = None  # characters shown before "… more"
    max_hashtags: int = 5
    links_clickable: bool = True


PLATFORMS: dict[str, Platform] = {
    "x": Platform("X", 280, "weighted", max_hashtags=3),
    "bluesky": Platform("Bluesky", 300, "graphemes", max_hashtags=3),
    "threads": Platform("Threads", 500, max_hashtags=1),
    "mastodon": Platform("Mastodon", 500, "url23"),
    "linkedin": Platform("LinkedIn", 3000, visible=210),
    "instagram": Platform("Instagram", 2200, visible=125, links_clickable=False),
    "tiktok": Platform("TikTok", 2200, visible=150, links_clickable=False),
    "facebook": Platform("Facebook", 63206, visible=480),
    "youtube": Platform("YouTube", 5000, "bytes", visible=157),
    "pinterest": Platform("Pinterest", 500),
    "blog": Platform("blog", None, max_hashtags=10),
    "newsletter": Platform("newsletter", None, max_hashtags=10),
}
CHANNEL_NAMES = tuple(PLATFORMS)


def platform_for(channel: str | None) -> Platform | None:
    """The platform of a channel name, or None for no channel or an unknown one."""
    return PLATFORMS.get(channel or "")

# twitter-text v3: these code point ranges weigh 1, every other code point 2; an emoji sequence 2; a URL 23.
_X_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def _x_weight(char: str) -> int:
    point = ord(char)
    return 1 if any(low <= point <= high for low, high in _X_LIGHT) else 2


def units(text: str, counting: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, weight)`` for each counted unit of ``text`` under a platform's counting."""
    if counting == "graphemes":
        for match in regex.finditer(r"\X", text):
            yield match.start(), match.end(), 1
        return
    if counting == "bytes":
        for index, char in enumerate(text):
            yield index, index + 1, len(char.encode("utf-8", "surrogatepass"))
        return
    specials: dict[int, tuple[int, int]] = {}
    if counting in ("weighted", "url23"):
        specials.update({m.start(): (m.end(), 23) for m in URL.finditer(text)})
    if counting == "weighted":
        specials.update({m.start(): (m.end(), 2) for m in EMOJI.finditer(text) if m.start() not in specials})
    index = 0
    while index < len(text):
        if index in specials:
            end, weight = specials[index]
            yield index, end, weight
            index = end
            continue
        char = text[index]
        if unicodedata.combining(char):  # counted with its base letter, as after NFC normalisation
            weight = 0
        else:
            weight = _x_weight(char) if counting == "weighted" else 1
        yield index, index + 1, weight
        index += 1


def length(text: str, channel: str) -> int:
    """The post's length as the platform counts it."""
    return sum(weight for _, _, weight in units(text, PLATFORMS[channel].counting))


def overflow_start(text: str, channel: str) -> int | None:
    """Offset of the first character past the platform's limit, or None when the post fits."""
    platform = PLATFORMS[channel]
    if platform.limit is None:
        return None
    # No unit weighs more than 4 bytes, 2 weighted characters or 23 for a URL: most posts fit for sure.
    most = 4 * len(text) if platform.counting == "bytes" else 2 * len(text) + 23 * len(URL.findall(text))
    if most <= platform.limit:
        return None
    total = 0
    for start, _, weight in units(text, platform.counting):
        total += weight
        if total > platform.limit:
            return start
    return None
