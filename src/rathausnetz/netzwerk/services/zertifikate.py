"""Certificates: issuing with an unguessable code, the PDF, and the public check of a code.

The code has 10 characters from an alphabet of 31 without look-alikes (no 0/O, 1/I/L): about
8 · 10^14 possibilities, drawn with ``secrets``. The public page answers an unknown code and a
malformed one with the same message, so it helps nobody to enumerate; repeated misses from one
address are slowed down (``fehlversuch``).
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from rathausnetz.netzwerk.models import Kursmodul, Teilnahme, Zertifikat
from rathausnetz.netzwerk.services._gemeinsam import handelnde_person
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.web import pdf as web_pdf

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LAENGE = 10
#: misses per address and window before the check answers "too many attempts"
HOECHSTE_FEHLVERSUCHE = 20
SPERRFENSTER = 15 * 60


def neuer_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LAENGE))


def normalisieren(eingabe: str | None) -> str | None:
    """``abcde-fghjk`` and ``ABCDE FGHJK`` → ``ABCDEFGHJK``; None if it cannot be a code."""
    code = "".join((eingabe or "").split()).replace("-", "").upper()
    if len(code) != LAENGE or any(c not in ALPHABET for c in code):
        return None
    return code


@transaction.atomic
def ausstellen(teilnahme: Teilnahme) -> Zertifikat:
    """The certificate of a completed participation (the existing one if already issued)."""
    vorhanden = Zertifikat._base_manager.filter(teilnahme=teilnahme).first()
    if vorhanden is not None:
        return vorhanden
    if teilnahme.status != Teilnahme.Status.ABGESCHLOSSEN or teilnahme.abgeschlossen_am is None:
        raise ValidationError("Ein Zertifikat erhalten nur Teilnehmende, die den Kurs abgeschlossen haben.")
    durchgang = teilnahme.durchgang
    navigator = teilnahme.navigator
    module = list(
        Kursmodul._base_manager.filter(kurs_id=durchgang.kurs_id)
        .order_by("reihenfolge", "pk")
        .values_list("titel", flat=True)
    )
    for _versuch in range(5):
        try:
            with transaction.atomic():
                zertifikat = Zertifikat._base_manager.create(
                    teilnahme=teilnahme,
                    code=neuer_code(),
                    name=navigator.name,
                    kommune=navigator.kommune.name,
                    kurs_titel=durchgang.kurs.titel,
                    durchgang=durchgang.bezeichnung,
                    module=module,
                    abschlussdatum=teilnahme.abgeschlossen_am,
                    ausgestellt_von=handelnde_person(),
                )
            break
        except IntegrityError:
            if Zertifikat._base_manager.filter(teilnahme=teilnahme).exists():
                return Zertifikat._base_manager.get(teilnahme=teilnahme)
            continue  # the one-in-10^14 code collision: draw again
    else:  # pragma: no cover - would need five collisions in a row
        raise RuntimeError("Kein freier Prüfcode gefunden")
    protokolliere(
        "zertifikat.ausgestellt",
        objekt=zertifikat,
        organisation_id=navigator.organisation_id,
        neu={
            "kurs": zertifikat.kurs_titel,
            "name": zertifikat.name,
            "abschlussdatum": zertifikat.abschlussdatum,
        },
    )
    return zertifikat


@transaction.atomic
def widerrufen(zertifikat: Zertifikat, grund: str) -> Zertifikat:
    """Withdraw a certificate issued in error; the public check then says so. Network staff only."""
    from rathausnetz.netzwerk.services._gemeinsam import netzwerk_zugriff

    netzwerk_zugriff()
    grund = (grund or "").strip()
    if not grund:
        raise ValidationError({"grund": ["Bitte nennen Sie den Grund des Widerrufs."]})
    if len(grund) > 300:
        raise ValidationError({"grund": ["Zu lang: höchstens 300 Zeichen."]})
    if zertifikat.widerrufen_am is not None:
        raise ValidationError("Dieses Zertifikat ist bereits widerrufen.")
    zertifikat.widerrufen_am = timezone.now()
    zertifikat.save(update_fields=["widerrufen_am"])
    protokolliere(
        "zertifikat.widerrufen",
        objekt=zertifikat,
        organisation_id=zertifikat.teilnahme.navigator.organisation_id,
        daten={"grund": grund, "code": zertifikat.code},
    )
    return zertifikat


def finden(eingabe: str | None) -> Zertifikat | None:
    """Public check: the certificate with this code, or None. Reads across tenants on purpose —
    knowing the code is the permission; only what the certificate itself says is shown."""
    code = normalisieren(eingabe)
    if code is None:
        return None
    return Zertifikat._base_manager.filter(code=code).first()


def _schluessel(adresse: str) -> str:
    return f"rathausnetz:netzwerk:zertifikat-fehlversuche:{adresse}"


def gesperrt(adresse: str) -> bool:
    return cache.get(_schluessel(adresse), 0) >= HOECHSTE_FEHLVERSUCHE


def fehlversuch(adresse: str) -> None:
    schluessel = _schluessel(adresse)
    if cache.add(schluessel, 1, SPERRFENSTER):
        return
    try:
        cache.incr(schluessel)
    except ValueError:  # expired between add and incr
        cache.set(schluessel, 1, SPERRFENSTER)


def pdf(zertifikat: Zertifikat, pruef_url: str) -> bytes:
    """The certificate as A4 PDF (WeasyPrint) from ``netzwerk/pdf/zertifikat.html``."""
    return web_pdf.pdf("netzwerk/pdf/zertifikat.html", {"z": zertifikat, "pruef_url": pruef_url})


def dateiname(zertifikat: Zertifikat) -> str:
    return web_pdf.dateiname(f"Zertifikat-{zertifikat.kurs_titel}-{zertifikat.name}", "pdf")
