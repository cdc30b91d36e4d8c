"""Stable XDOMEA IDs for the acting organisation's objects, and the records of sent messages."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from lxml import etree

from rathausnetz.akten.models import Datei
from rathausnetz.austausch import schema
from rathausnetz.austausch.models import Austauschkennung, Nachricht
from rathausnetz.austausch.xdomea import IdFuer
from rathausnetz.kommunen.models import Organisation
from rathausnetz.speicher import ablegen


def namensraum(organisation_id: int) -> uuid.UUID:
    kennung = Austauschkennung._base_manager.filter(organisation_id=organisation_id).first()
    if kennung is None:
        try:
            with transaction.atomic():
                kennung = Austauschkennung._base_manager.create(organisation_id=organisation_id)
        except IntegrityError:  # created at the same moment by another request
            kennung = Austauschkennung._base_manager.get(organisation_id=organisation_id)
    return kennung.namensraum


def ids_fuer(organisation_id: int) -> IdFuer:
    raum = namensraum(organisation_id)
    return lambda art, pk: uuid.uuid5(raum, f"{art}:{pk}")


def stelle_name(organisation_id: int) -> str:
    return Organisation.objects.only("name").get(pk=organisation_id).name


def xml_bytes(wurzel: etree._Element) -> bytes:
    """Serialise and validate: Rathausnetz never sends a message the schemas refuse."""
    schema.sicherstellen(wurzel)
    return etree.tostring(wurzel, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def xml_ablegen(daten: bytes) -> Datei:
    import io

    from django.conf import settings

    ablage = ablegen(io.BytesIO(daten), settings.UPLOAD_MAX_MB * 5 * 1024 * 1024)
    datei, _ = Datei.objects.get_or_create(
        sha256=ablage.sha256, defaults={"groesse": ablage.groesse, "mime_typ": "application/xml"}
    )
    return datei


def gesendet(
    organisation_id: int,
    typ: str,
    name: str,
    prozess_id: uuid.UUID,
    daten: bytes,
    dateiname: str,
    partner: str,
    benutzer_id: int | None,
    akte=None,
    bezug: Nachricht | None = None,
) -> Nachricht:
    """Record an outgoing message with its XML (the documents are in the store already)."""
    return Nachricht.objects.create(
        organisation_id=organisation_id,
        richtung=Nachricht.Richtung.AUSGANG,
        typ=typ,
        name=name,
        prozess_id=prozess_id,
        partner=partner[:300],
        akte=akte,
        datei=xml_ablegen(daten),
        dateiname=dateiname,
        status=Nachricht.Status.ERSTELLT,
        bezug=bezug,
        erstellt_von_id=benutzer_id,
    )
