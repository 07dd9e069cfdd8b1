"""Verdicts: polarity, certainty and the evidence's answer decide the label; questions are never flagged."""

from __future__ import annotations

import pytest

from claimcheck.results import Label


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        ("LDN cured my MS", Label.MISLEADING, True),
        ("LDN is a miracle cure for multiple sclerosis", Label.MISLEADING, True),
        ("LDN may help MS", Label.UNPROVEN, False),
        ("LDN is not a proven treatment for MS", Label.SUPPORTED, False),
        ("There is no proof that LDN treats MS", Label.SUPPORTED, False),
        ("Naltrexone is approved for alcohol dependence", Label.SUPPORTED, False),
        ("Naltrexone is not approved for alcohol dependence", Label.CONTRADICTED, True),
        ("ivermectin works for covid", Label.CONTRADICTED, True),
        ("no, ivermectin does NOT cure covid, stop", Label.SUPPORTED, False),
        ("the MMR vaccine causes autism", Label.CONTRADICTED, True),
        ("MMR does not cause autism", Label.SUPPORTED, False),
        ("naltrexone cures MS", Label.NOT_IN_KB, False),
        ("fenbendazole cures crohns", Label.NOT_IN_KB, False),
    ],
)
def test_verdict_labels(claim_of, text, label, flagged):
    result = claim_of(text)
    assert result.verdict.label is label
    assert result.verdict.flagged is flagged


def test_verdict_question_carries_the_answer_but_is_not_flagged(claim_of):
    result = claim_of("Does ivermectin cure covid?")
    assert result.claim.question
    assert result.verdict.label is Label.CONTRADICTED
    assert not result.verdict.flagged
    assert result.verdict.evidence_answer == "no"


def test_verdict_subtype_uses_parent_condition_and_says_so(claim_of):
    result = claim_of("LDN cured my RRMS")
    assert result.verdict.matched_condition == "multiple-sclerosis"
    assert any("broader" in r for r in result.verdict.reasons)


def test_verdict_names_the_exaggeration(claim_of):
    result = claim_of("LDN is a miracle cure for multiple sclerosis")
    assert "miracle cure" in " ".join(result.claim.exaggeration) or "miracle" in result.claim.exaggeration
    assert "Overstated wording" in result.verdict.explanation


def test_verdict_cites_real_studies_with_links(claim_of):
    result = claim_of("LDN cured my MS")
    dois = [c.doi for c in result.verdict.citations]
    assert "10.1371/journal.pone.0187423" in dois
    assert all(c.link and c.link.startswith("https://") for c in result.verdict.citations)


def test_verdict_confidence_is_a_probability(checker):
    for text in ["LDN cured my MS", "ivermectin works for covid", "fenbendazole cures crohns"]:
        for item in checker.check(text).claims:
            assert 0.0 <= item.verdict.confidence <= 1.0


def test_verdict_explanation_speaks_about_evidence_not_advice(checker):
    for text in ["LDN cured my MS", "ivermectin works for covid", "Naltrexone is approved for alcohol dependence"]:
        for item in checker.check(text).claims:
            text_lower = item.verdict.explanation.lower()
            assert "evidence" in text_lower
            for advice in ("you should", "stop taking", "start taking", "we recommend"):
                assert advice not in text_lower


def test_verdict_every_result_carries_the_kb_version(checker):
    assert checker.check("LDN cured my MS").to_dict()["kb_version"] == "test-fixture-1"


def test_verdict_not_in_kb_says_which_relations_the_pair_is_assessed_for(checker):
    # The fixture knowledge base assesses LDN for MS as a treatment only; a safety claim needs harms evidence.
    claims = checker.check("LDN is safe for MS").claims
    assert claims and claims[0].verdict.label.value == "NOT_IN_KB"
    assert "only for 'treats'" in claims[0].verdict.reasons[0] and "'causes'" in claims[0].verdict.reasons[0]


def test_verdict_a_setting_outside_the_knowledge_base_is_not_a_claim_target(real_checker):
    # "during pregnancy" sets the scene; the claim is about autism, which the knowledge base assesses.
    claims = real_checker.check("Taking Tylenol during pregnancy causes autism.").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("paracetamol", "autism")]
    assert claims[0].verdict.label.value == "CONTRADICTED"


def test_verdict_a_denied_link_is_not_judged_against_the_other_relation(real_checker):
    # "no link" denies a cause; it says nothing about prevention, so the "prevents: no" evidence cannot refute it.
    claims = real_checker.check("There is not a supported link between vitamin D and the risk of COVID-19 infection.").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("vitamin-d", "covid-19")]
    assert claims[0].verdict.label.value != "CONTRADICTED"


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Does drinking coffee every day raise the risk of heart disease?", "causes"),
        ("Does eating red meat increase the risk of colorectal cancer?", "causes"),
        ("Can shock wave therapy relieve heel pain if the cause is a heel spur?", "improves"),
        ("Did the smoking bans lead to fewer preterm births?", "prevents"),
    ],
)
def test_verdict_the_models_never_reverse_the_direction_a_cue_names(real_checker, text, predicate):
    # Harm and benefit are opposite answers: a model that read "increase the risk" as "prevents" inverted the verdict.
    claims = real_checker.check(text).claims
    assert claims and claims[0].claim.predicate == predicate


def test_verdict_in_pregnancy_sets_the_scene_for_another_condition(real_checker):
    claims = real_checker.check("paracetamol in pregnancy causes autism").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("paracetamol", "autism")]


@pytest.mark.parametrize(
    ("text", "pair", "predicates"),
    [
        ("Can taking spermidine prolong life?", ("spermidine", "premature-death"), {"prevents"}),
        # The models read a general benefit as either improving or preventing ill health: both are efficacy
        # claims, judged against the same evidence.
        ("colloidal silver has amazing health benefits", ("colloidal-silver", "general-health"), {"improves", "prevents"}),
        # "better sleep" names insomnia by its benefit: giving it is treating insomnia, not causing it.
        ("melatonin gives you better sleep", ("melatonin", "insomnia"), {"improves", "treats"}),
        # "bad for your heart" names the heart's disease and the harm at once.
        ("Ibuprofen is bad for your heart.", ("ibuprofen", "cardiovascular-disease"), {"causes"}),
        ("Tylenol is bad for your liver.", ("paracetamol", "liver-disease"), {"causes"}),
    ],
)
def test_verdict_a_condition_that_names_its_own_effect_is_a_claim(real_checker, text, pair, predicates):
    # "prolong life" is both the condition (premature death) and what is claimed about it.
    claims = real_checker.check(text).claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [pair]
    assert claims[0].claim.predicate in predicates


def test_verdict_absolute_wording_must_be_words_it_can_name(checker):
    # A certainty read as "absolute" with no word to show for it (a model's reading) is not called an overstatement.
    from dataclasses import replace

    from claimcheck.match import match_claim
    from claimcheck.verdict import judge

    claim = checker.check("LDN helps MS").claims[0].claim
    match = match_claim(claim, checker.kb)
    bare = judge(replace(claim, certainty="absolute", exaggeration=()), match)
    worded = judge(replace(claim, certainty="absolute", exaggeration=("definitely",)), match)
    assert not any("absolute wording" in r or "claims more than" in r for r in bare.reasons)
    assert any("definitely" in r for r in worded.reasons)


@pytest.mark.parametrize(("link", "label"), [("member_of", "SUPPORTED"), ("variant_of", "NOT_IN_KB")])
def test_verdict_a_class_member_takes_the_class_evidence_a_variant_never(tmp_path, link, label):
    import shutil

    from claimcheck.checker import Checker
    from tests.conftest import FIXTURE_KB

    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    (kb / "interventions" / "depotrex.yaml").write_text(
        f"id: depotrex\nname: Depotrex\nkind: drug\n{link}: naltrexone\n"
    )
    result = Checker(kb, models=False).check("Depotrex treats alcohol dependence").claims[0]
    assert result.verdict.label.value == label
    if link == "member_of":
        assert result.verdict.matched_intervention == "naltrexone"
        assert any("class" in r for r in result.verdict.reasons)


@pytest.mark.parametrize("text", ["green tea causes weight loss", "green tea makes you lose weight", "green tea helps weight loss"])
def test_verdict_causing_weight_loss_is_treating_obesity(real_checker, text):
    # "weight loss" names obesity by its benefit: causing it is the benefit, not a cause of obesity.
    claims = real_checker.check(text).claims
    assert [(c.claim.condition.id, c.claim.predicate) for c in claims] == [("obesity", "improves")]


def test_verdict_effective_and_safe_is_two_claims_each_judged_on_its_own(checker):
    claims = checker.check("LDN is safe and effective for MS").claims
    assert [c.claim.predicate for c in claims] == ["treats", "is_safe"]
    assert claims[0].verdict.assessment and claims[1].verdict.label.value == "NOT_IN_KB"  # no safety evidence in the fixture


@pytest.mark.parametrize(
    ("text", "pair", "predicate"),
    [
        ("Avoiding processed meat lowers your risk of colorectal cancer.", ("processed-meat", "colorectal-cancer"), "causes"),
        ("Stopping my statins caused a heart attack.", ("statins", "myocardial-infarction"), "prevents"),
        # "quitting smoking" names tobacco dependence; beside another condition it is smoking, stopped.
        ("Quitting smoking reduces the risk of lung cancer.", ("tobacco-smoking", "lung-cancer"), "causes"),
    ],
)
def test_verdict_stopping_an_intervention_is_judged_as_a_claim_about_it(real_checker, text, pair, predicate):
    # Read as stated, "avoiding processed meat lowers the risk" became "processed meat prevents cancer" and was refuted.
    claims = real_checker.check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.predicate) for c in claims] == [(pair, predicate)]
    assert claims[0].verdict.label.value == "SUPPORTED"
    assert claims[0].claim.stopped and "stopping" in claims[0].verdict.explanation


def test_verdict_quitting_smoking_stays_the_condition_an_aid_to_quitting_treats(real_checker):
    claims = real_checker.check("Nicotine patches help you quit smoking.").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("nicotine-replacement-therapy", "tobacco-dependence")]


@pytest.mark.parametrize(
    ("answer", "every_condition", "label"),
    [("'no'", True, "CONTRADICTED"), ("'no'", False, "NOT_IN_KB"), ("'yes'", True, "NOT_IN_KB")],
)
def test_verdict_evidence_for_health_in_general_can_refute_a_claim_about_one_condition_never_support_it(
    tmp_path, answer, every_condition, label
):
    # "No condition for which there is reliable evidence that it works", marked as covering every condition,
    # answers "it cures Crohn's"; unmarked, it does not; a general benefit says nothing of a particular disease.
    import shutil

    from claimcheck.checker import Checker
    from tests.conftest import FIXTURE_KB

    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE_KB, kb)
    (kb / "conditions" / "general-health.yaml").write_text("id: general-health\nname: general health\n")
    (kb / "assessments" / "ivermectin--general-health.yaml").write_text(
        "id: ivermectin--general-health\nintervention: ivermectin\ncondition: general-health\nlast_reviewed: '2026-11-26'\n"
        f"outcomes:\n- relation: treats\n  answer: {answer}\n  certainty: moderate\n  every_condition: {str(every_condition).lower()}\n"
        "  summary: Any condition.\n  studies:\n  - reis2022\n  disagreement_note: A test record.\n"
    )
    result = Checker(kb, models=False).check("ivermectin treats Crohn's disease").claims[0]
    assert result.verdict.label.value == label
    if label == "CONTRADICTED":
        assert result.verdict.matched_condition == "general-health"
        assert any("broader 'general-health'" in r for r in result.verdict.reasons)


def test_verdict_a_routine_vaccine_takes_the_safety_evidence_of_vaccines_never_another_vaccines_efficacy(real_checker):
    safety = real_checker.check("The flu vaccine causes autoimmune disease.").claims[0]
    assert (safety.verdict.label.value, safety.verdict.matched_intervention) == ("CONTRADICTED", "vaccines")
    efficacy = real_checker.check("The flu vaccine prevents measles.").claims[0]
    assert efficacy.verdict.label.value != "SUPPORTED"


def test_verdict_naltrexone_at_a_low_dose_is_low_dose_naltrexone(real_checker):
    # The seed article's wording: LDN is judged on its own evidence, never naltrexone's.
    claims = real_checker.check("taking the drug Naltrexone, at a lower dose than usual, helps multiple sclerosis").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("low-dose-naltrexone", "multiple-sclerosis")]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("LDN is safe for MS patients", "SUPPORTED"),
        ("low dose naltrexone is not safe for people with Crohn's", "CONTRADICTED"),
    ],
)
def test_verdict_safety_for_an_assessed_use_is_judged_on_the_serious_harms_overall_and_says_so(real_checker, text, label):
    result = real_checker.check(text).claims[0]
    assert result.claim.predicate == "is_safe"
    assert result.verdict.label.value == label
    assert result.verdict.assessment == "low-dose-naltrexone--serious-adverse-events#causes"
    assert "overall" in result.verdict.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Turmeric is safe in pregnancy",  # not an assessed use: general safety data says nothing of pregnancy
        "echinacea is safe for colds",  # an assessed use, but no serious-harms outcome; mild side effects do not answer "safe"
    ],
)
def test_verdict_safety_outside_an_assessed_use_or_without_serious_harms_evidence_stays_unanswered(real_checker, text):
    result = real_checker.check(text).claims[0]
    assert result.claim.predicate == "is_safe"
    assert result.verdict.label.value == "NOT_IN_KB"


@pytest.mark.parametrize(("text", "label"), [("Kratom is addictive.", "SUPPORTED"), ("kratom is not addictive at all", "CONTRADICTED")])
def test_verdict_an_adjective_that_names_the_harm_is_a_claim_of_it(real_checker, text, label):
    result = real_checker.check(text).claims[0]
    assert (result.claim.predicate, result.verdict.assessment) == ("causes", "kratom--substance-use-disorder#causes")
    assert result.verdict.label.value == label


def test_verdict_vivid_dreams_on_ldn_are_a_reported_side_effect(real_checker):
    result = real_checker.check("LDN gives you vivid dreams.").claims[0]
    assert result.verdict.assessment == "low-dose-naltrexone--sleep-disturbance#causes"
    assert result.verdict.label.value == "SUPPORTED"


@pytest.mark.parametrize(
    "text", ["LDN has few side effects", "ldn has minimal side effects", "LDN has no major side effects", "LDN has hardly any side effects"]
)
def test_verdict_few_side_effects_grants_minor_ones_and_is_judged_on_serious_harms(real_checker, text):
    result = real_checker.check(text).claims[0]
    assert result.verdict.label.value == "SUPPORTED"
    assert result.verdict.assessment == "low-dose-naltrexone--serious-adverse-events#causes"
    assert "minor side effects" in result.verdict.explanation


@pytest.mark.parametrize("text", ["LDN has no side effects", "LDN has zero side effects"])
def test_verdict_no_side_effects_at_all_is_judged_on_every_side_effect(real_checker, text):
    result = real_checker.check(text).claims[0]
    assert result.verdict.label.value == "CONTRADICTED"
    assert result.verdict.assessment == "low-dose-naltrexone--adverse-effects#causes"


def test_verdict_few_side_effects_without_serious_harms_evidence_is_unproven_not_contradicted(real_checker):
    # The knowledge base records ivermectin's side effects (mostly at high doses) but has no serious-harms outcome.
    result = real_checker.check("ivermectin has few side effects").claims[0]
    assert result.verdict.label.value == "UNPROVEN"
    assert "minor side effects" in result.verdict.explanation


def test_verdict_explanation_says_whom_the_evidence_is_about(real_checker):
    # The fluoride-IQ evidence is about high natural exposure; the verdict must not hide that.
    result = real_checker.check("fluoride lowers kids IQ").claims[0]
    assert "The evidence is about children exposed to high fluoride levels" in result.verdict.explanation


@pytest.mark.parametrize(
    ("text", "label", "assessment"),
    [
        ("the vaccine doesn't prevent covid", Label.CONTRADICTED, "covid-19-vaccine--covid-19#prevents"),
        ("vaccines prevent measles", Label.SUPPORTED, "mmr-vaccine--measles#prevents"),
        ("vaccines prevent long covid", Label.SUPPORTED, "covid-19-vaccine--long-covid#prevents"),  # through covid-19
        ("vaccines cause autism", Label.CONTRADICTED, "vaccines--autism#causes"),  # the general entry's own first
    ],
)
def test_verdict_vaccines_in_general_are_judged_on_the_vaccine_made_against_the_disease(real_checker, text, label, assessment):
    result = real_checker.check(text).claims[0]
    assert (result.verdict.label, result.verdict.assessment) == (label, assessment)


def test_verdict_a_specific_vaccine_never_takes_another_vaccines_evidence(real_checker):
    result = real_checker.check("the flu vaccine prevents measles").claims[0]
    assert result.verdict.label == Label.NOT_IN_KB
    reasons = real_checker.check("vaccines prevent measles").claims[0].verdict.reasons
    assert any("in general" in r for r in reasons)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # Judged on the evidence that the vaccine does not cause autism: that outcome's "no" answers "yes" here.
        ("Is the MMR vaccine safe with regard to autism?", "Current evidence: yes."),
        ("Does the MMR vaccine cause autism?", "Current evidence: no."),
    ],
)
def test_verdict_a_question_is_answered_in_its_own_terms(claim_of, text, answer):
    result = claim_of(text)
    assert result.claim.question
    assert answer in result.verdict.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The intervention's own evidence fails "better than": ivermectin has no effect of its own on covid.
        ("ivermectin works better than vaccines for covid", Label.CONTRADICTED),
        # ...and confirms "no better than": homeopathy has none either.
        ("homeopathy is no better than conventional medicine for eczema", Label.SUPPORTED),
        # An effect of its own does not show that it beats, or equals, another treatment.
        ("St John's wort works as well as prozac for mild depression", Label.UNPROVEN),
        ("naltrexone works better than acamprosate for alcohol dependence", Label.UNPROVEN),
    ],
)
def test_verdict_a_comparison_with_another_treatment_is_judged_only_as_far_as_own_evidence_goes(real_checker, text, label):
    result = real_checker.check(text).claims[0]
    assert result.claim.comparison
    assert result.verdict.label is label
    assert "compares" in result.verdict.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The MMR vaccine treats measles.", Label.MISLEADING),
        ("Sunscreen is a treatment for skin cancer.", Label.MISLEADING),
        ("The flu shot cures the flu.", Label.MISLEADING),
        ("The MMR vaccine works against measles.", Label.SUPPORTED),
        ("The MMR vaccine does not treat measles.", Label.NOT_IN_KB),
    ],
)
def test_verdict_prevention_evidence_never_confirms_a_claim_to_treat(real_checker, text, label):
    """Preventing a disease is not treating it: a claim that names treatment, judged on prevention evidence, claims
    something else than the evidence shows; "works against" may mean either, and a denial of treatment is not judged."""
    result = real_checker.check(text).claims[0]
    assert result.verdict.label is label
    if label is Label.MISLEADING:
        assert any("prevents" in r and "not what the claim says" in r for r in result.verdict.reasons)
        assert "closest question the knowledge base has" in result.verdict.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # The knowledge base assesses dexamethasone and metformin only as treatments.
        ("Dexamethasone prevents covid.", Label.UNPROVEN),
        ("Metformin lowers the risk of type 2 diabetes.", Label.UNPROVEN),
        ("There is no evidence that dexamethasone prevents covid.", Label.UNPROVEN),
        # Preventing the events of a disease someone has is treating it.
        ("Interferon beta prevents MS relapses.", Label.SUPPORTED),
        ("Gene therapy prevents complications of sickle cell disease.", Label.SUPPORTED),
    ],
)
def test_verdict_treatment_evidence_neither_confirms_nor_refutes_a_claim_to_prevent(real_checker, text, label):
    """Treating a disease is not preventing it: a claim that names prevention of the condition itself, judged on
    treatment evidence, is left unproven, and the explanation says which question the evidence answers."""
    result = real_checker.check(text).claims[0]
    assert result.claim.predicate == "prevents"
    assert result.verdict.label is label
    assert result.verdict.assessment is not None and result.verdict.assessment.endswith("#treats")
    if label is Label.UNPROVEN:
        assert any("treats" in r and "not whether it prevents it" in r for r in result.verdict.reasons)
        assert "closest question the knowledge base has" in result.verdict.explanation


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Statins are approved for preventing heart disease", Label.SUPPORTED),
        ("statins are not approved for cardiovascular disease", Label.CONTRADICTED),
        ("the MMR vaccine is approved to prevent measles", Label.SUPPORTED),
    ],
)
def test_verdict_an_approval_recorded_on_a_prevention_outcome_answers_an_approval_claim(real_checker, text, label):
    result = real_checker.check(text).claims[0]
    assert (result.claim.predicate, result.verdict.label) == ("is_approved", label)


@pytest.mark.parametrize(
    ("text", "negated", "label"),
    [
        ("ldn is safe", False, "SUPPORTED"),
        ("LDN is completely harmless", False, "MISLEADING"),  # absolute wording on low-certainty evidence
        ("low dose naltrexone isn't safe", True, "CONTRADICTED"),
    ],
)
def test_verdict_safety_with_no_use_named_is_judged_on_the_serious_harms_overall(real_checker, text, negated, label):
    result = real_checker.check(text).claims[0]
    assert (result.claim.predicate, result.claim.negated, result.claim.condition.id) == ("is_safe", negated, "serious-adverse-events")
    assert result.verdict.assessment == "low-dose-naltrexone--serious-adverse-events#causes"
    assert result.verdict.label.value == label


def test_verdict_safety_with_no_use_named_is_never_judged_on_mild_side_effects(real_checker):
    # Charcoal toothpaste's side effects are assessed, its serious harms are not: "safe" stays unanswered.
    result = real_checker.check("charcoal toothpaste is perfectly safe").claims[0]
    assert result.claim.condition.id == "serious-adverse-events"
    assert result.verdict.label.value == "NOT_IN_KB"
    assert "no assessment of this intervention's serious harms" in result.verdict.reasons[0]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("the covid vaccine is safe and effective", [("is_safe", "serious-adverse-events")]),  # no treatment of harms
        ("ldn is safe and effective for ms", [("treats", "multiple-sclerosis"), ("is_safe", "multiple-sclerosis")]),
        ("ldn is safe for kids with crohns", [("is_safe", "crohns-disease")]),  # the use named is the condition
        ("this forum is a safe space, ldn talk welcome", []),
    ],
)
def test_claims_a_safety_word_names_serious_harms_only_when_nothing_else_is_named(real_checker, text, claims):
    assert [(c.claim.predicate, c.claim.condition.id) for c in real_checker.check(text).claims] == claims


@pytest.mark.parametrize(
    ("text", "negated", "label"),
    [
        ("raw milk is dangerous", True, "SUPPORTED"),  # safety denied: serious harms are established
        ("raw milk isn't dangerous", False, "CONTRADICTED"),  # a denied danger claims safety
        ("mms is toxic, it's bleach", True, "SUPPORTED"),
    ],
)
def test_verdict_danger_with_no_use_named_denies_safety_and_is_judged_on_serious_harms(real_checker, text, negated, label):
    result = real_checker.check(text).claims[0]
    assert (result.claim.predicate, result.claim.negated, result.claim.condition.id) == ("is_safe", negated, "serious-adverse-events")
    assert result.verdict.label.value == label


@pytest.mark.parametrize(
    ("text", "negated"),
    [("is the covid vaccine safe?", False), ("is raw milk dangerous?", True), ("isn't ivermectin safe?", True)],
)
def test_claims_asking_whether_something_is_safe_is_a_safety_question_on_serious_harms(real_checker, text, negated):
    claim = real_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.question, claim.negated, claim.condition.id) == ("is_safe", True, negated, "serious-adverse-events")


def test_claims_a_safety_question_that_names_a_use_asks_about_that_use(real_checker):
    claims = real_checker.check("is ldn safe for kids with crohns?").claims
    assert [(c.claim.predicate, c.claim.condition.id) for c in claims] == [("is_safe", "crohns-disease")]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("the covid vaccine is safe for teenagers", [("is_safe", "children")]),  # childhood is a setting of safety
        ("ldn for teens with crohns works great", [("treats", "crohns-disease")]),  # not a claim of treating children
    ],
)
def test_claims_childhood_carries_safety_and_harm_only(real_checker, text, claims):
    assert [(c.claim.predicate, c.claim.condition.id) for c in real_checker.check(text).claims] == claims


def test_verdict_a_cure_the_evidence_records_is_no_overstatement(real_rules_checker):
    # "cure" is overstated for a benefit ("LDN cured my MS"), not where the outcome records a cure.
    verdict = real_rules_checker.check("Antibiotics cure strep throat.").claims[0].verdict
    assert verdict.label.value == "SUPPORTED"
    assert not any("overstated" in r for r in verdict.reasons)
    assert "Overstated wording" not in verdict.explanation
