"""Error types and their exit codes (0 clean, 1 flagged, 2 usage or input error)."""

from __future__ import annotations

import click


class ClaimcheckError(Exception):
    """Base class for claimcheck's own errors."""


class InputError(click.ClickException):
    """Unusable input: shown as a one-line message on stderr, exit code 2."""

    exit_code = 2


class KnowledgeBaseError(ClaimcheckError):
    """The knowledge base could not be loaded (missing folder, invalid records)."""
