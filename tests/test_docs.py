"""Every command has help text and appears in the README."""

from __future__ import annotations

import click

from claimcheck.cli import cli
from tests.conftest import REPO


def walk(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from walk(command, f"{prefix}{name} ")


def test_docs_every_command_has_help_and_is_in_the_readme():
    readme = (REPO / "README.md").read_text()
    for name, command in walk(cli):
        assert command.help, f"{name} has no help"
        assert f"claimcheck {name}" in readme, f"'claimcheck {name}' is not in the README"
