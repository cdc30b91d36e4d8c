"""Dokumente and their versions: upload (original stored once, never changed), metadata, move."""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError

from rathausnetz import speicher
from rathausnetz.akten.models import Datei, Dokument, Dokumenttyp, Dokumentversion, Verschiebung, Vorgang
from rathausnetz.akten.services.akten import pruefe_bearbeiten
from rathausnetz.akten.services.text import text_extrahieren
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.speicher.ablage import ZuGross

FELDER = [
    "betreff",
    "dokumentdatum",
    "eingangsdatum",
    "richtung",
    "absender",
    "empfaenger",
    "dokumenttyp",
    "vertraulichkeit",
]


def _werte(dokument: Dokument) -> dict[str, object]:
    return {f: getattr(dokument, f) for f in FELDER}


def max_bytes() -> int:
    return settings.UPLOAD_MAX_MB * 1024 * 1024


class ZuGrosseDatei(ValidationError):
    """Over the size limit: not stored at all (reading stops at the limit)."""


def original_ablegen(quelle: BinaryIO, name: str) -> speicher.Ablage:
    """Store an upload under the size limit, or refuse it with a message for the clerk."""
    try:
        return speicher.ablegen(quelle, max_bytes())
    except ZuGross:
        raise ZuGrosseDatei(
            f"„{name}“ ist größer als {settings.UPLOAD_MAX_MB} MB und wurde nicht angenommen."
        ) from None


def _speichern(quelle: BinaryIO, dateiname: str) -> tuple[Datei, str]:
    """Store the original and check its type. A rejected file leaves nothing behind."""
    name = speicher.sicherer_dateiname(dateiname)
    ablage = original_ablegen(quelle, name)
    try:
        typ = speicher.erkennen(ablage.pfad, name)
    except speicher.UnzulaessigeDatei as fehler:
        if ablage.neu and not Datei.objects.filter(sha256=ablage.sha256).exists():
            ablage.pfad.unlink(missing_ok=True)
        raise ValidationError(f"„{name}“: {fehler}") from None
    datei, _ = Datei.objects.get_or_create(
        sha256=ablage.sha256, defaults={"groesse": ablage.groesse, "mime_typ": typ.mime}
    )
    if "." not in name:
        name = f"{name}.{typ.endung}"
    return datei, name


@transaction.atomic
def dokument_hochladen(
    vorgang: Vorgang, quelle: BinaryIO, dateiname: str, betreff: str = "", **felder: object
) -> Dokument:
    """A new Dokument with its first version, in one transaction: no half records.

    ``felder`` are the metadata ``dokument_aus_datei`` takes (dokumentdatum, absender, …)."""
    _pruefe_ziel(vorgang, felder.get("dokumenttyp"))
    datei, name = _speichern(quelle, dateiname)
    text = text_extrahieren(speicher.original_pfad(datei.sha256), datei.mime_typ)
    return dokument_aus_datei(vorgang, datei, name, text, betreff=betreff, **felder)


def _pruefe_ziel(vorgang: Vorgang, dokumenttyp: Dokumenttyp | None):
    zugriff = pruefe_bearbeiten(vorgang.akte)
    if vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist zdA. Nehmen Sie ihn wieder auf, um Dokumente hinzuzufügen.")
    if dokumenttyp is not None and dokumenttyp.organisation_id != vorgang.organisation_id:
        raise ValidationError({"dokumenttyp": "Unbekannter Dokumenttyp."})
    return zugriff


@transaction.atomic
def dokument_aus_datei(
    vorgang: Vorgang,
    datei: Datei,
    dateiname: str,
    text: str,
    *,
    betreff: str = "",
    dokumentdatum: dt.date | None = None,
    eingangsdatum: dt.date | None = None,
    richtung: str = Dokument.Richtung.EINGANG,
    absender: str = "",
    empfaenger: str = "",
    dokumenttyp: Dokumenttyp | None = None,
    vertraulichkeit: str = "offen",
) -> Dokument:
    """File an already stored original (e.g. from the Posteingang) as a new Dokument."""
    zugriff = _pruefe_ziel(vorgang, dokumenttyp)
    name = dateiname
    dokument = Dokument(
        organisation_id=vorgang.organisation_id,
        vorgang=vorgang,
        betreff=(betreff or name.rsplit(".", 1)[0])[:300].strip(),
        dokumentdatum=dokumentdatum,
        eingangsdatum=eingangsdatum,
        richtung=richtung,
        absender=absender.strip()[:300],
        empfaenger=empfaenger.strip()[:300],
        dokumenttyp=dokumenttyp,
        vertraulichkeit=vertraulichkeit,
    )
    dokument.full_clean()
    dokument.save()
    version = Dokumentversion.objects.create(
        organisation_id=vorgang.organisation_id,
        dokument=dokument,
        nummer=1,
        datei=datei,
        dateiname=name,
        text=text,
        erstellt_von_id=zugriff.benutzer_id,
    )
    protokolliere(
        "dokument.hochgeladen",
        objekt=dokument,
        neu=_werte(dokument) | {"datei": name, "sha256": datei.sha256, "version": version.nummer},
    )
    return dokument


@transaction.atomic
def version_hinzufuegen(
    dokument: Dokument, quelle: BinaryIO, dateiname: str, kommentar: str = ""
) -> Dokumentversion:
    zugriff = pruefe_bearbeiten(dokument.vorgang.akte)
    Dokument._base_manager.select_for_update().get(pk=dokument.pk)  # serialise version numbers
    datei, name = _speichern(quelle, dateiname)
    letzte = Dokumentversion._base_manager.filter(dokument=dokument).aggregate(n=Max("nummer"))["n"] or 0
    version = Dokumentversion.objects.create(
        organisation_id=dokument.organisation_id,
        dokument=dokument,
        nummer=letzte + 1,
        datei=datei,
        dateiname=name,
        text=text_extrahieren(speicher.original_pfad(datei.sha256), datei.mime_typ),
        kommentar=kommentar.strip()[:300],
        erstellt_von_id=zugriff.benutzer_id,
    )
    protokolliere(
        "dokument.version_hinzugefuegt",
        objekt=dokument,
        neu={
            "version": version.nummer,
            "datei": name,
            "sha256": datei.sha256,
            "kommentar": version.kommentar,
        },
    )
    return version


@transaction.atomic
def dokument_aendern(dokument: Dokument, **felder: object) -> Dokument:
    pruefe_bearbeiten(dokument.vorgang.akte)
    if set(felder) - set(FELDER):
        raise ValueError(f"nicht änderbar: {set(felder) - set(FELDER)}")
    typ = felder.get("dokumenttyp")
    if typ is not None and typ.organisation_id != dokument.organisation_id:
        raise ValidationError({"dokumenttyp": "Unbekannter Dokumenttyp."})
    alt = _werte(dokument)
    for name, wert in felder.items():
        setattr(dokument, name, wert.strip() if isinstance(wert, str) else wert)
    dokument.full_clean()
    dokument.save()
    protokolliere("dokument.geaendert", objekt=dokument, alt=alt, neu=_werte(dokument))
    return dokument


@transaction.atomic
def dokument_verschieben(dokument: Dokument, ziel: Vorgang) -> Dokument:
    """File a Dokument in another Vorgang of the same organisation; the history keeps the old place."""
    zugriff = pruefe_bearbeiten(dokument.vorgang.akte)
    pruefe_bearbeiten(ziel.akte)
    if ziel.organisation_id != dokument.organisation_id:
        raise ValidationError("Dokumente können nur innerhalb derselben Organisation verschoben werden.")
    if ziel.pk == dokument.vorgang_id:
        raise ValidationError("Das Dokument liegt bereits in diesem Vorgang.")
    if ziel.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Zielvorgang ist zdA.")
    von = dokument.vorgang
    dokument.vorgang = ziel
    dokument.save(update_fields=["vorgang"])
    Verschiebung.objects.create(
        organisation_id=dokument.organisation_id,
        art=Verschiebung.Art.DOKUMENT,
        objekt_id=dokument.pk,
        von_aktenzeichen=von.akte.aktenzeichen,
        nach_aktenzeichen=ziel.akte.aktenzeichen,
        von_vorgang=von,
        nach_vorgang=ziel,
        benutzer_id=zugriff.benutzer_id,
    )
    protokolliere(
        "dokument.verschoben",
        objekt=dokument,
        alt={"vorgang": von.betreff, "akte": von.akte.aktenzeichen},
        neu={"vorgang": ziel.betreff, "akte": ziel.akte.aktenzeichen},
    )
    return dokument


@transaction.atomic
def dokument_loeschen(dokument: Dokument, grund: str) -> None:
    """Remove a Dokument filed by mistake (wrong Akte, duplicate upload) while its Akte is open.

    The record says who removed what and why, with the file's checksum; the stored original
    stays in the content-addressed store (other records may share it, and nothing accepted is
    ever destroyed outside the Aussonderung). Search forgets it in the same transaction.
    """
    akte = dokument.vorgang.akte
    pruefe_bearbeiten(akte)
    grund = grund.strip()
    if len(grund) < 5:
        raise ValidationError({"grund": "Bitte geben Sie an, warum das Dokument entfernt wird."})
    if akte.status != akte.Status.OFFEN:
        raise ValidationError("Die Akte ist abgeschlossen; ihre Dokumente können nicht entfernt werden.")
    if dokument.vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist zdA; seine Dokumente können nicht entfernt werden.")
    versionen = list(
        Dokumentversion._base_manager.filter(dokument=dokument).values("nummer", "dateiname", "datei_id")
    )
    protokolliere(
        "dokument.entfernt",
        objekt=dokument,
        alt=_werte(dokument)
        | {
            "akte": akte.aktenzeichen,
            "versionen": [{**v, "datei_id": str(v["datei_id"])} for v in versionen],
        },
        neu={"grund": grund},
    )
    try:
        dokument.delete()
    except ProtectedError:  # e.g. signed in a Verfügung: that record must stay whole
        raise ValidationError(
            "Das Dokument ist Teil eines Geschäftsgangs (mitgezeichnet oder gezeichnet) und kann nicht "
            "entfernt werden."
        ) from None
