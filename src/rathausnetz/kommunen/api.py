"""Registry API: Kommunen, Kreise, Gemeindeverbände. Public open data, no login needed."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rathausnetz.kommunen.models import Gemeindeverband, Kommune, Kreis
from rathausnetz.kommunen.services.verzeichnis import SORTIERUNGEN, Kommunenfilter, kommunen_suchen
from rathausnetz.pagination import CursorError, paginate

router = Router(tags=["Kommunen"])

GEOJSON = "application/geo+json"


class KommuneKurz(Schema):
    ags: str
    name: str
    name_amtlich: str
    typ: str
    land: str
    kreis: str
    kreis_name: str
    gemeindeverband: str | None
    einwohner: int
    einwohner_stichtag: dt.date
    flaeche_km2: float
    plz: str
    lat: float | None
    lon: float | None

    @staticmethod
    def aus(k: Kommune) -> dict:
        return {
            "ags": k.ags,
            "name": k.name,
            "name_amtlich": k.name_amtlich,
            "typ": k.typ,
            "land": k.land.code,
            "kreis": k.kreis.ags,
            "kreis_name": k.kreis.name,
            "gemeindeverband": k.gemeindeverband.ars if k.gemeindeverband else None,
            "einwohner": k.einwohner,
            "einwohner_stichtag": k.einwohner_stichtag,
            "flaeche_km2": float(k.flaeche_km2),
            "plz": k.plz,
            "lat": k.lat,
            "lon": k.lon,
        }


class KommuneListe(Schema):
    count: int
    items: list[KommuneKurz]
    next_cursor: str | None = None


class KommuneRef(Schema):
    ags: str
    name: str


class VerbandSchema(Schema):
    ars: str
    name: str
    typ: str
    typ_name: str
    sitz: str
    sitzgemeinde: KommuneRef | None
    kreis: str
    mitglieder: list[KommuneRef]


class NachbarSchema(Schema):
    ags: str
    name: str
    land: str
    im_register: bool
    grenzlaenge_km: float


class BevoelkerungSchema(Schema):
    stichtag: dt.date
    einwohner: int
    einwohner_maennlich: int | None
    einwohner_weiblich: int | None
    flaeche_km2: float | None
    quelle: str


class KommuneDetail(KommuneKurz):
    ars: str
    einwohner_maennlich: int | None
    einwohner_weiblich: int | None
    flaeche_stichtag: dt.date
    einwohner_je_km2: float | None
    plz_mehrere: bool
    verstaedterung: str | None
    gebietsstand: dt.date
    aktiv: bool
    verband: VerbandSchema | None
    nachbarn: list[NachbarSchema]
    bevoelkerung: list[BevoelkerungSchema]


class KommunenFilterSchema(Schema):
    q: str = Field(
        "",
        max_length=100,
        description="Name (umlaut- und schreibweisentolerant), AGS- oder PLZ-Anfang",
    )
    land: str = Field("", pattern=r"^(\d{2})?$", description="Landesschlüssel, z. B. 14 (Sachsen)")
    kreis: str = Field("", pattern=r"^(\d{5})?$", description="Kreisschlüssel, z. B. 14521")
    typ: Literal["", "kreisfreie_stadt", "stadt", "gemeinde"] = ""
    verband_typ: Literal[
        "", "verbandsfrei", "verwaltungsgemeinschaft", "verwaltungsverband", "verbandsgemeinde"
    ] = ""
    min_einwohner: int | None = Field(None, ge=0)
    max_einwohner: int | None = Field(None, ge=0)
    sort: Literal["name", "-name", "einwohner", "-einwohner", "flaeche", "-flaeche", "ags"] = "name"
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)
    cursor: str | None = Field(None, max_length=500)
    format: Literal["json", "geojson"] = "json"


def _verband(v: Gemeindeverband | None) -> dict | None:
    if v is None or not v.ist_verband:
        return None
    return {
        "ars": v.ars,
        "name": v.name,
        "typ": v.typ,
        "typ_name": v.get_typ_display(),
        "sitz": v.sitz,
        "sitzgemeinde": {"ags": v.sitzgemeinde.ags, "name": v.sitzgemeinde.name} if v.sitzgemeinde else None,
        "kreis": v.kreis.ags,
        "mitglieder": [
            {"ags": m.ags, "name": m.name} for m in sorted(v.mitglieder.all(), key=lambda m: m.name)
        ],
    }


def _detail(k: Kommune) -> dict:
    return KommuneKurz.aus(k) | {
        "ars": k.ars,
        "einwohner_maennlich": k.einwohner_maennlich,
        "einwohner_weiblich": k.einwohner_weiblich,
        "flaeche_stichtag": k.flaeche_stichtag,
        "einwohner_je_km2": k.dichte,
        "plz_mehrere": k.plz_mehrere,
        "verstaedterung": k.get_verstaedterung_display() if k.verstaedterung else None,
        "gebietsstand": k.gebietsstand,
        "aktiv": k.aktiv,
        "verband": _verband(k.gemeindeverband),
        "nachbarn": [
            {
                "ags": n.nachbar_ags,
                "name": n.nachbar_name,
                "land": n.nachbar_land,
                "im_register": n.nachbar_id is not None,
                "grenzlaenge_km": float(n.grenzlaenge_km),
            }
            for n in k.nachbarschaften.order_by("-grenzlaenge_km", "nachbar_ags")
        ],
        "bevoelkerung": [
            {
                "stichtag": b.stichtag,
                "einwohner": b.einwohner,
                "einwohner_maennlich": b.einwohner_maennlich,
                "einwohner_weiblich": b.einwohner_weiblich,
                "flaeche_km2": float(b.flaeche_km2) if b.flaeche_km2 is not None else None,
                "quelle": b.quelle,
            }
            for b in k.bevoelkerung.order_by("-stichtag")
        ],
    }


def _feature(k: Kommune, properties: dict) -> dict:
    return {
        "type": "Feature",
        "id": k.ags,
        "geometry": {"type": "MultiPolygon", "coordinates": k.grenze} if k.grenze else None,
        "properties": properties,
    }


def _will_geojson(request: HttpRequest, format_: str) -> bool:
    return format_ == "geojson" or GEOJSON in request.headers.get("Accept", "")


def _geojson_antwort(data: dict) -> JsonResponse:
    return JsonResponse(data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False})


@router.get("/kommunen", response=KommuneListe, auth=None, summary="Kommunen suchen und filtern")
def kommunen_liste(request: HttpRequest, filter: Query[KommunenFilterSchema]):
    """Alle Gemeinden Sachsens und Sachsen-Anhalts; `format=geojson` liefert eine FeatureCollection."""
    if (
        filter.min_einwohner is not None
        and filter.max_einwohner is not None
        and filter.min_einwohner > filter.max_einwohner
    ):
        raise HttpError(422, "min_einwohner ist größer als max_einwohner.")
    qs = kommunen_suchen(
        Kommunenfilter(
            q=filter.q,
            land=filter.land,
            kreis=filter.kreis,
            typ=filter.typ,
            verband_typ=filter.verband_typ,
            min_einwohner=filter.min_einwohner,
            max_einwohner=filter.max_einwohner,
            sortierung=filter.sort,
        )
    )
    ordnung = list(qs.query.order_by) or list(SORTIERUNGEN["name"])
    if _will_geojson(request, filter.format):
        qs = qs.defer(None)
    try:
        seite = paginate(qs, ordnung, limit=filter.limit, offset=filter.offset, cursor=filter.cursor)
    except CursorError as error:
        raise HttpError(422, str(error)) from None
    if _will_geojson(request, filter.format):
        return _geojson_antwort(
            {
                "type": "FeatureCollection",
                "count": seite.count,
                "next_cursor": seite.next_cursor,
                "features": [_feature(k, KommuneKurz.aus(k)) for k in seite.items],
            }
        )
    return {
        "count": seite.count,
        "items": [KommuneKurz.aus(k) for k in seite.items],
        "next_cursor": seite.next_cursor,
    }


@router.get(
    "/kommunen/{ags}",
    response=KommuneDetail,
    auth=None,
    summary="Eine Kommune mit Nachbarn und Verband",
)
def kommune_detail(request: HttpRequest, ags: str, format: Literal["json", "geojson"] = "json"):
    kommune = get_object_or_404(
        Kommune.objects.select_related(
            "land", "kreis", "gemeindeverband__sitzgemeinde", "gemeindeverband__kreis"
        ),
        ags=ags,
    )
    if _will_geojson(request, format):
        return _geojson_antwort(
            _feature(kommune, _detail(kommune) | {"einwohner_stichtag": str(kommune.einwohner_stichtag)})
        )
    return _detail(kommune)


class KreisSchema(Schema):
    ags: str
    name: str
    typ: str
    sitz: str
    land: str
    anzahl_kommunen: int
    einwohner: int


class KreisListe(Schema):
    count: int
    items: list[KreisSchema]


@router.get("/kreise", response=KreisListe, auth=None, summary="Landkreise und kreisfreie Städte")
def kreise_liste(request: HttpRequest, land: str = Query("", pattern=r"^(\d{2})?$")):
    from django.db.models import Count, Q, Sum

    qs = Kreis.objects.select_related("land").annotate(
        anzahl=Count("kommunen", filter=Q(kommunen__aktiv=True)),
        summe=Sum("kommunen__einwohner", filter=Q(kommunen__aktiv=True)),
    )
    if land:
        qs = qs.filter(land__code=land)
    items = [
        {
            "ags": k.ags,
            "name": k.name,
            "typ": k.typ,
            "sitz": k.sitz,
            "land": k.land.code,
            "anzahl_kommunen": k.anzahl,
            "einwohner": k.summe or 0,
        }
        for k in qs.order_by("ags")
    ]
    return {"count": len(items), "items": items}


class VerbandListe(Schema):
    count: int
    items: list[VerbandSchema]


@router.get(
    "/gemeindeverbaende",
    response=VerbandListe,
    auth=None,
    summary="Verwaltungsgemeinschaften, -verbände, Verbandsgemeinden",
)
def verbaende_liste(
    request: HttpRequest,
    land: str = Query("", pattern=r"^(\d{2})?$"),
    typ: Literal["", "verwaltungsgemeinschaft", "verwaltungsverband", "verbandsgemeinde"] = "",
):
    qs = (
        Gemeindeverband.objects.exclude(typ=Gemeindeverband.Typ.VERBANDSFREI)
        .select_related("sitzgemeinde", "kreis")
        .prefetch_related("mitglieder")
        .order_by("ars")
    )
    if land:
        qs = qs.filter(ars__startswith=land)
    if typ:
        qs = qs.filter(typ=typ)
    items = [_verband(v) for v in qs]
    return {"count": len(items), "items": items}


@router.get(
    "/gemeindeverbaende/{ars}",
    response=VerbandSchema,
    auth=None,
    summary="Ein Gemeindeverband mit Mitgliedern",
)
def verband_detail(request: HttpRequest, ars: str):
    verband = get_object_or_404(
        Gemeindeverband.objects.select_related("sitzgemeinde", "kreis").exclude(
            typ=Gemeindeverband.Typ.VERBANDSFREI
        ),
        ars=ars,
    )
    return _verband(verband)
