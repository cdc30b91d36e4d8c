"""The REST API: one NinjaAPI, routers from the domain apps, German error answers.

Errors always come as JSON ``{"detail": ...}``: 401 without valid credentials, 403 without the
right, 404 for what does not exist or may not be seen, 422 with field messages for invalid input.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rathausnetz import __version__
from rathausnetz.akten.api import router as akten_router
from rathausnetz.austausch.api import router as austausch_router
from rathausnetz.austausch.api_aussonderung import router as aussonderung_router
from rathausnetz.eingang.api import router as eingang_router
from rathausnetz.geschaeftsgang.api import router as geschaeftsgang_router
from rathausnetz.ikz.api import router as ikz_router
from rathausnetz.kommunen.api import router as kommunen_router
from rathausnetz.netzwerk.api import router as netzwerk_router
from rathausnetz.protokoll.api import router as protokoll_router
from rathausnetz.suche.api import router as suche_router
from rathausnetz.veranstaltungen.api import router as veranstaltungen_router
from rathausnetz.zugang.api import router as zugang_router
from rathausnetz.zugang.api_auth import ANGEMELDET

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Rathausnetz API",
    version=__version__,
    description=(
        "Programmierschnittstelle von Rathausnetz. Anmeldung mit `Authorization: Bearer <Token>` "
        "(Token mit `rathausnetz token BENUTZERNAME` oder unter „Mein Konto“ erzeugen) oder mit der "
        'Sitzung der Weboberfläche. Listen antworten mit `{"count": N, "items": [...]}` und '
        "nehmen `limit`/`offset` oder `cursor`."
    ),
    auth=ANGEMELDET,
    urls_namespace="api",
)

api.add_router("/", kommunen_router)
api.add_router("/", zugang_router)
api.add_router("/", protokoll_router)
api.add_router("/", akten_router)
api.add_router("/", suche_router)
api.add_router("/", eingang_router)
api.add_router("/", geschaeftsgang_router)
api.add_router("/", austausch_router)
api.add_router("/", aussonderung_router)
api.add_router("/", ikz_router)
api.add_router("/", netzwerk_router)
api.add_router("/", veranstaltungen_router)

_MELDUNGEN = {
    "missing": "Pflichtangabe fehlt.",
    "int_parsing": "Bitte eine ganze Zahl angeben.",
    "int_type": "Bitte eine ganze Zahl angeben.",
    "float_parsing": "Bitte eine Zahl angeben.",
    "bool_parsing": "Bitte true oder false angeben.",
    "string_type": "Bitte einen Text angeben.",
    "string_too_short": "Zu kurz: mindestens {min_length} Zeichen.",
    "string_too_long": "Zu lang: höchstens {max_length} Zeichen.",
    "string_pattern_mismatch": "Ungültiges Format.",
    "greater_than_equal": "Der Wert muss mindestens {ge} sein.",
    "greater_than": "Der Wert muss größer als {gt} sein.",
    "less_than_equal": "Der Wert darf höchstens {le} sein.",
    "less_than": "Der Wert muss kleiner als {lt} sein.",
    "literal_error": "Unzulässiger Wert; erlaubt: {expected}.",
    "enum": "Unzulässiger Wert; erlaubt: {expected}.",
    "json_invalid": "Der Inhalt ist kein gültiges JSON.",
    "model_attributes_type": "Erwartet wird ein JSON-Objekt.",
    "dict_type": "Erwartet wird ein JSON-Objekt.",
    "list_type": "Erwartet wird eine Liste.",
    "date_parsing": "Bitte ein Datum im Format JJJJ-MM-TT angeben.",
    "date_from_datetime_parsing": "Bitte ein Datum im Format JJJJ-MM-TT angeben.",
    "extra_forbidden": "Dieses Feld ist unbekannt.",
}


def _meldung(fehler: dict[str, Any]) -> str:
    vorlage = _MELDUNGEN.get(fehler.get("type", ""))
    if vorlage is None:
        if fehler.get("type") == "value_error":
            return str(fehler.get("ctx", {}).get("error", fehler.get("msg", "Ungültiger Wert.")))
        return "Ungültiger Wert."
    try:
        return vorlage.format(**fehler.get("ctx", {}))
    except (KeyError, IndexError):
        return vorlage


def _feld(loc: list[Any] | tuple[Any, ...]) -> str:
    teile = [str(teil) for teil in loc]
    # ninja puts the parameter group first ("query", "body") and the schema name second
    if teile and teile[0] in {"query", "path", "body", "form", "header", "cookie", "file"}:
        teile = teile[1:]
    if len(teile) > 1 and teile[0] in {"filter", "payload", "daten"}:
        teile = teile[1:]
    return ".".join(teile)


@api.exception_handler(ValidationError)
def _validierungsfehler(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [
        {"feld": _feld(f.get("loc", ())), "meldung": _meldung(f), "typ": f.get("type", "")}
        for f in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(DjangoValidationError)
def _fachlicher_fehler(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        detail = [
            {"feld": feld, "meldung": meldung, "typ": "value_error"}
            for feld, meldungen in exc.message_dict.items()
            for meldung in meldungen
        ]
    else:
        detail = [{"feld": "", "meldung": m, "typ": "value_error"} for m in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def _nicht_angemeldet(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "Nicht angemeldet: gültiges Token (Authorization: Bearer …) oder Sitzung erforderlich."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="rathausnetz"'
    return response


@api.exception_handler(PermissionDenied)
def _verboten(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Keine Berechtigung."}, status=403)


@api.exception_handler(Http404)
def _nicht_gefunden(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Nicht gefunden."}, status=404)


@api.exception_handler(HttpError)
def _http_fehler(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _wertebereich(request: HttpRequest, exc: Exception) -> HttpResponse:
    # e.g. an id with 30 digits: it cannot exist, and the database refuses to even compare it
    return api.create_response(
        request,
        {
            "detail": [
                {"feld": "", "meldung": "Ein Wert liegt außerhalb des erlaubten Bereichs.", "typ": "bereich"}
            ]
        },
        status=422,
    )


@api.exception_handler(Exception)
def _interner_fehler(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API-Fehler bei %s %s", request.method, request.path)
    return api.create_response(
        request,
        {"detail": "Interner Fehler.", "request_id": getattr(request, "request_id", "")},
        status=500,
    )
