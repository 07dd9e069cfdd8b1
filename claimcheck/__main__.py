"""``python -m claimcheck``."""

from claimcheck.cli import cli

cli()
