"""Receiving XDOMEA messages: read, validate, then hand to the service for the message type.

Nothing is imported from a message that fails the schemas or the package checks; the received
file is stored first (like every original) so that it is never lost, even when it is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rathausnetz import speicher
from rathausnetz.akten.models import Aktenplaneintrag, Datei
from rathausnetz.austausch import paket as paket_modul
from rathausnetz.austausch import schema
from rathausnetz.austausch.schema import Befund, UngueltigeNachricht
from rathausnetz.austausch.services import abgabe, aktenplan, aussonderung
from rathausnetz.austausch.services.abgabe import Empfang
from rathausnetz.austausch.xdomea import NACHRICHTEN, kopf_lesen
from rathausnetz.speicher.ablage import ZuGross
from rathausnetz.zugang.kontext import aktueller_zugriff

#: message type → handler(paket, stored file, file name, **options); other apps' services add theirs
EMPFAENGER: dict[str, Callable[..., Empfang]] = {
    "0302": aktenplan.quittung_empfangen,
    "0402": abgabe.quittung_empfangen,
    "0403": abgabe.quittung_empfangen,
    "0502": aussonderung.bewertung_empfangen,
    "0504": aussonderung.quittung_empfangen,
    "0506": aussonderung.quittung_empfangen,
    "0507": aussonderung.quittung_empfangen,
}


def oeffnen(pfad: Path) -> paket_modul.Paket:
    """Read and validate a package; every problem comes back as ``UngueltigeNachricht``."""
    paket = paket_modul.lesen(pfad)
    schema.sicherstellen(paket.baum)
    if paket.typ not in NACHRICHTEN:
        raise UngueltigeNachricht(
            [Befund(0, paket.typ, "Diesen Nachrichtentyp verarbeitet Rathausnetz nicht.")]
        )
    return paket


def paket_ablegen(quelle, dateiname: str) -> speicher.Ablage:
    """Store a received package like an original, under the package limit (not the single-file one):
    an Abgabe holds many documents. ZIP headers may add a little to the content's size."""
    from django.core.exceptions import ValidationError

    grenze = paket_modul.max_paket_bytes()
    try:
        return speicher.ablegen(quelle, grenze + grenze // 50 + 1024 * 1024)
    except ZuGross:
        raise ValidationError(
            f"„{dateiname}“ ist größer als {grenze // (1024 * 1024)} MB und wurde nicht angenommen."
        ) from None


def _ablegen(pfad: Path) -> Datei:
    sha256 = pfad.name
    if pfad != _gespeichert(sha256):  # the CLI reads from anywhere; the UI and API stored it already
        with pfad.open("rb") as quelle:
            sha256 = paket_ablegen(quelle, pfad.name).sha256
    mime = "application/zip" if paket_modul.ist_zip(pfad) else "application/xml"
    datei, _ = Datei.objects.get_or_create(
        sha256=sha256, defaults={"groesse": _gespeichert(sha256).stat().st_size, "mime_typ": mime}
    )
    return datei


def _gespeichert(sha256: str) -> Path | None:
    try:
        return speicher.original_pfad(sha256)
    except ValueError:
        return None


def vorschau(
    pfad: Path, eintraege: dict[str, Aktenplaneintrag] | None = None, standard: Aktenplaneintrag | None = None
) -> Empfang:
    """What importing would do, without doing it: for the confirmation page and ``--pruefen``."""
    paket = oeffnen(pfad)
    k = kopf_lesen(paket.wurzel)
    empfang = Empfang(paket.typ, k)
    if paket.typ == "0401":
        fremde = abgabe.pruefen(paket)
        zugriff = aktueller_zugriff()
        empfang.zuordnungen = abgabe.zuordnen(fremde, zugriff.organisation_id, eintraege or {}, standard)
    elif paket.typ == "0301":
        empfang.abgleich = aktenplan.vergleichen(aktenplan.lesen(paket.wurzel))
    return empfang


def empfangen(
    pfad: Path,
    dateiname: str,
    eintraege: dict[str, Aktenplaneintrag] | None = None,
    standard: Aktenplaneintrag | None = None,
    modus: str = "kenntnis",
    **optionen: object,
) -> Empfang:
    """Validate and import a received message of any supported type.

    ``eintraege``/``standard`` place the Akten of an Abgabe (0401); ``modus`` says what a received
    file plan (0301) does to one's own: ``kenntnis``, ``ergaenzen`` or ``angleichen``.
    """
    paket = oeffnen(pfad)
    if paket.typ == "0401":
        fremde = abgabe.pruefen(paket)
        zugriff = aktueller_zugriff()
        zuordnungen = abgabe.zuordnen(fremde, zugriff.organisation_id, eintraege or {}, standard)
        return abgabe.importieren(paket, _ablegen(pfad), dateiname, zuordnungen)
    if paket.typ == "0301":
        aktenplan.modus_pruefen(modus)
        return aktenplan.aktenplan_empfangen(paket, _ablegen(pfad), dateiname, modus)
    handler = EMPFAENGER.get(paket.typ)
    if handler is None:
        raise UngueltigeNachricht(
            [
                Befund(
                    0,
                    paket.typ,
                    f"Eine Nachricht {NACHRICHTEN[paket.typ]}.{paket.typ} nimmt Rathausnetz hier nicht an.",
                )
            ]
        )
    return handler(paket, _ablegen(pfad), dateiname, **optionen)


# --- two-step import from the UI: store the upload first, import after the clerk confirmed ----

_SALZ = "rathausnetz.austausch.empfang"


def hochladen(quelle, dateiname: str) -> str:
    """Store a received package like every original (never lost) and return a signed reference.

    The reference names the stored file, the organisation and the user; another user or tenant
    cannot use it to import someone else's package.
    """
    from django.core import signing

    ablage = paket_ablegen(quelle, dateiname)
    zugriff = aktueller_zugriff()
    return signing.dumps(
        [ablage.sha256, zugriff.organisation_id, zugriff.benutzer_id, dateiname[:200]], salt=_SALZ
    )


def aufloesen(referenz: str) -> tuple[Path, str]:
    """The stored package a reference names, if it belongs to the current user (else a clear error)."""
    from django.core import signing
    from django.core.exceptions import ValidationError

    try:
        sha256, organisation_id, benutzer_id, dateiname = signing.loads(
            referenz, salt=_SALZ, max_age=24 * 3600
        )
    except signing.BadSignature:
        raise ValidationError(
            "Der Import ist abgelaufen oder ungültig. Bitte laden Sie das Paket erneut hoch."
        ) from None
    zugriff = aktueller_zugriff()
    if (organisation_id, benutzer_id) != (zugriff.organisation_id, zugriff.benutzer_id):
        raise ValidationError(
            "Der Import gehört zu einer anderen Sitzung. Bitte laden Sie das Paket erneut hoch."
        )
    return speicher.original_pfad(sha256), dateiname
