"""Assemble models/corpus/forum.jsonl from the batch scripts (forum_batch01.py ... forum_batch11.py).

Run from anywhere: ``python models/corpus/src/forum_build.py``, then ``forum_check.py``.
Every batch is rebuilt from its source list, so the output never contains stale lines.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from forum_lib import build_batch  # noqa: E402

N_BATCHES = 11


def main() -> None:
    records = []
    for n in range(1, N_BATCHES + 1):
        module = importlib.import_module(f"forum_batch{n:02d}")
        records.extend(build_batch(n, module.ITEMS))
    out = HERE.parent / "forum.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {out}")


if __name__ == "__main__":
    main()
