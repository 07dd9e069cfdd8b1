"""Progress reporting: log lines when stderr is not a terminal."""

from __future__ import annotations

import io

from claimcheck.scan.progress import Progress, human_count


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_log_lines_with_eta_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress.auto(2_000_000, None, stream=stream, interval=0)
    assert progress.mode == "log"
    progress.update(1_000_000, 5000, 40, 1)
    line = stream.getvalue()
    assert "5,000 posts" in line and "MB/s" in line and "40 with claims" in line and "1 rejected" in line
    assert "50%, ETA" in line


def test_progress_no_eta_for_unknown_size_and_off_switch():
    stream = io.StringIO()
    progress = Progress.auto(None, None, stream=stream, interval=0)
    progress.update(10, 1, 0, 0)
    assert "ETA" not in stream.getvalue()
    silent = io.StringIO()
    off = Progress.auto(100, False, stream=silent, interval=0)
    off.update(50, 1, 0, 0)
    assert silent.getvalue() == ""


def test_progress_bar_on_a_terminal():
    stream = Tty()
    progress = Progress.auto(1000, None, stream=stream)
    assert progress.mode == "bar"
    progress.update(500, 10, 1, 0)
    progress.write("scan: a message")
    progress.close()
    assert "scan" in stream.getvalue() and "a message" in stream.getvalue()


def test_progress_human_count():
    assert [human_count(x) for x in (12, 1234, 1_234_567, 2e9)] == ["12", "1.2k", "1.2M", "2.0G"]
