"""Demo Geschäftsgang for Geyer: three Ablaufvorlagen and two running routes with open tasks, so
that Alice, Bob and the Bauamt find something in „Meine Aufgaben“ on their first visit."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from rathausnetz.akten.models import Dokument, Vorgang
from rathausnetz.geschaeftsgang.models import Ablaufvorlage, Schrittart
from rathausnetz.geschaeftsgang.services import verfuegungen, vorlagen
from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe
from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.zugang.kontext import zugriff_als
from rathausnetz.zugang.services import zugriff_fuer

BESCHLUSSVORLAGE = "Beschlussvorlage: Amtsleitung → Kämmerei → Bürgermeister"
BESCHEID = "Bescheid: Mitzeichnung Hauptamt → Schlusszeichnung Bürgermeister"
UMLAUF = "Umlauf: Bauamt und Ordnungsamt zur Kenntnis → zdA"


def demo_geschaeftsgang_laden(geyer: Organisation) -> int:
    """Runs as Geyer's administration; does nothing if Geyer already has Ablaufvorlagen."""
    if Ablaufvorlage.objects.exists():
        return 0
    personen = (
        get_user_model().objects.filter(username__in=["alice", "bob", "emil"]).in_bulk(field_name="username")
    )
    einheit = {e.kuerzel: e for e in Organisationseinheit.objects.all()}
    if len(personen) < 3 or not {"HA", "KÄ", "BA", "OA"} <= set(einheit):
        return 0
    alice, bob, emil = personen["alice"], personen["bob"], personen["emil"]
    M, Z, K = Schrittart.MITZEICHNUNG, Schrittart.ZEICHNUNG, Schrittart.KENNTNISNAHME
    vorlagen.vorlage_anlegen(
        BESCHLUSSVORLAGE,
        [
            Schrittangabe(
                M, 1, fuer_einheit=einheit["HA"], notiz="Amtsleitung: fachlich und rechtlich prüfen"
            ),
            Schrittangabe(M, 2, fuer_einheit=einheit["KÄ"], notiz="Haushaltsmittel bestätigen"),
            Schrittangabe(Z, 3, fuer_benutzer=emil),
        ],
        [5, 5, 3],
        "Vorlagen für Stadtrat und Ausschüsse",
    )
    bescheid = vorlagen.vorlage_anlegen(
        BESCHEID,
        [Schrittangabe(M, 1, fuer_benutzer=alice), Schrittangabe(Z, 2, fuer_benutzer=emil)],
        [3, 3],
        "Bescheide und Verträge, die der Bürgermeister unterschreibt",
    )
    vorlagen.vorlage_anlegen(
        UMLAUF,
        [
            Schrittangabe(K, 1, fuer_einheit=einheit["BA"]),
            Schrittangabe(K, 1, fuer_einheit=einheit["OA"]),
            Schrittangabe(Schrittart.ZDA, 2, fuer_einheit=einheit["HA"]),
        ],
        [7, 7, None],
        "Rundschreiben und Informationen des Landratsamts",
    )
    heute = timezone.localdate()
    entwurf = Vorgang.objects.filter(betreff="Entwurf der Zweckvereinbarung abstimmen").first()
    einvernehmen = Vorgang.objects.filter(betreff="Gemeindliches Einvernehmen").first()
    gestartet = 0
    if entwurf is not None and entwurf.status != Vorgang.Status.ZDA:
        with zugriff_als(zugriff_fuer(bob, geyer.pk)):
            dokument = Dokument.objects.filter(vorgang=entwurf).order_by("erstellt_am").first()
            verfuegungen.verfuegung_aus_vorlage(
                entwurf,
                bescheid,
                dokument=dokument,
                notiz="Bitte vor der Abstimmung mit Ehrenfriedersdorf prüfen.",
            )
            gestartet += 1
    if einvernehmen is not None and einvernehmen.status != Vorgang.Status.ZDA:
        with zugriff_als(zugriff_fuer(alice, geyer.pk)):
            verfuegungen.verfuegung_starten(
                einvernehmen,
                [
                    Schrittangabe(
                        Schrittart.BEARBEITUNG,
                        1,
                        fuer_benutzer=bob,
                        frist=heute + dt.timedelta(days=2),
                        notiz="Stellungnahme an das Landratsamt entwerfen",
                    ),
                    Schrittangabe(K, 1, fuer_einheit=einheit["BA"], frist=heute + dt.timedelta(days=7)),
                    Schrittangabe(Z, 2, fuer_benutzer=emil),
                ],
                betreff="Stellungnahme gemeindliches Einvernehmen",
            )
            gestartet += 1
    return 3 + gestartet
