"""Progress on stderr: a tqdm bar on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import IO, Any


def human_count(n: float) -> str:
    """``1234567`` → ``1.2M``."""
    for unit, size in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(n) >= size:
            return f"{n / size:.1f}{unit}"
    return f"{n:.0f}"


def human_duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Progress:
    """Reports posts/s, MB/s and (when the total size is known) the ETA.

    Args:
        total_bytes: Sum of the raw input sizes, or None (stdin).
        mode: ``bar`` (tqdm), ``log`` (a line every ``interval`` seconds) or ``off``.
        interval: Seconds between log lines.
        stream: Where to write (stderr).
        initial_bytes: Raw bytes already done (resume).
    """

    def __init__(
        self,
        total_bytes: int | None,
        mode: str = "log",
        *,
        interval: float = 10.0,
        stream: IO[str] | None = None,
        initial_bytes: int = 0,
    ) -> None:
        self.total = total_bytes
        self.mode = mode
        self.interval = interval
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.initial = initial_bytes
        self.done = initial_bytes
        self.posts = 0
        self.with_claims = 0
        self.rejected = 0
        self._last_log = self.start
        self._bar: Any = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(
                total=total_bytes,
                initial=initial_bytes,
                unit="B",
                unit_scale=True,
                unit_divisor=1000,
                dynamic_ncols=True,
                file=self.stream,
                smoothing=0.1,
                desc="scan",
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}{postfix}]"
                if total_bytes
                else "{desc}: {n_fmt} [{elapsed}, {rate_fmt}{postfix}]",
            )

    @classmethod
    def auto(cls, total_bytes: int | None, setting: bool | None, **kwargs: Any) -> Progress:
        """A bar if stderr is a terminal, log lines if not; ``setting=False`` turns it off."""
        if setting is False:
            return cls(total_bytes, "off", **kwargs)
        stream = kwargs.get("stream") or sys.stderr
        tty = hasattr(stream, "isatty") and stream.isatty()
        return cls(total_bytes, "bar" if tty else "log", **kwargs)

    def update(self, done_bytes: int, posts: int, with_claims: int, rejected: int) -> None:
        """Set the absolute progress (raw bytes done, posts read so far in this run)."""
        delta = done_bytes - self.done
        self.done = done_bytes
        self.posts, self.with_claims, self.rejected = posts, with_claims, rejected
        now = time.monotonic()
        if self._bar is not None:
            elapsed = max(now - self.start, 1e-9)
            self._bar.set_postfix_str(
                f"{human_count(posts / elapsed)} posts/s, {human_count(with_claims)} with claims, {rejected} rejected",
                refresh=False,
            )
            self._bar.update(delta)
        elif self.mode == "log" and now - self._last_log >= self.interval:
            self._last_log = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        """One log line with the current figures."""
        elapsed = max(time.monotonic() - self.start, 1e-9)
        run_bytes = self.done - self.initial
        parts = [
            f"scan: {self.posts:,} posts ({human_count(self.posts / elapsed)}/s)",
            f"{self.done / 1e6:,.1f} MB ({run_bytes / 1e6 / elapsed:,.1f} MB/s)",
            f"{self.with_claims:,} with claims",
            f"{self.rejected:,} rejected",
        ]
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            rate = run_bytes / elapsed
            eta = (self.total - self.done) / rate if rate > 0 else float("inf")
            eta_text = human_duration(eta) if eta != float("inf") else "?"
            parts.append(f"{fraction:.0%}, ETA {eta_text}")
        return ", ".join(parts)

    def write(self, message: str) -> None:
        """Print a message without breaking the bar."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            self.stream.write(message + "\n")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
