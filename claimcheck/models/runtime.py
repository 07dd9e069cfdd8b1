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
        """(predicate, attributes, confidence) for a pair, or None if it is not a claim."""
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
            thresholds = self.manifest["tasks"]["claim"].get("thresholds", {})
            linked = reading.predicate is not None and reading.between
            if p_claim < thresholds.get("cue_between" if linked else "other", CLAIM_THRESHOLD):
                return None
            confidence = p_claim
        mods = reading.modifiers
        attrs: dict[str, object] = {
            "negated": mods.negated, "certainty": mods.certainty, "question": mods.question,
            "anecdote": mods.anecdote, "reported": mods.reported,
        }
        predicate = reading.predicate.predicate if reading.predicate else "treats"
        found = self._predict("predicate", reading, features)
        if found:
            predicate = found[0]
        found = self._predict("polarity", reading, features)
        if found:
            attrs["negated"] = found[0] == "negative"
        found = self._predict("certainty", reading, features)
        if found:
            attrs["certainty"] = found[0]
        for task in ("question", "anecdote", "reported"):
            found = self._predict(task, reading, features)
            if found:
                attrs[task] = found[0] == "true"
        return predicate, attrs, confidence
