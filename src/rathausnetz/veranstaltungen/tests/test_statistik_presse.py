"""Figures of an event and of a year, and press releases with numbers and live closing figures."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from rathausnetz.kommunen.models import Kommune
from rathausnetz.veranstaltungen.models import Pressemitteilung, Verbandsmitglied
from rathausnetz.veranstaltungen.services import anmeldungen, presse, statistik
from rathausnetz.veranstaltungen.tests.helfer import GEYER, THUM, mit_platz

EHRENFRIEDERSDORF = "14521160"


def test_statistik_buergermeister_kommunen_und_no_show(veranstaltung, als, dora, verband):
    with als(dora, verband):
        anmeldungen.kapazitaet_aendern(veranstaltung, 10)
    veranstaltung.refresh_from_db()
    geyer = mit_platz(veranstaltung, "Emil Engel", "emil@geyer.example", "buergermeister", GEYER)
    mit_platz(veranstaltung, "Gisela Graupner", "gg@thum.example", "buergermeister", THUM)
    mit_platz(veranstaltung, "Charlie Claus", "cc@ehrenfriedersdorf.example", "fachkraft", EHRENFRIEDERSDORF)
    landrat = anmeldungen.anmelden(
        veranstaltung,
        anmeldungen.Anmeldedaten(
            "Lars Landrat",
            "ll@lra-erz.example",
            "landkreis",
            organisation_text="Landratsamt Erzgebirgskreis",
            einwilligung=True,
        ),
    )
    anmeldungen.Anmeldung._base_manager.filter(pk=landrat.pk).update(token_hash=anmeldungen._hash("t"))
    anmeldungen.bestaetigen(landrat.pk, "t")

    vorher = statistik.fuer_veranstaltung(veranstaltung)
    assert (vorher.angemeldet, vorher.erschienen, vorher.buergermeister, vorher.kommunen_erreicht) == (
        4,
        None,
        2,
        3,
    )
    assert (
        vorher.satz
        == "4 Teilnehmende, davon 2 Bürgermeisterinnen und Bürgermeister, aus 3 Städten und Gemeinden"
    )
    assert dict(vorher.nach_organisationsart) == {"Stadt oder Gemeinde": 3, "Landkreis": 1}
    assert vorher.no_show_quote is None

    # at the door: the mayor of Thum did not come
    for a in (geyer, landrat):
        anmeldungen.einchecken(anmeldungen.Anmeldung._base_manager.get(pk=a.pk), True)
    nachher = statistik.fuer_veranstaltung(veranstaltung)
    assert (nachher.teilnehmende, nachher.buergermeister, nachher.no_show_quote) == (2, 1, 50.0)

    seite = Client().get(f"/veranstaltungen/{veranstaltung.pk}/statistik/").content.decode()
    assert "2 Teilnehmende, davon 1 Bürgermeisterinnen und Bürgermeister" in seite
    assert "<svg" in seite and "Emil Engel" not in seite
    with als(dora, verband):
        jahr = statistik.fuer_jahr(veranstaltung.beginn.year)
    assert jahr.veranstaltungen >= 1 and jahr.teilnehmende >= 2


def test_pressemitteilung_nummer_schlussabsatz_und_pdf(als, dora, verband, veranstaltung):
    verband_mitglieder = Verbandsmitglied.objects.filter(verband=verband)
    sachsen = Kommune.objects.filter(land__code="14", aktiv=True).count()
    assert sachsen == 418
    assert verband_mitglieder.count() == 418  # demo data: all of Saxony
    verband_mitglieder.filter(kommune__ags__in=[GEYER, THUM]).delete()
    zahlen = presse.verbandszahlen(verband)
    assert (zahlen.mitglieder, zahlen.gemeinden_gesamt) == (416, 418)
    assert "416 der 418 sächsischen Städte und Gemeinden" in zahlen.schlussabsatz

    jahr = timezone.localdate().year % 100
    with als(dora, verband):
        vorschlag = presse.vorschlag_aus_veranstaltung(veranstaltung)
        a = presse.entwurf_anlegen(
            vorschlag["titel"], vorschlag["text"], vorschlag["untertitel"], veranstaltung=veranstaltung
        )
        b = presse.entwurf_anlegen("Zweite Mitteilung", "Text der zweiten Mitteilung.")
        assert a.nummer_text == "Entwurf"
        bisher = (
            Pressemitteilung._base_manager.filter(organisation=verband, jahr=a.jahr)
            .exclude(nummer=None)
            .count()
        )
        presse.veroeffentlichen(b)
        presse.veroeffentlichen(a)
        presse.veroeffentlichen(a)  # twice changes nothing
    assert (b.nummer_text, a.nummer_text) == (f"Nr. {bisher + 1}/{jahr:02d}", f"Nr. {bisher + 2}/{jahr:02d}")

    seite = Client().get(f"/veranstaltungen/presse/{a.pk}/").content.decode()
    assert "416 der 418 sächsischen Städte und Gemeinden" in seite
    assert "Teilnehmende" in seite  # statistics from the event in the proposed text
    pdf = Client().get(f"/veranstaltungen/presse/{a.pk}/pdf/")
    assert pdf.content.startswith(b"%PDF")
    with als(dora, verband), pytest.raises(ValidationError, match="nicht mehr geändert"):
        presse.entwurf_aendern(a, titel="Nachträglich")


def test_entwurf_ist_nicht_oeffentlich(als, dora, verband):
    with als(dora, verband):
        pm = presse.entwurf_anlegen("Vertraulicher Entwurf", "Noch nicht freigegeben.")
    assert Client().get(f"/veranstaltungen/presse/{pm.pk}/").status_code == 404
    assert "Vertraulicher Entwurf" not in Client().get("/veranstaltungen/presse/").content.decode()
    assert "Vertraulicher Entwurf" not in str(Client().get("/api/pressemitteilungen").json())
