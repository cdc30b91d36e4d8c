"""The ``rathausnetz`` command: Django's management commands under one name.

Command names may be written with hyphens (``rathausnetz kommunen-import``); Django's modules use
underscores. A bad ``RATHAUSNETZ_*`` setting ends the command with its message and exit code 2.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathausnetz.settings")
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    from rathausnetz.env import ConfigError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(args)
    except ConfigError as error:
        print(f"Konfigurationsfehler: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
