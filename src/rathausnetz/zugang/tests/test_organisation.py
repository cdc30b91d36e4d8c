import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.zugang.models import ApiToken, Mitgliedschaft

pytestmark = pytest.mark.django_db


def test_admin_creates_a_unit_and_it_is_audited(alice, gemeinde_a, client_fuer):
    client = client_fuer(alice, gemeinde_a)
    antwort = client.post(
        "/organisation/einheiten/neu/", {"name": "Standesamt", "kuerzel": "SA"}, follow=True
    )
    assert "Die Einheit „SA – Standesamt“ wurde angelegt." in antwort.content.decode()
    einheit = Organisationseinheit._base_manager.get(organisation=gemeinde_a, kuerzel="SA")
    eintrag = Protokolleintrag._base_manager.filter(
        aktion="organisationseinheit.angelegt", objekt_id=str(einheit.pk)
    ).get()
    assert eintrag.benutzername == "alice"
    assert eintrag.organisation_id == gemeinde_a.pk
    assert eintrag.aenderungen["name"] == {"alt": None, "neu": "Standesamt"}
    assert eintrag.request_id


def test_duplicate_or_invalid_unit_is_rejected_with_a_message(alice, gemeinde_a, client_fuer):
    client = client_fuer(alice, gemeinde_a)
    doppelt = client.post("/organisation/einheiten/neu/", {"name": "Noch ein Hauptamt", "kuerzel": "HA"})
    assert doppelt.status_code == 200
    assert "existiert bereits" in doppelt.content.decode()
    ungueltig = client.post("/organisation/einheiten/neu/", {"name": "X", "kuerzel": "<b>"})
    inhalt = ungueltig.content.decode()
    assert "Nur Buchstaben, Ziffern" in inhalt
    assert 'value="&lt;b&gt;"' in inhalt  # the bad input is shown back, escaped


def test_same_short_code_is_fine_in_another_organisation(charlie, gemeinde_a, gemeinde_b, client_fuer):
    assert Organisationseinheit._base_manager.filter(organisation=gemeinde_a, kuerzel="OA").exists()
    client_fuer(charlie, gemeinde_b)  # a clerk may not create units ...
    from rathausnetz.zugang.kontext import verwaltungszugriff
    from rathausnetz.zugang.services import einheit_anlegen

    with verwaltungszugriff(gemeinde_b.pk, "Test"):  # ... but B's administration may
        einheit = einheit_anlegen("Ordnungsamt", "OA")
    assert einheit.organisation_id == gemeinde_b.pk


def test_unit_edit_can_deactivate_but_not_nest_into_itself(alice, gemeinde_a, client_fuer):
    einheit = Organisationseinheit._base_manager.get(organisation=gemeinde_a, kuerzel="OA")
    client = client_fuer(alice, gemeinde_a)
    antwort = client.post(
        f"/organisation/einheiten/{einheit.pk}/",
        {"name": "Ordnungsamt", "kuerzel": "OA", "uebergeordnet": einheit.pk, "aktiv": ""},
    )
    assert "Bitte eine gültige Auswahl treffen." in antwort.content.decode()
    client.post(
        f"/organisation/einheiten/{einheit.pk}/",
        {"name": "Ordnungsamt", "kuerzel": "OA", "aktiv": ""},
    )
    einheit.refresh_from_db()
    assert einheit.aktiv is False


def test_admin_adds_a_new_colleague_who_gets_an_invitation(
    alice, gemeinde_a, client_fuer, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    client = client_fuer(alice, gemeinde_a)
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client.post(
            "/organisation/mitglieder/neu/",
            {
                "username": "greta",
                "vorname": "Greta",
                "nachname": "Groß",
                "email": "greta@geyer.example",
                "rollen": ["sachbearbeitung"],
                "funktion": "Standesbeamtin",
            },
            follow=True,
        )
    assert "Greta Groß ist jetzt Mitglied." in antwort.content.decode()
    aufgaben_abarbeiten()
    assert mail.outbox[0].to == ["greta@geyer.example"]
    m = Mitgliedschaft._base_manager.get(benutzer__username="greta")
    assert (m.organisation_id, m.rollen) == (gemeinde_a.pk, ["sachbearbeitung"])
    assert not m.benutzer.has_usable_password()


def test_new_account_needs_an_email_and_roles(alice, gemeinde_a, client_fuer):
    client = client_fuer(alice, gemeinde_a)
    inhalt = client.post("/organisation/mitglieder/neu/", {"username": "hans"}).content.decode()
    assert "Für ein neues Konto wird eine E-Mail-Adresse benötigt." in inhalt
    assert "Bitte mindestens eine Rolle wählen." in inhalt


def test_existing_member_cannot_be_added_twice(alice, bob, gemeinde_a, client_fuer):
    inhalt = (
        client_fuer(alice, gemeinde_a)
        .post(
            "/organisation/mitglieder/neu/",
            {"username": "bob", "email": "BOB.berger@geyer.example", "rollen": ["lesend"]},
        )
        .content.decode()
    )
    assert "bob ist bereits Mitglied." in inhalt


def test_admin_cannot_remove_her_own_administration(alice, gemeinde_a, client_fuer):
    eigene = Mitgliedschaft._base_manager.get(benutzer=alice, organisation=gemeinde_a)
    inhalt = (
        client_fuer(alice, gemeinde_a)
        .post(f"/organisation/mitglieder/{eigene.pk}/", {"rollen": ["sachbearbeitung"], "aktiv": "on"})
        .content.decode()
    )
    assert "nicht selbst entziehen" in inhalt
    eigene.refresh_from_db()
    assert eigene.rollen == ["administration"]


def test_role_change_takes_effect_and_is_audited(alice, bob, gemeinde_a, client_fuer):
    m = Mitgliedschaft._base_manager.get(benutzer=bob, organisation=gemeinde_a)
    client_fuer(alice, gemeinde_a).post(
        f"/organisation/mitglieder/{m.pk}/",
        {"rollen": ["sachbearbeitung", "leitung"], "aktiv": "on"},
    )
    assert client_fuer(bob, gemeinde_a).get("/protokoll/").status_code == 200
    eintrag = Protokolleintrag._base_manager.filter(aktion="mitgliedschaft.geaendert").latest("id")
    assert eintrag.aenderungen["rollen"] == {
        "alt": ["sachbearbeitung"],
        "neu": ["leitung", "sachbearbeitung"],
    }


def test_deactivated_membership_ends_access_and_tokens(alice, bob, gemeinde_a, client_fuer, api_token):
    token = api_token(bob, gemeinde_a)
    m = Mitgliedschaft._base_manager.get(benutzer=bob, organisation=gemeinde_a)
    client_fuer(alice, gemeinde_a).post(f"/organisation/mitglieder/{m.pk}/", {"rollen": ["sachbearbeitung"]})
    assert Client().get("/api/ich", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert "noch keiner Organisation zugeordnet" in client_fuer(bob).get("/").content.decode()


def test_token_page_shows_a_new_token_once_and_revokes(alice, gemeinde_a, client_fuer):
    client = client_fuer(alice, gemeinde_a)
    seite = client.post("/konto/", {"name": "Fachverfahren Standesamt"}).content.decode()
    import re

    token = re.search(r'<code id="neues-token">(rn_[^<]+)</code>', seite).group(1)
    assert Client().get("/api/ich", HTTP_AUTHORIZATION=f"Bearer {token}").json()["benutzername"] == "alice"
    assert token not in client.get("/konto/").content.decode()
    gespeichert = ApiToken._base_manager.get(name="Fachverfahren Standesamt")
    assert token not in (gespeichert.digest, gespeichert.kennung)
    client.post(f"/konto/tokens/{gespeichert.pk}/widerrufen/")
    assert Client().get("/api/ich", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


@pytest.mark.parametrize(
    "kopf",
    ["Bearer ", "Bearer rn_0123456789ab_" + "x" * 40, "Bearer ' OR 1=1 --", "Basic YWxpY2U6eA=="],
)
def test_bad_tokens_are_401_in_german(grunddaten, kopf):
    antwort = Client().get("/api/ich", HTTP_AUTHORIZATION=kopf)
    assert antwort.status_code == 401
    assert antwort.json()["detail"].startswith("Nicht angemeldet")


def test_api_session_writes_need_csrf(alice, gemeinde_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    antwort = client.post(
        "/api/einheiten", {"name": "Bauhof", "kuerzel": "BH"}, content_type="application/json"
    )
    assert antwort.status_code == 403
    assert not Organisationseinheit._base_manager.filter(kuerzel="BH").exists()


def test_api_creates_units_and_validates(alice, gemeinde_a, api_token):
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(alice, gemeinde_a)}"}
    antwort = Client().post(
        "/api/einheiten",
        {"name": "Bauhof", "kuerzel": "BH"},
        content_type="application/json",
        **kopf,
    )
    assert antwort.status_code == 201
    assert antwort.json()["organisation"] == gemeinde_a.pk
    fehler = Client().post("/api/einheiten", {"name": "B"}, content_type="application/json", **kopf)
    assert fehler.status_code == 422
    felder = {f["feld"]: f["meldung"] for f in fehler.json()["detail"]}
    assert felder == {"name": "Zu kurz: mindestens 2 Zeichen.", "kuerzel": "Pflichtangabe fehlt."}
    doppelt = Client().post(
        "/api/einheiten",
        {"name": "Bauhof 2", "kuerzel": "BH"},
        content_type="application/json",
        **kopf,
    )
    assert doppelt.status_code == 422
    kaputt = Client().post("/api/einheiten", "{kein json", content_type="application/json", **kopf)
    assert kaputt.status_code in (400, 422)


def test_cli_token_and_first_admin(grunddaten, gemeinde_b, capsys):
    call_command(
        "benutzer_anlegen",
        "ida",
        email="ida@ehrenfriedersdorf.example",
        organisation=gemeinde_b.pk,
        rolle=["administration"],
    )
    assert "ida ist Mitglied von Stadtverwaltung Ehrenfriedersdorf" in capsys.readouterr().out
    call_command("token", "ida")
    token = capsys.readouterr().out.strip()
    daten = Client().get("/api/ich", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert daten["organisation"]["name"] == "Stadtverwaltung Ehrenfriedersdorf"
    assert "organisation.verwalten" in daten["rechte"]
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("token", "niemand")
    with pytest.raises(CommandError, match="bereits vergeben"):
        call_command(
            "benutzer_anlegen",
            "IDA",
            email="x@example.org",
            organisation=gemeinde_b.pk,
            rolle=["lesend"],
        )


def test_existing_account_joins_only_with_its_email(alice, charlie, client_fuer):
    from rathausnetz.kommunen.models import Organisation

    vg = Organisation.objects.get(name="Verwaltungsgemeinschaft Geyer-Tannenberg")
    client = client_fuer(alice, vg)
    geraten = client.post("/organisation/mitglieder/neu/", {"username": "charlie", "rollen": ["lesend"]})
    assert "Den Benutzernamen gibt es schon" in geraten.content.decode()
    assert "Claus" not in geraten.content.decode()  # nothing about the account is revealed
    falsch = client.post(
        "/organisation/mitglieder/neu/",
        {"username": "charlie", "email": "x@example.org", "rollen": ["lesend"]},
    )
    assert "Den Benutzernamen gibt es schon" in falsch.content.decode()
    richtig = client.post(
        "/organisation/mitglieder/neu/",
        {"username": "charlie", "email": charlie.email, "rollen": ["lesend"]},
        follow=True,
    )
    assert "Charlie Claus ist jetzt Mitglied." in richtig.content.decode()
    assert Mitgliedschaft._base_manager.filter(benutzer=charlie, organisation=vg).exists()


def test_units_cannot_point_into_another_organisation_or_form_a_cycle(gemeinde_a, gemeinde_b):
    from django.core.exceptions import ValidationError

    from rathausnetz.zugang.kontext import verwaltungszugriff
    from rathausnetz.zugang.services import einheit_aendern, einheit_anlegen, mitglied_hinzufuegen
    from rathausnetz.zugang.tests.factories import BenutzerFactory

    fremde = Organisationseinheit._base_manager.get(organisation=gemeinde_b, kuerzel="HA")
    with verwaltungszugriff(gemeinde_a.pk, "Test"):
        with pytest.raises(ValidationError, match="anderen Organisation"):
            einheit_anlegen("Standesamt", "SA", uebergeordnet=fremde)
        with pytest.raises(ValidationError, match="anderen Organisation"):
            mitglied_hinzufuegen(BenutzerFactory(), ["lesend"], organisationseinheit=fremde)
        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")
        buero = einheit_anlegen("Sekretariat", "SEK", uebergeordnet=hauptamt)
        with pytest.raises(ValidationError, match="Kreis"):
            einheit_aendern(hauptamt, uebergeordnet=buero)
        with pytest.raises(ValidationError, match="Kreis"):
            einheit_aendern(hauptamt, uebergeordnet=hauptamt)


def test_member_of_a_deactivated_unit_can_still_be_edited(alice, bob, gemeinde_a, client_fuer):
    m = Mitgliedschaft._base_manager.get(benutzer=bob, organisation=gemeinde_a)
    Organisationseinheit._base_manager.filter(pk=m.organisationseinheit_id).update(aktiv=False)
    daten = {
        "rollen": ["sachbearbeitung"],
        "organisationseinheit": m.organisationseinheit_id,
        "funktion": "neu",
    }
    antwort = client_fuer(alice, gemeinde_a).post(
        f"/organisation/mitglieder/{m.pk}/", daten | {"aktiv": "on"}
    )
    assert antwort.status_code == 302
    m.refresh_from_db()
    assert m.funktion == "neu"


def test_new_account_can_ask_for_its_first_password(
    grunddaten, gemeinde_a, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    from rathausnetz.zugang.kontext import verwaltungszugriff
    from rathausnetz.zugang.services import benutzer_anlegen

    with verwaltungszugriff(gemeinde_a.pk, "Test"):
        neu = benutzer_anlegen("hanna", "hanna@geyer.example", "Hanna", "Heinrich")
    assert not neu.has_usable_password()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/passwort/vergessen/", {"email": "Hanna@Geyer.example"})
    aufgaben_abarbeiten()
    assert [m.to for m in mail.outbox] == [["hanna@geyer.example"]]
