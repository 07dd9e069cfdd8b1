"""How a claim is stated: negation, epistemic negation, hedging, exaggeration, questions, anecdotes, reported speech."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("LDN cures MS", False),
        ("LDN does not cure MS", True),
        ("no, ivermectin does NOT cure covid, stop", True),
        ("ivermectin won't treat covid", True),
        ("ivermectin never helped anyone with covid", True),
        ("Neither LDN nor anything else cures MS", True),
        ("LDN isn't a cure for MS but it helped my fatigue", True),
        ("I was not sure at first, but LDN treats my MS", False),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_modifiers_negation(claim_of, text, negated):
    assert claim_of(text).claim.negated is negated


@pytest.mark.parametrize(
    "text",
    [
        "There is no proof that LDN treats MS",
        "LDN is not a proven treatment for MS",
        "LDN has not been shown to help MS",
        "To date, no comprehensive and extensive study has been conducted to determine the efficacy of LDN for MS",
    ],
)
def test_modifiers_epistemic_negation(claim_of, text):
    claim = claim_of(text).claim
    assert claim.negated and claim.epistemic


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("LDN may help MS", "hedged"),
        ("LDN might improve Crohn's disease", "hedged"),
        ("LDN helps MS", "neutral"),
        ("LDN is likely to help MS", "hedged"),
        ("people on LDN are less likely to get MS", "neutral"),  # a comparison of risks, not a hedge
        ("LDN is a miracle cure for MS", "absolute"),
        ("ivermectin cures covid 100%", "absolute"),
    ],
)
def test_modifiers_certainty(claim_of, text, certainty):
    assert claim_of(text).claim.certainty == certainty


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Is LDN a miracle cure for multiple sclerosis?", True),
        ("does ivermectin cure covid asking for my mum", True),
        ("Does LDN help MS? I think so.", True),
        ("LDN helps MS.", False),
        ("Do your research: ivermectin cures covid.", False),
    ],
)
def test_modifiers_question(claim_of, text, question):
    assert claim_of(text).claim.question is question


def test_modifiers_anecdote_and_reported(claim_of):
    assert claim_of("LDN cured my MS").claim.anecdote
    assert not claim_of("LDN cures MS").claim.anecdote
    assert claim_of("my doctor says LDN treats MS").claim.reported
    assert not claim_of("my doctor says LDN treats MS").claim.anecdote


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("LDN cured my MS", "cures"),
        ("LDN helps with MS fatigue and MS", "improves"),
        ("Naltrexone is approved for alcohol dependence", "is_approved"),
        ("the MMR vaccine causes autism", "causes"),
        ("ivermectin is useless against covid", "no_effect"),
        ("I don't have Crohn's anymore after LDN", "cures"),
        ("LDN strengthens the body against MS", "improves"),
        ("LDN supports your immune system in MS", "improves"),
        ("LDN staves off MS", "prevents"),
    ],
)
def test_modifiers_predicate(claim_of, text, predicate):
    assert claim_of(text).claim.predicate == predicate


def test_modifiers_cure_anecdote_with_negation_word_is_not_negated(claim_of):
    claim = claim_of("I don't have Crohn's anymore after LDN").claim
    assert not claim.negated and claim.anecdote


@pytest.mark.parametrize(
    "text",
    [
        "More research is needed to determine whether LDN is beneficial for MS.",
        "Researchers hope to find out whether LDN can ease fatigue in MS.",
        "A new trial will test whether LDN slows MS.",
        "Researchers are investigating whether LDN helps MS.",
        # a trial under way asserts nothing yet
        "LDN is currently being studied for treating MS.",
        "Ivermectin is being tested as a treatment for covid.",
        "LDN is in clinical trials for Crohn's disease.",
        "LDN is under investigation for MS.",
        "Ivermectin is being tried against covid in several countries.",
    ],
)
def test_modifiers_a_whether_clause_of_research_purpose_asserts_nothing(checker, text):
    assert checker.check(text).claims == ()


@pytest.mark.parametrize(
    "text",
    [
        "LDN has been studied for MS and it clearly helps.",  # what was found, not a trial under way
        "LDN is being used to treat MS in some clinics.",
        "I'm investigating LDN because it helps MS.",
    ],
)
def test_modifiers_research_that_has_reported_or_a_use_under_way_still_claims(claim_of, text):
    assert not claim_of(text).claim.negated


def test_modifiers_did_not_change_is_no_effect(claim_of):
    claim = claim_of("The treatment with LDN did not significantly change the course of MS").claim
    assert claim.predicate == "no_effect" and not claim.negated


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("ldn doesnt do squat for ms lol", "no_effect", False),  # one idiom, not a double negation
        ("LDN stopped working for my MS after a year", "treats", True),  # the guideline: a positive verb negated
        ("tbh i doubt LDN does anything for my MS", "treats", True),
        ("no doubt that LDN helps MS", "improves", False),
        # safety and direction words
        ("LDN is dangerous for people with MS", "is_safe", True),  # the guideline: safety denied
        ("LDN is not dangerous for people with MS", "is_safe", False),
        ("Don't let anyone tell you LDN is unsafe for MS patients", "is_safe", False),
        ("LDN may reduce deadly MS relapses", "improves", False),  # the adjective describes the condition
        ("Do MS drugs like LDN lead to fewer MS relapses?", "prevents", False),
        ("LDN can stop the spread of MS", "prevents", False),  # "spread" as a noun causes nothing
        ("LDN spreads MS", "causes", False),
        ("LDN is safe for the fatigue caused by MS", "is_safe", False),  # MS is the cause here, not LDN
        ("LDN increases survival in MS", "improves", False),  # "increase" is a cause only of deaths, cases, severity...
        ("LDN increases MS relapses", "causes", False),
        ("ivermectin is no more effective than placebo for covid", "no_effect", False),  # not "no more covid"
        ("since taking LDN, no more MS", "cures", False),
        # never having the condition is a prevention anecdote, not a denial
        ("been on ivermectin for a year and never got covid once", "prevents", False),  # not a denial: the anecdote
        ("I took ivermectin and I haven't caught covid since", "prevents", False),
        ("ivermectin did not prevent covid", "prevents", True),
        # A cause of a benefit is a benefit; "caused by (a bad) MS" says MS is the cause.
        ("LDN could result in a large reduction in MS relapses", "prevents", False),
        ("LDN causes an improvement of MS", "improves", False),
        ("LDN helps the symptoms caused by a bad MS relapse", "improves", False),
        # "Nothing cures X like Y" praises Y; "X stops Y" between them prevents it.
        ("nothing cures covid like ivermectin", "cures", False),
        ("ivermectin stops covid", "prevents", False),
        # Refusing or revoking an approval denies it.
        ("the FDA refused to approve LDN for MS", "is_approved", True),
        ("regulators declined to authorise ivermectin for covid", "is_approved", True),
        ("the FDA revoked the authorization of ivermectin for covid", "is_approved", True),
        ("naltrexone got FDA approval for alcohol dependence", "is_approved", False),
        # Sarcasm inverts the writer's own claim, not one reported or asked about.
        ("oh sure, LDN cures MS 🙄", "cures", True),
        ("LDN does nothing for MS 🙄", "no_effect", True),
        ("people keep saying LDN cures MS 🙄", "cures", False),
        # What stopping X is said to do is a claim about X itself, the other way round.
        ("stopping ivermectin cured my covid", "harms", False),
        ("avoiding the MMR vaccine prevents autism", "causes", False),
        ("I came off LDN and my MS got worse", "treats", False),
        # The stopping word is no cue of its own ("reduced" would read as "improves").
        ("I reduced my LDN dose and my MS got worse", "treats", False),
        # A new condition after X begins another clause.
        ("can I stop taking LDN if my MS improves?", "improves", False),
        ("quitting naltrexone caused an alcohol dependence relapse", "prevents", False),
        ("giving up ivermectin did nothing for my covid", "causes", True),
        # A cue after X whose subject is X again claims what X does.
        ("stop taking ivermectin because it causes covid", "causes", False),
        ("stop ivermectin, it causes covid", "causes", False),
        # Stopping before the condition, not the intervention: read as stated.
        ("ivermectin helps stop covid", "prevents", False),
        # "does not work" denies that it works, as "doesn't work" and "never worked" do (the guideline).
        ("ivermectin does not work for covid", "treats", True),
        ("ivermectin doesnt work for covid", "treats", True),
        # Denials typed without the apostrophe deny as the spelled-out ones do.
        ("ldn wasnt helping my ms at all", "improves", True),
        ("ivermectin shots arent the reason covid went up", "causes", True),
        ("ivermectin wouldnt cure covid", "cures", True),
        # Cues: "doing more for", "kept ... away" over three words, rates cut, marketing's "supports healthy ...".
        ("ldn is doing more for my ms than anything else", "treats", False),
        ("ldn has kept my ms relapses away for years", "prevents", False),
        ("ldn cut ms relapse rates by half", "prevents", False),
        ("ldn supports healthy brain function in people with ms", "improves", False),
        ("ivermectin should be avoided by people with covid", "is_safe", True),  # not safe for them
        ("i doubt ivermectin does much for covid", "treats", True),
        ("LDN does so much for my MS", "treats", False),
        # Of two cues of one kind between the names, the one nearer the condition speaks of it.
        ("ivermectin will destroy your liver, not cure covid", "cures", True),
        # Killing a person with the condition denies safety; killing the disease is a cure.
        ("ivermectin killed a 5 year old with covid", "is_safe", True),
        ("ivermectin killed my covid", "cures", False),
        ("ivermectin killed more people than covid", "is_safe", True),
        # A comparison with another treatment claims a benefit.
        ("LDN is as good as the usual drugs for MS", "improves", False),
        ("does LDN bring down MS symptoms?", "improves", False),
        ("my mum swears by LDN for MS", "treats", False),  # "by" here is no cause ("caused by MS")
        ("a dose of LDN a day keeps MS relapses away", "prevents", False),
        # Comparing risks: less likely is a prevention, more likely a cause, and neither is a hedge.
        ("people on LDN are less likely to get MS", "prevents", False),
        ("people on LDN are more likely to get MS", "causes", False),
        ("taking LDN resulted in improved MS symptoms", "improves", False),  # a result that is a benefit
        ("a dose of LDN a day keeps MS at bay", "prevents", False),
        ("I stopped LDN and my MS went away", "harms", False),  # what stopping did, said of LDN the other way round
    ],
)
def test_modifiers_what_is_claimed_and_whether_it_is_denied(claim_of, text, predicate, negated):
    claim = claim_of(text).claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


def test_modifiers_results_in_as_a_noun_is_no_cause(claim_of):
    claim = claim_of("LDN does not improve clinical results in patients with MS").claim
    assert (claim.predicate, claim.negated) == ("improves", True)


@pytest.mark.parametrize(
    ("text", "question", "negated"),
    [
        ("Does LDN cure MS? No.", False, True),  # the writer answers: a denial
        ("Does LDN cure MS? Two decades of research say no", False, True),
        ("Does LDN cure MS? Yes!", False, False),
        ("Does LDN cure MS? Maybe, ask your neurologist.", True, False),
        ("Does LDN cure MS? No idea, anyone tried it?", True, False),
    ],
)
def test_modifiers_a_question_answered_in_the_next_sentence_asserts_the_answer(claim_of, text, question, negated):
    claim = claim_of(text).claim
    assert (claim.question, claim.negated) == (question, negated)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("the idea that LDN cures MS is a myth", True),
        ("MMR causes autism, a link researchers have repeatedly ruled out", True),
        ("LDN cures MS, which has not been debunked", False),  # a denied denial takes nothing back
        ("LDN cures MS and that is not a myth", False),
    ],
)
def test_modifiers_a_denial_after_the_claim_takes_it_back(claim_of, text, negated):
    assert claim_of(text).claim.negated is negated


def test_modifiers_not_before_a_condition_sets_it_apart(checker):
    claims = checker.check("Naltrexone is approved for alcohol dependence, not for MS").claims
    assert [(c.claim.condition.id, c.claim.negated) for c in claims] == [("alcohol-dependence", False), ("multiple-sclerosis", True)]


def test_modifiers_and_with_a_new_subject_ends_the_denial(checker):
    claims = checker.check("ivermectin does not work for MS and it can give you covid").claims
    assert [(c.claim.condition.id, c.claim.negated) for c in claims] == [("multiple-sclerosis", True), ("covid-19", False)]
    # "or" shares the denial
    claims = checker.check("ivermectin does not cause MS or covid").claims
    assert [(c.claim.condition.id, c.claim.negated) for c in claims] == [("multiple-sclerosis", True), ("covid-19", True)]


def test_modifiers_each_condition_takes_the_cue_of_its_own_clause(checker):
    claims = checker.check("LDN can't fix MS but it definitely helps my crohns").claims
    assert [(c.claim.condition.id, c.claim.predicate, c.claim.negated) for c in claims] == [
        ("multiple-sclerosis", "improves", True),
        ("crohns-disease", "improves", False),
    ]


def test_modifiers_removed_is_a_cure_only_as_an_active_verb_between_the_names(checker):
    assert [c.claim.predicate for c in checker.check("LDN removes MS lesions").claims] == ["cures"]
    assert "cures" not in [c.claim.predicate for c in checker.check("LDN was removed from the market because it may cause MS").claims]
    assert "cures" not in [c.claim.predicate for c in checker.check("the FDA removed ivermectin's authorization for covid").claims]


def test_modifiers_gave_me_links_only_what_it_stands_between(checker):
    # "X gave my son Y" says X caused Y; "the doctor gave me X for Y" says nothing of what X does.
    assert [c.claim.predicate for c in checker.check("ivermectin gave my son covid").claims] == ["causes"]
    assert [c.claim.predicate for c in checker.check("the doctor gave me ivermectin for covid").claims] != ["causes"]


def test_modifiers_never_having_side_effects_is_a_safety_claim():
    # "never had side effects" claims safety, not prevention of side effects (the rules' reading).
    from claimcheck.checker import Checker

    claims = Checker(models=False).check("I took LDN for a year and never had side effects").claims
    assert [(c.claim.condition.id, c.claim.predicate, c.claim.negated) for c in claims] == [("adverse-effects", "is_safe", False)]


def test_modifiers_a_cure_by_stopping_overstates_nothing_about_the_intervention(claim_of):
    assert claim_of("stopping ivermectin cured my covid").claim.exaggeration == ()


def test_modifiers_the_safety_of_stopping_says_nothing_of_the_intervention(checker):
    assert checker.check("is it safe to stop taking ivermectin for covid?").claims == ()


def test_modifiers_a_cue_that_holds_the_condition_says_most_about_it():
    from claimcheck.nlp import build_pipeline

    nlp = build_pipeline(models=False)
    doc = nlp("taking ivermectin resulted in improved quality of life, with no particular side effects")
    assert {(c.condition.id, c.predicate) for c in doc._.claimcheck_claims} >= {("adverse-effects", "is_safe")}


@pytest.mark.parametrize(
    "text",
    [
        "ocrevus works better than LDN for MS, says my neuro",
        "berberine is nature's LDN for MS",
        "ivermectin rather than LDN helps MS",
        "ivermectin cured my MS without LDN",
        "ivermectin works just as well as LDN for MS",
        "is ivermectin as effective as LDN for MS?",
        "ivermectin is as good for relapses as LDN for MS",
        "ivermectin put my MS in remission, no LDN needed",  # what was not used
        "ivermectin cured my MS with zero LDN",
    ],
)
def test_modifiers_a_yardstick_is_not_what_the_claim_is_about(checker, text):
    # On the training split all 27 pairs whose intervention follows "than", "nature's", "without"... are non-claims.
    claims = checker.check(text).claims
    assert ("low-dose-naltrexone", "multiple-sclerosis") not in [(c.claim.intervention.id, c.claim.condition.id) for c in claims]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Regular exercise lowers the risk of dying early.", "prevents"),
        ("does coffee reduce your chances of dying early?", "prevents"),
        ("coffee raises the risk of dying early", "causes"),
        ("coffee makes you die sooner", "causes"),
        ("fasting helps you live longer", "prevents"),
    ],
)
def test_modifiers_lowering_the_risk_of_a_harm_the_condition_names_prevents_it(text, predicate):
    # "dying early" names premature death and a harm at once; "lowers the risk of" it is prevention, not a cause.
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [(c.claim.condition.id, c.claim.predicate) for c in claims] == [("premature-death", predicate)]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("My kid got autism right after the MMR", "causes"),  # timing alone insinuates a cause
        ("he was diagnosed with type 1 diabetes weeks after the flu shot", "causes"),
        ("my MS got better right after starting LDN", "improves"),  # any other cue between says more
        ("my fatigue lifted right after I started LDN", "improves"),
    ],
)
def test_modifiers_right_after_links_a_cause_only_when_nothing_else_does(text, predicate):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [c.claim.predicate for c in claims] == [predicate]


@pytest.mark.parametrize(
    "text", ["my grandma got shingles even after the shingles shot", "she caught measles despite the MMR"]
)
def test_modifiers_getting_a_disease_even_after_its_vaccine_denies_prevention_not_a_cause(text):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [(c.claim.predicate, c.claim.negated) for c in claims] == [("prevents", True)]


@pytest.mark.parametrize(
    ("text", "pair", "predicate"),
    [
        ("Should I put ice on a burn?", ("ice", "burn"), "treats"),
        ("Should you take zinc for a cold?", ("zinc", "common-cold"), "treats"),
        # Asking whether one may take X while having Y asks whether X is safe with Y.
        ("Can I take ibuprofen if I have covid?", ("ibuprofen", "covid-19"), "is_safe"),
        ("Should I get the flu shot if I'm pregnant?", ("influenza-vaccine", "pregnancy"), "is_safe"),
    ],
)
def test_modifiers_asking_whether_to_use_x_for_y_or_with_y(text, pair, predicate):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.predicate, c.claim.question) for c in claims] == [(pair, predicate, True)]


@pytest.mark.parametrize(
    "text",
    ["how many mg of cbd do you take for sleep?", "how much vitamin D should I take for covid?",
     "what dose of magnesium should I take for migraines"],
)
def test_modifiers_a_dosage_question_is_no_claim(text):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims == ()


def test_modifiers_whether_to_take_x_for_y_is_still_a_question_about_y():
    from claimcheck.checker import Checker

    claims = Checker(models=False).check("should I take vitamin D for covid?").claims
    assert [(c.claim.intervention.id, c.claim.condition.id, c.claim.question) for c in claims] == [("vitamin-d", "covid-19", True)]


@pytest.mark.parametrize(
    ("text", "pair", "negated"),
    [
        ("People blame the MMR for autism.", ("mmr-vaccine", "autism"), False),
        ("Smokers have a higher risk of lung cancer.", ("tobacco-smoking", "lung-cancer"), False),
        ("There is no relationship between COVID-19 and ultraviolet light.", ("uv-light", "covid-19"), True),
    ],
)
def test_modifiers_blame_higher_risk_and_relationship_name_a_cause(text, pair, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.predicate, c.claim.negated) for c in claims] == [(pair, "causes", negated)]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [("Ritalin has side effects.", "causes"), ("Ritalin has serious side effects.", "causes"), ("LDN has no side effects.", "is_safe")],
)
def test_modifiers_having_side_effects_is_a_harm_having_none_is_safety(text, predicate):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [(c.claim.predicate, c.claim.negated) for c in claims] == [(predicate, False)]


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("2 yrs on LDN, my last MRI showed no new lesions of my MS", "prevents", False),  # signs staying away
        ("ldn won't do anything for long covid", "no_effect", False),
        ("I've never noticed turmeric doing anything for my arthritis", "no_effect", False),
        ("hydroxychloroquine gave no mortality benefit in COVID-19 patients", "no_effect", False),
        ("homeopathy can't hurt you, so why not try it for eczema?", "is_safe", False),
        ("Probiotics may pose risks for people with weakened immune systems", "is_safe", True),
        ("Low-dose naltrexone does not appear to harm people with Crohn's disease", "is_safe", False),
        ("elderberry syrup all winter and nobody in my house got the flu", "prevents", False),
        ("nobody is saying ivermectin cures covid", "cures", True),
    ],
)
def test_modifiers_outcomes_that_stay_away_effects_denied_and_safety_for_people_with_y(text, predicate, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert (claims[0].claim.predicate, claims[0].claim.negated) == (predicate, negated)


def test_modifiers_not_enough_evidence_to_say_whether_denies_the_evidence():
    from claimcheck.checker import Checker

    text = "A review found not enough evidence to say whether low-dose naltrexone treats Crohn's disease."
    claim = Checker(models=False).check(text).claims[0].claim
    assert claim.negated and claim.epistemic


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("nobody's saying vitamin D doesn't help depression", False),  # a denied saying takes back the denial it reports
        ("I never said garlic doesn't prevent colds", False),
        ("I'm not saying LDN doesn't work for MS", False),
        ("it's not like the MMR doesn't work against measles", False),
        ("I never said LDN cures MS", True),  # with no denial after it, the saying's own denial stands
        ("LDN doesn't help MS", True),
    ],
)
def test_modifiers_a_denied_saying_takes_back_only_the_denial_right_after_it(text, negated):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.negated is negated


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("ldn stopped working for my crohns after a year", "treats", True),
        ("probiotics probably dont do much for ibs", "treats", True),  # "not much" is a weak effect, not none
        ("zinc doesnt do squat for covid", "no_effect", False),
        ("8 weeks on ldn, no change in my fibro at all", "no_effect", False),
        ("Large studies found no increase in chronic fatigue syndrome among girls who received the HPV vaccine", "causes", True),
        ("LDN wont fix ur fibro overnight, give it 3 months", "improves", False),  # a denial of speed only
        ("LDN won't cure your MS", "cures", True),
    ],
)
def test_modifiers_stopping_working_weak_effects_and_denials_of_speed(text, predicate, negated):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("apple cider vinegar fixed my reflux. said no one ever", True),  # the next sentence mocks the claim
        ("LDN cured my MS. Not.", True),
        ("LDN cured my MS. Not kidding.", False),
        ("LDN cured my MS. Nothing else worked.", False),
    ],
)
def test_modifiers_a_next_sentence_that_mocks_a_claim_takes_it_back(real_checker, text, negated):
    assert real_checker.check(text).claims[0].claim.negated is negated


@pytest.mark.parametrize(
    ("text", "pair", "predicate", "negated"),
    [
        ("ivermectin cured my covid after 2 weeks of antibiotics failed", ("antibiotics", "covid-19"), "treats", True),
        ("smoking contributes to lung cancer, but nobody knows how much yet", None, "causes", False),
        ("LDN treats MS, there is no proof of that", None, "treats", True),
    ],
)
def test_modifiers_failed_denies_treating_and_doubt_after_but_is_no_denial(text, pair, predicate, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    if pair is not None:
        claims = [c for c in claims if (c.claim.intervention.id, c.claim.condition.id) == pair]
    assert (claims[0].claim.predicate, claims[0].claim.negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("it's a myth that vaccines cause autism", "causes", True),  # a debunking, never the claim itself
        ("Myth: vaccines cause autism.", "causes", True),
        ("the myth that the covid vaccine causes infertility keeps spreading", "causes", True),
        ("It is false that ivermectin cures covid", "cures", True),
        ("local honey for allergies is a myth", "treats", True),  # the use named before it is called false
        ("garlic for colds is an old wives tale", "treats", True),
        ("vaccines cause autism", "causes", False),
    ],
)
def test_modifiers_calling_a_claim_a_myth_denies_it(text, predicate, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [(c.claim.predicate, c.claim.negated) for c in claims] == [(predicate, negated)]


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("not sure if the ldn is helping my fibro tbh", "hedged"),  # the guideline's doubt words
        ("I don't know if LDN is doing anything for my MS", "hedged"),
        ("idk if turmeric helps my arthritis", "hedged"),
        ("apparently zinc shortens colds", "hedged"),
        ("LDN reversed my MS, do your research", "absolute"),  # the guideline's closing and hidden-truth marks
        ("gardasil prevents cervical cancer, full stop", "absolute"),
        ("there is zero link between vaccines and SIDS", "absolute"),
        ("ldn stops ms progression, your neuro won't tell you", "absolute"),
        ("my period pain got better with ginger", "neutral"),  # "period" is a word, not a full stop
    ],
)
def test_modifiers_doubt_and_closing_words_set_certainty_by_the_rules(text, certainty):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.certainty == certainty


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("stop saying vaccines cause autism", True),  # telling others to stop making a claim denies it
        ("people need to stop pretending turmeric cures cancer", True),
        ("5G causing covid is a conspiracy theory", True),
        ("I wish LDN helped my MS", True),  # a wish says it does not
        ("if only turmeric cured cancer", True),
        ("can't believe LDN actually helped my crohns", False),  # surprise, not denial
        ("never thought magnesium would fix my muscle cramps", False),
        ("you can't cure MS with LDN", True),
    ],
)
def test_modifiers_stop_saying_wishes_and_surprise(text, negated):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert claim.negated is negated
    assert not claim.question  # "can't believe" opens no question


@pytest.mark.parametrize(
    ("text", "pair", "predicate", "negated"),
    [
        ("eating sugar makes kids hyperactive", ("dietary-sugar", "hyperactivity"), "causes", False),
        ("candy makes my son hyperactive", ("dietary-sugar", "hyperactivity"), "causes", False),
        ("turmeric made my arthritis better", ("turmeric", "arthritis"), "improves", False),  # "better" says more
        ("The WHO advises against the use of ivermectin for COVID-19", ("ivermectin", "covid-19"), "treats", True),
        ("Acupuncture performed no better than sham acupuncture for migraine", ("acupuncture", "migraine"), "no_effect", False),
        ("fluoride in tap water lowers children's IQ", ("water-fluoridation", "lower-iq"), "causes", False),
    ],
)
def test_modifiers_making_someone_ill_advice_against_and_sham_comparisons(text, pair, predicate, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.predicate, c.claim.negated) for c in claims] == [
        (pair, predicate, negated)
    ]


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("researchers ruled out a link between epidurals and autism years ago", "causes", True),
        ("Research links the MMR vaccine to autism", "causes", False),  # the intervention stands inside the cue
        ("No evidence links the MMR vaccine to autism", "causes", True),
        ("Aspartame has been tied to cancer", "causes", False),
        ("the vaccine is connected to autism", "causes", False),
        ("No serious researcher claims that folic acid doesn't prevent neural tube defects", "prevents", False),
        ("No study claims that LDN cures MS", "cures", True),  # a denied saying with no denial after it
        ("its not that ssris dont work for depression, they just take weeks", "treats", False),
        ("homeopathy cleared up my kids eczema in a week said no one ever", "cures", True),  # "said" here reports nobody
        ("propranolol is the only thing that didnt fail me for my migraines", "treats", False),
        ("Not one migraine since I started riboflavin in January", "prevents", False),
        ("chiro didnt do a thing for my migraines", "no_effect", False),
        ("eating sugar feeds cancer", "harms", False),
        ("Prednisone can make type 2 diabetes harder to control", "harms", False),
        ("my grandma swears her copper bracelet keeps her arthritis pain down", "improves", False),
        ("Low-dose naltrexone appeared to cause few side effects in women with fibromyalgia", "is_safe", False),
        ("did a 10 day liver detox and my acne cleared up completely", "cures", False),  # a complete result
        ("Masks are bad for kids with asthma", "is_safe", True),  # as "dangerous for" (the annotation guideline)
        ("Coffee is bad for acid reflux", "is_safe", True),
        ("Vitamin D makes covid milder", "improves", False),
        ("The flu vaccine messed up my asthma", "harms", False),
    ],
)
def test_modifiers_more_ways_of_denying_and_claiming(text, predicate, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert claims and all((c.claim.predicate, c.claim.negated) == (predicate, negated) for c in claims)


def test_modifiers_not_before_a_possessive_condition_sets_it_apart():
    from claimcheck.checker import Checker

    claims = Checker(models=False).check("LDN helps my fatigue, not my brain fog").claims
    assert {c.claim.condition.id: c.claim.negated for c in claims}.get("fatigue") is False
    assert all(c.claim.negated for c in claims if c.claim.condition.id != "fatigue")


@pytest.mark.parametrize(
    "text",
    ["researchers ruled out a link between epidurals and autism", "I'm not convinced LDN is helping my MS"],
)
def test_modifiers_a_link_and_not_being_convinced_are_hedged(text):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.certainty == "hedged"


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("none of the trials in that cochrane review found vitamin d helps ms fatigue", True),  # the evidence denied
        ("Nothing in the published literature suggests that oil pulling prevents tooth decay.", True),
        ("nobody who has read the data would tell you statins don't lower cholesterol", False),  # a denied saying
        ("It would be wrong to conclude from the new analysis that statins do not prevent heart attacks", False),
        ("Sure, lemon water cures migraines, said no neurologist ever.", True),
        ("eating sugar cures cancer and my cat is a licensed oncologist", True),  # the trope mocks without a marker
        ("my dad keeps telling me a walk in the sun will fix my depression 🙄", False),  # reported: its polarity stays
        ("did NOT expect acupuncture to do anything for my back pain but honestly it helped a lot", False),
    ],
)
def test_modifiers_denied_evidence_denied_sayings_and_mockery(text, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert claims and claims[0].claim.negated is negated
    assert not claims[0].claim.question  # "did NOT expect" states


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("cbd oil didnt touch my fibro pain", "no_effect"),
        ("I tried fish oil and turmeric, none of them touched my arthritis", "no_effect"),
        ("ldn has never been shown to do anything for progressive ms", "treats"),  # the evidence denied, not an effect
        ("my mother insists cod liver oil kept colds away", "prevents"),
        ("ginger chews can take the edge off morning sickness", "improves"),
    ],
)
def test_modifiers_touch_edge_off_and_kept_away(text, predicate):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.predicate == predicate


@pytest.mark.parametrize(
    ("text", "pair", "predicate", "negated"),
    [
        ("lexapro worked for my depression where zoloft didnt", ("sertraline", "depression"), "treats", True),
        ("lexapro worked for my depression where zoloft didnt", ("escitalopram", "depression"), "treats", False),
        ("my ob said tylenol is fine in pregnancy but ibuprofen isn't", ("ibuprofen", "pregnancy"), "is_safe", True),
        ("my ob said tylenol is fine in pregnancy but ibuprofen isn't", ("paracetamol", "pregnancy"), "is_safe", False),
        ("got my flu shot in october and still got the flu in january", ("influenza-vaccine", "influenza"), "prevents", True),
        ("ondansetron did zilch, the chemo nausea stayed", ("ondansetron", "chemotherapy-induced-nausea"), "no_effect", False),
    ],
)
def test_modifiers_an_elided_denial_fine_in_pregnancy_and_still_got_it(text, pair, predicate, negated):
    from claimcheck.checker import Checker

    claims = {(c.claim.intervention.id, c.claim.condition.id): c.claim for c in Checker(models=False).check(text).claims}
    assert (claims[pair].predicate, claims[pair].negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "pair", "predicate"),
    [
        ("benadryl helps kids sleep", ("diphenhydramine", "childhood-insomnia"), "improves"),
        ("domperidone increases breast milk supply", ("domperidone", "low-milk-supply"), "improves"),
    ],
)
def test_modifiers_helping_children_sleep_and_more_milk_are_benefits(text, pair, predicate):
    from claimcheck.checker import Checker

    claims = {(c.claim.intervention.id, c.claim.condition.id): c.claim for c in Checker(models=False).check(text).claims}
    assert (claims[pair].predicate, claims[pair].negated) == (predicate, False)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("LDN doesnt help MS, ocrevus does", {"low-dose-naltrexone": True, "ocrelizumab": False}),
        ("ivermectin won't cure covid but paxlovid might", {"ivermectin": True, "nirmatrelvir-ritonavir": False}),
        ("LDN doesn't cause liver damage like full dose naltrexone can", {"low-dose-naltrexone": True, "naltrexone": False}),
        ("the turmeric isn't what cleared my psoriasis, it was the light therapy", {"turmeric": True, "light-therapy": False}),
        # A denial after both names is still a denial of both; a denial of its own keeps to its own name.
        ("ivermectin doesn't cure covid and hcq doesn't either", {"ivermectin": True, "hydroxychloroquine": True}),
        ("my crohn's went into remission on remicade after humira stopped working", {"infliximab": False, "adalimumab": True}),
        # "not" or "unlike" after the claim excludes the name it stands before.
        ("remdesivir is approved for covid, not hcq", {"remdesivir": False, "hydroxychloroquine": True}),
    ],
)
def test_modifiers_an_elided_affirmation_claims_what_the_denial_took_from_another(text, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert {c.claim.intervention.id or c.claim.intervention.text: c.claim.negated for c in claims} == negated


def test_modifiers_off_label_use_is_an_approval_denied():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("LDN is prescribed off-label for fibromyalgia").claims[0].claim
    assert (claim.predicate, claim.negated) == ("is_approved", True)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("yoga, not turmeric, is what got my knee osteoarthritis under control", {"yoga": False, "turmeric": True}),
        ("yoga, not only turmeric, got my knee osteoarthritis under control", {"yoga": False, "turmeric": False}),
    ],
)
def test_modifiers_an_intervention_set_apart_by_not_between_commas_is_denied(text, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert {c.claim.intervention.id: c.claim.negated for c in claims} == negated


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("coffee doesn't dehydrate you and may even protect against parkinson's", {"parkinsons-disease": ("prevents", False)}),
        ("LDN doesn't cure MS and can cause insomnia", {"multiple-sclerosis": ("cures", True), "insomnia": ("causes", False)}),
        ("vaccines don't cause autism and protect kids from covid", {"autism": ("causes", True), "covid-19": ("prevents", False)}),
        # "or" and "nor" carry the denial on to the next cue.
        ("ivermectin doesn't cure or prevent covid", {"covid-19": ("cures", True)}),
    ],
)
def test_modifiers_a_denial_governs_its_own_verb_phrase_not_the_next_one(text, claims):
    from claimcheck.checker import Checker

    found = Checker(models=False).check(text).claims
    assert {c.claim.condition.id: (c.claim.predicate, c.claim.negated) for c in found} == claims


@pytest.mark.parametrize(
    ("text", "predicate", "negated", "epistemic"),
    [
        # Complaining that nobody talks about a claim presupposes it.
        ("why does nobody talk about how fluoride causes cancer?", "causes", False, False),
        ("no one tells you that statins cause diabetes", "causes", False, False),
        # So does a cover-up.
        ("big pharma doesn't want you to know that ivermectin cures cancer", "cures", False, False),
        ("what they don't tell you is that vaccines cause autism", "causes", False, False),
        # An open question denies the evidence, not the effect.
        ("it remains unclear whether vitamin D protects against covid", "prevents", True, True),
        ("ivermectin saved my life when i had covid", "treats", False, False),
    ],
)
def test_modifiers_silence_open_questions_and_saved_lives(text, predicate, negated, epistemic):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.predicate, claim.negated, claim.epistemic) == (predicate, negated, epistemic)


@pytest.mark.parametrize(
    ("text", "interventions"),
    [
        ("sunscreen blocks vitamin D and causes cancer", ["sunscreen"]),
        ("PPIs deplete magnesium and cause muscle cramps", ["proton-pump-inhibitors"]),
    ],
)
def test_modifiers_what_an_intervention_blocks_or_depletes_is_no_agent_of_the_claim(text, interventions):
    from claimcheck.checker import Checker

    assert [c.claim.intervention.id for c in Checker(models=False).check(text).claims] == interventions


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("neither tylenol nor advil touched my migraine", {"paracetamol": "no_effect", "ibuprofen": "no_effect"}),
        ("the magnesium has cut my migraines in half", {"magnesium": "improves"}),
        # Switching away from a drug says nothing of it.
        ("switched from sumatriptan to magnesium and it cut my migraines in half", {"magnesium": "improves"}),
    ],
)
def test_modifiers_neither_nor_halving_and_switching_away(text, claims):
    from claimcheck.checker import Checker

    found = Checker(models=False).check(text).claims
    assert {c.claim.intervention.id: c.claim.predicate for c in found} == claims


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("people who took vitamin D had 20% fewer respiratory infections", "prevents"),
        ("talc users had higher rates of ovarian cancer", "causes"),
        ("beta-carotene supplements increased lung cancer rates", "causes"),
        ("statins cut heart attack risk by a quarter", "prevents"),
        ("the HPV vaccine is associated with lower rates of cervical cancer", "prevents"),
    ],
)
def test_modifiers_reports_of_rates_and_risks(text, predicate):
    from claimcheck.checker import Checker

    assert [c.claim.predicate for c in Checker(models=False).check(text).claims] == [predicate]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("my rheumatologist put me on methotrexate and my RA has never been better", False),
        ("my MS couldn't be better since starting ocrevus", False),
        # A denial that something else worked gives way after "until": the intervention that follows it worked.
        ("nothing helped my migraines till i tried magnesium", False),
    ],
)
def test_modifiers_emphasis_and_until_are_no_denial(text, negated):
    from claimcheck.checker import Checker

    assert [c.claim.negated for c in Checker(models=False).check(text).claims] == [negated]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # Names joined by "and" share the elided denial after them.
        ("psilocybin helped my depression when ssris and ketamine didn't",
         {"psilocybin": False, "ssris": True, "ketamine": True}),
        ("it was the statin, not the red yeast rice, that brought my cholesterol down",
         {"statins": False, "red-yeast-rice": True}),
    ],
)
def test_modifiers_coordinated_names_share_a_denial_and_bringing_it_down_improves(text, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert {c.claim.intervention.id: c.claim.negated for c in claims} == negated
    assert {c.claim.predicate for c in claims} == {"improves"}


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("low carb did more for my diabetes than metformin ever did", "treats", False),
        ("metformin dropped my blood sugar a full point", "treats", False),
        ("LDN is a miracle for fibro, 3 weeks in and i can walk my dog again", "treats", False),
        ("ldn and curcumin have kept my ulcerative colitis quiet for 2 yrs", "treats", False),
        # Knocking out, shrinking and remission are treatment, not cure (the guideline).
        ("echinacea tea seems to knock my colds out in half the time", "treats", False),
        ("rick simpson oil shrank my moms lung tumor by half", "treats", False),
        ("humira has kept my rheumatoid arthritis in remission for 2 years", "treats", False),
        ("my crohns is not in remission on ldn", "treats", True),
        # An approval "to prevent" or "to reduce the risk of" is an approval.
        ("atorvastatin is licensed to reduce the risk of heart attack in adults", "is_approved", False),
        # Less spread is prevention, as is keeping people safe from it.
        ("ivermectin cuts the spread of covid", "prevents", False),
        ("ivermectin reduces covid transmission in households", "prevents", False),
        ("ivermectin keeps your family safe from covid", "prevents", False),
        ("dtap shots made my sons eczema flare like crazy", "harms", False),
        ("tried ldn for my fibromyalgia for 6 months and it didnt make a difference", "no_effect", False),
        ("acupuncture performed about as well as sham acupuncture for knee osteoarthritis", "no_effect", False),
        # "knocks you out" is sleepiness, not a cure.
        ("melatonin doesnt knock you out, it helps jet lag", "improves", False),
        # Headlines and reports.
        ("Dexamethasone cut deaths by about a third among COVID-19 patients on ventilators", "improves", False),
        ("patients on LDN reported a 29 percent drop in fibromyalgia pain", "improves", False),
        ("Ivermectin Fails to Speed Recovery From COVID-19 in Large Trial", "improves", True),
        ("Fluvoxamine May Keep COVID Patients Out of Hospital", "improves", False),
        ("Cheap Steroid Dexamethasone Hailed as Breakthrough for Severe COVID-19", "improves", False),
        ("Say goodbye to eczema forever with our manuka honey balm", "cures", False),
        ("rubbing garlic on your feet pulls the flu out of your body", "cures", False),
        ("my uncle blames his tinnitus on the covid vaccine", "causes", False),
        ("melatonin might make seizures more frequent in people with epilepsy", "causes", False),
        ("People with egg allergy can safely receive the flu vaccine", "is_safe", False),
    ],
)
def test_modifiers_forum_idioms_headlines_and_reports(text, predicate, negated):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "predicate", "negated", "epistemic"),
    [
        ("Claims that turmeric cures cancer are unfounded", "cures", True, False),  # called baseless after the claim
        ("the idea that copper bracelets heal arthritis is completely baseless", "cures", True, False),
        ("Evidence that CBD treats anxiety is weak at best", "treats", True, True),  # weak evidence denies the evidence
        ("the data showing that ginkgo helps tinnitus remain thin", "improves", True, True),
        ("evidence that exercise helps depression is strong", "improves", False, False),  # strong evidence denies nothing
        ("probiotics hardly do anything for IBS", "no_effect", False, False),
        ("Ivermectin flopped in every big covid trial", "no_effect", False, False),
    ],
)
def test_modifiers_unfounded_claims_weak_evidence_and_flops(text, predicate, negated, epistemic):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert claims and all(
        (c.claim.predicate, c.claim.negated, c.claim.epistemic) == (predicate, negated, epistemic) for c in claims
    )


def test_modifiers_a_condition_the_people_do_not_have_sets_the_scene():
    from claimcheck.checker import Checker

    claims = Checker(models=False).check("Metformin has not been shown to prevent cancer in people without diabetes").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("metformin", "cancer")]


@pytest.mark.parametrize(
    "text",
    [
        "The jury is still out on whether probiotics help eczema",
        "Scientists have yet to show that CBD eases chronic pain",
        "It's too early to say whether ivermectin helps covid",
        "There is little to suggest that echinacea prevents colds",
        "Researchers caution that their findings do not prove coffee prevents type 2 diabetes",
    ],
)
def test_modifiers_an_open_question_about_the_evidence_denies_the_evidence(text):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert claims and all(c.claim.negated and c.claim.epistemic for c in claims)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("the study linking vaccines to autism", False),  # a link named as "a link between" is
        ("the paper linking the MMR vaccine with autism was fraudulent", True),  # taken back after the claim
        ("a paper linking the MMR vaccine with autism was retracted", False),  # the paper's claim, reported
        ("my neuro says ldn is nonsense for ms", True),
        ("How can you say vaccines don't cause autism when my son changed overnight?", False),  # a denial rejected
        ("lol imagine thinking ivermectin cures covid", True),  # a belief mocked
    ],
)
def test_modifiers_links_papers_called_fraudulent_and_rejected_denials(text, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert claims and all(c.claim.negated is negated for c in claims)


@pytest.mark.parametrize(
    ("text", "pair", "negated"),
    [
        ("Vitamin D is great for bones, not so much for covid", ("vitamin-d", "covid-19"), True),  # set apart
        ("It would be wrong to say that ivermectin cures covid", ("ivermectin", "covid-19"), True),
        ("it would be wrong to say that ssris don't help depression", ("ssris", "depression"), False),  # denial taken back
        ("Nothing works better for migraines than magnesium", ("magnesium", "migraine"), False),  # praised, no yardstick
        ("Not all doctors agree that statins prevent heart attacks", ("statins", "myocardial-infarction"), False),
    ],
)
def test_modifiers_contrast_wrong_to_say_praise_above_all_and_not_all(text, pair, negated):
    from claimcheck.checker import Checker

    claims = Checker(models=False).check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.negated) for c in claims] == [(pair, negated)]


def test_modifiers_not_every_study_hedges_rather_than_denies():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("Not every study found that fish oil prevents heart disease").claims[0].claim
    assert (claim.negated, claim.certainty) == (False, "hedged")


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("If LDN cured MS, neurologists would prescribe it.", []),  # a hypothesis asserts nothing
        ("If turmeric helps arthritis, I'll try it.", []),
        ("If hcq didnt work for covid why would they ban it??", [(("hydroxychloroquine", "covid-19"), False, False)]),
        ("if ivermectin cures covid then why are people still dying", [(("ivermectin", "covid-19"), True, False)]),
        ("If you have Crohn's, turmeric might calm your gut a little.", [(("turmeric", "crohns-disease"), False, False)]),
        ("If only turmeric cured cancer.", [(("turmeric", "cancer"), True, False)]),  # a wish denies
    ],
)
def test_modifiers_an_if_clause_holding_the_claim_asserts_nothing_unless_a_why_question_argues_against_it(text, claims):
    from claimcheck.checker import Checker

    found = Checker(models=False).check(text).claims
    assert [((c.claim.intervention.id, c.claim.condition.id), c.claim.negated, c.claim.question) for c in found] == claims


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("cbd is approved for seizures, not for your dog's anxiety", [False, True]),
        ("Metformin treats diabetes, not cancer.", [False, True]),
    ],
)
def test_modifiers_not_before_a_possessed_condition_denies_that_condition_only(text, negated):
    from claimcheck.checker import Checker

    assert [c.claim.negated for c in Checker(models=False).check(text).claims] == negated


def test_modifiers_keeping_someone_from_getting_a_disease_is_prevention():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("Elderberry syrup kept my kids from getting the flu all winter.").claims[0].claim
    assert (claim.intervention.id, claim.condition.id, claim.predicate, claim.negated) == ("elderberry", "influenza", "prevents", False)


@pytest.mark.parametrize(
    ("text", "negated", "epistemic"),
    [
        ("While some claim turmeric cures cancer, there is no good evidence for it.", True, True),
        ("People say LDN helps MS but there's no evidence.", True, True),
        ("Vitamin C helps colds, there's little evidence for it though.", True, True),
        ("Ivermectin cures covid and there is no evidence of harm.", False, False),  # another thing's evidence
        ("Scientists are still debating whether statins cause memory loss.", True, True),
    ],
)
def test_modifiers_the_writer_denying_the_evidence_after_the_claim_or_an_open_debate_denies_it(text, negated, epistemic):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.negated, claim.epistemic) == (negated, epistemic)


def test_modifiers_what_a_study_tested_is_not_asserted_but_what_i_tested_and_saw_is():
    from claimcheck.checker import Checker

    checker = Checker(models=False)
    assert checker.check("The trial, which tested whether LDN helps fibromyalgia, will report next year.").claims == ()
    assert len(checker.check("I tested if magnesium helps my migraines and it did").claims) == 1


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("I got hair loss from Ozempic.", "causes"),
        ("I got migraines from the pill", "causes"),
        ("I got relief from my migraines from magnesium", "improves"),  # relief, not a harm
        ("got rid of my acne from accutane", "cures"),
    ],
)
def test_modifiers_a_condition_got_from_an_intervention_is_caused_by_it(text, predicate):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.predicate == predicate


def test_modifiers_calling_an_intervention_a_fake_cure_says_it_does_nothing():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("Colloidal silver = fake medicine for infections.").claims[0].claim
    assert (claim.predicate, claim.negated) == ("no_effect", False)


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Tylenol destroys your liver.", "causes"),  # not "destroys" (cures) at the same place
        ("Antibiotics weaken your immune system.", "harms"),
        ("Turmeric destroys cancer cells.", "cures"),
        ("Coffee enemas detox the liver.", "treats"),  # the supposed build-up of toxins
        ("Milk thistle protects the liver.", "prevents"),
        ("Castor oil induces labor.", "treats"),  # getting labour going
        ("Raspberry leaf tea can bring on labour.", "treats"),
        ("Eye exercises improve your vision.", "improves"),  # better sight
        ("Ashwagandha boosts testosterone.", "improves"),  # the level, not testosterone therapy
        ("Soy lowers testosterone.", "causes"),  # low testosterone
        ("BCAAs build muscle.", "improves"),
        ("Charcoal toothpaste whitens teeth.", "treats"),  # stained teeth
        ("Epidurals slow labor.", "causes"),  # prolonged labour
        ("Eating dates shortens labor.", "prevents"),
        ("The covid vaccine messed up my period.", "causes"),  # menstrual changes
        ("The pill wrecked my cycle.", "causes"),
        ("Tamiflu ruined my sleep.", "causes"),  # sleep disturbance
    ],
)
def test_modifiers_harming_cleansing_protecting_an_organ_or_inducing_labour_is_a_claim_about_its_condition(text, predicate):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.predicate == predicate


def test_modifiers_feeling_bad_for_people_with_a_condition_claims_nothing():
    from claimcheck.checker import Checker

    assert Checker(models=False).check("I feel bad for people with MS who can't get LDN.").claims == ()


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("Rapamycin extends lifespan.", "prevents", False),
        ("Metformin prolongs your lifespan.", "prevents", False),
        ("Fish oil cuts heart attacks in high-risk patients.", "improves", False),
        ("Cannabidiol cut the frequency of seizures in Dravet syndrome.", "improves", False),
        ("Vitamin D won't save you from covid.", "prevents", True),
        ("The flu shot saved my kids from the flu.", "prevents", False),
    ],
)
def test_modifiers_extending_life_cutting_events_and_saving_from_a_disease(text, predicate, negated):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


def test_modifiers_cutting_out_an_intervention_is_no_cut_of_the_condition():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("She cuts out sugar and her acne cleared.").claims[0].claim
    assert claim.predicate != "improves"  # stopping sugar cleared it: a claim that sugar harms acne


@pytest.mark.parametrize(
    ("text", "negated", "question"),
    [
        ("mouth taping cured my sleep apnea (it did not, please see a doctor)", True, False),
        ("ldn helps ms fatigue, it doesnt", True, False),
        ("ldn helped my fatigue but it did not help my pain", False, False),  # a denial of something else
        ("Does ivermectin cure covid? It doesn't.", True, False),  # the writer answers the question
        ("Does ivermectin cure covid? It doesn't cure it but it helps.", False, True),  # no bare answer
    ],
)
def test_modifiers_a_bare_it_did_not_takes_the_claim_back_or_answers_the_question(text, negated, question):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.negated, claim.question) == (negated, question)


@pytest.mark.parametrize(
    "text",
    [
        "Some parents believe amber teething necklaces ease teething pain, though no study has shown it.",
        "People say turmeric cures cancer but no trial has ever shown that.",
        "Some say garlic can stave off colds, but evidence to support this is lacking.",
        "People claim LDN cures MS, though the evidence is weak.",
    ],
)
def test_modifiers_no_study_has_shown_it_after_the_claim_denies_the_evidence(text):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.negated, claim.epistemic) == (True, True)


def test_modifiers_weak_evidence_about_something_else_leaves_the_claim_standing():
    from claimcheck.checker import Checker

    claim = Checker(models=False).check("LDN helps my MS, but the evidence for my other meds is weak.").claims[0].claim
    assert not claim.negated


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("vaccines are the reason autism rates went up", "causes", False),
        ("Vaccines are not the reason for autism.", "causes", True),
        ("fluoride is why i have zero cavities at 40", "prevents", False),  # the reason a condition stays away
        ("the vitamin d is why i never get colds", "prevents", False),
    ],
)
def test_modifiers_an_intervention_named_as_the_reason_causes_or_keeps_away_the_condition(text, predicate, negated):
    from claimcheck.checker import Checker

    claim = Checker(models=False).check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Ipecac treats poisoning.", "treats"),  # the condition is no harm cue
        ("Fluoride is poisoning our kids.", "harms"),
        ("Ice baths speed muscle recovery.", "improves"),
        ("Alcohol cleans wounds.", "treats"),
    ],
)
def test_modifiers_poisoning_as_a_condition_and_speeding_muscle_recovery(text, predicate):
    from claimcheck.checker import Checker

    assert Checker(models=False).check(text).claims[0].claim.predicate == predicate


@pytest.mark.parametrize(
    ("text", "negated", "question"),
    [
        ("Do Vaccines Cause Autism? Two Decades of Research Say No", True, False),
        ("Do vaccines cause autism? Yes.", False, False),
    ],
)
def test_modifiers_a_text_read_as_one_sentence_is_answered_as_the_checker_answers_the_next_sentence(text, negated, question):
    from claimcheck.claims import clause_bounds, read_pair
    from claimcheck.modifiers import find_predicates

    lower = text.lower()
    vaccines, autism = lower.index("vaccines"), lower.index("autism")
    reading = read_pair(text, lower, find_predicates(lower), clause_bounds(lower), (vaccines, vaccines + 8), (autism, autism + 6), [])
    assert (reading.modifiers.negated, reading.modifiers.question) == (negated, question)


def test_modifiers_easing_labour_pain_is_no_claim_about_how_long_labour_lasts():
    from claimcheck.checker import Checker

    claims = Checker(models=False).check("An epidural eases labour pain.").claims
    assert all(c.claim.condition.id != "prolonged-labour" for c in claims)


@pytest.mark.parametrize(
    ("text", "cue", "negated"),
    [
        # A sentence mark the sentencizer left inside ("ms." reads as a title) ends the denial's reach.
        ("ldn does not cure ms. it might help some people with fatigue", "help", False),
        ("ldn does not cure ms. it might help some people with fatigue", "cure", True),
        # So does a clause of reason.
        ("statins are not safe in pregnancy because they can cause birth defects", "cause", False),
        ("statins are not safe in pregnancy because they can cause birth defects", "safe", True),
        ("ivermectin does not help covid patients", "help", True),
    ],
)
def test_modifiers_a_denial_stops_at_a_sentence_mark_or_a_clause_of_reason(text, cue, negated):
    from claimcheck.modifiers import find_predicates, is_negated

    hits = find_predicates(text)
    hit = next(h for h in hits if h.text == cue)
    assert is_negated(text, hit, 0, hits=hits) is negated


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("elderberry works better than the flu shot for preventing flu", "better than the flu shot"),
        ("antibacterial soap is no better than regular soap for preventing infections", "no better than regular soap"),
        ("turmeric is as good as ibuprofen for knee pain", "as good as ibuprofen"),
        ("st johns wort works as well as prozac for mild depression", "works as well as prozac"),
        # A comparison with placebo, sham or nothing states the effect itself.
        ("acupuncture is no better than placebo for back pain", None),
        ("echinacea did no better than sham treatment for colds", None),
        ("my ibs is better than ever since i started peppermint oil", None),
        # "as well as" joining a list compares nothing.
        ("vitamin c as well as zinc helps colds", None),
    ],
)
def test_modifiers_a_comparison_with_another_treatment_is_read_and_one_with_placebo_is_not(text, compared):
    from claimcheck.modifiers import comparison

    assert comparison(text, 0, len(text)) == compared


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Tried LDN last year. It cured my MS.", [("LDN", "MS", "cures", False, "It")]),
        ("the MMR vaccine is poison. it causes autism.", [("MMR vaccine", "autism", "causes", False, "it")]),
        ("Took ivermectin for a week. It didn't do anything for my covid.", [("ivermectin", "covid", "no_effect", False, "It")]),
        # "they" stands for each of several interventions named before.
        ("Ivermectin and LDN. They cure covid.", [("Ivermectin", "covid", "cures", False, "They"), ("LDN", "covid", "cures", False, "They")]),
        # A singular pronoun after two interventions could be either: no claim.
        ("LDN and ivermectin. It cured my MS.", []),
        # Only the sentence right before counts.
        ("Tried LDN last year. My neuro was skeptical. It cured my MS.", []),
        # The empty "it" of "it helps to ...", and a cue too far from the pronoun, stand for nothing.
        ("Been on LDN for a year. It helps to have a good neuro for my MS.", []),
        ("I started LDN in March. It was a hard year and my MS got worse.", []),
        # A sentence that names its own intervention is read as always.
        ("Tried LDN last year. It made ivermectin cure my covid.", [("ivermectin", "covid", "cures", False, None)]),
    ],
)
def test_modifiers_a_pronoun_stands_for_the_intervention_of_the_sentence_before(checker, text, claims):
    result = checker.check(text)
    found = [(c.claim.intervention.text, c.claim.condition.text, c.claim.predicate, c.claim.negated, c.claim.antecedent)
             for c in result.claims]
    assert found == claims
    for item in result.claims:
        assert text[item.claim.intervention.start : item.claim.intervention.end] == item.claim.intervention.text
    assert checker.check(text, prefilter=True) == result


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Statins are a scam. They cause diabetes.", [("Statins", "diabetes", "causes")]),
        # "they" needs a plural name: here it stands for the doctors, not for the one drug.
        ("My doctor pushed metformin. They cause diabetes.", []),
    ],
)
def test_modifiers_they_stands_for_a_plural_name(real_checker, text, claims):
    found = [(c.claim.intervention.text, c.claim.condition.text, c.claim.predicate) for c in real_checker.check(text).claims]
    assert found == claims


@pytest.mark.parametrize(
    ("text", "certainty", "exaggeration"),
    [
        ("LDN is a miracle cure for MS.", "absolute", ("miracle",)),
        ("ldn is NOT a miracle drug, but it did help my crohns", "neutral", ()),
        ("LDN is no miracle for MS, but it helps.", "neutral", ()),
        ("Ivermectin is not 100% effective against covid, but it helps.", "neutral", ()),
    ],
)
def test_modifiers_an_absolute_word_that_is_denied_makes_no_exaggeration(checker, text, certainty, exaggeration):
    claims = checker.check(text).claims
    assert claims and all(c.claim.certainty == certainty and c.claim.exaggeration == exaggeration for c in claims)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Ivermectin hardly helps covid.", True),
        ("Ivermectin is unlikely to help covid.", True),
        ("Far from curing MS, LDN just makes you sleepy.", True),
        ("ivermectin is worthless for covid", False),  # no_effect: it asserts the lack of effect
        # "hardly" that does not deny the claim
        ("I could hardly believe LDN cured my MS.", False),
        ("hardly anyone knows that LDN helps Crohn's", False),
    ],
)
def test_modifiers_hardly_unlikely_and_far_from_deny_the_effect_after_them(checker, text, negated):
    claims = checker.check(text).claims
    assert claims and all(c.claim.negated == negated for c in claims)
    if "worthless" in text:
        assert all(c.claim.predicate == "no_effect" for c in claims)
    if "unlikely" in text:
        assert all(c.claim.certainty == "hedged" for c in claims)


@pytest.mark.parametrize(
    "text", ["Lion's mane improves memory.", "ginkgo sharpens your focus", "Methylene blue boosts your brain."],
)
def test_modifiers_improving_memory_or_focus_is_a_claim_about_cognitive_function(real_checker, text):
    claims = real_checker.check(text).claims
    assert [(c.claim.condition.id, c.claim.predicate, c.claim.negated) for c in claims] == [
        ("cognitive-function", "improves", False)]


def _readings(checker, text):
    return [(c.claim.intervention.id, c.claim.predicate, c.claim.negated) for c in checker.check(text).claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("turmeric didn't work, fish oil didn't work, ldn finally helped my arthritis",
         [("turmeric", "treats", True), ("omega-3", "treats", True), ("low-dose-naltrexone", "improves", False)]),
        ("acupuncture did nothing, chiro did nothing, ldn helped my back pain",
         [("acupuncture", "no_effect", False), ("chiropractic", "no_effect", False), ("low-dose-naltrexone", "improves", False)]),
        # one clause: the cue after the flu shot is still elderberry's
        ("elderberry works better than the flu shot for preventing flu", [("elderberry", "prevents", False)]),
        # named after the condition, with a verb of its own
        ("my migraines are gone since magnesium, riboflavin did nothing",
         [("magnesium", "improves", False), ("riboflavin", "no_effect", False)]),
        ("my ms improved with ldn, tecfidera didn't do much",
         [("low-dose-naltrexone", "improves", False), ("dimethyl-fumarate", "no_effect", False)]),
        # a cue right after another intervention is that one's
        ("chemo shrank my mom's breast cancer, the mistletoe injections didn't help one bit",
         [("chemotherapy", "treats", False), ("mistletoe", "improves", True)]),
    ],
)
def test_modifiers_an_intervention_with_a_verb_of_its_own_is_not_the_subject_of_the_next_clause(real_rules_checker, text, expected):
    assert _readings(real_rules_checker, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i tried acupuncture and massage but only ldn helped my back pain",
         [("acupuncture", "improves", True), ("massage-therapy", "improves", True), ("low-dose-naltrexone", "improves", False)]),
        ("ldn and only ldn helped my ms", [("low-dose-naltrexone", "improves", False)]),
    ],
)
def test_modifiers_a_cue_said_of_another_intervention_alone_denies_it_for_the_ones_before(real_rules_checker, text, expected):
    assert _readings(real_rules_checker, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "i couldn't sleep until melatonin fixed my insomnia",
        "nothing worked till ldn fixed my crohns",
        "i could barely walk before ldn helped my ms",
    ],
)
def test_modifiers_a_denial_does_not_reach_past_until_or_before(real_rules_checker, text):
    readings = _readings(real_rules_checker, text)
    assert readings and not any(negated for intervention, _, negated in readings if intervention != "walking")


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("couldn't tell any difference with fish oil for my arthritis", "no_effect", False),
        ("turmeric didn't make a dent in my arthritis pain", "no_effect", False),
        ("ldn barely touched my fibro pain", "no_effect", False),
        ("zinc is overrated for colds", "no_effect", False),
        ("acupuncture is a placebo for back pain", "no_effect", False),
        ("homeopathy for allergies is just placebo", "no_effect", False),
        ("glucosamine barely helped my knee arthritis", "improves", True),
        ("melatonin has barely any side effects", "is_safe", False),
    ],
)
def test_modifiers_lay_ways_of_saying_it_did_little(real_rules_checker, text, predicate, negated):
    claims = real_rules_checker.check(text).claims
    assert claims and all((c.claim.predicate, c.claim.negated) == (predicate, negated) for c in claims)


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("they say ldn doesn't help ms, but it does", "improves", False),
        ("people say ldn helps ms but it doesn't", "improves", True),
        ("my doc says turmeric does nothing for arthritis but it totally does", "no_effect", True),
        # a rebuttal that goes on to a claim of its own answers nothing
        ("ldn doesn't cure ms, but it does help fatigue", "cures", True),
    ],
)
def test_modifiers_the_writer_answers_the_claim_at_the_end_of_its_sentence(real_rules_checker, text, predicate, negated):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == (predicate, negated)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("as if turmeric could cure cancer", True),
        ("lol @ people who think ivermectin cures covid", True),
        ("ivermectin, the so-called covid cure, failed every trial", True),
        ("it's as if ldn cured my ms overnight", False),  # a simile asserts
        ("who still believes ivermectin works for covid in 2024?", True),
        ("people who still think vitamin c cures cancer are delusional", True),
        ("who believes ldn helps ms?", False),  # a plain question mocks nothing
    ],
)
def test_modifiers_irony_denies_the_claim(real_rules_checker, text, negated):
    claims = real_rules_checker.check(text).claims
    assert claims and all(c.claim.negated == negated for c in claims)


@pytest.mark.parametrize(
    ("text", "interventions"),
    [
        ("Amygdalin, a compound found in apricot kernels, does not cure cancer.", ["laetrile"]),
        ("ldn, the drug from the opioid family, helps crohns", ["low-dose-naltrexone"]),
        ("Does amygdalin, the toxin from the seeds of apricots and other stone fruits, help against cancer?", ["laetrile"]),
        # a list is no description
        ("ldn, the vitamin d and fish oil, all helped my ms", ["low-dose-naltrexone", "vitamin-d", "omega-3"]),
        ("ldn, vitamin d, fish oil helped my ms", ["low-dose-naltrexone", "vitamin-d", "omega-3"]),
    ],
)
def test_claims_an_intervention_describing_the_one_before_it_is_not_a_subject(real_rules_checker, text, interventions):
    assert [c.claim.intervention.id for c in real_rules_checker.check(text).claims] == interventions


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("my MS nurse says LDN helps fatigue", [("low-dose-naltrexone", "fatigue")]),
        ("the MS society says vitamin d helps fatigue", [("vitamin-d", "fatigue")]),
        # people who have it still name it
        ("ldn helps ms patients with fatigue", [("low-dose-naltrexone", "multiple-sclerosis"), ("low-dose-naltrexone", "fatigue")]),
        ("covid vaccines are safe for people with ms, the ms society says so", [("covid-19-vaccine", "multiple-sclerosis")]),
    ],
)
def test_claims_a_condition_name_used_as_a_modifier_is_no_condition(real_rules_checker, text, pairs):
    claims = real_rules_checker.check(text).claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == pairs


def test_modifiers_the_conditions_own_clause_says_what_happened_to_it(real_rules_checker):
    claims = real_rules_checker.check("ldn made my vivid dreams worse but my fibro pain is better").claims
    fibro = [c.claim for c in claims if c.claim.condition.id == "fibromyalgia"]
    assert [(c.predicate, c.negated) for c in fibro] == [("improves", False)]


@pytest.mark.parametrize("text", ["ldn is worth a try for fibromyalgia", "turmeric might be worth trying for arthritis"])
def test_modifiers_worth_a_try_is_a_hedged_claim_of_help(real_rules_checker, text):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated, claim.certainty) == ("improves", False, "hedged")


@pytest.mark.parametrize(
    "text",
    [
        "my rheumatologist put me on ldn and my RA flares dropped by half",
        "my seizures stopped after starting the keto diet",
        "my fibro flares come half as often since starting ldn",
    ],
)
def test_modifiers_fewer_flares_or_seizures_is_improvement_not_harm(real_rules_checker, text):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == ("improves", False)


def test_modifiers_lowering_your_iq_names_lower_iq(real_rules_checker):
    claim = real_rules_checker.check("fluoride in water lowers your IQ").claims[0].claim
    assert (claim.condition.id, claim.predicate, claim.negated) == ("lower-iq", "causes", False)


@pytest.mark.parametrize(
    ("text", "interventions"),
    [
        ("i could barely walk before ldn helped my ms", ["low-dose-naltrexone"]),
        ("i couldnt walk before ldn helped my ms", ["low-dose-naltrexone"]),
        ("people with parkinsons who have trouble walking benefit from music therapy", ["music-therapy"]),
        ("walking lowers my back pain", ["walking"]),
    ],
)
def test_mentions_walking_as_an_ability_is_no_intervention(real_rules_checker, text, interventions):
    assert [c.claim.intervention.id for c in real_rules_checker.check(text).claims] == interventions


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Some say LDN cures MS. It doesn't.", True),
        ("People claim turmeric cures cancer. False.", True),
        ("They say LDN does not help MS. It does.", False),
        ("Some say LDN cures MS. It helped my friend though.", False),  # no answer: the claim stays as reported
    ],
)
def test_claims_the_writer_answers_a_reported_claim_in_the_next_sentence(real_rules_checker, text, negated):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.reported, claim.negated) == (True, negated)


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("the mmr gave my son a rash for a few days", ["rash"]),
        ("it would be rash to stop now, ldn helps my ms", ["multiple-sclerosis"]),
        ("a rash of new studies says ldn helps ms", ["multiple-sclerosis"]),
    ],
)
def test_mentions_rash_the_adjective_is_no_condition(real_rules_checker, text, conditions):
    assert [c.claim.condition.id for c in real_rules_checker.check(text).claims] == conditions


@pytest.mark.parametrize(
    "text", ["it's possible that fish oil helps depression", "its plausible that ldn helps ms", "it is possible that zinc shortens colds"],
)
def test_modifiers_saying_it_is_possible_hedges_the_claim(real_rules_checker, text):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.certainty, claim.negated) == ("hedged", False)


@pytest.mark.parametrize(
    ("text", "condition", "predicate"),
    [
        ("apple cider vinegar melts belly fat", "obesity", "improves"),
        ("bpc-157 heals tendons", "tendon-injury", "treats"),
        ("glutathione injections lighten skin", "skin-lightening", "treats"),
    ],
)
def test_modifiers_verbs_that_name_their_condition(real_rules_checker, text, condition, predicate):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.condition.id, claim.predicate, claim.negated) == (condition, predicate, False)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("forget statins, garlic lowers cholesterol", [("garlic", "improves", False)]),
        ("skip the flu shot, elderberry works better for flu", [("elderberry", "treats", False)]),
        ("who needs antidepressants when st johns wort treats depression", [("st-johns-wort", "treats", False)]),
        ("my doctor pushed chemo but apricot kernels cured my cancer", [("apricot-kernels", "cures", False)]),
        ("forget statins, they dont lower cholesterol", [("statins", "improves", True)]),  # no other name: still the claim
        ("ldn but also fish oil helped my fibro", [("low-dose-naltrexone", "improves", False), ("omega-3", "improves", False)]),
    ],
)
def test_claims_a_name_waved_away_before_another_is_not_what_the_cue_is_said_of(real_rules_checker, text, claims):
    found = [(c.claim.intervention.id, c.claim.predicate, c.claim.negated) for c in real_rules_checker.check(text).claims]
    assert found == claims


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("quitting sugar and coffee cured my acne", [("dietary-sugar", "harms"), ("coffee", "harms")]),
        ("i quit sugar and ldn cured my fibro", [("dietary-sugar", "harms"), ("low-dose-naltrexone", "cures")]),
    ],
)
def test_claims_names_listed_after_a_stopped_one_are_stopped_too(real_rules_checker, text, claims):
    assert [(c.claim.intervention.id, c.claim.predicate) for c in real_rules_checker.check(text).claims] == claims


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("instead of chemo, try turmeric for cancer", True),
        ("you should try ldn for your fibro", True),
        ("i'll try turmeric for my arthritis", False),  # an intention, not advice
        ("going to try ldn for my ms next month", False),
    ],
)
def test_predicates_advice_to_try_a_remedy_for_a_condition_claims_it_treats(real_rules_checker, text, claimed):
    claims = real_rules_checker.check(text).claims
    assert bool(claims) == claimed
    if claimed:
        assert (claims[0].claim.predicate, claims[0].claim.negated) == ("treats", False)


@pytest.mark.parametrize(
    ("text", "predicate", "negated"),
    [
        ("ldn hasn't done a thing for my fatigue", "no_effect", False),  # as "didn't do a thing for" [forum-0854]
        ("ldn didn't just help my ms, it changed my life", "improves", False),  # more than that, not less
        ("turmeric used to help my arthritis but not anymore", "improves", True),  # true no longer
        ("since starting turmeric my arthritis hasn't flared once", "prevents", False),
        ("i can't recommend ldn enough for fibromyalgia", "improves", False),
        ("i can't say enough good things about ldn for my ms", "improves", False),
    ],
)
def test_modifiers_negation_words_that_deny_or_do_not(real_rules_checker, text, predicate, negated):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated, claim.certainty) == (predicate, negated, "neutral")


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("magic mushrooms cured my depression", "neutral"),  # "magic" is part of the name, not the claim's wording
        ("miracle mineral solution cures autism", "neutral"),
        ("MMS is a miracle cure for autism", "absolute"),
    ],
)
def test_modifiers_words_inside_a_name_overstate_nothing(real_rules_checker, text, certainty):
    claim = real_rules_checker.check(text).claims[0].claim
    assert claim.certainty == certainty
    assert ("magic" not in claim.exaggeration) and ("miracle" in claim.exaggeration) == (certainty == "absolute")


@pytest.mark.parametrize(
    ("text", "predicate", "negated", "certainty"),
    [
        # A condition whose name says the harm ("lower IQ") leaves the denial to the cue that links the pair.
        ("there is no link between fluoride and lower iq", "causes", True, "hedged"),
        ("there is a link between fluoride and lower iq", "causes", False, "hedged"),
        # A link said to be found (or not) between the two is an association claim, as "a link between".
        ("no link has been found between the mmr vaccine and autism", "causes", True, "hedged"),
        ("a link has been found between aspartame and cancer", "causes", False, "hedged"),
        # Helping someone avoid catching an illness is preventing it.
        ("social distancing cannot help you avoid catching covid", "prevents", True, "neutral"),
        ("vitamin c helps you avoid getting colds", "prevents", False, "neutral"),
    ],
)
def test_modifiers_links_found_or_not_and_avoiding_an_illness(real_rules_checker, text, predicate, negated, certainty):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated, claim.certainty) == (predicate, negated, certainty)


@pytest.mark.parametrize(
    "text",
    ["ldn is unproven for ms", "ldn is an unproven treatment for ms", "stem cells are still unproven as a treatment for ms"],
)
def test_modifiers_unproven_for_a_condition_denies_the_evidence(real_rules_checker, text):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated, claim.epistemic) == ("treats", True, True)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("melatonin is not a cure for insomnia, but it helps", True),  # helping is less than the cure denied
        ("ldn isn't a cure for ms but it does help", True),
        ("everyone says ldn doesn't help ms but it does", False),  # the same verb, affirmed
    ],
)
def test_modifiers_a_lesser_affirmation_leaves_a_denied_cure_denied(real_rules_checker, text, negated):
    assert real_rules_checker.check(text).claims[0].claim.negated is negated


@pytest.mark.parametrize(
    "text",
    ["ldn cures ms and pigs fly", "right, and i'm sure apricot kernels cure cancer"],
)
def test_modifiers_mock_endorsements_deny_the_claim(real_rules_checker, text):
    assert real_rules_checker.check(text).claims[0].claim.negated


@pytest.mark.parametrize(
    "text",
    ["if ivermectin cured covid we'd all know by now", "if baking soda cured cancer doctors would use it"],
)
def test_modifiers_a_counterfactual_without_a_comma_asserts_nothing(real_rules_checker, text):
    assert real_rules_checker.check(text).claims == ()


@pytest.mark.parametrize(
    "text",
    ["ldn repairs the damage ms does", "lion's mane repairs nerve damage in ms"],
)
def test_predicates_repairing_the_damage_is_healing_not_harming(real_rules_checker, text):
    claims = real_rules_checker.check(text).claims
    assert claims and (claims[0].claim.predicate, claims[0].claim.negated) == ("cures", False)


def test_predicates_a_tongue_tie_ties_nothing_to_anything(real_rules_checker):
    claim = real_rules_checker.check("the tongue tie release helped with latch problems").claims[0].claim
    assert (claim.intervention.id, claim.predicate, claim.condition.id) == ("frenotomy", "improves", "breastfeeding-difficulties")
    assert real_rules_checker.check("research ties the mmr vaccine to autism").claims[0].claim.predicate == "causes"


@pytest.mark.parametrize(
    "text",
    ["wondering if magnesium helps with migraines", "i wonder whether fish oil does anything for adhd.", "anyone know if ldn helps fibro"],
)
def test_modifiers_an_embedded_question_asks_whatever_mark_ends_it(real_rules_checker, text):
    assert real_rules_checker.check(text).claims[0].claim.question


@pytest.mark.parametrize("text", ["what dose of ldn works best for crohns", "what dose of vitamin d prevents covid?"])
def test_modifiers_asking_which_dose_works_claims_nothing(real_rules_checker, text):
    assert real_rules_checker.check(text).claims == ()


def test_modifiers_results_that_do_not_show_an_effect_deny_the_evidence(real_rules_checker):
    claim = real_rules_checker.check("the results do not show that coffee prevents parkinson's disease").claims[0].claim
    assert (claim.negated, claim.epistemic) == (True, True)


@pytest.mark.parametrize(
    ("text", "intervention", "condition"),
    [
        ("milk thistle heals the liver", "milk-thistle", "liver-disease"),  # an organ healed: its disease treated
        ("seed cycling balances hormones", "seed-cycling", "hormonal-imbalance"),  # the name holds the verb
        ("hemp seed oil cures cancer", "hemp-seed-oil", "cancer"),  # the longer name, not the seed oils
        ("glucosamine rebuilds cartilage", "glucosamine", "joint-damage"),  # cartilage rebuilt: joint damage treated
        ("bone broth heals your gut", "bone-broth", "digestive-complaints"),
        ("evening primrose oil ripens the cervix", "evening-primrose-oil", "labour-induction"),  # readying for labour
        ("infrared saunas detox heavy metals", "sauna", "toxin-buildup"),  # a poison named after the detox verb
    ],
)
def test_predicates_organs_healed_and_hormones_balanced_are_claims(real_rules_checker, text, intervention, condition):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.intervention.id, claim.condition.id, claim.negated) == (intervention, condition, False)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("vaccines cause autism, that's a myth", True),  # the writer calls the claim before it a myth
        ("vaccines cause autism. that's a myth", True),  # in the next sentence too
        ("people say vaccines cause autism. that's a lie.", True),
        ("does ivermectin cure covid? that's a myth", True),
        ("ivermectin cures covid? lol no", True),
        ("vaccines causing autism? total nonsense", True),  # an answer that calls the question's claim nonsense
        ("ldn helped my ms, it's false that it does nothing", False),  # "false that…" opens another claim
    ],
)
def test_modifiers_a_claim_called_a_myth_or_answered_no_is_taken_back(real_rules_checker, text, negated):
    assert real_rules_checker.check(text).claims[0].claim.negated is negated


def test_modifiers_a_myth_after_another_name_denies_that_one(real_rules_checker):
    claims = real_rules_checker.check("MSG is totally safe, the Chinese restaurant syndrome thing is a myth.").claims
    safe = next(c.claim for c in claims if c.claim.condition.id == "serious-adverse-events")
    assert (safe.predicate, safe.negated) == ("is_safe", False)


@pytest.mark.parametrize("text", ["the ivermectin did sweet fa for my covid", "ldn did sod all for my fibro"])
def test_predicates_british_for_nothing_is_no_effect(real_rules_checker, text):
    assert real_rules_checker.check(text).claims[0].claim.predicate == "no_effect"


@pytest.mark.parametrize(
    ("text", "intervention"),
    [
        ("is it ok to eat sushi while pregnant", "raw-fish"),
        ("benadryl during pregnancy is fine", "diphenhydramine"),
        ("Is Sudafed ok during pregnancy?", "pseudoephedrine"),
    ],
)
def test_predicates_fine_or_ok_in_pregnancy_claims_safety(real_rules_checker, text, intervention):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.intervention.id, claim.predicate, claim.condition.id, claim.negated) == (intervention, "is_safe", "pregnancy", False)


def test_predicates_fine_says_nothing_of_a_condition_alone(real_rules_checker):
    assert real_rules_checker.check("my ms is fine").claims == ()


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("whoever told you vitamin C cures cancer lied", True),
        ("anyone who says ivermectin cures covid is lying to you", True),
        ("people who believe vaccines cause autism are misinformed", True),
        ("anyone who thinks ldn cures ms is kidding themselves", True),
        ("whoever told you ldn cures ms is a genius", False),  # praise of the teller affirms nothing new
        ("my doctor says ldn helps ms and she is right", False),
    ],
)
def test_modifiers_a_claim_whose_maker_is_called_a_liar_is_denied(real_rules_checker, text, negated):
    assert real_rules_checker.check(text).claims[0].claim.negated is negated


def test_modifiers_anyone_who_says_opens_no_question(real_rules_checker):
    claim = real_rules_checker.check("anyone who says vaccines cause autism is lying").claims[0].claim
    assert (claim.question, claim.negated) == (False, True)


@pytest.mark.parametrize(
    "text", ["my psoriasis didn't budge on fish oil", "ldn didn't move the needle on my fatigue", "my a1c wouldn't budge with cinnamon"]
)
def test_predicates_a_condition_that_did_not_budge_is_not_improved(real_rules_checker, text):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.predicate, claim.negated) == ("improves", True)


@pytest.mark.parametrize(
    ("text", "intervention", "condition", "predicate"),
    [
        ("ldn? waste of money for my fibro", "low-dose-naltrexone", "fibromyalgia", "no_effect"),
        ("zinc lozenges? nada for my colds", "zinc", "common-cold", "no_effect"),
        ("what about turmeric? did nothing for my arthritis", "turmeric", "arthritis", "no_effect"),
        ("Vitamin D? Total game changer for my depression!", "vitamin-d", "depression", "treats"),
    ],
)
def test_claims_a_question_that_only_names_an_intervention_sets_the_topic(
    real_rules_checker, text, intervention, condition, predicate
):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.intervention.id, claim.condition.id, claim.predicate, claim.question) == (
        intervention, condition, predicate, False
    )
    assert claim.antecedent == f"{claim.intervention.text}?"  # the output says where the name was


@pytest.mark.parametrize(
    "text",
    [
        "ldn for ms? did nothing",  # the question names a condition: it asks about a pair, not a topic
        "is ldn any good? my ms is worse",  # it asks more than the name
        "ldn? never heard of it. my fibro is worse",  # the topic is two sentences back
    ],
)
def test_claims_only_a_bare_question_sets_the_topic(real_rules_checker, text):
    assert real_rules_checker.check(text).claims == ()


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Radiotherapy for breast cancer causes heart disease.", "cardiovascular-disease"),
        ("Metformin for diabetes causes B12 deficiency.", "vitamin-b12-deficiency"),
        ("ldn for ms helped my fatigue", "fatigue"),
    ],
)
def test_claims_a_condition_that_only_names_the_use_claims_nothing(real_rules_checker, text, condition):
    # "X for Y causes Z" claims something of Z only: X is not said to cause the Y it is used for.
    assert [r.claim.condition.id for r in real_rules_checker.check(text).claims] == [condition]


def test_claims_the_use_is_still_claimed_when_no_other_condition_follows(real_rules_checker):
    claim = real_rules_checker.check("ldn for ms works").claims[0].claim
    assert (claim.condition.id, claim.predicate) == ("multiple-sclerosis", "treats")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # the result credited to what follows "without": affirmed, not denied
        ("couldn't have beaten my depression without sertraline", ("sertraline", "treats", False)),
        # the reason the condition is held off is a treatment, not a cause
        ("metformin is the reason my pcos is under control", ("metformin", "improves", False)),
        # "my cold" ends its phrase before "out" as before "off"
        ("zinc knocked my cold out in two days", ("zinc", "treats", False)),
        ("cbd is the only thing that touches my arthritis pain", ("cannabidiol", "improves", False)),
        ("colloidal silver is my go to for sinus infections", ("colloidal-silver", "treats", False)),
        ("elderberry syrup nipped my flu in the bud", ("elderberry", "treats", False)),
        ("turmeric is basically nature's ibuprofen for arthritis", ("turmeric", "treats", False)),
        ("statins wrecked my muscles", ("statins", "causes", False)),
        ("Prednisone raises blood sugar.", ("systemic-corticosteroids", "causes", False)),
        ("Honey gives babies botulism.", ("honey", "causes", False)),
        ("chemo bought my dad two extra years with his lung cancer", ("chemotherapy", "improves", False)),
        ("ozempic made my hair fall out", ("semaglutide", "causes", False)),
        ("Vaccines are the reason we don't see polio anymore.", ("vaccines", "prevents", False)),
        ("my gp says there's no point taking vitamin c for colds", ("vitamin-c", "no_effect", False)),
        ("ldn is the best thing i've ever done for my crohn's", ("low-dose-naltrexone", "treats", False)),
        ("apple cider vinegar before meals keeps my blood sugar steady", ("apple-cider-vinegar", "improves", False)),
        ("my dermatologist said retinol would clear my acne", ("topical-retinoids", "cures", False)),
        # groups compared, the intervention's group first
        ("people who drink coffee have less dementia", ("coffee", "prevents", False)),
        ("women on hrt had more breast cancer in the WHI", ("hormone-replacement-therapy", "causes", False)),
    ],
)
def test_modifiers_everyday_ways_of_crediting_and_blaming(real_rules_checker, text, reading):
    claim = real_rules_checker.check(text).claims[0].claim
    assert (claim.intervention.id, claim.predicate, claim.negated) == reading


def test_modifiers_a_group_with_the_condition_is_no_claim_of_what_it_had_less_of(real_rules_checker):
    # "women with fibromyalgia had less pain on LDN" compares weeks, not LDN's effect on having fibromyalgia.
    claims = real_rules_checker.check("women with fibromyalgia had less pain during weeks on low-dose naltrexone").claims
    assert "fibromyalgia" not in [r.claim.condition.id for r in claims]


def test_modifiers_i_dont_think_hedges_the_denial(real_rules_checker):
    claim = real_rules_checker.check("I don't think St John's wort helps depression.").claims[0].claim
    assert (claim.negated, claim.certainty) == (True, "hedged")


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Benzoyl peroxide is carcinogenic.", ("benzoyl-peroxide", "causes", "cancer")),
        ("glyphosate is a probable carcinogen", ("glyphosate", "causes", "cancer")),
        ("Saw palmetto shrinks the prostate.", ("saw-palmetto", "treats", "benign-prostatic-hyperplasia")),
        ("chanca piedra breaks up kidney stones", ("chanca-piedra", "treats", "kidney-stones")),
        ("shaving makes your hair grow back thicker", ("shaving", "causes", "thicker-hair-regrowth")),
        ("Steroid creams thin your skin.", ("topical-corticosteroids", "causes", "skin-atrophy")),
        ("Bilingualism delays dementia.", ("bilingualism", "prevents", "dementia")),
        ("Charcoal toothpaste damages enamel.", ("charcoal-toothpaste", "causes", "enamel-damage")),
        # the drugs of an addiction are not what treats it
        (
            "Naltrexone was approved in the early 1980s in the US for treating opiate addictions like morphine and heroin.",
            ("naltrexone", "is_approved", "opioid-dependence"),
        ),
        # the taking in pregnancy says when, not what is prevented
        ("fish oil while pregnant prevents allergies", ("omega-3", "prevents", "allergy")),
    ],
)
def test_modifiers_names_that_say_their_kind_and_organs_that_name_a_condition(real_rules_checker, text, reading):
    claims = real_rules_checker.check(text).claims
    assert [(r.claim.intervention.id, r.claim.predicate, r.claim.condition.id) for r in claims] == [reading]


@pytest.mark.parametrize(
    "text",
    [
        "Biotin messes up thyroid tests.",  # the test is wrong, the thyroid unharmed
        "Pulling out of the deal caused me anxiety",  # not the withdrawal method
        "Cannabis withdrawal can cause irritability and sleep problems that last several weeks.",  # stopping, not taking
    ],
)
def test_modifiers_no_claim_of_what_the_intervention_does(real_rules_checker, text):
    assert real_rules_checker.check(text).claims == ()


def test_modifiers_a_condition_naming_what_a_product_is_for_is_no_claim_about_it(real_rules_checker):
    claims = real_rules_checker.check("Eczema creams with steroids thin your skin.").claims
    assert [r.claim.condition.id for r in claims] == ["skin-atrophy"]


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Warfarin prevents strokes in atrial fibrillation.", "stroke"),
        ("statins prevent heart attacks in people with diabetes", "myocardial-infarction"),
    ],
)
def test_claims_the_people_a_claim_is_made_in_are_not_its_condition(real_rules_checker, text, condition):
    assert [r.claim.condition.id for r in real_rules_checker.check(text).claims] == [condition]
