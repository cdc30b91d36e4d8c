"""Press releases: drafts, numbering per year on publication, and the closing paragraph whose
figures come live from the registry and the membership list."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.veranstaltungen.models import Pressemitteilung, Veranstaltung, Verbandsmitglied
from rathausnetz.veranstaltungen.services.statistik import fuer_veranstaltung
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

SACHSEN = "14"


@dataclass(frozen=True)
class Verbandszahlen:
    mitglieder: int
    gemeinden_gesamt: int
    einwohner: int

    @property
    def schlussabsatz(self) -> str:
        einwohner = f"{self.einwohner:,}".replace(",", ".")
        return (
            f"Im Sächsischen Städte- und Gemeindetag e. V. (SSG) haben sich {self.mitglieder} der "
            f"{self.gemeinden_gesamt} sächsischen Städte und Gemeinden zusammengeschlossen, in denen "
            f"{einwohner} Menschen leben. Der SSG vertritt ihre Interessen gegenüber Landtag und "
            "Staatsregierung, berät seine Mitglieder und fördert die Zusammenarbeit der Kommunen."
        )


def verbandszahlen(verband: Organisation) -> Verbandszahlen:
    """Counted now: members (active municipalities of Saxony) and their inhabitants."""
    mitglieder = Kommune.objects.filter(
        aktiv=True,
        land__code=SACHSEN,
        pk__in=Verbandsmitglied.objects.filter(verband=verband).values("kommune_id"),
    )
    zahlen = mitglieder.aggregate(einwohner=Sum("einwohner"))
    return Verbandszahlen(
        mitglieder=mitglieder.count(),
        gemeinden_gesamt=Kommune.objects.filter(aktiv=True, land__code=SACHSEN).count(),
        einwohner=zahlen["einwohner"] or 0,
    )


def _pruefen(titel: str, text: str) -> None:
    fehler: dict[str, list[str]] = {}
    if not titel.strip():
        fehler["titel"] = ["Bitte geben Sie eine Überschrift an."]
    elif len(titel.strip()) > 200:
        fehler["titel"] = ["Die Überschrift ist zu lang (höchstens 200 Zeichen)."]
    if not text.strip():
        fehler["text"] = ["Bitte schreiben Sie den Text der Pressemitteilung."]
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def entwurf_anlegen(
    titel: str,
    text: str,
    untertitel: str = "",
    kontakt: str = "",
    ort: str = "Dresden",
    veranstaltung: Veranstaltung | None = None,
) -> Pressemitteilung:
    zugriff = pruefe_recht(Recht.NETZWERK_VERWALTEN)
    _pruefen(titel, text)
    pm = Pressemitteilung.objects.create(
        organisation_id=zugriff.organisation_id,
        jahr=timezone.localdate().year,
        titel=titel.strip(),
        untertitel=untertitel.strip(),
        text=text.strip(),
        kontakt=kontakt.strip(),
        ort=ort.strip() or "Dresden",
        veranstaltung=veranstaltung,
    )
    protokolliere("pressemitteilung.angelegt", objekt=pm, neu={"titel": pm.titel})
    return pm


@transaction.atomic
def entwurf_aendern(pm: Pressemitteilung, **felder: str) -> Pressemitteilung:
    pruefe_recht(Recht.NETZWERK_VERWALTEN)
    if pm.status != Pressemitteilung.Status.ENTWURF:
        raise ValidationError("Eine veröffentlichte Pressemitteilung wird nicht mehr geändert.")
    for name in ("titel", "untertitel", "text", "kontakt", "ort"):
        if name in felder:
            setattr(pm, name, (felder[name] or "").strip())
    _pruefen(pm.titel, pm.text)
    pm.save()
    protokolliere("pressemitteilung.geaendert", objekt=pm, neu={"titel": pm.titel})
    return pm


def veroeffentlichen(pm: Pressemitteilung) -> Pressemitteilung:
    """Give the next number of the year; two publications at once cannot get the same one (the
    unique constraint decides, the loser takes the next number)."""
    pruefe_recht(Recht.NETZWERK_VERWALTEN)
    if pm.status == Pressemitteilung.Status.VEROEFFENTLICHT:
        return pm
    for _ in range(5):
        try:
            with transaction.atomic():
                jahr = timezone.localdate().year
                letzte = Pressemitteilung._base_manager.filter(
                    organisation_id=pm.organisation_id, jahr=jahr
                ).aggregate(n=Max("nummer"))["n"]
                pm.jahr = jahr
                pm.nummer = (letzte or 0) + 1
                pm.status = Pressemitteilung.Status.VEROEFFENTLICHT
                pm.veroeffentlicht_am = timezone.now()
                pm.save(update_fields=["jahr", "nummer", "status", "veroeffentlicht_am"])
                protokolliere("pressemitteilung.veroeffentlicht", objekt=pm, neu={"nummer": pm.nummer_text})
                return pm
        except IntegrityError:
            continue
    raise ValidationError("Die Nummer konnte nicht vergeben werden; bitte erneut versuchen.")


def vorschlag_aus_veranstaltung(v: Veranstaltung) -> dict[str, str]:
    """A draft text for a press release about an event, with its statistics."""
    s = fuer_veranstaltung(v)
    datum = timezone.localtime(v.beginn)
    return {
        "titel": v.titel,
        "untertitel": f"{s.satz} – {v.get_art_display()} am {datum:%d.%m.%Y}",
        "text": (
            f"Am {datum:%d.%m.%Y} kamen {s.satz} "
            f"{'in ' + v.ort if v.ort else 'online'} zusammen.\n\n"
            f"{v.beschreibung}".strip()
        ),
    }
