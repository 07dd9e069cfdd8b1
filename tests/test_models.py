"""The trained models: safe artifacts, a fast path equal to scikit-learn, and no regression on the acceptance cases."""

from __future__ import annotations

import json

import pytest

from claimcheck.results import Label
from tests.conftest import REPO

MODELS = REPO / "models" / "claim-models"


def test_models_manifest_names_every_task_and_its_scores():
    manifest = json.loads((MODELS / "manifest.json").read_text())
    assert set(manifest["tasks"]) == {"claim", "predicate", "polarity", "certainty", "question", "anecdote", "reported"}
    assert manifest["corpus"]["test"] > 200
    for entry in manifest["tasks"].values():
        assert entry["chosen"] in ("rules", "model", "model+rules")
    assert "end_to_end" in manifest["test_scores"]


def test_models_skops_artifacts_load_without_untrusted_types_and_match_the_fast_path():
    sio = pytest.importorskip("skops.io")
    from claimcheck.models.corpus import load_corpus, pair_examples
    from claimcheck.models.features import pair_features
    from claimcheck.models.linear import LinearModel
    from claimcheck.nlp import build_pipeline

    nlp = build_pipeline(models=False)
    sentences = [s for s in load_corpus(REPO / "models" / "corpus") if s.test][:40]
    examples = [e for s in sentences for e in pair_examples(s, nlp)]
    manifest = json.loads((MODELS / "manifest.json").read_text())
    for task, entry in manifest["tasks"].items():
        if entry["chosen"] == "rules":
            continue
        path = MODELS / f"{task}.skops"
        untrusted = sio.get_untrusted_types(file=path)
        assert untrusted == [], f"{task}: untrusted types {untrusted}"
        pipeline = sio.load(path)
        fast = LinearModel.load(MODELS / f"{task}.npz")
        feats = [pair_features(e.reading, with_rules=entry["chosen"] == "model+rules") for e in examples]
        expected = pipeline.predict_proba(feats)
        for row, f in zip(expected, feats):
            got = fast.proba(f)
            assert max(abs(got[str(c)] - p) for c, p in zip(pipeline.classes_, row)) < 1e-9


def test_model_bank_gives_each_task_the_reading_of_its_own_model():
    from claimcheck.models.corpus import load_corpus, pair_examples
    from claimcheck.models.features import pair_features
    from claimcheck.models.runtime import ClaimModels
    from claimcheck.nlp import build_pipeline

    models = ClaimModels(MODELS)
    nlp = build_pipeline(models=False)
    sentences = [s for s in load_corpus(REPO / "models" / "corpus") if s.test][:60]
    examples = [e for s in sentences for e in pair_examples(s, nlp)]
    assert examples
    for example in examples:
        together = models.read(example.reading)
        for task, model in models.models.items():
            with_rules = models.manifest["tasks"][task]["chosen"] == "model+rules"
            label, p = model.predict(pair_features(example.reading, with_rules=with_rules))
            assert together[task][0] == label
            assert abs(together[task][1] - p) < 1e-12


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        ("LDN cured my MS", Label.MISLEADING, True),
        ("LDN is a miracle cure for multiple sclerosis", Label.MISLEADING, True),
        ("LDN is not a proven treatment for MS", Label.SUPPORTED, False),
        ("Naltrexone is approved for alcohol dependence", Label.SUPPORTED, False),
        ("ivermectin works for covid", Label.CONTRADICTED, True),
        ("no, ivermectin does NOT cure covid, stop", Label.SUPPORTED, False),
        ("the MMR vaccine causes autism", Label.CONTRADICTED, True),
    ],
)
def test_models_keep_the_acceptance_cases(model_checker, text, label, flagged):
    claims = model_checker.check(text).claims
    assert len(claims) == 1
    assert claims[0].verdict.label is label and claims[0].verdict.flagged is flagged


def test_models_question_stays_a_question(model_checker):
    claims = model_checker.check("Is LDN a miracle cure for multiple sclerosis?").claims
    assert claims and claims[0].claim.question and not claims[0].verdict.flagged


def test_models_confidence_comes_from_the_claim_model(model_checker):
    confidences = {c.claim.extraction_confidence for c in model_checker.check("LDN cured my MS. ivermectin works for covid").claims}
    assert all(0.5 <= c <= 1.0 for c in confidences) and len(confidences) == 2


SIDES = {"cures": "effect", "treats": "effect", "improves": "effect", "prevents": "effect", "no_effect": "no effect",
         "is_safe": "safe", "harms": "harm", "causes": "harm"}
OTHER_SIDE = {"effect": "no effect", "no effect": "effect", "safe": "harm", "harm": "safe"}


def meaning(claim) -> str:
    """What a claim says, whichever way predicate and polarity write it ("is_safe" denied is a harm)."""
    side = SIDES.get(claim.predicate, claim.predicate)
    return OTHER_SIDE.get(side, side) if claim.negated else side


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Boiled ginger tea can cure the coronavirus.", "effect"),
        ("Essential oils cure the coronavirus!", "effect"),  # p 0.76 for "negative": no word denies it
        ("Can turmeric prevent or cure cancer?", "effect"),
        ("Do milk or dairy products promote colon cancer?", "harm"),
        ("Delayed social distancing measures had no impact on preventing COVID-19 deaths.", "no effect"),
        ("Tocilizumab had no impact on reducing the death rates of covid patients.", "no effect"),
        ("hcq is dangerous for covid patients with heart problems", "harm"),  # once read as "is_safe"
        ("alkaline water is just expensive water, zero effect on cancer", "no effect"),
        ("ldn won't do anything for long covid, stop wasting your money", "no effect"),  # once doubly negated
        ("probiotics probably dont do much for ibs, but the studies are all over the place", "no effect"),
        ("Low-dose naltrexone does not appear to harm people with Crohn's disease.", "safe"),
        ("Chemo kills more people than cancer", "harm"),  # once read as "does not cure cancer", SUPPORTED
        ("Chemotherapy kills cancer patients", "harm"),
        ("CBD oil has no side effects", "safe"),  # the cue holds the condition: once read as "prevents side effects"
    ],
)
def test_models_do_not_invert_what_a_claim_says(real_checker, text, said):
    claims = real_checker.check(text).claims
    assert claims and all(meaning(c.claim) == said for c in claims)


def test_models_keep_a_denial_of_the_evidence_that_the_rules_found(real_checker):
    # The polarity model read this as an assertion at p 0.84.
    text = "To date, no comprehensive and extensive study has been conducted to determine the efficacy of LDN in MS."
    claims = real_checker.check(text).claims
    assert claims and all(c.claim.negated and c.claim.epistemic for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Do over-the-counter cough syrups ease a cough from a cold?",
        "Can regular cold showers or ice baths prevent colds and other respiratory infections in adults?",
        "Does caffeine raise the risk of dying early???",
    ],
)
def test_models_never_read_a_sentence_that_asks_outright_as_an_assertion(real_checker, text):
    # The question model once overruled these (formal, long) into assertions, which flagged them.
    claims = real_checker.check(text).claims
    assert claims and all(c.claim.question and not c.verdict.flagged for c in claims)


def test_models_training_pairs_leave_out_a_scene_setting_condition_as_the_pipeline_does():
    # "for children" sets the scene when the sentence names the disease: the checker never pairs it, so neither
    # may the training examples (else the claim task counts pairs that cannot occur).
    from claimcheck.models.corpus import Sentence, pair_examples
    from claimcheck.nlp import build_pipeline

    text = "Is CBD safe for children with autism?"
    gold = {"intervention": "CBD", "intervention_span": [3, 6], "condition": "autism", "condition_span": [30, 36],
            "predicate": "is_safe", "polarity": "positive", "certainty": "neutral", "question": True,
            "anecdote": False, "reported": False}
    examples = list(pair_examples(Sentence("x-1", "forum", text, (gold,)), build_pipeline(models=False)))
    assert [text[e.reading.condition[0] : e.reading.condition[1]] for e in examples] == ["autism"]


@pytest.mark.parametrize(
    "text",
    [
        "We need trials to determine whether ivermectin has any proven effect on covid.",  # the model read a claim here
        "A new study will test whether vitamin D can prevent asthma attacks in children.",
    ],
)
def test_models_never_read_a_research_purpose_as_a_claim(real_checker, text):
    # The rules drop a cue inside "to determine whether"; the claim model once re-read the pair as a claim.
    assert real_checker.check(text).claims == ()


def _rival_readings(text: str, interventions: list[str], condition: str):
    """A linked reading of each named intervention with the condition (the rules' reading of the sentence)."""
    from claimcheck.claims import clause_bounds, read_pair
    from claimcheck.modifiers import find_predicates

    lower = text.lower()
    spans = [(lower.index(name), lower.index(name) + len(name)) for name in interventions]
    where = (lower.index(condition), lower.index(condition) + len(condition))
    hits, bounds = find_predicates(lower), clause_bounds(lower)
    return [read_pair(text, lower, hits, bounds, span, where, [s for s in spans if s != span]) for span in spans], spans


@pytest.mark.parametrize(
    ("text", "interventions", "condition", "expected"),
    [
        ("Unlike harsh steroid creams, colloidal oatmeal soothes eczema flares.", ["steroid creams", "colloidal oatmeal"],
         "eczema", [True, True]),
        ("beta carotene pills raised lung cancer rates in smokers", ["beta carotene", "smokers"], "lung cancer",
         [True, True]),
        ("Ivermectin, zinc and vitamin D cure covid.", ["ivermectin", "zinc", "vitamin d"], "covid", [False] * 3),
        ("Chloroquine or hydroxychloroquine helps covid.", ["chloroquine", "hydroxychloroquine"], "covid", [False] * 2),
        ("Herbal remedies such as echinacea help colds.", ["herbal remedies", "echinacea"], "colds", [False] * 2),
        ("Vitamin E in combination with vitamin C reduces the risk of cancer.", ["vitamin e", "vitamin c"], "cancer",
         [False] * 2),
        ("LDN helps MS.", ["ldn"], "ms", [False]),
    ],
)
def test_rivals_are_interventions_a_cue_links_to_one_condition_from_separate_lists(text, interventions, condition, expected):
    from claimcheck.claims import rivals

    readings, spans = _rival_readings(text, interventions, condition)
    assert all(r.predicate is not None for r in readings)
    assert rivals(readings, spans) == expected


def test_the_claim_model_drops_a_rival_but_never_every_rival_of_a_condition():
    from claimcheck.models.runtime import spare_most_probable

    assert spare_most_probable(["c", "c", "d"], [True, True, False], [0.2, 0.1, 0.0]) == [False, True, False]
    assert spare_most_probable(["c", "c", "d", "d"], [True, True, True, True], [0.1, 0.1, 0.3, 0.9]) == [
        False, True, True, False]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("beta carotene pills raised lung cancer rates in smokers, nobody remembers that", ["beta-carotene"]),
        ("Unlike harsh steroid creams, colloidal oatmeal soothes eczema flares in minutes.", ["colloidal-oatmeal"]),
        ("Chloroquine and hydroxychloroquine are not treatment options for COVID-19.", ["chloroquine", "hydroxychloroquine"]),
    ],
)
def test_models_keep_the_intervention_a_claim_is_about_among_rivals(real_checker, text, kept):
    # Before the claim model chose among rivals, the smokers and the steroid creams were claims as well.
    assert [c.claim.intervention.id for c in real_checker.check(text).claims] == kept


def test_models_the_same_model_saved_twice_gives_the_same_bytes(tmp_path):
    sio = pytest.importorskip("skops.io")
    from claimcheck.models.reproducible import deterministic_skops
    from claimcheck.models.train import make_pipeline

    feats = [{"w:cures": 1.0}, {"w:maybe": 1.0}, {"w:cures": 1.0, "w:ms": 1.0}, {"w:helps": 1.0}]
    gold = ["claim", "none", "claim", "none"]
    paths = []
    for run in range(2):  # two separately built object graphs: skops names their parts after id()
        path = tmp_path / f"run{run}.skops"
        sio.dump(make_pipeline(1.0).fit(feats, gold), path)
        deterministic_skops(path)
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    loaded = sio.load(paths[0])
    assert list(loaded.predict([{"w:cures": 1.0}, {"w:maybe": 1.0}])) == ["claim", "none"]
