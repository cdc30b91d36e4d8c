"""What a clerk does with an Eingang: file it (it becomes a Dokument), discard it, or split a scan.

Every way out keeps the original: filing points the new Dokument at the same stored file,
discarding only marks the Eingang, splitting writes the parts as new files and keeps the whole.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.akten.models import Akte, Dokument, Dokumenttyp, Vorgang
from rathausnetz.akten.services import dokumente, vorgaenge
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.services import annahme
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.speicher.typen import ERLAUBT
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


def _gesperrt(eingang: Eingang) -> Eingang:
    """Lock the row: two clerks pressing "Ablegen" at once must not make two Dokumente."""
    aktuell = Eingang.objects.select_for_update().get(pk=eingang.pk)
    if aktuell.erledigung != Eingang.Erledigung.OFFEN:
        raise ValidationError(f"Dieser Eingang ist bereits erledigt ({aktuell.get_erledigung_display()}).")
    return aktuell


def ablegbar(eingang: Eingang) -> bool:
    """Finished ones; failed ones too if their type is allowed (e.g. a password-protected PDF)."""
    if eingang.status == Eingang.Status.FERTIG:
        return True
    return eingang.status == Eingang.Status.FEHLGESCHLAGEN and eingang.mime_typ in ERLAUBT


@transaction.atomic
def ablegen(
    eingang: Eingang,
    *,
    vorgang: Vorgang | None = None,
    akte: Akte | None = None,
    neuer_vorgang: str = "",
    betreff: str = "",
    dokumentdatum: dt.date | None = None,
    absender: str = "",
    dokumenttyp: Dokumenttyp | None = None,
    vertraulichkeit: str = "offen",
    mit_anhaengen: bool = True,
) -> Dokument:
    """File into an existing Vorgang, or into a new Vorgang ``neuer_vorgang`` of ``akte``."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    eingang = _gesperrt(eingang)
    if not ablegbar(eingang):
        raise ValidationError("Der Eingang wird noch verarbeitet und kann erst danach abgelegt werden.")
    if vorgang is None:
        if akte is None:
            raise ValidationError({"akte": "Bitte wählen Sie eine Akte oder einen Vorgang."})
        if not neuer_vorgang.strip():
            raise ValidationError({"neuer_vorgang": "Bitte geben Sie den Betreff des neuen Vorgangs an."})
        vorgang = vorgaenge.vorgang_anlegen(akte, neuer_vorgang.strip())
    dokument = dokumente.dokument_aus_datei(
        vorgang,
        eingang.datei,
        eingang.dateiname,
        eingang.text,
        betreff=betreff,
        dokumentdatum=dokumentdatum,
        eingangsdatum=timezone.localdate(eingang.erstellt_am),
        absender=absender,
        dokumenttyp=dokumenttyp,
        vertraulichkeit=vertraulichkeit,
    )
    _erledigen(eingang, Eingang.Erledigung.ABGELEGT, zugriff.benutzer_id, dokument=dokument)
    protokolliere(
        "eingang.abgelegt",
        objekt=eingang,
        neu={"dokument": dokument.pk, "akte": vorgang.akte.aktenzeichen, "vorgang": vorgang.betreff},
    )
    if mit_anhaengen:
        for kind in eingang.kinder.filter(erledigung=Eingang.Erledigung.OFFEN).order_by("pk"):
            if ablegbar(kind):
                ablegen(kind, vorgang=vorgang, dokumenttyp=None, vertraulichkeit=vertraulichkeit)
    _training_anstossen(eingang.organisation_id)
    return dokument


def _erledigen(eingang: Eingang, art: str, benutzer_id: int | None, dokument=None, grund: str = "") -> None:
    eingang.erledigung = art
    eingang.dokument = dokument
    eingang.erledigt_am = timezone.now()
    eingang.erledigt_von_id = benutzer_id
    eingang.erledigt_grund = grund[:300]
    eingang.save(update_fields=["erledigung", "dokument", "erledigt_am", "erledigt_von", "erledigt_grund"])


def _training_anstossen(organisation_id: int) -> None:
    from rathausnetz.eingang.services.vorschlaege import training_faellig
    from rathausnetz.eingang.tasks import ablagemodell_trainieren

    if training_faellig(organisation_id):
        transaction.on_commit(lambda: ablagemodell_trainieren.enqueue(organisation_id))


@transaction.atomic
def verwerfen(eingang: Eingang, grund: str) -> Eingang:
    """Mark as not to be filed (advertising, misdirected mail); the original stays stored."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    grund = grund.strip()
    if len(grund) < 3:
        raise ValidationError({"grund": "Bitte geben Sie kurz an, warum der Eingang verworfen wird."})
    eingang = _gesperrt(eingang)
    _erledigen(eingang, Eingang.Erledigung.VERWORFEN, zugriff.benutzer_id, grund=grund)
    protokolliere("eingang.verworfen", objekt=eingang, neu={"grund": grund})
    return eingang


_BEREICH = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def bereiche_lesen(eingabe: str, seiten: int) -> list[tuple[int, int]]:
    """``"1-2, 3, 4–6"`` → ``[(1, 2), (3, 3), (4, 6)]``, checked against the page count."""
    bereiche: list[tuple[int, int]] = []
    for teil in [t for t in re.split(r"[,;]", eingabe) if t.strip()]:
        treffer = _BEREICH.match(teil)
        if not treffer:
            raise ValidationError(
                {"bereiche": f"„{teil.strip()}“ ist kein Seitenbereich. Beispiel: 1-2, 3, 4-6"}
            )
        von = int(treffer[1])
        bis = int(treffer[2] or von)
        if not 1 <= von <= bis <= seiten:
            raise ValidationError(
                {"bereiche": f"Seiten {von}–{bis} gibt es nicht; das Dokument hat {seiten} Seiten."}
            )
        if any(von <= b and a <= bis for a, b in bereiche):
            raise ValidationError(
                {"bereiche": f"Seiten {von}–{bis} überschneiden sich mit einem anderen Teil."}
            )
        bereiche.append((von, bis))
    if len(bereiche) < 2:
        raise ValidationError({"bereiche": "Zum Aufteilen braucht es mindestens zwei Seitenbereiche."})
    return bereiche


def aufteilen(eingang: Eingang, eingabe: str) -> list[Eingang]:
    """Split a multi-document scan into new Eingänge by page ranges (from the OCR'd rendition,
    so the parts keep their text layer). The whole scan stays stored and is marked "aufgeteilt"."""
    from pypdf import PdfReader, PdfWriter

    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if eingang.status != Eingang.Status.FERTIG or not eingang.seiten:
        raise ValidationError("Nur fertig verarbeitete PDF-Dokumente und Scans können aufgeteilt werden.")
    bereiche = bereiche_lesen(eingabe, eingang.seiten)
    pdfa = speicher.abgeleitet_pfad(eingang.datei_id, "pdfa_pdf")
    quelle = pdfa if eingang.pdfa and pdfa.exists() else speicher.original_pfad(eingang.datei_id)
    if eingang.mime_typ != "application/pdf" and quelle != pdfa:
        raise ValidationError("Dieses Dokument hat keine PDF-Fassung und kann nicht aufgeteilt werden.")
    leser = PdfReader(quelle)
    stamm = eingang.dateiname.rsplit(".", 1)[0]
    teile: list[tuple[str, bytes]] = []
    for von, bis in bereiche:
        schreiber = PdfWriter()
        for nummer in range(von - 1, bis):
            schreiber.add_page(leser.pages[nummer])
        puffer = io.BytesIO()
        schreiber.write(puffer)
        name = f"{stamm} (S. {von}–{bis}).pdf" if bis > von else f"{stamm} (S. {von}).pdf"
        teile.append((name, puffer.getvalue()))
    with transaction.atomic():
        eingang = _gesperrt(eingang)
        neue = [
            annahme.annehmen_bytes(
                eingang.organisation_id,
                daten,
                name,
                Eingang.Quelle.TEILUNG,
                benutzer_id=zugriff.benutzer_id,
                eltern=eingang,
            )
            for name, daten in teile
        ]
        _erledigen(eingang, Eingang.Erledigung.AUFGETEILT, zugriff.benutzer_id, grund=eingabe)
        protokolliere(
            "eingang.aufgeteilt", objekt=eingang, neu={"bereiche": eingabe, "teile": [e.pk for e in neue]}
        )
    return neue
