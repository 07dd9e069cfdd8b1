"""Load the trained models and let them decide claims, each task where it measured better than the rules."""

from __future__ import annotations

import json
import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from claimcheck.claims import PairReading, rule_claim
from claimcheck.models.features import pair_features
from claimcheck.models.linear import LinearBank, LinearModel
from claimcheck.rules import load_rules

CLAIM_THRESHOLD = 0.5
EFFICACY = frozenset({"cures", "treats", "improves", "prevents"})
HARM = frozenset({"harms", "causes"})
#: Predicates on opposite sides: moving a claim from one to the other, polarity unchanged, inverts it.
OPPOSITE_SIDES = ((frozenset({"no_effect"}), EFFICACY), (frozenset({"is_safe"}), HARM))
MODELS_DIR = "claim-models"


class ClaimModels:
    """The trained readers named in a model bundle's manifest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
        self.models: dict[str, LinearModel] = {
            task: LinearModel.load(folder / f"{task}.npz")
            for task, entry in self.manifest["tasks"].items()
            if entry["chosen"] != "rules"
        }
        self._bank = LinearBank(self.models) if self.models else None
        # task -> the model's label -> how sure it must be to put that label in place of the rules' reading
        self._overrule: dict[str, dict[str, float]] = {
            task: entry.get("thresholds", {}).get("overrule_rules", {}) for task, entry in self.manifest["tasks"].items()
        }
        claim_thresholds = self.manifest["tasks"]["claim"].get("thresholds", {})
        self._claim_threshold = claim_thresholds.get("other", CLAIM_THRESHOLD)
        self._rival_threshold = claim_thresholds.get("competing", 0.0)  # 0: a cue-linked pair is always a claim

    @classmethod
    def bundled(cls) -> ClaimModels | None:
        """The models shipped with claimcheck, or None if there are none."""
        from claimcheck.kb.load import KnowledgeBaseError, packaged_path

        try:
            folder = packaged_path("models") / MODELS_DIR
        except KnowledgeBaseError:
            return None
        return cls(folder) if (folder / "manifest.json").is_file() else None

    def read(self, reading: PairReading) -> dict[str, tuple[str, float]]:
        """Every task's most probable label and its probability, for one pair.

        The features are computed once, with the rule readings: a task trained
        without them never saw those features, so they weigh nothing for it.
        """
        if self._bank is None:
            return {}
        return self._bank.best(pair_features(reading, with_rules=True))

    def claim_probability(self, reading: PairReading) -> float | None:
        """The claim model's probability that the pair is a claim (None without a claim model)."""
        found = self.read(reading).get("claim")
        if found is None:
            return None
        label, p = found
        return p if label == "claim" else 1.0 - p

    def droppable(self, readings: list[PairReading], rival: list[bool]) -> list[bool]:
        """``rival`` (:func:`claimcheck.claims.rivals`) less the most probable claim among each condition's
        rivals: the model chooses between the interventions a cue links to one condition, never drops them all."""
        if "claim" not in self.models or not any(rival):
            return rival
        p = [self.claim_probability(r) or 0.0 if flag else 0.0 for r, flag in zip(readings, rival, strict=True)]
        return spare_most_probable([r.condition for r in readings], rival, p)

    def decide(self, reading: PairReading, *, rival: bool = False) -> tuple[str, dict[str, object], float] | None:
        """(predicate, attributes, confidence) for a pair, or None if it is not a claim.

        A pair that a rule cue links (between the mentions or near them) is a claim
        (see ``train.claim_thresholds``) unless the cue also links its condition to
        another intervention and the claim model is sure enough it is none
        (``rival``: see :meth:`droppable`); the model decides the pairs no cue links
        and gives the confidence.
        """
        if reading.asserts_nothing:
            return None  # "better than X", "without X", "to determine whether X helps Y": see PairReading.asserts_nothing
        best = self.read(reading)
        rules = rule_claim(reading)
        claim = best.get("claim")
        if claim is None:
            if rules is None:
                return None
            confidence = rules[2]
        else:
            label, p = claim
            p_claim = p if label == "claim" else 1.0 - p
            linked = reading.predicate is not None
            if not linked and p_claim < self._claim_threshold:
                return None
            if linked and rival and p_claim < self._rival_threshold:
                return None
            confidence = max(p_claim, 0.5) if linked else p_claim
        negated = self.attribute("polarity", reading, best) == "negative"
        predicate = self.attribute("predicate", reading, best)
        rules_predicate = rule_reading("predicate", reading)
        negated = _coherent_polarity(reading, best, predicate, rules_predicate, negated)
        attrs: dict[str, object] = {
            "negated": negated,
            "certainty": self.attribute("certainty", reading, best),
            "question": self.attribute("question", reading, best) == "true",
            "anecdote": self.attribute("anecdote", reading, best) == "true",
            "reported": self.attribute("reported", reading, best) == "true",
        }
        return predicate, attrs, confidence

    def attribute(self, task: str, reading: PairReading, best: dict[str, tuple[str, float]] | None = None) -> str:
        """One attribute of a claim: the model's reading where it is sure enough to overrule the rules."""
        rules = rule_reading(task, reading)
        found = (self.read(reading) if best is None else best).get(task)
        if found is None:
            return rules
        label, p = found
        if not can_overrule(task, label, reading):
            return rules
        threshold = self._overrule[task].get(label, 1.0)  # 1.0: never
        if task == "predicate" and {label, rules} & {"no_effect"} and {label, rules} & EFFICACY:
            # Between "no effect" and an efficacy class the claim changes sides, as when its polarity flips
            # ("useless for preventing X" is no "prevents X"): the model must be as sure as a polarity flip
            # that way needs, and may deny an effect only where a word denies.
            side = "positive" if rules == "no_effect" else "negative"
            if not can_overrule("polarity", side, reading):
                return rules
            threshold = max(threshold, self._overrule.get("polarity", {}).get(side, 1.0))
        return label if label == rules or (threshold < 1.0 and p >= threshold) else rules


def spare_most_probable(groups: list[Hashable], flags: list[bool], p: list[float]) -> list[bool]:
    """``flags`` unset for the most probable flagged item of each group (the first on a tie)."""
    best: dict[Hashable, int] = {}
    for k, (group, flag) in enumerate(zip(groups, flags, strict=True)):
        if flag and (group not in best or p[k] > p[best[group]]):
            best[group] = k
    spared = set(best.values())
    return [flag and k not in spared for k, flag in enumerate(flags)]


def _coherent_polarity(
    reading: PairReading, best: dict[str, tuple[str, float]], predicate: str, rules_predicate: str, negated: bool,
) -> bool:
    """The polarity that goes with the chosen predicate, so that mixing the two readings never inverts a claim.

    The corpus and the rules write some meanings differently ("dangerous": is_safe denied / harms;
    "won't do anything for": no_effect / treats denied), and predicate and polarity are chosen apart.
    """
    rules_negated = reading.modifiers.negated
    if _crosses(predicate, rules_predicate):
        if negated != rules_negated:
            return negated  # both turned: the same meaning, written the other way
        licensed = not rules_negated and (
            "no_effect" in (predicate, rules_predicate) or (rules_predicate == "is_safe" and predicate in HARM)
        )
        # A lack of effect the rules missed ("zero effect on"), or a harm where they read safety, may change
        # the meaning (attribute() guards it); otherwise the predicate only re-labels the rules' meaning.
        return negated if licensed else not rules_negated
    model_predicate = best.get("predicate", (predicate, 0.0))[0]
    if negated != rules_negated and _crosses(model_predicate, predicate):
        return rules_negated  # the model's polarity belongs to its own predicate, on the other side
    return negated


def _crosses_direction(a: str, b: str) -> bool:
    return (a in HARM and b in EFFICACY) or (a in EFFICACY and b in HARM)


def _crosses(a: str, b: str) -> bool:
    return any((a in x and b in y) or (a in y and b in x) for x, y in OPPOSITE_SIDES)


_ASKS_OUTRIGHT = re.compile(r"^\W*(?:does|do|did|is|are|was|were|can|could|will|would|should|has|have|may|might)\b[^?]*\?+\W*$")


def can_overrule(task: str, label: str, reading: PairReading) -> bool:
    """Whether the model may put ``label`` in place of the rules' reading at all (its threshold aside).

    A denial needs a word that denies: the model reads "negative" only in a sentence holding a negation
    or epistemic-denial cue, wherever the rules put its scope ("approved for X, not Y"), or an irony marker
    ("oh sure, X cures Y 🙄"). Out of fold on
    the training split every right flip to "negative" had one; without one the model was reading the
    verb's form ("Essential oils cure X" looks like "doesn't cure X"). And a denial of the evidence that the
    rules found ("no comprehensive study has shown ...") stands: on the training split all 10 such pairs
    are denials, and the one flip the model made there out of fold was wrong.
    """
    if task == "predicate":
        if reading.predicate is None:
            return True
        if reading.predicate.start <= reading.condition[0] and reading.condition[1] <= reading.predicate.end:
            return False  # a cue that holds the condition is the claim itself ("no side effects", "lose weight")
        # Harm and efficacy are opposite directions ("raises the risk of X" / "prevents X"): where a rule cue
        # names the direction, the model may not reverse it. Out of fold on the training split such flips
        # were right 2 times in 4, and a wrong one inverts the verdict. A denied safety ("dangerous", "killed
        # a boy with X") stands on the harm side: read as a cure it turned "chemo kills more people than
        # cancer" into "chemo does not cure cancer", SUPPORTED.
        side = "harms" if reading.predicate.predicate == "is_safe" and reading.modifiers.negated else reading.predicate.predicate
        return not _crosses_direction(label, side)
    if task == "question":
        # A sentence that opens with an auxiliary and ends with "?" asks ("Do cough medicines relieve cough?"):
        # the model may not read it as an assertion. On the training split every such claim is a question;
        # the rhetorical ones ("..., coincidence?", "why would they ban it??") open otherwise.
        return not (label == "false" and _ASKS_OUTRIGHT.match(reading.lower.strip()) is not None)
    if task != "polarity":
        return True
    if label == "positive":
        return not reading.modifiers.epistemic
    rules = load_rules()
    return any(p.search(reading.lower) is not None for p in (rules.negation, rules.epistemic, rules.irony))


def rule_reading(task: str, reading: PairReading) -> str:
    """What the rules read for one attribute task, as the task's label."""
    mods = reading.modifiers
    if task == "predicate":
        return reading.predicate.predicate if reading.predicate else "treats"
    if task == "polarity":
        return "negative" if mods.negated else "positive"
    if task == "certainty":
        return mods.certainty
    return "true" if getattr(mods, task) else "false"  # question, anecdote, reported
