"""Assemble models/corpus/prose.jsonl from the prose batch scripts (prose_batch01.py ... prose_batch11.py).

Run from anywhere: ``python models/corpus/src/prose_build.py`` and then
``python models/corpus/src/prose_check.py``. Every batch is rebuilt from its source
list, so the output never contains stale lines.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from prose_lib import BATCH_SIZES, build_batch  # noqa: E402

OUT = HERE.parent / "prose.jsonl"
N_BATCHES = max(BATCH_SIZES)  # 11


def main() -> None:
    records = []
    for n in range(1, N_BATCHES + 1):
        try:
            module = importlib.import_module(f"prose_batch{n:02d}")
        except ModuleNotFoundError:
            print(f"prose_batch{n:02d}.py not written yet; stopping there", file=sys.stderr)
            break
        records.extend(build_batch(n, module.ITEMS))
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {OUT}")


if __name__ == "__main__":
    main()
