"""Demo data: two upcoming events of the association, its member towns, one press release.
Loading twice changes nothing. Runs as the system (creating events needs network rights)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.veranstaltungen.models import Pressemitteilung, Veranstaltung, Verbandsmitglied
from rathausnetz.veranstaltungen.services import presse
from rathausnetz.veranstaltungen.services.veranstaltungen import (
    Punkt,
    Veranstaltungsdaten,
    veranstaltung_anlegen,
)

FACHVERANSTALTUNG = "Fachveranstaltung: Gemeinsam stark – Interkommunale Zusammenarbeit und § 2b UStG"


def _termin(tage: int, stunde: int, minute: int = 0) -> dt.datetime:
    tag = timezone.localdate() + dt.timedelta(days=tage)
    return timezone.make_aware(dt.datetime.combine(tag, dt.time(stunde, minute)))


def demo_veranstaltungen_laden(verband: Organisation) -> None:
    if not Verbandsmitglied.objects.filter(verband=verband).exists():
        Verbandsmitglied.objects.bulk_create(
            [
                Verbandsmitglied(verband=verband, kommune=k)
                for k in Kommune.objects.filter(land__code="14", aktiv=True)
            ]
        )
    if not Veranstaltung.objects.filter(titel=FACHVERANSTALTUNG).exists():
        veranstaltung_anlegen(
            Veranstaltungsdaten(
                titel=FACHVERANSTALTUNG,
                art=Veranstaltung.Art.FACHVERANSTALTUNG,
                beschreibung=(
                    "Wie gelingt die Zusammenarbeit kleiner Gemeinden – und was ändert sich ab 2027 bei der "
                    "Umsatzsteuer? Praxisberichte, Beratung der Servicestelle IKZ und Zeit für Gespräche."
                ),
                themen="Interkommunale Zusammenarbeit, § 2b UStG, Standesamt, Bauhof",
                beginn=_termin(45, 9, 30),
                ende=_termin(45, 15, 30),
                ort="Dresden, Haus der kommunalen Selbstverwaltung",
                kapazitaet=120,
                anmeldung_bis=_termin(38, 23, 59),
                status=Veranstaltung.Status.VEROEFFENTLICHT,
                programm=[
                    Punkt(dt.time(9, 30), "Begrüßung", dt.time(9, 45), "Geschäftsführung des Verbands"),
                    Punkt(
                        dt.time(9, 45),
                        "Zusammenarbeit in der Praxis: ein gemeinsames Standesamt",
                        dt.time(10, 30),
                    ),
                    Punkt(
                        dt.time(10, 45), "§ 2b UStG ab 2027: was Kooperationen jetzt prüfen", dt.time(11, 45)
                    ),
                    Punkt(dt.time(13, 0), "Werkstatt: Partner finden mit Rathausnetz", dt.time(15, 0)),
                ],
            ),
            organisation_id=verband.pk,
        )
    if not Veranstaltung.objects.filter(art=Veranstaltung.Art.ONLINE).exists():
        veranstaltung_anlegen(
            Veranstaltungsdaten(
                titel="Digitales Frühstück: E-Akte in kleinen Verwaltungen",
                art=Veranstaltung.Art.ONLINE,
                beschreibung="30 Minuten Austausch der Digital-Navigatorinnen und -Navigatoren.",
                beginn=_termin(10, 8, 30),
                ende=_termin(10, 9, 0),
                online_link="https://konferenz.example/digitales-fruehstueck",
                kapazitaet=50,
                anmeldung_bis=_termin(9, 18),
                status=Veranstaltung.Status.VEROEFFENTLICHT,
            ),
            organisation_id=verband.pk,
        )
    if not Pressemitteilung.objects.exists():
        pm = Pressemitteilung.objects.create(
            organisation=verband,
            jahr=timezone.localdate().year,
            titel="Kooperationsregister online: Partner finden, Umsatzsteuer prüfen",
            untertitel="Servicestelle IKZ stellt neue Werkzeuge für kleine Gemeinden vor",
            text=(
                "Mit dem Kooperationsregister in Rathausnetz sehen Städte und Gemeinden, wer mit wem "
                "zusammenarbeitet, finden passende Partner in der Nachbarschaft und prüfen ihre "
                "Kooperationen vor dem 1. Januar 2027 auf die Umsatzsteuer nach § 2b UStG."
            ),
            kontakt="Servicestelle Interkommunale Zusammenarbeit",
        )
        presse.veroeffentlichen(pm)
