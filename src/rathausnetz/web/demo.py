"""Demo data: two real neighbouring small towns of the Erzgebirge and the association.

A = Stadt Geyer (erfüllende Gemeinde of the Verwaltungsgemeinschaft Geyer-Tannenberg),
B = Stadt Ehrenfriedersdorf (neighbour, verbandsfrei), plus the association of Saxon towns and
municipalities with its IKZ service office and digital coaches. The personas of the tests (Alice,
Bob, Charlie, Dora) are users here too. Loading twice changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.kommunen.services import mandanten
from rathausnetz.kommunen.services.register import lade_register
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang import services
from rathausnetz.zugang.kontext import verwaltungszugriff
from rathausnetz.zugang.models import Mitgliedschaft
from rathausnetz.zugang.rechte import Rolle

AGS_A = "14521210"  # Geyer, Stadt
AGS_B = "14521160"  # Ehrenfriedersdorf, Stadt
ARS_VG = "145215110"  # Verwaltungsgemeinschaft Geyer-Tannenberg
VERBAND = "Sächsischer Städte- und Gemeindetag e. V."

EINHEITEN = {
    "A": [
        ("HA", "Hauptamt"),
        ("BB", "Bürgerbüro und Standesamt"),
        ("KÄ", "Kämmerei"),
        ("BA", "Bauamt"),
        ("OA", "Ordnungsamt"),
    ],
    "B": [("HA", "Hauptamt"), ("BA", "Bau- und Ordnungsamt"), ("KÄ", "Kämmerei")],
    "VG": [("GS", "Gemeinschaftsangelegenheiten")],
    "SSG": [("IKZ", "Servicestelle Interkommunale Zusammenarbeit"), ("DL", "Digital-Lotsen")],
}


@dataclass(frozen=True)
class DemoPerson:
    username: str
    vorname: str
    nachname: str
    email: str
    mitgliedschaften: tuple[tuple[str, tuple[Rolle, ...], str, str], ...]  # (org, rollen, einheit, funktion)


PERSONEN = (
    DemoPerson(
        "alice",
        "Alice",
        "Albrecht",
        "alice.albrecht@geyer.example",
        (
            ("A", (Rolle.ADMINISTRATION,), "HA", "Hauptamtsleiterin"),
            ("VG", (Rolle.ADMINISTRATION,), "GS", "Hauptamtsleiterin der erfüllenden Gemeinde"),
        ),
    ),
    DemoPerson(
        "bob",
        "Bob",
        "Berger",
        "bob.berger@geyer.example",
        (("A", (Rolle.SACHBEARBEITUNG,), "BB", "Sachbearbeiter Bürgerbüro"),),
    ),
    DemoPerson(
        "charlie",
        "Charlie",
        "Claus",
        "charlie.claus@ehrenfriedersdorf.example",
        (("B", (Rolle.SACHBEARBEITUNG,), "HA", "Sachbearbeiterin Hauptamt"),),
    ),
    DemoPerson(
        "dora",
        "Dora",
        "Dittrich",
        "dora.dittrich@ssg.example",
        (("SSG", (Rolle.SERVICESTELLE_IKZ,), "IKZ", "Referentin Servicestelle IKZ"),),
    ),
    DemoPerson(
        "emil", "Emil", "Engel", "emil.engel@geyer.example", (("A", (Rolle.LEITUNG,), "HA", "Bürgermeister"),)
    ),
    DemoPerson(
        "frieda",
        "Frieda",
        "Fuchs",
        "frieda.fuchs@geyer.example",
        (("A", (Rolle.LESEND,), "KÄ", "Auszubildende Kämmerei"),),
    ),
    DemoPerson(
        "lotte",
        "Lotte",
        "Lange",
        "lotte.lange@ssg.example",
        (("SSG", (Rolle.DIGITAL_LOTSE,), "DL", "Digital-Lotsin"),),
    ),
)


@dataclass
class DemoErgebnis:
    organisationen: dict[str, Organisation]
    neue_passwoerter: dict[str, str]
    gemeinsames_passwort: bool


def _verband() -> Organisation:
    vorhanden = Organisation.objects.filter(name=VERBAND, typ=Organisation.Typ.SPITZENVERBAND).first()
    return vorhanden or mandanten.organisation_anlegen(VERBAND, Organisation.Typ.SPITZENVERBAND)


def _einheiten(
    organisation: Organisation, eintraege: list[tuple[str, str]]
) -> dict[str, Organisationseinheit]:
    with verwaltungszugriff(organisation.pk, "Demodaten"):
        vorhanden = {e.kuerzel: e for e in Organisationseinheit.objects.all()}
        for kuerzel, name in eintraege:
            if kuerzel not in vorhanden:
                vorhanden[kuerzel] = services.einheit_anlegen(name, kuerzel)
    return vorhanden


def _akten_einrichten(organisation: Organisation) -> None:
    from rathausnetz.akten.models import Aktenplaneintrag
    from rathausnetz.akten.services.aktenplan import demo_aktenplan_laden
    from rathausnetz.akten.services.einrichtung import standard_dokumenttypen_anlegen

    with verwaltungszugriff(organisation.pk, "Demodaten"):
        if not Aktenplaneintrag.objects.exists():
            demo_aktenplan_laden()
        standard_dokumenttypen_anlegen()


@transaction.atomic
def demo_laden(passwort: str | None = None) -> DemoErgebnis:
    """Create (or complete) the demo tenants and users. ``passwort`` sets every demo password."""
    lade_register()
    from rathausnetz.ikz.services.referenzdaten import referenzdaten_laden

    referenzdaten_laden()
    orgs = {
        "A": mandanten.aktivieren(AGS_A)[0],
        "B": mandanten.aktivieren(AGS_B)[0],
        "VG": mandanten.aktivieren(ARS_VG)[0],
        "SSG": _verband(),
    }
    einheiten = {key: _einheiten(org, EINHEITEN[key]) for key, org in orgs.items()}
    for key in ("A", "B", "VG"):
        _akten_einrichten(orgs[key])
    model = get_user_model()
    neue_passwoerter: dict[str, str] = {}
    for person in PERSONEN:
        benutzer = model.objects.filter(username=person.username).first()
        if benutzer is None:
            kennwort = passwort or secrets.token_urlsafe(9)
            with verwaltungszugriff(orgs[person.mitgliedschaften[0][0]].pk, "Demodaten"):
                benutzer = services.benutzer_anlegen(
                    person.username, person.email, person.vorname, person.nachname
                )
            benutzer.set_password(kennwort)
            benutzer.save(update_fields=["password"])
            neue_passwoerter[person.username] = kennwort
        elif passwort and not benutzer.check_password(passwort):
            benutzer.set_password(passwort)
            benutzer.save(update_fields=["password"])
            protokolliere(
                "benutzer.passwort_gesetzt",
                objekt=benutzer,
                daten={"grund": "RATHAUSNETZ_DEMO_PASSWORD"},
            )
        for org_key, rollen, einheit, funktion in person.mitgliedschaften:
            organisation = orgs[org_key]
            with verwaltungszugriff(organisation.pk, "Demodaten"):
                if not Mitgliedschaft.objects.filter(benutzer=benutzer).exists():
                    services.mitglied_hinzufuegen(
                        benutzer, [r.value for r in rollen], einheiten[org_key][einheit], funktion
                    )
    from rathausnetz.akten.demo import demo_akten_laden
    from rathausnetz.ikz.demo import demo_ikz_laden

    with verwaltungszugriff(orgs["A"].pk, "Demodaten"):
        demo_akten_laden(orgs["A"], orgs["B"])
        from rathausnetz.geschaeftsgang.demo import demo_geschaeftsgang_laden

        demo_geschaeftsgang_laden(orgs["A"])
        demo_ikz_laden(AGS_A, AGS_B)
    from rathausnetz.netzwerk.demo import demo_netzwerk_laden
    from rathausnetz.veranstaltungen.demo import demo_veranstaltungen_laden

    demo_veranstaltungen_laden(orgs["SSG"])
    demo_netzwerk_laden()
    return DemoErgebnis(orgs, neue_passwoerter, bool(passwort))
