"""Recording and changing cooperations: the one place that validates them.

Views, API and CLI all call these functions. Everything is checked before anything is written, and
each function runs in one transaction, so a rejected cooperation leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rathausnetz.ikz.models import Aufgabenbereich, Kooperation, Kooperationsmitglied, Modell, Rechtsform
from rathausnetz.kommunen.models import Kommune, Kreis, Organisation
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.sichtbarkeit import darf_kooperation_bearbeiten

#: legal forms whose agreement names exactly one municipality that performs the task
_EINE_ERFUELLENDE = {
    "zweckvereinbarung_delegierend",
    "zweckvereinbarung_mandatierend",
    "verwaltungsgemeinschaft",
}
#: since 17 November 2012 no new Verwaltungsverband or Verwaltungsgemeinschaft may be formed in
#: Saxony (§ 2 Abs. 1 Nr. 2 SächsKomZG): the last allowed founding day is the day before
NEUBILDUNG_STICHTAG = dt.date(2012, 11, 16)


@dataclass(frozen=True)
class Mitgliedsangabe:
    #: AGS (8 digits) of a municipality or Kreisschlüssel (5 digits) of a Landkreis
    schluessel: str
    rolle: str = Kooperationsmitglied.Rolle.MITGLIED
    beigetreten_am: dt.date | None = None


@dataclass
class Kooperationsdaten:
    titel: str
    rechtsform: str
    mitglieder: Sequence[Mitgliedsangabe]
    aufgabenbereiche: Sequence[str] = ()
    beschreibung: str = ""
    modell: str = ""
    status: str = Kooperation.Status.IDEE
    beginn: dt.date | None = None
    ende: dt.date | None = None
    laufzeit: str = ""
    genehmigungsbehoerde: str = ""
    genehmigt_am: dt.date | None = None
    bekanntmachung: str = ""
    foerderung: str = ""
    sichtbarkeit: str = Kooperation.Sichtbarkeit.MITGLIEDER
    ansprechpersonen: str = ""


#: the plain fields of a cooperation, as in ``Kooperationsdaten`` and the model (forms and API use it)
FELDER = (
    "titel",
    "beschreibung",
    "status",
    "beginn",
    "ende",
    "laufzeit",
    "genehmigungsbehoerde",
    "genehmigt_am",
    "bekanntmachung",
    "foerderung",
    "sichtbarkeit",
    "ansprechpersonen",
)


@dataclass(frozen=True)
class _Geprueft:
    rechtsform: Rechtsform
    aufgabenbereiche: list[Aufgabenbereich]
    modell: Modell | None
    mitglieder: list[tuple[Kommune | None, Kreis | None, Mitgliedsangabe]]


def _zugriff() -> Zugriff:
    zugriff = aktueller_zugriff()
    # guests may read public cooperations but never change anything; system work on behalf of an
    # organisation (demo data, imports) has no user but an organisation
    if zugriff is None or not (zugriff.system or zugriff.angemeldet or zugriff.organisation_id):
        raise PermissionDenied("Bitte melden Sie sich an.")
    return zugriff


def _mitglieder_pruefen(
    angaben: Sequence[Mitgliedsangabe], fehler: dict[str, list[str]]
) -> list[tuple[Kommune | None, Kreis | None, Mitgliedsangabe]]:
    schluessel = [a.schluessel.strip() for a in angaben]
    kommunen = {k.ags: k for k in Kommune.objects.filter(ags__in=schluessel).select_related("kreis", "land")}
    kreise = {
        k.ags: k
        for k in Kreis.objects.filter(ags__in=schluessel, typ=Kreis.Typ.LANDKREIS).select_related("land")
    }
    ergebnis = []
    for s, angabe in zip(schluessel, angaben, strict=True):
        if angabe.rolle not in Kooperationsmitglied.Rolle.values:
            fehler.setdefault("mitglieder", []).append(f"Unbekannte Rolle „{angabe.rolle}“ bei {s}.")
        if s in kommunen:
            ergebnis.append((kommunen[s], None, angabe))
        elif s in kreise:
            ergebnis.append((None, kreise[s], angabe))
        else:
            fehler.setdefault("mitglieder", []).append(
                f"„{s}“ ist weder eine Gemeinde (8-stelliger Schlüssel) noch ein Landkreis (5-stellig) "
                "im Register."
            )
    for s, anzahl in Counter(schluessel).items():
        if anzahl > 1:
            name = kommunen[s].name if s in kommunen else (kreise[s].name if s in kreise else s)
            fehler.setdefault("mitglieder", []).append(f"{name} ist mehrfach als Mitglied aufgeführt.")
    return ergebnis


def _pruefen(daten: Kooperationsdaten, importiert: bool = False) -> _Geprueft:
    """All checks at once; raises one ValidationError naming every problem."""
    fehler: dict[str, list[str]] = {}

    def melde(feld: str, text: str) -> None:
        fehler.setdefault(feld, []).append(text)

    if not daten.titel.strip():
        melde("titel", "Bitte geben Sie einen Titel an.")
    elif len(daten.titel.strip()) > 200:
        melde("titel", "Der Titel ist zu lang (höchstens 200 Zeichen).")
    rechtsform = Rechtsform.objects.filter(code=daten.rechtsform).first()
    if rechtsform is None:
        melde("rechtsform", "Bitte wählen Sie eine Rechtsform aus dem Verzeichnis.")
    codes = list(dict.fromkeys(daten.aufgabenbereiche))
    bereiche = list(Aufgabenbereich.objects.filter(code__in=codes))
    unbekannt = set(codes) - {b.code for b in bereiche}
    if unbekannt:
        melde("aufgabenbereiche", f"Unbekannte Aufgabenbereiche: {', '.join(sorted(unbekannt))}.")
    modell = None
    if daten.modell:
        modell = Modell.objects.filter(code=daten.modell).first()
        if modell is None:
            melde("modell", "Dieses Modell gibt es im Modellkatalog nicht.")
    if daten.status not in Kooperation.Status.values:
        melde("status", "Bitte wählen Sie einen gültigen Status.")
    if daten.sichtbarkeit not in Kooperation.Sichtbarkeit.values:
        melde("sichtbarkeit", "Bitte wählen Sie öffentlich, nur Mitglieder oder nur Servicestelle.")
    if daten.beginn and daten.ende and daten.ende < daten.beginn:
        melde("ende", "Das Ende liegt vor dem Beginn.")
    mitglieder = _mitglieder_pruefen(daten.mitglieder, fehler)
    mindestens = rechtsform.mindestmitglieder if rechtsform else 2
    if len(daten.mitglieder) < mindestens:
        melde("mitglieder", f"Eine Kooperation braucht mindestens {mindestens} Mitglieder.")
    federfuehrend = [a for a in daten.mitglieder if a.rolle == Kooperationsmitglied.Rolle.FEDERFUEHREND]
    if rechtsform is not None:
        if rechtsform.code in _EINE_ERFUELLENDE and len(federfuehrend) != 1 and len(daten.mitglieder) >= 2:
            melde(
                "mitglieder",
                f"Bei einer {rechtsform.name} erfüllt genau eine Gemeinde die Aufgabe: bitte genau ein "
                "Mitglied als „erfüllend / federführend“ kennzeichnen.",
            )
        if not rechtsform.neubildung_erlaubt and not importiert:
            if daten.beginn is None:
                melde(
                    "beginn",
                    f"{rechtsform.name}: Neubildungen sind nicht mehr zulässig. Für eine bestehende "
                    "Verbindung geben Sie bitte das Gründungsdatum an.",
                )
            elif rechtsform.land == "SN" and daten.beginn > NEUBILDUNG_STICHTAG:
                melde(
                    "beginn",
                    f"{rechtsform.name}: seit dem 17.11.2012 können keine neuen gebildet werden "
                    "(§ 2 Abs. 1 Nr. 2 SächsKomZG). Wählen Sie z. B. eine Zweckvereinbarung.",
                )
    if fehler:
        raise ValidationError(fehler)
    assert rechtsform is not None
    return _Geprueft(rechtsform, bereiche, modell, mitglieder)


def genehmigungsbehoerde_vorschlag(rechtsform: Rechtsform, mitglieder: Sequence[Kooperationsmitglied]) -> str:
    """Which authority approves, by the members: the Landratsamt for towns of one Landkreis;
    the Landesdirektion Sachsen when Landkreise or kreisfreie Städte take part or the towns lie in
    different Kreise. A suggestion for the clerk, not a legal determination."""
    if not rechtsform.genehmigungspflichtig:
        return ""
    laender = set()
    kreise = set()
    kreisebene = False
    for m in mitglieder:
        if m.kreis_id:
            laender.add(m.kreis.land.kurz if m.kreis.land_id else "")
            kreisebene = True
            continue
        laender.add(m.kommune.land.kurz)
        kreise.add(m.kommune.kreis)
        if m.kommune.typ == Kommune.Typ.KREISFREIE_STADT:
            kreisebene = True
    if laender == {"ST"}:
        if kreisebene or len(kreise) > 1:
            return "Landesverwaltungsamt Sachsen-Anhalt (Kommunalaufsicht)"
        return f"Landkreis {next(iter(kreise)).name} (Kommunalaufsicht)"
    if len(laender) > 1:
        return (
            "Landesdirektion Sachsen und Landesverwaltungsamt Sachsen-Anhalt (länderübergreifend abstimmen)"
        )
    if kreisebene or len(kreise) != 1:
        return "Landesdirektion Sachsen"
    return f"Landratsamt {next(iter(kreise)).name}"


def _werte(k: Kooperation) -> dict[str, object]:
    werte: dict[str, object] = {f: getattr(k, f) for f in FELDER}
    werte["rechtsform"] = k.rechtsform.code
    werte["modell"] = k.modell.code if k.modell_id else ""
    return werte


def _mitglieder_schreiben(kooperation: Kooperation, geprueft: _Geprueft) -> list[str]:
    kooperation.mitglieder.all().delete()
    Kooperationsmitglied.objects.bulk_create(
        [
            Kooperationsmitglied(
                kooperation=kooperation,
                kommune=kommune,
                kreis=kreis,
                rolle=angabe.rolle,
                beigetreten_am=angabe.beigetreten_am,
            )
            for kommune, kreis, angabe in geprueft.mitglieder
        ]
    )
    return [f"{a.schluessel.strip()}:{a.rolle}" for _, _, a in geprueft.mitglieder]


@transaction.atomic
def kooperation_anlegen(
    daten: Kooperationsdaten, *, importiert: bool = False, quelle: str = ""
) -> Kooperation:
    zugriff = _zugriff()
    if not (zugriff.darf(Recht.DATEN_BEARBEITEN) or zugriff.darf(Recht.IKZ_VERWALTEN)):
        raise PermissionDenied("Sie dürfen keine Kooperationen erfassen.")
    geprueft = _pruefen(daten, importiert=importiert)
    kooperation = Kooperation(
        rechtsform=geprueft.rechtsform,
        modell=geprueft.modell,
        organisation_id=zugriff.organisation_id,
        quelle=quelle,
        geaendert_am=timezone.now(),
        **{
            f: (getattr(daten, f).strip() if isinstance(getattr(daten, f), str) else getattr(daten, f))
            for f in FELDER
        },
    )
    kooperation.save()
    kooperation.aufgabenbereiche.set(geprueft.aufgabenbereiche)
    mitglieder = _mitglieder_schreiben(kooperation, geprueft)
    if not kooperation.genehmigungsbehoerde:
        kooperation.genehmigungsbehoerde = genehmigungsbehoerde_vorschlag(
            geprueft.rechtsform,
            list(kooperation.mitglieder.select_related("kommune__kreis", "kommune__land", "kreis__land")),
        )
        kooperation.save(update_fields=["genehmigungsbehoerde"])
    protokolliere(
        "kooperation.angelegt",
        objekt=kooperation,
        neu=_werte(kooperation)
        | {"mitglieder": mitglieder, "aufgabenbereiche": list(daten.aufgabenbereiche)},
    )
    return kooperation


def pruefe_bearbeiten(kooperation: Kooperation) -> Zugriff:
    zugriff = _zugriff()
    if not darf_kooperation_bearbeiten(zugriff, kooperation):
        raise PermissionDenied(
            "Diese Kooperation dürfen nur ihre Mitglieder und die Servicestelle bearbeiten."
        )
    return zugriff


@transaction.atomic
def kooperation_aendern(kooperation: Kooperation, daten: Kooperationsdaten) -> Kooperation:
    """Replace content and members; the change date makes older § 2b checks ask for a re-assessment."""
    pruefe_bearbeiten(kooperation)
    importiert = kooperation.gemeindeverband_id is not None
    geprueft = _pruefen(daten, importiert=importiert)
    alt = _werte(kooperation) | {
        "mitglieder": [
            f"{m.schluessel}:{m.rolle}" for m in kooperation.mitglieder.select_related("kommune", "kreis")
        ]
    }
    for f in FELDER:
        wert = getattr(daten, f)
        setattr(kooperation, f, wert.strip() if isinstance(wert, str) else wert)
    kooperation.rechtsform = geprueft.rechtsform
    kooperation.modell = geprueft.modell
    kooperation.geaendert_am = timezone.now()
    kooperation.save()
    kooperation.aufgabenbereiche.set(geprueft.aufgabenbereiche)
    mitglieder = _mitglieder_schreiben(kooperation, geprueft)
    protokolliere(
        "kooperation.geaendert",
        objekt=kooperation,
        alt=alt,
        neu=_werte(kooperation) | {"mitglieder": mitglieder},
    )
    return kooperation


def daten_von(kooperation: Kooperation) -> Kooperationsdaten:
    """The current content as input for ``kooperation_aendern`` (forms start from it)."""
    return Kooperationsdaten(
        rechtsform=kooperation.rechtsform.code,
        modell=kooperation.modell.code if kooperation.modell_id else "",
        aufgabenbereiche=[b.code for b in kooperation.aufgabenbereiche.all()],
        mitglieder=[
            Mitgliedsangabe(m.schluessel, m.rolle, m.beigetreten_am)
            for m in kooperation.mitglieder.select_related("kommune", "kreis")
        ],
        **{f: getattr(kooperation, f) for f in FELDER},
    )


def organisationen_der_mitglieder(kooperation: Kooperation) -> list[Organisation]:
    """Tenants behind the members (administrations of member towns, Landratsämter)."""
    kommunen = [m.kommune_id for m in kooperation.mitglieder.all() if m.kommune_id]
    kreise = [m.kreis_id for m in kooperation.mitglieder.all() if m.kreis_id]
    return list(
        Organisation.objects.filter(
            Q(typ=Organisation.Typ.GEMEINDEVERWALTUNG, kommunen__in=kommunen)
            | Q(typ=Organisation.Typ.LANDKREIS, kreis__in=kreise),
            aktiv=True,
        )
        .distinct()
        .order_by("name")
    )
