"""The ``kliento`` command: Django's management commands under the product's name
(``kliento demo``, ``kliento migrate``, ``kliento createsuperuser`` …)."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kliento.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kliento", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
