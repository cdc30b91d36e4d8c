from __future__ import annotations

from django.http import HttpRequest

from rathausnetz import __version__


def allgemein(request: HttpRequest) -> dict[str, str]:
    return {"rathausnetz_version": __version__}
