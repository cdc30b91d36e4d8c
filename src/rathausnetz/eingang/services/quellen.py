"""Where post comes from besides uploads: the consume folder and the IMAP mailboxes.

Both are polled by every worker (``beobachten``); claims keep two workers from taking the same
file (atomic rename) or the same mailbox (conditional update of ``naechster_versuch``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import default as standard_policy
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from rathausnetz.akten.services.dokumente import ZuGrosseDatei
from rathausnetz.eingang.models import Eingang, Postfach
from rathausnetz.eingang.services import annahme
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kontext import systemzugriff

logger = logging.getLogger(__name__)

#: files younger than this may still be being written by the scanner
RUHEZEIT_SEKUNDEN = 2.0
ABGELEHNT = "abgelehnt"
ABRUF_ABSTAND = dt.timedelta(minutes=2)
MAX_WARTEZEIT = dt.timedelta(hours=1)


@dataclass
class Einlesung:
    angenommen: list[Eingang] = field(default_factory=list)
    abgelehnt: list[tuple[str, str]] = field(default_factory=list)


def _abgelehnt_ablegen(datei: Path, ordner: Path, grund: str) -> None:
    """Quarantine for what could not even be stored (over the size limit): moved, with the reason."""
    ziel = ordner / ABGELEHNT
    ziel.mkdir(exist_ok=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{datei.name}"
    os.replace(datei, ziel / name)
    (ziel / f"{name}.grund.txt").write_text(grund + "\n", encoding="utf-8")


def ordner_einlesen(ordner: Path, organisation_id: int, herkunft: str = Eingang.Quelle.ORDNER) -> Einlesung:
    """Take every finished file in ``ordner`` into the Posteingang and remove it from the folder.

    A file is removed only after its original is safely stored and its row committed. Hidden
    files, files still being written and symbolic links (which could point anywhere on the
    server) are left alone.
    """
    ergebnis = Einlesung()
    if not ordner.is_dir():
        return ergebnis
    jetzt = time.time()
    for pfad in sorted(ordner.iterdir()):
        if pfad.name.startswith(".") or pfad.suffix in {".tmp", ".part"} or pfad.is_symlink():
            continue
        if not pfad.is_file() or jetzt - pfad.stat().st_mtime < RUHEZEIT_SEKUNDEN:
            continue
        in_arbeit = pfad.with_name(f".{pfad.name}.{os.getpid()}.rathausnetz")
        try:
            os.rename(pfad, in_arbeit)  # atomic: another worker that tries too gets nothing
        except FileNotFoundError:
            continue
        try:
            with in_arbeit.open("rb") as quelle:
                eingang = annahme.annehmen(organisation_id, quelle, pfad.name, herkunft)
        except ZuGrosseDatei as fehler:
            os.replace(in_arbeit, pfad)
            _abgelehnt_ablegen(pfad, ordner, fehler.messages[0])
            ergebnis.abgelehnt.append((pfad.name, fehler.messages[0]))
            continue
        except BaseException:
            os.replace(in_arbeit, pfad)  # put it back for the next round
            raise
        in_arbeit.unlink()
        ergebnis.angenommen.append(eingang)
    return ergebnis


def organisation_fuer_ordner(name: str) -> Organisation | None:
    """A consume subfolder is named by the organisation's number or its municipality's AGS."""
    if name.isdigit():
        treffer = Organisation.objects.filter(pk=int(name)).first()
        if treffer is not None:
            return treffer
    return (
        Organisation.objects.filter(kommunen__ags=name, typ=Organisation.Typ.GEMEINDEVERWALTUNG).first()
        or Organisation.objects.filter(kommunen__ags=name).order_by("pk").first()
    )


def alle_ordner_einlesen() -> int:
    wurzel = Path(settings.EINGANG_ORDNER)
    if not wurzel.is_dir():
        return 0
    anzahl = 0
    for unterordner in sorted(p for p in wurzel.iterdir() if p.is_dir()):
        organisation = organisation_fuer_ordner(unterordner.name)
        if organisation is None:
            continue
        anzahl += len(ordner_einlesen(unterordner, organisation.pk).angenommen)
    return anzahl


def _mail_annehmen(postfach: Postfach, rohdaten: bytes) -> None:
    kopf = BytesHeaderParser(policy=standard_policy).parsebytes(rohdaten)
    message_id = str(kopf.get("Message-ID", "") or "").strip()[:300]
    if (
        message_id
        and Eingang._base_manager.filter(
            organisation_id=postfach.organisation_id, message_id=message_id
        ).exists()
    ):
        return  # fetched again after a crash before the move: already here
    # the subject names the file; "Nr. 31/25" must not become a path
    betreff = str(kopf.get("Subject", "") or "").strip().replace("/", "-").replace("\\", "-") or "E-Mail"
    annahme.annehmen_bytes(
        postfach.organisation_id, rohdaten, f"{betreff[:100]}.eml", Eingang.Quelle.MAIL, message_id=message_id
    )


def postfach_abrufen(postfach: Postfach) -> int:
    """Fetch one mailbox; on failure, back off exponentially (2, 4, 8 … minutes, at most an hour)."""
    from rathausnetz.eingang import imap

    zugang = imap.ImapZugang(
        host=postfach.host,
        port=postfach.port,
        benutzer=postfach.benutzer,
        passwort=postfach.passwort,
        ordner=postfach.ordner,
        verschluesselung=postfach.verschluesselung,
        ziel_ordner=postfach.ziel_ordner,
    )
    jetzt = timezone.now()
    try:
        anzahl = imap.abholen(zugang, lambda roh: _mail_annehmen(postfach, roh))
    except imap.PostfachNichtErreichbar as fehler:
        fehlversuche = postfach.fehlversuche + 1
        warten = min(ABRUF_ABSTAND * 2 ** (fehlversuche - 1), MAX_WARTEZEIT)
        Postfach._base_manager.filter(pk=postfach.pk).update(
            fehlversuche=fehlversuche, naechster_versuch=jetzt + warten, letzter_fehler=str(fehler)[:300]
        )
        logger.warning(
            "Postfach %s (%s): %s – nächster Versuch in %s", postfach.pk, postfach.host, fehler, warten
        )
        return 0
    Postfach._base_manager.filter(pk=postfach.pk).update(
        fehlversuche=0, letzter_fehler="", letzter_abruf=jetzt, naechster_versuch=jetzt + ABRUF_ABSTAND
    )
    return anzahl


def faellige_postfaecher_abrufen() -> int:
    from django.db.models import Q

    jetzt = timezone.now()
    anzahl = 0
    for postfach in Postfach._base_manager.filter(aktiv=True).filter(
        Q(naechster_versuch__isnull=True) | Q(naechster_versuch__lte=jetzt)
    ):
        # claim: only one worker polls a mailbox at a time
        if not Postfach._base_manager.filter(
            pk=postfach.pk, naechster_versuch=postfach.naechster_versuch
        ).update(naechster_versuch=jetzt + dt.timedelta(minutes=10)):
            continue
        anzahl += postfach_abrufen(postfach)
    return anzahl


def beobachten(stopp, abstand: float = 10.0) -> None:
    """The worker's watcher thread: consume folders, mailboxes, and work left by dead workers."""
    from rathausnetz.eingang.services.verarbeitung import liegengebliebene_freigeben

    while not stopp.is_set():
        for aufgabe in (liegengebliebene_freigeben, alle_ordner_einlesen, faellige_postfaecher_abrufen):
            try:
                close_old_connections()
                with systemzugriff("Posteingang-Beobachter"):
                    aufgabe()
            except Exception:
                logger.exception("Posteingang-Beobachter: %s fehlgeschlagen", aufgabe.__name__)
        close_old_connections()
        stopp.wait(abstand)
