"""The shared Akte of a cooperation: kept by the administration that acts, shared with the other
members' administrations, so that agreement, Satzung and approval live in the E-Akte."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rathausnetz.akten.models import Akte, Aktenfreigabe, Aktenplaneintrag
from rathausnetz.akten.services import akten
from rathausnetz.ikz.models import Kooperation
from rathausnetz.ikz.services.kooperationen import organisationen_der_mitglieder, pruefe_bearbeiten
from rathausnetz.protokoll.services import protokolliere


def vorgeschlagener_eintrag() -> Aktenplaneintrag | None:
    """The acting organisation's file-plan entry for inter-municipal cooperation, if it has one."""
    return (
        Aktenplaneintrag.objects.filter(aktiv=True, titel__icontains="Zusammenarbeit")
        .order_by("kennzeichen")
        .first()
    )


@transaction.atomic
def akte_anlegen(kooperation: Kooperation, eintrag: Aktenplaneintrag) -> Akte:
    """Open the cooperation's Akte in the acting organisation and share it with every member's
    administration that uses Rathausnetz (to edit: they work on the same files)."""
    zugriff = pruefe_bearbeiten(kooperation)
    if zugriff.organisation_id is None:
        raise PermissionDenied("Eine Akte legt die Verwaltung eines Mitglieds an; bitte Organisation wählen.")
    if kooperation.akte_id:
        raise ValidationError("Diese Kooperation hat bereits eine Akte.")
    partner = organisationen_der_mitglieder(kooperation)
    if (
        zugriff.organisation_id not in {o.pk for o in partner}
        and kooperation.organisation_id != zugriff.organisation_id
    ):
        raise PermissionDenied("Die Akte führt die Verwaltung eines Mitglieds der Kooperation.")
    akte = akten.akte_anlegen(
        eintrag,
        f"Kooperation: {kooperation.titel}"[:200],
        beschreibung=(
            f"Vereinbarung, Satzung, Genehmigung und Schriftverkehr der Kooperation „{kooperation.titel}“."
        ),
    )
    for organisation in partner:
        if organisation.pk != zugriff.organisation_id:
            akten.freigeben(akte, organisation, Aktenfreigabe.Rolle.BEARBEITEN)
    kooperation.akte = akte
    kooperation.save(update_fields=["akte"])
    protokolliere("kooperation.akte_angelegt", objekt=kooperation, neu={"akte": akte.aktenzeichen})
    return akte
