"""Byte-for-byte reproducible model files: ``claimcheck train`` on the same corpus writes the same bytes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def deterministic_skops(path: Path) -> None:
    """Rewrite a skops file so that the same model always gives the same bytes.

    skops names arrays and shared objects after the ``id()`` of the Python objects, which changes from run to
    run. The ids are renumbered in order of first appearance (equal ids stay equal, so shared objects stay
    shared) and the archive is written in name order with a fixed timestamp. Loading gives the same model.
    """
    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read("schema.json"))
        members = {name: archive.read(name) for name in archive.namelist() if name != "schema.json"}
    numbers: dict[int, int] = {}

    def number(old: int) -> int:
        return numbers.setdefault(old, len(numbers) + 1)

    def renumber(node: Any) -> Any:
        if isinstance(node, list):
            return [renumber(value) for value in node]
        if not isinstance(node, dict):
            return node
        out = {key: renumber(value) for key, value in node.items()}
        if isinstance(node.get("__id__"), int):
            out["__id__"] = number(node["__id__"])
        file = node.get("file")
        if isinstance(file, str) and file.endswith(".npy") and file[:-4].isdigit():
            out["file"] = f"{number(int(file[:-4]))}.npy"
        return out

    schema = renumber(schema)
    renamed = {
        f"{numbers[int(name[:-4])]}.npy" if name.endswith(".npy") and name[:-4].isdigit() else name: data
        for name, data in members.items()
    }
    renamed["schema.json"] = json.dumps(schema, indent=2).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(renamed):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, renamed[name], compresslevel=9)
