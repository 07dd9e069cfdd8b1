"""Load the trained models and let them decide claims, each task where it measured better than the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimcheck.claims import PairReading, rule_claim
from claimcheck.models.features import pair_features
from claimcheck.models.linear import LinearModel

CLAIM_THRESHOLD = 0.5
MODELS_DIR = "claim-models"


class ClaimModels:
    """The trained readers named in a model bundle's manifest."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text())
        self.models: dict[str, tuple[LinearModel, bool]] = {}
        for task, entry in self.manifest["tasks"].items():
            if entry["chosen"] != "rules":
                self.models[task] = (LinearModel.load(folder / f"{task}.npz"), entry["chosen"] == "model+rules")

    @classmethod
    def bundled(cls) -> ClaimModels | None:
        """The models shipped with claimcheck, or None if there are none."""
        from claimcheck.kb.load import KnowledgeBaseError, packaged_path

        try:
            folder = packaged_path("models") / MODELS_DIR
        except KnowledgeBaseError:
            return None
        return cls(folder) if (folder / "manifest.json").is_file() else None

    def _predict(self, task: str, reading: PairReading, features: dict[bool, dict[str, float]]) -> tuple[str, float] | None:
        if task not in self.models:
            return None
        model, with_rules = self.models[task]
        if with_rules not in features:
            features[with_rules] = pair_features(reading, with_rules=with_rules)
        return model.predict(features[with_rules])

    def decide(self, reading: PairReading) -> tuple[str, dict[str, object], float] | None:
        """(predicate, attributes, confidence) for a pair, or None if it is not a claim.

        A pair that a rule cue links (between the mentions or near them) is always a
        claim (see ``train.claim_thresholds``); the claim model decides the others and
        gives the confidence.
        """
        features: dict[bool, dict[str, float]] = {}
        rules = rule_claim(reading)
        claim = self._predict("claim", reading, features)
        if claim is None:
            if rules is None:
                return None
            confidence = rules[2]
        else:
            label, p = claim
            p_claim = p if label == "claim" else 1.0 - p
            linked = reading.predicate is not None
            threshold = self.manifest["tasks"]["claim"].get("thresholds", {}).get("other", CLAIM_THRESHOLD)
            if not linked and p_claim < threshold:
                return None
            confidence = max(p_claim, 0.5) if linked else p_claim
        attrs: dict[str, object] = {
            "negated": self.attribute("polarity", reading, features) == "negative",
            "certainty": self.attribute("certainty", reading, features),
            "question": self.attribute("question", reading, features) == "true",
            "anecdote": self.attribute("anecdote", reading, features) == "true",
            "reported": self.attribute("reported", reading, features) == "true",
        }
        return self.attribute("predicate", reading, features), attrs, confidence

    def attribute(self, task: str, reading: PairReading, features: dict[bool, dict[str, float]] | None = None) -> str:
        """One attribute of a claim: the model's reading where it is sure enough to overrule the rules."""
        mods = reading.modifiers
        rules = {
            "predicate": reading.predicate.predicate if reading.predicate else "treats",
            "polarity": "negative" if mods.negated else "positive",
            "certainty": mods.certainty,
            "question": str(mods.question).lower(),
            "anecdote": str(mods.anecdote).lower(),
            "reported": str(mods.reported).lower(),
        }[task]
        found = self._predict(task, reading, {} if features is None else features)
        if found is None:
            return rules
        label, p = found
        threshold = self.manifest["tasks"][task].get("thresholds", {}).get("overrule_rules", 0.0)
        return label if label == rules or p >= threshold else rules
