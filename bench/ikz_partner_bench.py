#!/usr/bin/env python3
"""IKZ partner finder: does it find the real partners, and how fast is it?

    .venv/bin/python bench/ikz_partner_bench.py

Quality, evaluated honestly: Saxony's 70 Verwaltungsgemeinschaften and Verwaltungsverbände are
municipalities that did choose each other. For every member the finder is asked for partners with
its union hidden (``ohne_verbandsbindung=True``: neither the membership nor imported union
cooperations count); recall@5 is the share of its real union partners among the top 5. The
baseline proposes the 5 nearest municipalities by distance between centres. Latency: the finder for
each of the 418 Saxon municipalities, warm cache, on a fresh SQLite database with synthetic
cooperations and Fachverfahren, as a system job, as a municipality's clerk and as a guest.

Prints figures; see bench/README.md (section "IKZ-Partnersuche") for a run and how to read it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

TOP = 5


def django_starten(arbeitsordner: Path) -> None:
    """A fresh SQLite database in ``arbeitsordner`` with the registry, as bench/suche_bench.py does."""
    os.environ["RATHAUSNETZ_DATA_DIR"] = str(arbeitsordner)
    os.environ["RATHAUSNETZ_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathausnetz.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rathausnetz.kommunen.services.register import lade_register
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Bench"):
        lade_register()


def perzentil(werte: list[float], p: float) -> float:
    werte = sorted(werte)
    return werte[min(len(werte) - 1, round(p / 100 * (len(werte) - 1)))]


# --- quality ----------------------------------------------------------------------------------


def verbaende_sachsen() -> dict[str, list[str]]:
    """Union name → member AGS for Saxony's Verwaltungsgemeinschaften and Verwaltungsverbände."""
    from rathausnetz.kommunen.models import Gemeindeverband, Kommune

    verbaende: dict[str, list[str]] = {}
    typen = [Gemeindeverband.Typ.VERWALTUNGSGEMEINSCHAFT, Gemeindeverband.Typ.VERWALTUNGSVERBAND]
    for verband in Gemeindeverband.objects.filter(typ__in=typen, kreis__land__code="14").order_by("ars"):
        mitglieder = list(
            Kommune.objects.filter(gemeindeverband=verband, aktiv=True).values_list("ags", flat=True)
        )
        if len(mitglieder) >= 2:
            verbaende[f"{verband.get_typ_display()} {verband.name}"] = mitglieder
    return verbaende


def naechste(ags: str, anzahl: int) -> list[str]:
    """Baseline: the ``anzahl`` municipalities (SN and ST) whose centres lie nearest."""
    from rathausnetz.ikz.services.partnersuche import _aktuelles_register, entfernung_km

    register = _aktuelles_register()
    mitte = register.eintraege[ags]
    andere = (e for e in register.eintraege.values() if e.ags != ags)
    return [e.ags for e in sorted(andere, key=lambda e: (entfernung_km(mitte, e), e.ags))[:anzahl]]


def bewerten(name: str, vorschlaege: Callable[[str], list[str]], verbaende: dict[str, list[str]]) -> dict:
    """recall@5 per member (macro), over all partner pairs (micro), and how often rank 1 is a partner."""
    recalls, treffer, partner_gesamt, erster = [], 0, 0, 0
    nach_groesse: dict[int, list[float]] = {}
    for mitglieder in verbaende.values():
        for ags in mitglieder:
            partner = set(mitglieder) - {ags}
            liste = vorschlaege(ags)[:TOP]
            gefunden = len(partner & set(liste))
            recalls.append(gefunden / len(partner))
            nach_groesse.setdefault(len(mitglieder), []).append(gefunden / len(partner))
            treffer += gefunden
            partner_gesamt += len(partner)
            erster += bool(liste) and liste[0] in partner
    werte = {
        "makro": statistics.mean(recalls),
        "mikro": treffer / partner_gesamt,
        "platz1": erster / len(recalls),
        "groesse": {g: statistics.mean(r) for g, r in sorted(nach_groesse.items())},
    }
    groessen = ", ".join(f"{g} Mitglieder {r:.2f}" for g, r in werte["groesse"].items())
    print(
        f"  {name:<44} recall@5 makro {werte['makro']:.3f}  mikro {werte['mikro']:.3f}  "
        f"Platz 1 ist Partner {werte['platz1']:.1%}   ({groessen})"
    )
    return werte


def qualitaet() -> None:
    from rathausnetz.ikz.services.partnersuche import partner_finden
    from rathausnetz.zugang.kontext import systemzugriff

    verbaende = verbaende_sachsen()
    mitglieder = sum(len(m) for m in verbaende.values())
    print(
        f"Qualität: {len(verbaende)} Verbände in Sachsen, {mitglieder} Mitgliedsgemeinden, Verband verborgen"
    )
    with systemzugriff("Bench"):

        def unsere(ags: str) -> list[str]:
            return [k.ags for k in partner_finden(ags, anzahl=TOP, ohne_verbandsbindung=True).kandidaten]

        bewerten("Partnersuche (ohne Verbandsbindung)", unsere, verbaende)
        bewerten("Grundlinie: 5 nächste Ortsmitten", lambda ags: naechste(ags, TOP), verbaende)

        def mit_verband(ags: str) -> list[str]:
            return [k.ags for k in partner_finden(ags, anzahl=TOP).kandidaten]

        bewerten("Kontrolle: Partnersuche mit Verbandsbindung", mit_verband, verbaende)


# --- latency ----------------------------------------------------------------------------------


def dynamische_daten(anzahl_kooperationen: int) -> tuple[str, int]:
    """Synthetic cooperations (between neighbours, mixed visibility) and Fachverfahren, so that the
    latency includes the per-call queries. Returns the task area code and a clerk's organisation."""
    from django.utils import timezone

    from rathausnetz.ikz.models import (
        Aufgabenbereich,
        Fachverfahren,
        Kooperation,
        Kooperationsmitglied,
        Rechtsform,
    )
    from rathausnetz.kommunen.models import Kommune, Nachbarschaft, Organisation
    from rathausnetz.zugang.kontext import systemzugriff

    zufall = random.Random(2026)
    with systemzugriff("Bench"):
        rechtsform, _ = Rechtsform.objects.get_or_create(
            code="zweckvereinbarung_mandatierend",
            defaults={
                "name": "Zweckvereinbarung (mandatierend)",
                "kurz": "ZV mandatierend",
                "rechtsgrundlage": "§ 71 Abs. 2 SächsKomZG",
                "rechtspersoenlichkeit": False,
                "genehmigungspflichtig": True,
                "bekanntmachungspflichtig": True,
            },
        )
        bereiche = [
            Aufgabenbereich.objects.get_or_create(
                code=code, defaults={"name": name, "empfohlene_einwohner": ew}
            )[0]
            for code, name, ew in [
                ("bench-standesamt", "Standesamtswesen", 15_000),
                ("bench-bauhof", "Bauhof und Winterdienst", None),
                ("bench-vollstreckung", "Vollstreckung", 20_000),
            ]
        ]
        sachsen = list(Kommune.objects.filter(land__code="14", aktiv=True).values_list("pk", flat=True))
        nachbarn: dict[int, list[int]] = {}
        for kommune_id, nachbar_id in Nachbarschaft.objects.exclude(nachbar=None).values_list(
            "kommune_id", "nachbar_id"
        ):
            nachbarn.setdefault(kommune_id, []).append(nachbar_id)
        sichtbarkeiten = [Kooperation.Sichtbarkeit.OEFFENTLICH] * 3 + [Kooperation.Sichtbarkeit.MITGLIEDER]
        status = [Kooperation.Status.AKTIV] * 4 + [Kooperation.Status.VERHANDLUNG, Kooperation.Status.IDEE]
        for nummer in range(anzahl_kooperationen):
            kern = zufall.choice(sachsen)
            mitglieder = {
                kern,
                *zufall.sample(nachbarn[kern], min(len(nachbarn[kern]), zufall.randint(1, 3))),
            }
            koop = Kooperation.objects.create(
                titel=f"Bench-Kooperation {nummer}",
                rechtsform=rechtsform,
                status=zufall.choice(status),
                sichtbarkeit=zufall.choice(sichtbarkeiten),
                geaendert_am=timezone.now(),
            )
            koop.aufgabenbereiche.add(zufall.choice(bereiche))
            Kooperationsmitglied.objects.bulk_create(
                [Kooperationsmitglied(kooperation=koop, kommune_id=pk) for pk in mitglieder]
            )
        software = ["AUTISTA", "VOIS|STANDESAMT", "Standesamt-Online", "autista"]
        Fachverfahren.objects.bulk_create(
            [
                Fachverfahren(kommune_id=pk, aufgabenbereich=bereiche[0], software=zufall.choice(software))
                for pk in sachsen
            ]
        )
        organisation = Organisation.objects.create(
            name="Stadtverwaltung Geyer (Bench)", typ=Organisation.Typ.GEMEINDEVERWALTUNG
        )
        organisation.kommunen.add(Kommune.objects.get(ags="14521210"))
    return bereiche[0].code, organisation.pk


def latenz(bereich: str, organisation_id: int, wiederholungen: int) -> None:
    from django.db import connection, reset_queries

    from rathausnetz.ikz.services.partnersuche import partner_finden
    from rathausnetz.kommunen.models import Kommune
    from rathausnetz.zugang.kontext import Zugriff, systemzugriff, zugriff_als
    from rathausnetz.zugang.rechte import Rolle

    sachsen = list(Kommune.objects.filter(land__code="14", aktiv=True).values_list("ags", flat=True))
    kontexte = {
        "Systemzugriff": lambda: systemzugriff("Bench"),
        "Sachbearbeitung einer Gemeinde": lambda: zugriff_als(
            Zugriff(
                benutzer_id=None,
                benutzername="bench",
                organisation_id=organisation_id,
                rollen=frozenset({Rolle.SACHBEARBEITUNG.value}),
            )
        ),
        "Gast (nur öffentliche)": lambda: zugriff_als(
            Zugriff(benutzer_id=None, benutzername="", organisation_id=None)
        ),
    }
    print(f"Latenz: partner_finden für alle {len(sachsen)} sächsischen Gemeinden, je {wiederholungen}×, warm")
    for name, kontext in kontexte.items():
        for mit_bereich in (None, bereich):
            with kontext():
                partner_finden(sachsen[0], mit_bereich)  # warm: registry in memory
                zeiten = []
                connection.force_debug_cursor = True
                reset_queries()
                for _ in range(wiederholungen):
                    for ags in sachsen:
                        start = time.perf_counter()
                        partner_finden(ags, mit_bereich)
                        zeiten.append((time.perf_counter() - start) * 1000)
                abfragen = len(connection.queries) / len(zeiten)
                connection.force_debug_cursor = False
            print(
                f"  {name:<32} {'mit Aufgabenbereich' if mit_bereich else 'ohne Aufgabenbereich':<21} "
                f"p50 {statistics.median(zeiten):5.1f} ms  p95 {perzentil(zeiten, 95):5.1f} ms  "
                f"max {max(zeiten):5.1f} ms  ({abfragen:.1f} Abfragen je Aufruf)"
            )


def kalter_start() -> None:
    from rathausnetz.ikz.services.partnersuche import partner_finden, register_verwerfen
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Bench"):
        register_verwerfen()
        start = time.perf_counter()
        partner_finden("14521210")
        print(
            f"  erster Aufruf mit kaltem Cache (Register lesen): {(time.perf_counter() - start) * 1000:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kooperationen", type=int, default=300, help="synthetische Kooperationen")
    parser.add_argument("--wiederholungen", type=int, default=3, help="Durchläufe je Latenzmessung")
    args = parser.parse_args()
    arbeitsordner = Path(tempfile.mkdtemp(prefix="rathausnetz-ikz-bench-"))
    try:
        beginn = time.perf_counter()
        django_starten(arbeitsordner)
        print(f"Frische SQLite-Datenbank mit Register in {time.perf_counter() - beginn:.0f} s")
        qualitaet()
        bereich, organisation_id = dynamische_daten(args.kooperationen)
        print(
            f"Dynamische Daten: {args.kooperationen} Kooperationen zwischen Nachbarn, "
            "Fachverfahren für alle sächsischen Gemeinden"
        )
        kalter_start()
        latenz(bereich, organisation_id, args.wiederholungen)
    finally:
        shutil.rmtree(arbeitsordner, ignore_errors=True)


if __name__ == "__main__":
    main()
