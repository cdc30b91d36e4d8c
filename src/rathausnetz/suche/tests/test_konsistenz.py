"""Index and data can never disagree: random work, then the proof; and the proof catches damage."""

import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Datei, Dokument, Dokumentversion, Vorgang
from rathausnetz.suche.models import Suchtext
from rathausnetz.suche.services.index import pruefen

pytestmark = pytest.mark.django_db

WOERTER = [
    "Bauantrag",
    "Gewerbesteuer",
    "Friedhofsgebühr",
    "Geschäftsführer",
    "Straßenbeleuchtung",
    "Winterdienst",
    "Kita",
    "Elternbeitrag",
    "Feuerwehr",
    "Löschfahrzeug",
    "Standesamt",
    "Eheschließung",
    "Gemeinderat",
    "Beschluss",
    "Haushalt",
    "Zweckverband",
    "Abwasser",
    "Geschéftsfuhrer",
    "Gro3e",
    "Lösung",
    "Müller",
    "Mueller",
    "Sächsisches",
    "Landratsamt",
    "Widerspruch",
]


def _text(zufall: random.Random, laenge: int) -> str:
    return " ".join(zufall.choice(WOERTER) for _ in range(laenge))


def test_ten_thousand_random_changes_leave_index_and_data_in_agreement(gemeinde_a, system):
    zufall = random.Random(2026)
    eintrag = Aktenplaneintrag.objects.filter(organisation=gemeinde_a, aktiv=True).first()
    datei = Datei.objects.create(sha256="a" * 64, groesse=1, mime_typ="text/plain")
    akten = [
        Akte.objects.create(
            organisation=gemeinde_a,
            aktenplaneintrag=eintrag,
            aktenzeichen=f"T-{n}",
            laufnummer=n,
            jahr=2026,
            titel=_text(zufall, 3),
        )
        for n in range(1, 6)
    ]
    vorgaenge = [
        Vorgang.objects.create(organisation=gemeinde_a, akte=zufall.choice(akten), betreff=_text(zufall, 2))
        for _ in range(10)
    ]
    dokumente: list[Dokument] = []
    for schritt in range(10_000):
        wahl = zufall.random()
        if wahl < 0.45 or not dokumente:
            dokument = Dokument.objects.create(
                organisation=gemeinde_a,
                vorgang=zufall.choice(vorgaenge),
                betreff=_text(zufall, 3),
                absender=zufall.choice(["", "Landratsamt Erzgebirgskreis", "Familie Müller"]),
            )
            Dokumentversion.objects.create(
                organisation=gemeinde_a,
                dokument=dokument,
                nummer=1,
                datei=datei,
                dateiname="a.txt",
                text=_text(zufall, zufall.randint(0, 40)),
            )
            dokumente.append(dokument)
        elif wahl < 0.65:
            dokument = zufall.choice(dokumente)
            dokument.betreff = _text(zufall, 3)
            dokument.vertraulichkeit = zufall.choice(["offen", "intern", "vertraulich"])
            dokument.save()
        elif wahl < 0.75:
            dokument = zufall.choice(dokumente)
            nummer = Dokumentversion.objects.filter(dokument=dokument).count() + 1
            Dokumentversion.objects.create(
                organisation=gemeinde_a,
                dokument=dokument,
                nummer=nummer,
                datei=datei,
                dateiname="b.txt",
                text=_text(zufall, 10),
            )
        elif wahl < 0.80:
            vorgang = zufall.choice(vorgaenge)
            vorgang.akte = zufall.choice(akten)  # moves its documents along
            vorgang.save()
        elif wahl < 0.83:
            akte = zufall.choice(akten)
            akte.titel = _text(zufall, 3)
            akte.aktenzeichen = f"T-{akte.pk}-{schritt}"
            akte.save()
        else:
            dokument = dokumente.pop(zufall.randrange(len(dokumente)))
            dokument.delete()
    bericht = pruefen()
    assert bericht.in_ordnung, bericht
    assert bericht.geprueft >= len(dokumente) + 15
    assert Suchtext.objects.filter(art="dokument", vorgang__in=vorgaenge).count() == len(dokumente)


def test_the_proof_finds_missing_stale_and_orphaned_rows_and_the_rebuild_repairs(gemeinde_a, system):
    call_command("suche_pruefen")  # the demo data is indexed
    zeilen = list(Suchtext.objects.order_by("id")[:3])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE suche_suchtext SET inhalt_index = 'manipuliert' WHERE id = %s", [zeilen[0].pk])
        cursor.execute(
            "UPDATE suche_suchtext SET dokument_id = NULL, art = 'dokument' WHERE id = %s", [zeilen[1].pk]
        )
    Suchtext.objects.filter(pk=zeilen[2].pk).delete()
    bericht = pruefen()
    assert not bericht.in_ordnung
    assert bericht.abweichend and bericht.fehlend and bericht.verwaist == [zeilen[1].pk]
    with pytest.raises(CommandError, match="Suchindex weicht ab"):
        call_command("suche_pruefen")
    call_command("suche_neuaufbau")
    assert pruefen().in_ordnung


def test_full_text_structure_follows_the_row_or_the_proof_says_so(gemeinde_a, system):
    zeile = Suchtext.objects.exclude(inhalt_index="").first()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The tsvector is a generated column: a change of the row changes it, whoever writes.
            cursor.execute("UPDATE suche_suchtext SET inhalt_index = 'anders' WHERE id = %s", [zeile.pk])
            cursor.execute("SELECT vektor::text FROM suche_suchtext WHERE id = %s", [zeile.pk])
            assert "'anders'" in cursor.fetchone()[0]
            return
        # SQLite: a change that bypassed the triggers leaves FTS5 behind, and the proof says so.
        cursor.execute("DROP TRIGGER suche_fts_au")
        cursor.execute("UPDATE suche_suchtext SET inhalt_index = 'anders' WHERE id = %s", [zeile.pk])
    assert "FTS5" in pruefen().volltext_fehler
