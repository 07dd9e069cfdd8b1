"""``python -m claimcheck.scan``: the scan command on its own."""

from claimcheck.scan.command import scan

scan(prog_name="claimcheck scan")
