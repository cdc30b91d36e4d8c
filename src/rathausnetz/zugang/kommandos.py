"""Base class for CLI commands: they act as the system, and say so in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from rathausnetz.zugang.kontext import systemzugriff


class SystemBefehl(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> Any:
        name = self.__module__.rsplit(".", 1)[-1].replace("_", "-")
        with systemzugriff(f"Kommandozeile: {name}"):
            return super().execute(*args, **options)
