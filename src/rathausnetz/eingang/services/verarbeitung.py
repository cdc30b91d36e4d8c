"""Processing one Eingang exactly once, even when a worker dies half-way.

A worker first *claims* the row (one conditional UPDATE: only a waiting row, or one whose
worker is gone); it runs the steps in a private work folder without touching the database; then
it writes every result in one transaction, again conditional on still holding the claim. A
worker killed with SIGKILL leaves a claimed row and nothing else: ``liegengebliebene_freigeben``
(run when a worker starts, and every minute by the worker's watcher) sees that the claiming
process no longer exists — or that the claim is older than ``FRIST`` on another machine — and
queues the row again. Children (mail attachments) are created in the final transaction, so
they exist exactly once too.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import socket
import tempfile
import time
from pathlib import Path

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.akten.services.dokumente import max_bytes
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.schritte import SCHRITTE, Abbruch, Arbeit
from rathausnetz.eingang.services import annahme
from rathausnetz.eingang.services.wortschatz import wortschatz
from rathausnetz.protokoll.services import protokolliere

logger = logging.getLogger(__name__)

#: a claim older than this is taken over even if its worker might still live (another machine)
FRIST = dt.timedelta(minutes=30)
#: after this many started attempts (each ended by a crash), the document is given up
MAX_VERSUCHE = 3

UNERWARTET = (
    "Bei der Verarbeitung ist ein unerwarteter Fehler aufgetreten. Die Originaldatei ist sicher "
    "gespeichert; Sie können die Verarbeitung erneut starten. Technische Details stehen im Server-Log."
)


def bearbeiter_kennung() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def uebernehmen(eingang_id: int) -> str | None:
    """Claim the row for this process; ``None`` if it is done or someone else works on it."""
    token = secrets.token_hex(16)
    jetzt = timezone.now()
    frei = Q(status=Eingang.Status.WARTEND)
    n = (
        Eingang._base_manager.filter(frei, pk=eingang_id)
        .filter(versuche__lt=MAX_VERSUCHE)
        .update(
            status=Eingang.Status.IN_ARBEIT,
            bearbeiter=bearbeiter_kennung(),
            bearbeitung_seit=jetzt,
            bearbeitung_token=token,
            versuche=F("versuche") + 1,
        )
    )
    if n:
        return token
    _aufgeben_wenn_erschoepft(eingang_id)
    return None


def _aufgeben_wenn_erschoepft(eingang_id: int) -> None:
    Eingang._base_manager.filter(
        pk=eingang_id, status=Eingang.Status.WARTEND, versuche__gte=MAX_VERSUCHE
    ).update(
        status=Eingang.Status.FEHLGESCHLAGEN,
        fehler=(
            f"Die Verarbeitung wurde {MAX_VERSUCHE}-mal unterbrochen und deshalb angehalten. Die "
            "Originaldatei ist sicher gespeichert; bitte wenden Sie sich an die IT."
        ),
    )


def verarbeiten(eingang_id: int) -> bool:
    """Run the steps for one Eingang; ``False`` if there was nothing (left) to do."""
    token = uebernehmen(eingang_id)
    if token is None:
        return False
    eingang = Eingang._base_manager.select_related("datei", "eltern").get(pk=eingang_id)
    ordner = Path(tempfile.mkdtemp(prefix=f"eingang-{eingang_id}-"))
    arbeit = Arbeit(
        organisation_id=eingang.organisation_id,
        sha256=eingang.datei_id,
        dateiname=eingang.dateiname,
        ordner=ordner,
        wortschatz=lambda: wortschatz(eingang.organisation_id),
        textebene_aus_ocr=eingang.quelle == Eingang.Quelle.TEILUNG
        and bool(eingang.eltern and eingang.eltern.ocr),
    )
    beginn = time.perf_counter()
    try:
        for schritt in SCHRITTE:
            schritt(arbeit)
    except Abbruch as grund:
        _beenden(eingang, token, arbeit, fehler=str(grund))
        return True
    except Exception:
        logger.exception("Eingang %s: Verarbeitung fehlgeschlagen", eingang_id)
        _beenden(eingang, token, arbeit, fehler=UNERWARTET)
        return True
    finally:
        logger.info("Eingang %s in %.2f s verarbeitet", eingang_id, time.perf_counter() - beginn)
    try:
        if arbeit.pdfa is not None:
            _ablegen_abgeleitet(arbeit.pdfa, speicher.abgeleitet_pfad(arbeit.sha256, "pdfa_pdf"))
        kinder = [(k, speicher.ablegen(_Bytes(k.daten), max_bytes())) for k in arbeit.kinder]
    except Exception:
        logger.exception("Eingang %s: Ergebnisse nicht speicherbar", eingang_id)
        _beenden(eingang, token, arbeit, fehler=UNERWARTET)
        return True
    finally:
        shutil.rmtree(ordner, ignore_errors=True)
    _beenden(eingang, token, arbeit, kinder=kinder)
    return True


class _Bytes:
    def __init__(self, daten: bytes) -> None:
        self.daten, self.pos = daten, 0

    def read(self, n: int = -1) -> bytes:
        teil = self.daten[self.pos : None if n < 0 else self.pos + n]
        self.pos += len(teil)
        return teil


def _ablegen_abgeleitet(quelle: Path, ziel: Path) -> None:
    ziel.parent.mkdir(parents=True, exist_ok=True)
    tmp = ziel.with_suffix(".tmp")
    shutil.copyfile(quelle, tmp)
    with tmp.open("rb") as datei:
        os.fsync(datei.fileno())
    os.replace(tmp, ziel)


@transaction.atomic
def _beenden(eingang: Eingang, token: str, arbeit: Arbeit, fehler: str = "", kinder=()) -> None:
    werte = {
        "status": Eingang.Status.FEHLGESCHLAGEN if fehler else Eingang.Status.FERTIG,
        "fehler": fehler,
        "mime_typ": arbeit.mime,
        "bearbeiter": "",
        "bearbeitung_token": "",
        "fertig_am": timezone.now(),
    }
    if not fehler:
        werte |= {
            "text_roh": arbeit.text_roh,
            "text": arbeit.text,
            "seiten": arbeit.seiten,
            "ocr": arbeit.ocr,
            "pdfa": arbeit.pdfa is not None,
            "korrekturen": arbeit.korrekturen[:500],
            "metadaten": arbeit.metadaten,
            "vorschlaege": arbeit.vorschlaege,
        }
    n = Eingang._base_manager.filter(
        pk=eingang.pk, bearbeitung_token=token, status=Eingang.Status.IN_ARBEIT
    ).update(**werte)
    if n == 0:  # our claim was taken over (we were presumed dead): the other worker writes
        logger.warning("Eingang %s: Ergebnis verworfen, Bearbeitung wurde übernommen", eingang.pk)
        return
    for kind, ablage in kinder:
        _kind_anlegen(eingang, kind, ablage)
    protokolliere(
        "eingang.fehlgeschlagen" if fehler else "eingang.verarbeitet",
        objekt=eingang,
        neu={"status": werte["status"], "fehler": fehler, "seiten": arbeit.seiten, "ocr": arbeit.ocr}
        | ({"anhaenge": len(kinder)} if kinder else {}),
    )


def _kind_anlegen(eltern: Eingang, kind, ablage: speicher.Ablage) -> None:
    with open(ablage.pfad, "rb") as quelle:
        annahme.annehmen(
            eltern.organisation_id,
            quelle,
            kind.dateiname,
            eltern.quelle,
            benutzer_id=eltern.erstellt_von_id,
            eltern=eltern,
            message_id=kind.message_id,
        )


def _prozess_lebt(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def liegengebliebene_freigeben() -> int:
    """Queue again what a dead worker left claimed; returns how many rows were freed."""
    host = socket.gethostname()
    grenze = timezone.now() - FRIST
    freigegeben = 0
    for pk, bearbeiter, seit in Eingang._base_manager.filter(status=Eingang.Status.IN_ARBEIT).values_list(
        "pk", "bearbeiter", "bearbeitung_seit"
    ):
        name, _, pid = bearbeiter.rpartition(":")
        tot = name == host and pid.isdigit() and not _prozess_lebt(int(pid))
        if not tot and (seit is None or seit >= grenze):
            continue
        with transaction.atomic():
            n = Eingang._base_manager.filter(
                pk=pk, status=Eingang.Status.IN_ARBEIT, bearbeiter=bearbeiter
            ).update(status=Eingang.Status.WARTEND, bearbeiter="", bearbeitung_token="")
            if n:
                logger.warning("Eingang %s: Bearbeiter %s ist nicht mehr da – neu eingereiht", pk, bearbeiter)
                annahme.einreihen(pk)
                freigegeben += 1
    return freigegeben


@transaction.atomic
def erneut_versuchen(eingang: Eingang) -> Eingang:
    """A failed Eingang goes back to the queue (after the cause was fixed, e.g. Tesseract installed)."""
    if eingang.status != Eingang.Status.FEHLGESCHLAGEN:
        from django.core.exceptions import ValidationError

        raise ValidationError("Nur fehlgeschlagene Eingänge können erneut verarbeitet werden.")
    Eingang._base_manager.filter(pk=eingang.pk).update(
        status=Eingang.Status.WARTEND, fehler="", versuche=0, bearbeiter="", bearbeitung_token=""
    )
    protokolliere("eingang.erneut_eingereiht", objekt=eingang)
    annahme.einreihen(eingang.pk)
    eingang.refresh_from_db()
    return eingang
