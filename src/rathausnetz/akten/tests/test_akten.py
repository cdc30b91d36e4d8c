import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.akten.models import (
    Akte,
    Aktenplaneintrag,
    Dokument,
    Dokumentversion,
    Verschiebung,
    Vorgang,
    Wiedervorlage,
)
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.akten.services.aktenplan import eintrag_aendern
from rathausnetz.akten.services.aussonderung import abgelaufene_akten
from rathausnetz.akten.tests.helfer import datei, pdf
from rathausnetz.protokoll.models import Protokolleintrag

pytestmark = pytest.mark.django_db


@pytest.fixture
def akte_a(bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="610")
        akte = akten.akte_anlegen(eintrag, "Bauvoranfrage Wohnhaus Annaberger Straße 12")
        vorgang = vorgaenge.vorgang_anlegen(akte, "Stellungnahme zum gemeindlichen Einvernehmen")
    return akte, vorgang


def test_upload_two_pdfs_close_everything_and_see_the_disposal_date(akte_a, bob, gemeinde_a, als):
    akte, vorgang = akte_a
    with als(bob, gemeinde_a):
        antrag = dokumente.dokument_hochladen(
            vorgang, datei(pdf("Antrag auf Bauvorbescheid")), "Antrag.pdf", absender="Familie Schubert"
        )
        plan = dokumente.dokument_hochladen(vorgang, datei(pdf("Lageplan")), "Lageplan.pdf")
        assert {antrag.betreff, plan.betreff} == {"Antrag", "Lageplan"}
        version = antrag.versionen.get()
        assert "Bauvorbescheid" in version.text
        assert speicher.original_pfad(version.datei.sha256).read_bytes() == pdf("Antrag auf Bauvorbescheid")
        wv = vorgaenge.wiedervorlage_anlegen(
            vorgang, timezone.localdate() + dt.timedelta(days=14), "Frist Landratsamt"
        )
        with pytest.raises(ValidationError, match="offene"):
            akten.akte_schliessen(akte)
        vorgaenge.vorgang_zda(vorgang)
        wv.refresh_from_db()
        assert wv.erledigt_am is not None
        heute = timezone.localdate()  # the Akte was opened today (Europe/Berlin)
        akten.akte_schliessen(akte, geschlossen_am=heute)
    akte.refresh_from_db()
    assert akte.status == Akte.Status.ABGESCHLOSSEN
    assert akte.aussonderungsdatum == dt.date(heute.year + 30, 12, 31)  # 610: 30 Jahre
    aktionen = list(
        Protokolleintrag._base_manager.filter(organisation=gemeinde_a).values_list("aktion", flat=True)
    )
    for aktion in [
        "akte.angelegt",
        "vorgang.angelegt",
        "dokument.hochgeladen",
        "wiedervorlage.angelegt",
        "vorgang.zda",
        "akte.geschlossen",
    ]:
        assert aktion in aktionen


def test_changed_retention_recomputes_the_disposal_date(bob, alice, gemeinde_a, als):
    with als(bob, gemeinde_a):
        akte = akten.akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="610"),
            "Bauantrag Garage",
            eroeffnet_am=dt.date(2019, 4, 1),
        )
        with pytest.raises(ValidationError, match="vor der Eröffnung"):
            akten.akte_schliessen(akte, geschlossen_am=dt.date(2018, 1, 1))
        akten.akte_schliessen(akte, geschlossen_am=dt.date(2020, 6, 1))
    with als(alice, gemeinde_a):
        eintrag_aendern(Aktenplaneintrag.objects.get(kennzeichen="61"), aufbewahrungsfrist=3)
        eintrag_aendern(Aktenplaneintrag.objects.get(kennzeichen="610"), aufbewahrungsfrist=None)
        akte.refresh_from_db()
        assert akte.aussonderungsdatum == dt.date(2023, 12, 31)
        abgelaufen = list(abgelaufene_akten())
        assert akte in abgelaufen
        assert all(a.aussonderungsdatum < timezone.localdate() for a in abgelaufen)


def test_versions_keep_every_original(akte_a, bob, gemeinde_a, als):
    _, vorgang = akte_a
    with als(bob, gemeinde_a):
        dok = dokumente.dokument_hochladen(vorgang, datei(b"Entwurf 1\n"), "Vermerk.txt")
        zweite = dokumente.version_hinzufuegen(
            dok, datei(b"Entwurf 2, korrigiert\n"), "Vermerk.txt", "Korrektur"
        )
        gleiche = dokumente.version_hinzufuegen(dok, datei(b"Entwurf 1\n"), "Vermerk.txt", "zurück")
    assert [v.nummer for v in Dokumentversion._base_manager.filter(dokument=dok).order_by("nummer")] == [
        1,
        2,
        3,
    ]
    assert zweite.text == "Entwurf 2, korrigiert\n"
    assert (
        gleiche.datei_id == Dokumentversion._base_manager.get(dokument=dok, nummer=1).datei_id
    )  # stored once


@pytest.mark.parametrize(
    ("inhalt", "name", "meldung"),
    [
        (b"", "leer.pdf", "leer"),
        (b"MZ\x90\x00" + b"\x00" * 200, "rechnung.pdf", "nicht erlaubt"),
        (b"<html><script>alert(1)</script></html>", "seite.txt", "nicht erlaubt"),
    ],
)
def test_bad_uploads_are_refused_and_leave_nothing(akte_a, bob, gemeinde_a, als, inhalt, name, meldung):
    import hashlib

    _, vorgang = akte_a
    pfad = speicher.original_pfad(hashlib.sha256(inhalt).hexdigest())
    vorher = pfad.exists()  # the Posteingang may keep the same bytes in quarantine (other tests)
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError, match=meldung):
            dokumente.dokument_hochladen(vorgang, datei(inhalt), name)
        assert not Dokument.objects.filter(vorgang=vorgang).exists()
    assert pfad.exists() == vorher


def test_size_limit(akte_a, bob, gemeinde_a, als, settings):
    settings.UPLOAD_MAX_MB = 1
    _, vorgang = akte_a
    with als(bob, gemeinde_a), pytest.raises(ValidationError, match="größer als 1 MB"):
        dokumente.dokument_hochladen(vorgang, datei(b"x" * (1024 * 1024 + 1)), "gross.txt")


@pytest.mark.parametrize(
    ("name", "erwartet"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\bob\\Brief.pdf", "Brief.pdf"),
        ("Brief\x00\x07an<Amt>.pdf", "Brief__an_Amt_.pdf"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
        ("...", "dokument"),
    ],
)
def test_file_names_are_made_safe(name, erwartet):
    assert speicher.sicherer_dateiname(name) == erwartet


def test_moving_keeps_the_aktenzeichen_history(akte_a, bob, gemeinde_a, als):
    akte, vorgang = akte_a
    with als(bob, gemeinde_a):
        ziel_akte = akten.akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="601"), "Bebauungsplan Am Greifenstein"
        )
        ziel = vorgaenge.vorgang_anlegen(ziel_akte, "Beteiligung der Öffentlichkeit")
        dok = dokumente.dokument_hochladen(vorgang, datei(b"Einwendung\n"), "Einwendung.txt")
        dokumente.dokument_verschieben(dok, ziel)
        vorgaenge.vorgang_verschieben(vorgang, ziel_akte)
        spur = list(Verschiebung.objects.values_list("art", "von_aktenzeichen", "nach_aktenzeichen"))
    assert ("dokument", akte.aktenzeichen, ziel_akte.aktenzeichen) in spur
    assert ("vorgang", akte.aktenzeichen, ziel_akte.aktenzeichen) in spur


def test_moves_across_tenants_are_refused(akte_a, bob, charlie, gemeinde_a, gemeinde_b, als):
    _, vorgang = akte_a
    with als(charlie, gemeinde_b):
        fremde_akte = akten.akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="610"), "Bauantrag Ehrenfriedersdorf"
        )
        fremder_vorgang = vorgaenge.vorgang_anlegen(fremde_akte, "Prüfung")
    with als(bob, gemeinde_a):
        dok = dokumente.dokument_hochladen(vorgang, datei(b"Text\n"), "Text.txt")
        with pytest.raises((ValidationError, PermissionDenied)):
            dokumente.dokument_verschieben(dok, fremder_vorgang)
        with pytest.raises((ValidationError, PermissionDenied)):
            akten.akte_anlegen(
                Aktenplaneintrag._base_manager.get(organisation=gemeinde_b, kennzeichen="610"), "X"
            )


def test_sharing_lets_the_partner_work_on_this_akte_only(akte_a, bob, charlie, gemeinde_a, gemeinde_b, als):
    akte, vorgang = akte_a
    with als(charlie, gemeinde_b):
        assert not Akte.objects.filter(pk=akte.pk).exists()
    with als(bob, gemeinde_a):
        akten.freigeben(akte, gemeinde_b, "lesen")
        geheim = akten.akte_anlegen(Aktenplaneintrag.objects.get(kennzeichen="021"), "Personalakte Müller")
    with als(charlie, gemeinde_b):
        sichtbar = Akte.objects.get(pk=akte.pk)
        assert list(Vorgang.objects.filter(akte=sichtbar)) == [vorgang]
        assert not Akte.objects.filter(pk=geheim.pk).exists()
        with pytest.raises(PermissionDenied, match="nur lesbar"):
            vorgaenge.vorgang_anlegen(sichtbar, "Stellungnahme Ehrenfriedersdorf")
    with als(bob, gemeinde_a):
        akten.freigeben(akte, gemeinde_b, "bearbeiten")
    with als(charlie, gemeinde_b):
        neu = vorgaenge.vorgang_anlegen(Akte.objects.get(pk=akte.pk), "Stellungnahme Ehrenfriedersdorf")
        assert neu.organisation_id == gemeinde_a.pk  # the owner stays the lead organisation
    with als(bob, gemeinde_a):
        akten.freigabe_entziehen(akte, gemeinde_b)
    with als(charlie, gemeinde_b):
        assert not Akte.objects.filter(pk=akte.pk).exists()
        assert not Vorgang.objects.filter(pk=neu.pk).exists()


def test_confidential_akten_only_for_the_responsible_unit(bob, alice, gemeinde_a, als, django_user_model):
    from rathausnetz.kommunen.models import Organisationseinheit

    with als(alice, gemeinde_a):
        personal = Organisationseinheit.objects.get(kuerzel="HA")
        akte = akten.akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="021"),
            "Personalakte Frieda Fuchs",
            organisationseinheit=personal,
            vertraulichkeit="vertraulich",
        )
        assert Akte.objects.filter(pk=akte.pk).exists()  # Alice is in HA
    with als(bob, gemeinde_a):  # Bob works in BB
        assert not Akte.objects.filter(pk=akte.pk).exists()
    emil = django_user_model.objects.get(username="emil")
    with als(emil, gemeinde_a):  # Leitung sees it
        assert Akte.objects.filter(pk=akte.pk).exists()
    with als(alice, gemeinde_a), pytest.raises(ValidationError, match="Nur offene Akten"):
        from rathausnetz.kommunen.models import Organisation

        akten.freigeben(akte, Organisation.objects.get(name="Stadtverwaltung Ehrenfriedersdorf"), "lesen")


def test_wiedervorlagen_by_due_date(akte_a, bob, gemeinde_a, als):
    _, vorgang = akte_a
    heute = timezone.localdate()
    with als(bob, gemeinde_a) as zugriff:
        vorher = vorgaenge.nach_faelligkeit(vorgaenge.meine_wiedervorlagen(zugriff), heute)
        vorgaenge.wiedervorlage_anlegen(vorgang, heute, "heute anrufen")
        vorgaenge.wiedervorlage_anlegen(vorgang, heute + dt.timedelta(days=40), "später")
        Wiedervorlage.objects.create(
            organisation=gemeinde_a,
            vorgang=vorgang,
            faellig_am=heute - dt.timedelta(days=2),
            fuer_benutzer=bob,
        )
        with pytest.raises(ValidationError, match="Vergangenheit"):
            vorgaenge.wiedervorlage_anlegen(vorgang, heute - dt.timedelta(days=1))
        faellig = vorgaenge.nach_faelligkeit(vorgaenge.meine_wiedervorlagen(zugriff), heute)
    assert len(faellig.ueberfaellig) == len(vorher.ueberfaellig) + 1
    assert len(faellig.heute) == len(vorher.heute) + 1
    assert len(faellig.spaeter) == len(vorher.spaeter) + 1
    assert faellig.anzahl_dringend == vorher.anzahl_dringend + 2


def test_daily_digest_mails_each_person_their_due_wiedervorlagen(akte_a, bob, alice, gemeinde_a, als, system):
    from django.core import mail

    from rathausnetz.akten.services.benachrichtigung import wiedervorlagen_digest_senden
    from rathausnetz.kommunen.models import Organisationseinheit

    _, vorgang = akte_a
    heute = timezone.localdate()
    with als(bob, gemeinde_a):
        vorgaenge.wiedervorlage_anlegen(vorgang, heute, "Bauherrn anrufen")
        vorgaenge.wiedervorlage_anlegen(vorgang, heute + dt.timedelta(days=5), "noch nicht fällig")
        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")
        vorgaenge.wiedervorlage_anlegen(vorgang, heute, "für das Hauptamt", fuer_einheit=hauptamt)
    zeilen = wiedervorlagen_digest_senden()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [bob.email, alice.email, "emil.engel@geyer.example"]
    )
    an_bob = next(m for m in mail.outbox if m.to == [bob.email])
    assert "Bauherrn anrufen" in an_bob.body and "noch nicht fällig" not in an_bob.body
    assert "/akten/vorgang/" in an_bob.body
    assert any("bob" in z for z in zeilen)
