import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from rathausnetz.protokoll.models import Protokolleintrag, Protokollkette, ProtokollUnveraenderlich
from rathausnetz.protokoll.services import berechne_hash, protokolliere, pruefe_ketten

pytestmark = pytest.mark.django_db


def test_entries_form_a_chain_per_organisation(grunddaten, gemeinde_a, gemeinde_b, alice, als):
    with als(alice, gemeinde_a):
        erster = protokolliere("test.eins", organisation_id=gemeinde_a.pk, daten={"wert": 1})
        zweiter = protokolliere("test.zwei", organisation_id=gemeinde_a.pk)
    assert zweiter.nummer == erster.nummer + 1
    assert zweiter.vorher_hash == erster.hash
    assert erster.benutzername == "alice"
    kette = Protokollkette.objects.get(schluessel=f"org:{gemeinde_a.pk}")
    assert (kette.laenge, kette.letzter_hash) == (zweiter.nummer, zweiter.hash)
    assert not Protokolleintrag._base_manager.filter(kette=kette).exclude(organisation=gemeinde_a).exists()
    assert pruefe_ketten().in_ordnung


def test_values_survive_the_database_round_trip(grunddaten, system):
    import datetime as dt
    from decimal import Decimal

    eintrag = protokolliere(
        "test.werte",
        alt={"betrag": Decimal("10.50"), "datum": dt.date(2026, 1, 31), "liste": ["ä", 1]},
        neu={"betrag": 12.75, "datum": None, "liste": {"b", "a"}},
    )
    geladen = Protokolleintrag._base_manager.get(pk=eintrag.pk)
    assert berechne_hash(geladen, geladen.kette.schluessel) == geladen.hash
    assert geladen.aenderungen["betrag"] == {"alt": "10.50", "neu": "12.75"}
    assert geladen.aenderungen["liste"] == {"alt": ["ä", 1], "neu": ["a", "b"]}


def test_application_never_changes_or_deletes_entries(grunddaten, system):
    eintrag = Protokolleintrag.objects.first()
    with pytest.raises(ProtokollUnveraenderlich):
        eintrag.save()
    with pytest.raises(ProtokollUnveraenderlich):
        eintrag.delete()


def _sql(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_database_refuses_updates_of_entries(grunddaten, system):
    eintrag = Protokolleintrag.objects.first()
    with pytest.raises(Exception, match="unveränderlich"), transaction.atomic():
        _sql("UPDATE protokoll_protokolleintrag SET aktion = 'x.y' WHERE id = %s", eintrag.pk)


def _trigger_aus():
    if connection.vendor == "postgresql":
        _sql("ALTER TABLE protokoll_protokolleintrag DISABLE TRIGGER protokoll_eintrag_unveraenderlich")
    else:
        _sql("DROP TRIGGER protokoll_eintrag_unveraenderlich")


def test_altered_row_is_detected_and_named(grunddaten, gemeinde_a, system, capsys):
    call_command("protokoll_pruefen")
    assert "Protokoll unversehrt" in capsys.readouterr().out
    opfer = Protokolleintrag.objects.filter(organisation=gemeinde_a).order_by("nummer")[2]
    _trigger_aus()
    _sql("UPDATE protokoll_protokolleintrag SET benutzername = 'mallory' WHERE id = %s", opfer.pk)
    ergebnis = pruefe_ketten()
    assert not ergebnis.in_ordnung
    assert (ergebnis.befund.eintrag_id, ergebnis.befund.nummer) == (opfer.pk, opfer.nummer)
    assert "verändert" in ergebnis.befund.meldung
    with pytest.raises(CommandError, match=rf"Eintrag Nr\. {opfer.nummer} \(id {opfer.pk}\)"):
        call_command("protokoll_pruefen")


def test_rehashed_forgery_breaks_the_link_to_the_next_entry(grunddaten, gemeinde_a, system):
    eintraege = list(Protokolleintrag.objects.filter(organisation=gemeinde_a).order_by("nummer")[:3])
    opfer = eintraege[1]
    opfer.aktion = "mitgliedschaft.geloescht"
    neuer_hash = berechne_hash(opfer, opfer.kette.schluessel)
    _trigger_aus()
    _sql(
        "UPDATE protokoll_protokolleintrag SET aktion = %s, hash = %s WHERE id = %s",
        opfer.aktion,
        neuer_hash,
        opfer.pk,
    )
    befund = pruefe_ketten(gemeinde_a.pk, alle=False).befund
    assert befund.nummer == eintraege[2].nummer
    assert "Verkettung" in befund.meldung


def test_deleting_entries_is_refused_on_postgresql_and_detected_on_sqlite(grunddaten, gemeinde_a, system):
    eintrag = Protokolleintrag.objects.filter(organisation=gemeinde_a).order_by("nummer").first()
    if connection.vendor == "postgresql":
        with pytest.raises(Exception, match="unveränderlich"), transaction.atomic():
            _sql("DELETE FROM protokoll_protokolleintrag WHERE id = %s", eintrag.pk)
        assert pruefe_ketten().in_ordnung
    else:
        # SQLite keeps DELETE possible (Django flushes test databases row by row); the chain tells.
        _sql("DELETE FROM protokoll_protokolleintrag WHERE id = %s", eintrag.pk)
        assert pruefe_ketten(gemeinde_a.pk, alle=False).befund.nummer == eintrag.nummer


def test_deleted_entries_are_detected_in_the_middle_and_at_the_end(grunddaten, gemeinde_a, system):
    eintraege = list(Protokolleintrag.objects.filter(organisation=gemeinde_a).order_by("nummer"))
    _trigger_aus()
    _sql("DELETE FROM protokoll_protokolleintrag WHERE id = %s", eintraege[-1].pk)
    assert "am Ende gelöscht" in pruefe_ketten(gemeinde_a.pk, alle=False).befund.meldung
    _sql("DELETE FROM protokoll_protokolleintrag WHERE id = %s", eintraege[1].pk)
    befund = pruefe_ketten(gemeinde_a.pk, alle=False).befund
    assert befund.nummer == eintraege[1].nummer
    assert "fehlt" in befund.meldung


def test_deleting_a_user_keeps_the_chain_intact(grunddaten, gemeinde_a, system):
    from rathausnetz.zugang.tests.factories import BenutzerFactory, MitgliedschaftFactory

    weg = BenutzerFactory()
    MitgliedschaftFactory(benutzer=weg, organisation=gemeinde_a)
    from rathausnetz.zugang.kontext import Zugriff, zugriff_als

    with zugriff_als(Zugriff(benutzer_id=weg.pk, benutzername=weg.username, organisation_id=gemeinde_a.pk)):
        von_ihr = protokolliere("test.von_ihr", organisation_id=gemeinde_a.pk)
    weg.delete()
    von_ihr = Protokolleintrag._base_manager.get(pk=von_ihr.pk)
    assert von_ihr.benutzername == weg.username
    assert pruefe_ketten().in_ordnung


def test_ui_check_button_reports_the_state(alice, gemeinde_a, client_fuer):
    inhalt = client_fuer(alice, gemeinde_a).get("/protokoll/?pruefen=1").content.decode()
    assert "Die Protokollkette ist unversehrt" in inhalt
    assert "organisationseinheit.angelegt" in inhalt


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_share_a_number(transaktionale_grunddaten):
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import systemzugriff

    org = Organisation.objects.get(name="Stadtverwaltung Geyer")
    fehler = []

    def schreiben(n: int) -> None:
        try:
            with systemzugriff("Parallel"):
                for i in range(15):
                    protokolliere("test.parallel", organisation_id=org.pk, daten={"faden": n, "i": i})
        except Exception as e:  # pragma: no cover - reported below
            fehler.append(e)
        finally:
            connection.close()

    faeden = [threading.Thread(target=schreiben, args=(n,)) for n in range(4)]
    for f in faeden:
        f.start()
    for f in faeden:
        f.join()
    assert fehler == []
    nummern = list(
        Protokolleintrag._base_manager.filter(organisation=org)
        .order_by("nummer")
        .values_list("nummer", flat=True)
    )
    assert nummern == list(range(1, len(nummern) + 1))
    assert pruefe_ketten(org.pk, alle=False).in_ordnung
