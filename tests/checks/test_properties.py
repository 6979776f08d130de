"""Property-based tests: any text is checked without crashing, spans stay inside it, time grows linearly."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import lint
from checks.channels import CHANNEL_NAMES

CHANNELS = st.sampled_from([None, *CHANNEL_NAMES])
LANGS = st.sampled_from([None, "fr", "en"])
META = st.fixed_dictionaries({}, optional={
    "objective": st.sampled_from(["engagement", "community", "traffic", "customer_care"]),
    "sponsorship": st.sampled_from(["none", "paid", "gifted", "affiliate", "employee", "own_product"]),
    "partner": st.text(max_size=20),
    "kind": st.sampled_from(["post", "reply"]),
    "link": st.sampled_from(["https://brand.example/x", "brand.example", "https://a.example/?utm_source=x"]),
})
PIECES = st.sampled_from([
    "👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇫🇷", "مرحبا بكم في متجرنا", "שלום", "e\u0301", "\u202e", "\u200d", "\u0000",
    "\x07", "\r\n", "#ad", "#publicité", "@brand", "https://x.example/a?b=c", "SOLDES !!!", " vous ", " tu ",
    "Achetez", "Per our policy", "Conformément à nos CGV", "-30 %", "€", "\t", "…", "«", "»", "’",
])
TEXTS = st.lists(st.one_of(st.text(max_size=40), PIECES), max_size=30).map("".join)


def assert_well_formed(text, findings):
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.message and finding.code[:3] in {"COM", "IMP", "SPO", "CHN", "MES"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, channel=CHANNELS, lang=LANGS, meta=META)
def test_any_unicode_post_is_checked_and_spans_stay_inside(text, channel, lang, meta):
    assert_well_formed(text, lint(text, channel=channel, lang=lang, meta=meta))


def test_a_100000_character_post_is_checked():
    text = ("Nous vous informons que la boutique ferme. SOLDES !!! 👨‍👩‍👧 #ad https://brand.example/p " * 1200)[:100_000]
    findings = lint(text, channel="x", lang="fr", meta={"sponsorship": "paid"})
    assert_well_formed(text, findings)
    assert any(f.code == "CHN001" for f in findings)


def _seconds(text: str) -> float:
    """Best CPU time of 5 runs: CPU time, not wall time, so a busy machine does not distort the ratio."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        lint(text, channel="linkedin", lang="fr", meta={"objective": "engagement"})
        best = min(best, time.process_time() - start)
    return best


def test_checking_time_grows_linearly_with_length():
    paragraph = ("Chez nous, la cire coule à 9 h. Vous passez ? Achetez, profitez, dernière chance ! "
                 "#bougie @atelier https://atelier.example/a 👍🏽 ")
    small, large = paragraph * 40, paragraph * 320  # 8 times longer
    lint(small, lang="fr")  # warm-up
    ratio = _seconds(large) / _seconds(small)
    assert ratio < 8 * 3, f"8x longer text took {ratio:.1f}x the time: worse than linear"
