"""Finding interventions and conditions: names, abbreviations in context, misspellings, external vocabularies."""

from __future__ import annotations

import pytest


def mentions(checker, text):
    doc = checker.nlp(text)
    return [(m.text, m.kind, m.id, m.source) for m in doc._.claimcheck_mentions]


@pytest.mark.parametrize(
    "text",
    ["my MS got better on LDN", "LDN for MS works", "diagnosed with ms and ldn helped", "MS is a disease"],
)
def test_mentions_ms_is_multiple_sclerosis(checker, text):
    assert ("multiple-sclerosis", "condition") in [(m[2], m[1]) for m in mentions(checker, text)]


@pytest.mark.parametrize(
    "text",
    ["Ms. Jones treated the patient", "I wrote it in MS Word", "Dear Ms Smith, LDN works", "send it on MS Teams, it helps", "she has an MS in nursing"],
)
def test_mentions_ms_is_not_multiple_sclerosis(checker, text):
    assert "multiple-sclerosis" not in [m[2] for m in mentions(checker, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("naltrexonne helped", "naltrexone"), ("it cured my multiple sclerosus", "multiple-sclerosis"), ("ivermectine for covid", "ivermectin")],
)
def test_mentions_misspellings(checker, text, expected):
    found = mentions(checker, text)
    assert any(m[2] == expected and m[3] == "kb-fuzzy" for m in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("chondroitin eased my knee pain", "chondroitin"), ("glucosamine eased my knee pain", "glucosamine")],
)
def test_mentions_chondroitin_is_not_glucosamine(real_checker, text, expected):
    # Sold together, studied apart: a claim about one must not be judged on the other's trials.
    assert [m[2] for m in mentions(real_checker, text) if m[1] == "intervention"] == [expected]


@pytest.mark.parametrize(
    ("text", "is_sugar"),
    [
        ("sugar feeds cancer", True),
        ("Sugar makes kids hyperactive", True),
        ("my blood sugar went down on metformin", False),
        ("the sugar pill worked as well as the drug", False),
        ("sugar-free gum prevents cavities", False),
    ],
)
def test_mentions_sugar_is_dietary_sugar_except_beside_the_words_that_make_it_something_else(real_checker, text, is_sugar):
    assert ("dietary-sugar" in [m[2] for m in mentions(real_checker, text)]) is is_sugar


@pytest.mark.parametrize(
    ("text", "interventions"),
    [
        ("coffee enemas detox the liver and cure cancer", ["coffee-enema"]),
        ("a juice detox cleared my skin", ["detox-diet"]),
        # A practitioner who speaks is the source, not the intervention; misspelling search must not bring it back.
        ("my naturopath says colloidal silver prevents covid", ["colloidal-silver"]),
        ("my chiropractor fixed my migraines", ["chiropractic"]),
        ("weed helps my anxiety", ["cannabis"]),  # cannabis slang, but not the garden's weeds
        ("weed killer causes cancer", []),
        ("we weed out the bad studies of LDN for MS", ["low-dose-naltrexone"]),
    ],
)
def test_mentions_a_verb_or_a_speaker_is_no_intervention(real_checker, text, interventions):
    assert [m[2] for m in mentions(real_checker, text) if m[1] == "intervention"] == interventions


@pytest.mark.parametrize("text", ["the station helped", "I cancelled my plans, it helped", "patience helps"])
def test_mentions_no_fuzzy_hits_on_ordinary_words(checker, text):
    assert [m for m in mentions(checker, text) if m[3] == "kb-fuzzy"] == []


def test_mentions_offsets_point_into_text(checker):
    text = "Low dose naltrexone (LDN) and my RRMS: it helps."
    for m in checker.nlp(text)._.claimcheck_mentions:
        assert text[m.start : m.end] == m.text


def test_mentions_longest_name_wins(checker):
    found = mentions(checker, "LDN helps relapsing remitting MS")
    assert ("relapsing remitting MS", "condition", "relapsing-remitting-multiple-sclerosis", "kb") in found


def test_mentions_external_drug_outside_kb(checker):
    found = mentions(checker, "fenbendazole cures crohns")
    assert ("fenbendazole", "intervention", None, "drugbank") in found


def test_mentions_component_works_in_a_users_pipeline():
    import spacy

    import claimcheck.nlp  # noqa: F401 - registers the factories
    from tests.conftest import FIXTURE_KB

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimcheck_mentions", config={"kb_path": str(FIXTURE_KB)})
    nlp.add_pipe("claimcheck_claims")
    doc = nlp("LDN cured my MS.")
    assert [s.label_ for s in doc.spans["claimcheck_mentions"]] == ["INTERVENTION", "CONDITION"]
    assert doc._.claimcheck_claims[0].predicate == "cures"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pneumonia and flu vaccines shield seniors from COVID-19", ["pneumococcal-vaccine", "influenza-vaccine", "covid-19"]),
        ("flu, covid and hpv vaccines cause autism", ["influenza-vaccine", "covid-19-vaccine", "hpv-vaccine", "autism"]),
        ("the flu and my asthma got worse", ["influenza", "asthma"]),
    ],
)
def test_mentions_coordinated_names_share_the_vaccine_head(real_checker, text, expected):
    assert [m[2] for m in mentions(real_checker, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zinc prevents flu infections", [("zinc", "zinc"), ("flu infections", "influenza")]),
        ("ivermectin cures covid infections", [("ivermectin", "ivermectin"), ("covid infections", "covid-19")]),
        ("zinc prevents infections", [("zinc", "zinc"), ("infections", "infection")]),
    ],
)
def test_mentions_infection_after_a_disease_is_its_head_noun_not_a_second_condition(real_checker, text, expected):
    assert [(m[0], m[2]) for m in mentions(real_checker, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LDN helped my MS fatigue", [("LDN", "low-dose-naltrexone"), ("MS fatigue", "fatigue")]),
        ("magnesium helps my diabetes neuropathy", [("magnesium", "magnesium"), ("diabetes neuropathy", "peripheral-neuropathy")]),
        ("LDN helps MS and fatigue", [("LDN", "low-dose-naltrexone"), ("MS", "multiple-sclerosis"), ("fatigue", "fatigue")]),
    ],
)
def test_mentions_a_symptom_right_after_a_disease_is_the_condition_in_that_disease(real_checker, text, expected):
    assert [(m[0], m[2]) for m in mentions(real_checker, text)] == expected


def test_mentions_condition_heads_name_knowledge_base_conditions(real_checker):
    from claimcheck.rules import load_rules

    rules = load_rules()
    assert (rules.general_heads | rules.symptoms) <= real_checker.kb.conditions.keys()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5G causes covid", ["5g-networks", "covid-19"]), ("I ate 5g of fat and my covid got worse", ["covid-19"])],
)
def test_mentions_an_abbreviation_the_tokenizer_cuts_in_two(real_checker, text, expected):
    # spaCy splits "5G" into "5" and "G", as it splits "5g" (grams); only the abbreviation's own case is read.
    assert [m[2] for m in mentions(real_checker, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("mms cures autism", ["chlorine-dioxide", "autism"]), ("my ms is better on ldn", ["multiple-sclerosis", "low-dose-naltrexone"])],
)
def test_mentions_listed_abbreviations_are_read_in_lower_case(real_checker, text, expected):
    # rules/abbreviations.yaml `lowercase`: abbreviations that are no everyday word ("mms", "ms"), not "add" or "sad".
    assert [m[2] for m in mentions(real_checker, text)] == expected


@pytest.mark.parametrize(
    ("text", "names_the_cold"),
    [
        ("zinc lozenges shorten a cold by a day", True),
        ("vitamin C won't prevent a cold", True),
        ("I had a cold, echinacea cured it", True),
        ("a cold shower cures hangovers", False),
        ("a cold compress helps headaches", False),
        ("would zinc help my cold", True),
        ("vitamin C did nothing for my cold hands", False),
    ],
)
def test_mentions_a_cold_names_the_illness_only_where_it_ends_its_phrase(real_checker, text, names_the_cold):
    found = [m.id for m in real_checker.nlp(text)._.claimcheck_mentions]
    assert ("common-cold" in found) is names_the_cold


def test_mentions_a_deficiency_is_a_condition_not_the_nutrient(real_checker):
    # "vitamin D deficiency makes covid worse" says nothing of vitamin D harming: it must not read as vitamin D → covid.
    claims = real_checker.check("Vitamin D deficiency makes covid worse").claims
    assert [c for c in claims if c.claim.intervention.id == "vitamin-d"] == []


def test_mentions_burning_fat_is_about_weight_not_burns(real_checker):
    claims = real_checker.check("green tea burns belly fat").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("green-tea", "obesity")]


def test_mentions_the_pill_is_the_contraceptive_pill(real_checker):
    claims = real_checker.check("The pill causes blood clots in the legs").claims
    assert [(c.claim.intervention.id, c.claim.condition.id) for c in claims] == [("combined-oral-contraceptives", "deep-vein-thrombosis")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Vitamin D levels under 30 increase covid mortality", False),  # a state of the body (the guideline)
        ("her hydroxychloroquine blood levels were checked", False),
        ("my vitamin D status was poor all winter", False),
        ("fluoride levels above 1.5 mg/L lower IQ in children", True),  # an exposure keeps its levels
        ("vitamin D prevents covid", True),
    ],
)
def test_mentions_a_substance_named_by_its_level_in_the_body_is_no_intervention(real_checker, text, kept):
    doc = real_checker.nlp(text)
    assert any(m.kind == "intervention" for m in doc._.claimcheck_mentions) is kept


@pytest.mark.parametrize(
    ("text", "is_food"),
    [("UPFs cause depression", True), ("UPF 50 clothing prevents skin cancer", False), ("UPF clothing blocks UV", False)],
)
def test_mentions_upf_is_ultra_processed_food_except_the_protection_factor_of_clothing(real_checker, text, is_food):
    assert ("ultra-processed-food" in [m[2] for m in mentions(real_checker, text)]) is is_food


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Tai chi prevents falls.", "falls", True),
        ("My blood pressure falls after taking lisinopril.", "falls", False),
        ("Melatonin helps when she falls asleep.", "falls", False),
        ("Fiber prevents colon cancer.", "dietary-fibre", True),
        ("Fiber broadband causes cancer.", "dietary-fibre", False),
        ("carbon fiber bikes cause back pain", "dietary-fibre", False),
        ("Salt causes high blood pressure.", "dietary-salt", True),
        ("Gargling salt water cures sore throats.", "dietary-salt", False),
        ("Nuts prevent heart disease.", "nuts", True),
        ("This drives me nuts, vaccines cause autism.", "nuts", False),
        ("Her blood pressure falls on standing.", "falls", False),  # "on" is a word, not YAML's true
        ("Social media causes depression in teens.", "social-media", True),
        ("I saw on social media that garlic cures colds.", "social-media", False),
        ("A social media post says ivermectin cures covid.", "social-media", False),
    ],
)
def test_mentions_guarded_everyday_words_are_names_only_where_no_word_beside_them_makes_them_something_else(
    real_checker, text, name, expected
):
    assert (name in [m[2] for m in mentions(real_checker, text)]) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tylenol destroys your liver.", [("Tylenol", "paracetamol"), ("liver", "liver-disease")]),
        ("Creatine is damaging my kidneys", [("Creatine", "creatine"), ("kidneys", "acute-kidney-injury")]),
        ("The vaccine destroyed my immune system.", [("vaccine", "vaccines"), ("immune system", "immune-function")]),
        ("Adderall stunted my son's growth.", [("Adderall", "amphetamines"), ("growth", "growth-suppression")]),
        ("Cannabis damages the teenage brain.", [("Cannabis", "cannabis"), ("brain", "cognitive-function")]),
        ("Epsom salt baths detox the body.", [("Epsom salt baths", "epsom-salt-baths"), ("body", "toxin-buildup")]),
        ("Milk thistle protects the liver.", [("Milk thistle", "milk-thistle"), ("liver", "liver-disease")]),
        ("Sucralose destroys your gut microbiome.", [("Sucralose", "sucralose"), ("gut microbiome", "gut-dysbiosis")]),
        ("Maca improves fertility.", [("Maca", "maca"), ("fertility", "infertility")]),
        ("Soy lowers your sperm count.", [("Soy", "soy-foods"), ("sperm count", "male-infertility")]),
        ("The covid vaccine changes your DNA.", [("covid vaccine", "covid-19-vaccine"), ("DNA", "genetic-alteration")]),
        ("Too many vaccines overwhelm the immune system.", [("vaccines", "vaccines"), ("immune system", "immune-function")]),
        ("Vitamin B12 shots give you energy.", [("Vitamin B12", "vitamin-b12"), ("energy", "fatigue")]),
        ("Energy drinks are bad for you.", [("Energy drinks", "energy-drinks")]),  # "energy" alone is no name
        ("People with damaged livers should avoid Tylenol.", [("Tylenol", "paracetamol")]),  # describes the organ
        ("My liver is fine and I take Tylenol.", [("Tylenol", "paracetamol")]),  # an organ alone is no name
    ],
)
def test_mentions_an_organ_after_a_harm_detox_or_protect_verb_names_a_condition(real_checker, text, expected):
    assert [(m[0], m[2]) for m in mentions(real_checker, text)] == expected


def test_mentions_organ_harms_name_knowledge_base_conditions(real_checker):
    from claimcheck.rules import load_rules

    named = {c for phrase in load_rules().organ_phrases for c in phrase.conditions.values()}
    assert named <= real_checker.kb.conditions.keys()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Cycling causes erectile dysfunction.", True),
        ("Carb cycling cures diabetes.", False),  # a diet schedule, not riding a bike
    ],
)
def test_mentions_cycling_is_riding_a_bike_except_in_carb_or_steroid_cycling(real_checker, text, named):
    ids = {r.claim.intervention.id for r in real_checker.check(text).claims}
    assert ("cycling" in ids) == named


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Zinc boosts testosterone.", "testosterone-levels"),
        ("Soy lowers testosterone.", "hypogonadism"),
    ],
)
def test_mentions_testosterone_after_a_verb_that_raises_or_lowers_it_is_the_level_not_the_therapy(real_checker, text, condition):
    claim = real_checker.check(text).claims[0].claim
    assert (claim.condition.id, claim.intervention.id != "testosterone-therapy") == (condition, True)


def test_mentions_a_testosterone_dose_stays_the_therapy(real_checker):
    doc = real_checker.nlp("My doctor increased my testosterone dose.")
    assert [(m.kind, m.id) for m in doc._.claimcheck_mentions] == [("intervention", "testosterone-therapy")]


def test_mentions_every_word_of_the_name_guards_is_a_string():
    """YAML reads a bare on, off, yes or no as a boolean, which then never equals a word of the text."""
    from claimcheck.rules import _read

    def words(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from words(value)
        elif isinstance(node, list):
            for value in node:
                yield from words(value)
        else:
            yield node

    assert all(isinstance(w, str) for w in words(_read("ambiguous-names.yaml")))


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("NAC treats OCD", True),
        ("SSRIs help with OCD", True),
        ("lol my boss is so OCD about the shared drive folders, send help (and coffee)", False),  # a figure of speech
    ],
)
def test_mentions_ocd_is_the_disorder_except_as_a_figure_of_speech(real_checker, text, named):
    ids = {r.claim.condition.id for r in real_checker.check(text).claims}
    assert ("obsessive-compulsive-disorder" in ids) == named
