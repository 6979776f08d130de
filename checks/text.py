"""Text facts the rules share: URLs, hashtags, mentions, emoji, words, sentences (with their spans)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

# A URL does not end with the punctuation that follows it in a sentence.
# Nor with an emoji or a dash glued to it ("shop.example🔥", "shop.example/——").
_URL_CHAR = "[^\\s<>\"')\\]\u2010-\u2015\u2026\u2600-\u27BF\U0001F000-\U0001FAFF]"
_URL_END = "[^\\s<>\"')\\].,;:!?\u2010-\u2015\u2026\u2600-\u27BF\U0001F000-\U0001FAFF]"
URL = re.compile(rf"(?:https?://|www\.){_URL_CHAR}*{_URL_END}"
                 rf"|\b[a-z0-9-]+\.(?:to|ly|gl|me|co|io|com|fr)/(?:{_URL_CHAR}*{_URL_END})?",
                 re.IGNORECASE)
HASHTAG = re.compile(r"(?<![\w&/#])#[^\W\d_][\w-]*|(?<![\w&/#])#\d+[^\W\d_][\w-]*", re.UNICODE)
MENTION = re.compile(r"(?<![\w@./])@[A-Za-z0-9_][A-Za-z0-9_.]*", re.UNICODE)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
EMOJI = re.compile(
    "(?:[\U0001F1E6-\U0001F1FF]{2}|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]"
    "[\uFE0F\U0001F3FB-\U0001F3FF]*(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F]?)*)"
)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def spans(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [Span(match.start(), match.end(), match.group()) for match in pattern.finditer(text)]


@lru_cache(maxsize=64)
def words(text: str) -> tuple[Span, ...]:
    """Words outside URLs, hashtags and mentions (cached: several rules ask for the same text)."""
    masked = mask(text, URL, HASHTAG, MENTION)
    return tuple(Span(match.start(), match.end(), text[match.start():match.end()]) for match in WORD.finditer(masked))


def mask(text: str, *patterns: re.Pattern[str]) -> str:
    """``text`` with every match of ``patterns`` blanked out (same length, so offsets still hold)."""
    for pattern in patterns:
        text = pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def sentences(post) -> list[Span]:
    """Sentences from the pipeline's sentence splitter when it ran, else from punctuation and line breaks."""
    return post.shared("sentences", _sentences)


def _sentences(post) -> list[Span]:
    doc = post.doc
    if doc is not None and doc.has_annotation("SENT_START"):
        return [line for sent in doc.sents for line in _lines(sent.start_char, sent.text) if line.text.strip()]
    result, start = [], 0
    for match in SENTENCE_END.finditer(post.text):
        if post.text[start:match.start()].strip():
            result.append(Span(start, match.start(), post.text[start:match.start()]))
        start = match.end()
    if post.text[start:].strip():
        result.append(Span(start, len(post.text), post.text[start:]))
    return result


def _lines(offset: int, text: str) -> list[Span]:
    """A sentence cut at its line breaks: in a post, a new line ends a sentence (lists, bullets)."""
    result, start = [], 0
    for match in re.finditer(r"\n+", text):
        result.append(Span(offset + start, offset + match.start(), text[start:match.start()]))
        start = match.end()
    result.append(Span(offset + start, offset + len(text), text[start:]))
    return result


def trailing_hashtag_block(text: str) -> list[Span]:
    """The hashtags that end the post (with nothing but spaces or emoji between them)."""
    tags = spans(HASHTAG, text)
    block: list[Span] = []
    end = len(text.rstrip())
    for tag in reversed(tags):
        between = text[tag.end:end]
        if between.strip() and not EMOJI.fullmatch(between.strip()) and not re.fullmatch(r"[\s.!,]*", between):
            break
        block.insert(0, tag)
        end = tag.start
    return block


# Link shorteners and platform wrappers: the destination is hidden and the shortener counts the clicks.
SHORTENERS = frozenset({
    "t.co", "bit.ly", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly", "lnk.to", "smarturl.it", "fanlink.to",
    "linktr.ee", "youtu.be", "po.st", "is.gd", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "apple.co",
    "spoti.fi", "wapo.st", "on.fb.me", "fb.me", "instagr.am", "amzn.to", "a.co",
})
# Platforms and marketplaces: a link there goes to a profile or a page the brand does not own.
SOCIAL = frozenset({
    "instagram.com", "twitter.com", "x.com", "facebook.com", "fb.com", "youtube.com", "tiktok.com", "twitch.tv",
    "patreon.com", "discord.gg", "discord.com", "snapchat.com", "linkedin.com", "pinterest.com", "reddit.com",
    "spotify.com", "soundcloud.com", "threads.net", "bsky.app", "tumblr.com", "vm.tiktok.com", "music.apple.com",
    "podcasts.apple.com", "cameo.com", "ko-fi.com", "buymeacoffee.com", "kickstarter.com", "gofundme.com",
    "etsy.com", "ebay.com", "github.com", "wikipedia.org", "pic.twitter.com",
})


def link_host(url: str) -> str:
    """The host of a link, lower case, without "www."."""
    try:
        host = urlsplit(url if "://" in url else f"https://{url}").hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def is_short_or_social(host: str) -> bool:
    return host in SHORTENERS or host in SOCIAL or any(host.endswith("." + site) for site in SOCIAL)
