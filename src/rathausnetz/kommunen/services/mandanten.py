"""Activating registry entries as tenants (``Organisation``), idempotently."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rathausnetz.kommunen.models import Gemeindeverband, Kommune, Kreis, Organisation
from rathausnetz.protokoll.services import protokolliere

_VERBAND_ZU_TYP = {
    Gemeindeverband.Typ.VERWALTUNGSGEMEINSCHAFT: Organisation.Typ.VERWALTUNGSGEMEINSCHAFT,
    Gemeindeverband.Typ.VERWALTUNGSVERBAND: Organisation.Typ.VERWALTUNGSVERBAND,
    Gemeindeverband.Typ.VERBANDSGEMEINDE: Organisation.Typ.VERBANDSGEMEINDE,
}


def verwaltungsname(kommune: Kommune) -> str:
    if kommune.typ == Kommune.Typ.GEMEINDE:
        return f"Gemeindeverwaltung {kommune.name}"
    return f"Stadtverwaltung {kommune.name}"


def verwaltung_von(kommune: Kommune) -> Organisation | None:
    return (
        Organisation.objects.filter(typ=Organisation.Typ.GEMEINDEVERWALTUNG, kommunen=kommune)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def kommune_aktivieren(kommune: Kommune) -> tuple[Organisation, bool]:
    """The municipality's administration as a tenant; ``(organisation, neu_angelegt)``."""
    Kommune.objects.select_for_update().get(pk=kommune.pk)  # two activations at once: one waits
    vorhanden = verwaltung_von(kommune)
    if vorhanden is not None:
        return vorhanden, False
    organisation = Organisation.objects.create(
        name=verwaltungsname(kommune), typ=Organisation.Typ.GEMEINDEVERWALTUNG, kreis=kommune.kreis
    )
    organisation.kommunen.add(kommune)
    protokolliere(
        "organisation.aktiviert",
        objekt=organisation,
        organisation_id=organisation.pk,
        neu={"name": organisation.name, "typ": organisation.typ, "ags": kommune.ags},
    )
    return organisation, True


@transaction.atomic
def verband_aktivieren(verband: Gemeindeverband) -> tuple[Organisation, bool]:
    typ = _VERBAND_ZU_TYP.get(Gemeindeverband.Typ(verband.typ))
    if typ is None:
        raise ValidationError(
            _("%(name)s ist eine verbandsfreie Gemeinde; aktivieren Sie die Gemeinde selbst.")
            % {"name": verband.name}
        )
    Gemeindeverband.objects.select_for_update().get(pk=verband.pk)
    vorhanden = Organisation.objects.filter(gemeindeverband=verband).first()
    if vorhanden is not None:
        return vorhanden, False
    organisation = Organisation.objects.create(
        name=f"{verband.get_typ_display()} {verband.name}",
        typ=typ,
        gemeindeverband=verband,
        kreis=verband.kreis,
    )
    organisation.kommunen.set(verband.mitglieder.all())
    protokolliere(
        "organisation.aktiviert",
        objekt=organisation,
        organisation_id=organisation.pk,
        neu={"name": organisation.name, "typ": organisation.typ, "ars": verband.ars},
    )
    return organisation, True


@transaction.atomic
def kreis_aktivieren(kreis: Kreis) -> tuple[Organisation, bool]:
    if kreis.typ != Kreis.Typ.LANDKREIS:
        raise ValidationError(
            _("%(name)s ist kreisfrei; aktivieren Sie die Stadt selbst.") % {"name": kreis.name}
        )
    Kreis.objects.select_for_update().get(pk=kreis.pk)
    vorhanden = Organisation.objects.filter(typ=Organisation.Typ.LANDKREIS, kreis=kreis).first()
    if vorhanden is not None:
        return vorhanden, False
    organisation = Organisation.objects.create(
        name=f"Landratsamt {kreis.name}", typ=Organisation.Typ.LANDKREIS, kreis=kreis
    )
    protokolliere(
        "organisation.aktiviert",
        objekt=organisation,
        organisation_id=organisation.pk,
        neu={"name": organisation.name, "typ": organisation.typ, "kreis": kreis.ags},
    )
    return organisation, True


def aktivieren(schluessel: str) -> tuple[Organisation, bool]:
    """Activate by official key: AGS (8 digits), Gemeindeverband ARS (9) or Kreis (5)."""
    schluessel = schluessel.strip()
    if not schluessel.isdigit() or len(schluessel) not in (5, 8, 9):
        raise ValidationError(
            _("„%(s)s“ ist kein Schlüssel: erwartet AGS (8 Ziffern), Verbands-ARS (9) oder Kreis (5).")
            % {"s": schluessel}
        )
    try:
        if len(schluessel) == 8:
            return kommune_aktivieren(Kommune.objects.get(ags=schluessel))
        if len(schluessel) == 9:
            return verband_aktivieren(Gemeindeverband.objects.get(ars=schluessel))
        return kreis_aktivieren(Kreis.objects.get(ags=schluessel))
    except (Kommune.DoesNotExist, Gemeindeverband.DoesNotExist, Kreis.DoesNotExist):
        raise ValidationError(
            _("Kein Eintrag mit dem Schlüssel %(s)s im Register.") % {"s": schluessel}
        ) from None


@transaction.atomic
def organisation_anlegen(name: str, typ: str, kommunen: list[Kommune] | None = None) -> Organisation:
    """A tenant that is not in the registry: Zweckverband, association, authority."""
    if typ not in Organisation.Typ.values:
        raise ValidationError(_("Unbekannte Art der Organisation: %(typ)s") % {"typ": typ})
    organisation = Organisation(name=name.strip(), typ=typ)
    organisation.full_clean()
    organisation.save()
    if kommunen:
        organisation.kommunen.set(kommunen)
    protokolliere(
        "organisation.angelegt",
        objekt=organisation,
        organisation_id=organisation.pk,
        neu={"name": organisation.name, "typ": typ, "kommunen": [k.ags for k in kommunen or []]},
    )
    return organisation
