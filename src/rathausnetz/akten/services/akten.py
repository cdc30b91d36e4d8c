"""Akten: create, change, close and reopen, share with partner organisations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from rathausnetz.akten.models import Akte, Aktenfreigabe, Aktenplaneintrag, Vertraulichkeit, Vorgang
from rathausnetz.akten.services import aktenzeichen
from rathausnetz.akten.services.aussonderung import aussonderungsdatum
from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht
from rathausnetz.zugang.sichtbarkeit import darf_akte_bearbeiten

FELDER = ["titel", "beschreibung", "organisationseinheit", "verantwortlich", "vertraulichkeit"]


def pruefe_bearbeiten(akte: Akte) -> Zugriff:
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if not darf_akte_bearbeiten(zugriff, akte):
        raise PermissionDenied("Diese Akte ist für Ihre Organisation nur lesbar freigegeben.")
    if akte.status == Akte.Status.ABGESCHLOSSEN:
        raise ValidationError("Die Akte ist abgeschlossen. Öffnen Sie sie erneut, um etwas zu ändern.")
    return zugriff


def _werte(akte: Akte) -> dict[str, object]:
    return {f: getattr(akte, f) for f in [*FELDER, "status", "aktenzeichen", "aussonderungsdatum"]}


@transaction.atomic
def akte_anlegen(
    eintrag: Aktenplaneintrag,
    titel: str,
    beschreibung: str = "",
    organisationseinheit: Organisationseinheit | None = None,
    verantwortlich=None,
    vertraulichkeit: str = Vertraulichkeit.OFFEN,
    eroeffnet_am: dt.date | None = None,
) -> Akte:
    """A new Akte of the acting organisation with the next Aktenzeichen of the entry and year."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if eintrag.organisation_id != zugriff.organisation_id:
        raise ValidationError(
            {"aktenplaneintrag": "Der Aktenplaneintrag gehört nicht zu Ihrer Organisation."}
        )
    if not eintrag.aktiv:
        raise ValidationError(
            {"aktenplaneintrag": "Der Aktenplaneintrag ist geschlossen; neue Akten sind nicht möglich."}
        )
    if organisationseinheit is not None and organisationseinheit.organisation_id != zugriff.organisation_id:
        raise ValidationError({"organisationseinheit": "Die Einheit gehört nicht zu Ihrer Organisation."})
    eroeffnet_am = eroeffnet_am or timezone.localdate()
    laufnummer = aktenzeichen.naechste_laufnummer(eintrag, eroeffnet_am.year)
    akte = Akte(
        organisation_id=zugriff.organisation_id,
        aktenplaneintrag=eintrag,
        laufnummer=laufnummer,
        jahr=eroeffnet_am.year,
        aktenzeichen=aktenzeichen.bilden(
            eintrag,
            laufnummer,
            eroeffnet_am.year,
            organisationseinheit.kuerzel if organisationseinheit else "",
        ),
        titel=titel.strip(),
        beschreibung=beschreibung.strip(),
        organisationseinheit=organisationseinheit,
        verantwortlich=verantwortlich,
        vertraulichkeit=vertraulichkeit,
        eroeffnet_am=eroeffnet_am,
    )
    akte.full_clean()
    akte.save()
    protokolliere("akte.angelegt", objekt=akte, neu=_werte(akte) | {"aktenplaneintrag": eintrag.kennzeichen})
    return akte


@transaction.atomic
def akte_aendern(akte: Akte, **felder: object) -> Akte:
    zugriff = pruefe_bearbeiten(akte)
    if set(felder) - set(FELDER):
        raise ValueError(f"nicht änderbar: {set(felder) - set(FELDER)}")
    einheit = felder.get("organisationseinheit")
    if einheit is not None and einheit.organisation_id != akte.organisation_id:
        raise ValidationError({"organisationseinheit": "Die Einheit gehört nicht zur Organisation der Akte."})
    if "vertraulichkeit" in felder and akte.organisation_id != zugriff.organisation_id:
        raise PermissionDenied("Die Vertraulichkeit legt die federführende Organisation fest.")
    alt = _werte(akte)
    for name, wert in felder.items():
        setattr(akte, name, wert.strip() if isinstance(wert, str) else wert)
    akte.full_clean()
    akte.save()
    protokolliere("akte.geaendert", objekt=akte, alt=alt, neu=_werte(akte))
    return akte


@transaction.atomic
def akte_schliessen(akte: Akte, geschlossen_am: dt.date | None = None) -> Akte:
    """Close the Akte; every Vorgang must be zdA first. Computes the Aussonderungsdatum."""
    pruefe_bearbeiten(akte)
    offen = list(
        Vorgang.objects.filter(akte=akte).exclude(status=Vorgang.Status.ZDA).values_list("betreff", flat=True)
    )
    if offen:
        liste = ", ".join(f"„{b}“" for b in offen[:5]) + (" …" if len(offen) > 5 else "")
        raise ValidationError(
            f"Die Akte hat noch {len(offen)} offene(n) Vorgang/Vorgänge ({liste}). "
            "Schließen Sie diese zuerst (zdA)."
        )
    geschlossen_am = geschlossen_am or timezone.localdate()
    if geschlossen_am < akte.eroeffnet_am:
        raise ValidationError({"geschlossen_am": "Das Schließdatum liegt vor der Eröffnung der Akte."})
    alt = _werte(akte)
    akte.status = Akte.Status.ABGESCHLOSSEN
    akte.geschlossen_am = geschlossen_am
    akte.aussonderungsdatum = aussonderungsdatum(akte.aktenplaneintrag, akte.geschlossen_am)
    akte.save()
    protokolliere("akte.geschlossen", objekt=akte, alt=alt, neu=_werte(akte))
    return akte


@transaction.atomic
def akte_wieder_oeffnen(akte: Akte) -> Akte:
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if not darf_akte_bearbeiten(zugriff, akte):
        raise PermissionDenied("Diese Akte ist für Ihre Organisation nur lesbar freigegeben.")
    if akte.status != Akte.Status.ABGESCHLOSSEN:
        raise ValidationError("Die Akte ist nicht abgeschlossen.")
    alt = _werte(akte)
    akte.status = Akte.Status.OFFEN
    akte.geschlossen_am = None
    akte.aussonderungsdatum = None
    akte.save()
    protokolliere("akte.wieder_geoeffnet", objekt=akte, alt=alt, neu=_werte(akte))
    return akte


@transaction.atomic
def freigeben(akte: Akte, organisation: Organisation, rolle: str) -> Aktenfreigabe:
    """Share an Akte with a partner organisation (only the owner may)."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if akte.organisation_id != zugriff.organisation_id:
        raise PermissionDenied("Nur die federführende Organisation kann eine Akte freigeben.")
    if organisation.pk == akte.organisation_id:
        raise ValidationError({"organisation": "Die eigene Organisation braucht keine Freigabe."})
    if rolle not in Aktenfreigabe.Rolle.values:
        raise ValidationError({"rolle": "Rolle muss lesen oder bearbeiten sein."})
    if akte.vertraulichkeit != Vertraulichkeit.OFFEN:
        raise ValidationError(
            "Nur offene Akten können mit anderen Organisationen geteilt werden; diese ist "
            f"„{akte.get_vertraulichkeit_display()}“."
        )
    freigabe, neu = Aktenfreigabe.objects.get_or_create(
        akte=akte, organisation=organisation, defaults={"rolle": rolle}
    )
    alt_rolle = None if neu else freigabe.rolle
    if not neu and freigabe.rolle != rolle:
        freigabe.rolle = rolle
        freigabe.save(update_fields=["rolle"])
    protokolliere(
        "akte.freigegeben",
        objekt=akte,
        alt={"freigabe": alt_rolle},
        neu={"freigabe": rolle, "organisation": organisation.name},
    )
    return freigabe


@transaction.atomic
def freigabe_entziehen(akte: Akte, organisation: Organisation) -> None:
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if akte.organisation_id != zugriff.organisation_id:
        raise PermissionDenied("Nur die federführende Organisation kann eine Freigabe entziehen.")
    geloescht, _ = Aktenfreigabe.objects.filter(akte=akte, organisation=organisation).delete()
    if geloescht:
        protokolliere("akte.freigabe_entzogen", objekt=akte, daten={"organisation": organisation.name})
