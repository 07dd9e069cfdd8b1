"""Give memory back to the system once a worker is built."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def release_free_memory() -> None:
    """Collect garbage and return the C heap's free pages to the system.

    Building a checker frees much of what it allocated (the parsed knowledge base, pattern
    tokens), but glibc keeps the freed pages; ``malloc_trim`` returns them, about 20 MiB per
    worker. Elsewhere than glibc this only collects garbage.
    """
    gc.collect()
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
