from __future__ import annotations

from django.http import HttpRequest

from rathausnetz import __version__


def allgemein(request: HttpRequest) -> dict[str, str]:
    return {"RATHAUSNETZ_VERSION": __version__}
