"""API for the acting user, organisations and Organisationseinheiten (tenant data)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.pagination import CursorError, paginate
from rathausnetz.zugang import services

router = Router(tags=["Organisationen und Zugang"])


class OrganisationSchema(Schema):
    id: int
    name: str
    typ: str
    typ_name: str
    kommunen: list[str]
    gemeindeverband: str | None

    @staticmethod
    def aus(o: Organisation) -> dict:
        return {
            "id": o.pk,
            "name": o.name,
            "typ": o.typ,
            "typ_name": o.get_typ_display(),
            "kommunen": sorted(k.ags for k in o.kommunen.all()),
            "gemeindeverband": o.gemeindeverband.ars if o.gemeindeverband else None,
        }


class OrganisationListe(Schema):
    count: int
    items: list[OrganisationSchema]
    next_cursor: str | None = None


class IchSchema(Schema):
    benutzername: str
    name: str
    organisation: OrganisationSchema | None
    rollen: list[str]
    rechte: list[str]
    organisationen: list[OrganisationSchema]


@router.get("/ich", response=IchSchema, summary="Wer bin ich, für wen handle ich?")
def ich(request: HttpRequest):
    zugriff = request.zugriff
    organisationen = services.organisationen_des_benutzers(request.user)
    aktive = next((o for o in organisationen if o.pk == zugriff.organisation_id), None)
    return {
        "benutzername": request.user.username,
        "name": request.user.anzeigename,
        "organisation": OrganisationSchema.aus(aktive) if aktive else None,
        "rollen": sorted(zugriff.rollen),
        "rechte": sorted(r.value for r in zugriff.rechte),
        "organisationen": [OrganisationSchema.aus(o) for o in organisationen],
    }


@router.get("/organisationen", response=OrganisationListe, summary="Organisationen, die Rathausnetz nutzen")
def organisationen(
    request: HttpRequest,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    cursor: str | None = None,
):
    qs = (
        Organisation.objects.filter(aktiv=True).select_related("gemeindeverband").prefetch_related("kommunen")
    )
    try:
        seite = paginate(qs, ["name", "id"], limit=limit, offset=offset, cursor=cursor)
    except CursorError as error:
        from ninja.errors import HttpError

        raise HttpError(422, str(error)) from None
    return {
        "count": seite.count,
        "items": [OrganisationSchema.aus(o) for o in seite.items],
        "next_cursor": seite.next_cursor,
    }


@router.get("/organisationen/{organisation_id}", response=OrganisationSchema, summary="Eine Organisation")
def organisation(request: HttpRequest, organisation_id: int):
    o = get_object_or_404(
        Organisation.objects.filter(aktiv=True)
        .select_related("gemeindeverband")
        .prefetch_related("kommunen"),
        pk=organisation_id,
    )
    return OrganisationSchema.aus(o)


class EinheitSchema(Schema):
    id: int
    organisation: int
    name: str
    kuerzel: str
    uebergeordnet: int | None
    aktiv: bool

    @staticmethod
    def aus(e: Organisationseinheit) -> dict:
        return {
            "id": e.pk,
            "organisation": e.organisation_id,
            "name": e.name,
            "kuerzel": e.kuerzel,
            "uebergeordnet": e.uebergeordnet_id,
            "aktiv": e.aktiv,
        }


class EinheitListe(Schema):
    count: int
    items: list[EinheitSchema]


class EinheitNeu(Schema):
    name: str = Field(..., min_length=2, max_length=150)
    kuerzel: str = Field(..., min_length=1, max_length=20, pattern=r"^[\w./ -]+$")
    uebergeordnet: int | None = None


class EinheitAenderung(Schema):
    name: str | None = Field(None, min_length=2, max_length=150)
    kuerzel: str | None = Field(None, min_length=1, max_length=20, pattern=r"^[\w./ -]+$")
    aktiv: bool | None = None


@router.get("/einheiten", response=EinheitListe, summary="Organisationseinheiten der aktiven Organisation")
def einheiten(request: HttpRequest):
    items = [EinheitSchema.aus(e) for e in Organisationseinheit.objects.order_by("kuerzel")]
    return {"count": len(items), "items": items}


@router.get("/einheiten/{einheit_id}", response=EinheitSchema, summary="Eine Organisationseinheit")
def einheit(request: HttpRequest, einheit_id: int):
    return EinheitSchema.aus(get_object_or_404(Organisationseinheit.objects, pk=einheit_id))


@router.post("/einheiten", response={201: EinheitSchema}, summary="Organisationseinheit anlegen")
def einheit_anlegen(request: HttpRequest, daten: EinheitNeu):
    uebergeordnet = (
        get_object_or_404(Organisationseinheit.objects, pk=daten.uebergeordnet)
        if daten.uebergeordnet
        else None
    )
    e = services.einheit_anlegen(daten.name, daten.kuerzel, uebergeordnet)
    return Status(201, EinheitSchema.aus(e))


@router.patch("/einheiten/{einheit_id}", response=EinheitSchema, summary="Organisationseinheit ändern")
def einheit_aendern(request: HttpRequest, einheit_id: int, daten: EinheitAenderung):
    e = get_object_or_404(Organisationseinheit.objects, pk=einheit_id)
    felder = daten.dict(exclude_unset=True, exclude_none=True)
    return EinheitSchema.aus(services.einheit_aendern(e, **felder))
