"""Running the rules: ``lint`` for one post, ``lint_many`` streaming batches through ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from checks.config import Config
from checks.finding import Finding
from checks.nlp import detect_language, installed_pipeline, pipeline
from checks.post import Post, PostInput
from checks.registry import Rule, all_rules

RULESET_VERSION = "1"
BATCH_SIZE = 256
PER_POST_FAMILIES = ("COM", "IMP", "SPO", "CHN", "MES")


class InputError(ValueError):
    """A post the checker cannot take as given (for example a silenced rule without a reason)."""


def _as_input(post: PostInput | str) -> PostInput:
    return PostInput(text=post) if isinstance(post, str) else post


def _silenced(meta: Mapping[str, Any]) -> dict[str, str]:
    """Rules the post silences, each with its recorded reason (a reason is required)."""
    silence = meta.get("silence") or {}
    if not isinstance(silence, Mapping):
        raise InputError("'silence' must map rule codes to the reason for silencing them")
    for code, reason in silence.items():
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(f"silencing {code} needs a reason (silence: {{{code}: \"why\"}})")
    return dict(silence)


def _is_silenced(rule: Rule, silenced: dict[str, str]) -> bool:
    return rule.code in silenced or rule.name in silenced


class Linter:
    """The selected rules and the pipelines they need, for one configuration."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.rules = [rule for rule in all_rules() if rule.family in PER_POST_FAMILIES]
        self._active: dict[str | None, list[tuple[Rule, dict[str, Any]]]] = {}
        self._components = frozenset().union(
            *(rule.needs for rule in self.rules if self._selected_anywhere(rule))
        )

    def _selected_anywhere(self, rule: Rule) -> bool:
        return self.config.is_selected(rule) or any(
            self.config.is_selected(rule, channel) for channel in self.config.channels
        )

    def pipeline_name(self, lang: str) -> str:
        return installed_pipeline(self.config.pipelines[lang])

    def nlp(self, lang: str):
        return pipeline(self.pipeline_name(lang), self._components)

    def language_of(self, post: PostInput) -> str:
        lang = post.lang or self.config.lang
        if lang in ("fr", "en"):
            return lang
        if lang:
            raise InputError(f"language {lang!r} is not supported (fr or en)")
        return detect_language(post.text)

    def active_rules(self, channel: str | None) -> list[tuple[Rule, dict[str, Any]]]:
        """The rules selected for a channel, with their options (worked out once per channel)."""
        if channel not in self._active:
            self._active[channel] = [(rule, self.config.options_for(rule, channel)) for rule in self.rules
                                     if self.config.is_selected(rule, channel)]
        return self._active[channel]

    def check_doc(self, post: PostInput, lang: str, doc) -> list[Finding]:
        return self._check(self._analysed(post, lang, doc))

    def _analysed(self, post: PostInput, lang: str, doc) -> Post:
        return Post(text=post.text, lang=lang, channel=post.channel, meta=post.meta, config=self.config, doc=doc,
                    planned=post.planned)

    def _check(self, analysed: Post) -> list[Finding]:
        silenced = _silenced(analysed.meta)
        findings: list[Finding] = []
        for rule, options in self.active_rules(analysed.channel):
            if not _is_silenced(rule, silenced):
                findings.extend(rule.check(analysed, options))
        return sorted(findings, key=lambda finding: (finding.start, finding.end, finding.code))

    def lint_many(self, posts: Iterable[PostInput | str], *, batch_size: int = BATCH_SIZE
                  ) -> Iterator[tuple[PostInput, list[Finding]]]:
        for post, _analysed, findings in self.lint_analysed(posts, batch_size=batch_size):
            yield post, findings

    def lint_analysed(self, posts: Iterable[PostInput | str], *, batch_size: int = BATCH_SIZE
                      ) -> Iterator[tuple[PostInput, Post, list[Finding]]]:
        """``lint_many``, with each post as the rules read it (its facts computed once, ``Post.shared``), for
        a caller that reads more of it than the findings (``edito audit``: the disclosure's placement)."""
        stream = iter(posts)
        while batch := [_as_input(post) for post in islice(stream, batch_size)]:
            results: list[tuple[Post, list[Finding]] | None] = [None] * len(batch)
            by_lang: dict[str, list[int]] = {}
            for index, post in enumerate(batch):
                by_lang.setdefault(self.language_of(post), []).append(index)
            for lang, indexes in by_lang.items():
                texts = ((batch[index].text, index) for index in indexes)
                for doc, index in self.nlp(lang).pipe(texts, as_tuples=True, batch_size=batch_size):
                    analysed = self._analysed(batch[index], lang, doc)
                    results[index] = (analysed, self._check(analysed))
            for post, (analysed, findings) in zip(batch, results, strict=True):
                yield post, analysed, findings


def lint(text: str, *, channel: str | None = None, lang: str | None = None,
         meta: Mapping[str, Any] | None = None, config: Config | None = None) -> list[Finding]:
    """Check one post and return its findings, in text order."""
    post = PostInput(text=text, channel=channel, lang=lang, meta=meta or {})
    return next(_linter(config).lint_many([post]))[1]


def lint_many(posts: Iterable[PostInput | str], *, config: Config | None = None,
              batch_size: int = BATCH_SIZE) -> Iterator[tuple[PostInput, list[Finding]]]:
    """Check posts in batches through ``nlp.pipe``; yields ``(post, findings)`` in input order."""
    return _linter(config).lint_many(posts, batch_size=batch_size)


_LINTERS: dict[int, Linter] = {}


def _linter(config: Config | None) -> Linter:
    """One Linter per configuration object, so the rule selection is computed once."""
    config = config or _DEFAULT_CONFIG
    linter = _LINTERS.get(id(config))
    if linter is None or linter.config is not config:
        linter = _LINTERS[id(config)] = Linter(config)
        if len(_LINTERS) > 32:
            _LINTERS.pop(next(iter(_LINTERS)))
    return linter


_DEFAULT_CONFIG = Config()
