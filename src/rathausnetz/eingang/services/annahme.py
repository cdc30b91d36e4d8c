"""Taking a file into the Posteingang: store the original first, then queue its processing.

Whatever arrives — upload, API, consume folder, mail, CLI — goes through ``annehmen``. The
original is written to the content-addressed store (atomic, fsync) before the row exists, and
the task is enqueued only after the transaction committed: a crash at any point leaves either
nothing or a stored original with a waiting row that the worker picks up.
"""

from __future__ import annotations

import io
from typing import BinaryIO

import magic
from django.core.exceptions import ValidationError
from django.db import transaction

from rathausnetz import speicher
from rathausnetz.akten.models import Datei, Dokumentversion
from rathausnetz.akten.services.dokumente import original_ablegen
from rathausnetz.eingang.models import Eingang
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import aktueller_zugriff


def _duplikat(organisation_id: int, sha256: str) -> Eingang | None:
    """An earlier Eingang of the same file in this organisation (not one that was thrown away)."""
    return (
        Eingang._base_manager.filter(organisation_id=organisation_id, datei_id=sha256, duplikat_von=None)
        .exclude(erledigung=Eingang.Erledigung.VERWORFEN)
        .order_by("pk")
        .first()
    )


def annehmen(
    organisation_id: int,
    quelle: BinaryIO,
    dateiname: str,
    herkunft: str,
    *,
    benutzer_id: int | None = None,
    eltern: Eingang | None = None,
    message_id: str = "",
) -> Eingang:
    """Store ``quelle`` and put it into the organisation's Posteingangskorb.

    The same file twice in one organisation is stored once; the second Eingang is linked to the
    first (``duplikat_von``) and shown as a duplicate instead of being processed again.
    """
    name = speicher.sicherer_dateiname(dateiname)
    ablage = original_ablegen(quelle, name)
    with transaction.atomic():
        datei = Datei.objects.filter(sha256=ablage.sha256).first()
        if datei is None:
            mime = magic.from_file(str(ablage.pfad), mime=True) if ablage.groesse else "application/x-empty"
            datei = Datei.objects.create(sha256=ablage.sha256, groesse=ablage.groesse, mime_typ=mime[:100])
        frueher = _duplikat(organisation_id, ablage.sha256)
        bereits_abgelegt = (
            frueher is None
            and Dokumentversion._base_manager.filter(
                organisation_id=organisation_id, datei_id=ablage.sha256
            ).exists()
        )
        eingang = Eingang(
            organisation_id=organisation_id,
            quelle=herkunft,
            datei=datei,
            dateiname=name,
            eltern=eltern,
            message_id=message_id[:300],
            erstellt_von_id=benutzer_id,
        )
        if frueher is not None or bereits_abgelegt:
            _als_duplikat(eingang, frueher)
        eingang.save()
        protokolliere(
            "eingang.angenommen",
            objekt=eingang,
            neu={"datei": name, "sha256": ablage.sha256, "quelle": herkunft, "groesse": ablage.groesse}
            | ({"duplikat_von": frueher.pk} if frueher else {}),
        )
        if eingang.status == Eingang.Status.WARTEND:
            einreihen(eingang.pk)
    return eingang


def _als_duplikat(eingang: Eingang, frueher: Eingang | None) -> None:
    """A duplicate is not processed again: it carries the earlier results and a note."""
    eingang.status = Eingang.Status.FERTIG
    if frueher is not None:
        eingang.duplikat_von = frueher
        for feld in (
            "mime_typ",
            "text_roh",
            "text",
            "seiten",
            "ocr",
            "pdfa",
            "korrekturen",
            "metadaten",
            "vorschlaege",
        ):
            setattr(eingang, feld, getattr(frueher, feld))
        eingang.fehler = f"Diese Datei ist bereits im Posteingang (Eingang Nr. {frueher.pk})."
    else:
        version = (
            Dokumentversion._base_manager.select_related("dokument__vorgang__akte")
            .filter(organisation_id=eingang.organisation_id, datei_id=eingang.datei_id)
            .first()
        )
        eingang.text = eingang.text_roh = version.text
        eingang.mime_typ = eingang.datei.mime_typ
        eingang.fehler = (
            "Diese Datei ist bereits abgelegt: "
            f"{version.dokument.vorgang.akte.aktenzeichen} – {version.dokument.betreff}."
        )


def annehmen_bytes(organisation_id: int, daten: bytes, dateiname: str, herkunft: str, **kw) -> Eingang:
    return annehmen(organisation_id, io.BytesIO(daten), dateiname, herkunft, **kw)


def einreihen(eingang_id: int) -> None:
    """Queue processing once the surrounding transaction has committed (STYLE 6)."""
    from rathausnetz.eingang.tasks import eingang_verarbeiten

    transaction.on_commit(lambda: eingang_verarbeiten.enqueue(eingang_id))


def benutzer_id() -> int | None:
    zugriff = aktueller_zugriff()
    return zugriff.benutzer_id if zugriff else None


def hochladen(quelle: BinaryIO, dateiname: str, herkunft: str = Eingang.Quelle.UPLOAD) -> Eingang:
    """Upload by a person (UI, API) into the organisation they act for."""
    from rathausnetz.zugang.rechte import Recht
    from rathausnetz.zugang.services import pruefe_recht

    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if zugriff.organisation_id is None:
        raise ValidationError("Bitte wählen Sie zuerst die Organisation, für die Sie arbeiten.")
    return annehmen(zugriff.organisation_id, quelle, dateiname, herkunft, benutzer_id=zugriff.benutzer_id)
