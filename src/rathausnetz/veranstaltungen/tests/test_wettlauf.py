"""Two people confirm for the last seat at the same moment: exactly one gets it (real threads, real
database connections; on PostgreSQL the event row lock decides, on SQLite ``BEGIN IMMEDIATE``)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from rathausnetz.kommunen.models import Organisation
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen
from rathausnetz.veranstaltungen.services.veranstaltungen import Veranstaltungsdaten, veranstaltung_anlegen
from rathausnetz.veranstaltungen.tests.helfer import daten, termin
from rathausnetz.zugang.kontext import systemzugriff

pytestmark = pytest.mark.slow


def _netzwerktreffen(kapazitaet: int) -> Veranstaltung:
    """A published event of the association, committed (the threads use their own connections)."""
    with systemzugriff("Test"):
        verband = Organisation.objects.get(typ=Organisation.Typ.SPITZENVERBAND)
        return veranstaltung_anlegen(
            Veranstaltungsdaten(
                titel="Netzwerktreffen Digital-Navigatoren",
                art="netzwerktreffen",
                beginn=termin(10),
                ende=termin(10, 16),
                ort="Chemnitz",
                kapazitaet=kapazitaet,
                anmeldung_bis=termin(9),
                status="veroeffentlicht",
            ),
            organisation_id=verband.pk,
        )


def test_letzter_platz_geht_an_genau_eine_person(transaktionale_grunddaten):
    v = _netzwerktreffen(kapazitaet=1)
    ids = []
    for i in range(6):
        a = anmeldungen.anmelden(v, daten(f"Person {i}", f"person{i}@thum.example"))
        Anmeldung._base_manager.filter(pk=a.pk).update(token_hash=anmeldungen._hash(f"token{i}"))
        ids.append(a.pk)
    start = threading.Barrier(len(ids))
    fehler: list[BaseException] = []

    def bestaetigen(pk: int, token: str) -> None:
        try:
            start.wait()
            anmeldungen.bestaetigen(pk, token)
        except BaseException as e:
            fehler.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=bestaetigen, args=(pk, f"token{i}")) for i, pk in enumerate(ids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not fehler, fehler
    status = sorted(Anmeldung._base_manager.filter(veranstaltung=v).values_list("status", flat=True))
    assert status == ["angemeldet"] + ["warteliste"] * 5


def test_zwei_worker_reihen_jede_bestaetigungsmail_genau_einmal_ein(transaktionale_grunddaten, monkeypatch):
    """Workers hand marked opt-in mails to the queue at the same moment (small batches, so that
    they overlap): each mail is queued once (PostgreSQL skips rows another worker has locked;
    SQLite's IMMEDIATE transactions take turns)."""
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(anmeldungen, "EINREIHEN_STAPEL", 7)
    v = _netzwerktreffen(kapazitaet=100)
    ids = {anmeldungen.anmelden(v, daten(f"Person {i}", f"person{i}@thum.example")).pk for i in range(60)}
    start = threading.Barrier(3)
    fehler: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            with systemzugriff("Test-Worker"):
                while anmeldungen.bestaetigungen_einreihen():
                    pass
        except BaseException as e:
            fehler.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not fehler, fehler
    eingereiht = [
        t.args_kwargs["args"][1]
        for t in DBTaskResult.objects.filter(task_path__endswith="anmeldungsmail_senden")
    ]
    assert sorted(eingereiht) == sorted(ids)
    assert not Anmeldung._base_manager.filter(bestaetigung_offen=True).exists()
