"""Test fixtures shared by all apps: the registry, the personas, access contexts, API clients.

Personas (as in the demo data): Alice administers Gemeinde A (Geyer) and the Verwaltungs-
gemeinschaft Geyer-Tannenberg, Bob is a clerk in A, Charlie a clerk in Gemeinde B
(Ehrenfriedersdorf, A's neighbour), Dora works in the association's IKZ service office.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.zugang.kontext import Zugriff, systemzugriff, zugriff_als
from rathausnetz.zugang.services import zugriff_fuer

PASSWORT = "Erzgebirge-2026!"


def _grunddaten_laden() -> None:
    from rathausnetz.web.demo import demo_laden

    with systemzugriff("Testdaten"):
        demo_laden(PASSWORT)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Registry and personas once per test database; each test rolls its own changes back."""
    with django_db_blocker.unblock():
        _grunddaten_laden()


@pytest.fixture
def grunddaten(db) -> None:
    """Registry and personas present — also after a transactional test flushed the database."""
    if (
        not Kommune.objects.filter(ags="14521210").exists()
        or not get_user_model().objects.filter(username="alice").exists()
    ):
        _grunddaten_laden()


@pytest.fixture
def transaktionale_grunddaten(transactional_db) -> None:
    _grunddaten_laden()


def _benutzer(name: str):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def alice(grunddaten):
    return _benutzer("alice")


@pytest.fixture
def bob(grunddaten):
    return _benutzer("bob")


@pytest.fixture
def charlie(grunddaten):
    return _benutzer("charlie")


@pytest.fixture
def dora(grunddaten):
    return _benutzer("dora")


@pytest.fixture
def gemeinde_a(grunddaten) -> Organisation:
    return Organisation.objects.get(name="Stadtverwaltung Geyer")


@pytest.fixture
def gemeinde_b(grunddaten) -> Organisation:
    return Organisation.objects.get(name="Stadtverwaltung Ehrenfriedersdorf")


@pytest.fixture
def verband(grunddaten) -> Organisation:
    return Organisation.objects.get(typ=Organisation.Typ.SPITZENVERBAND)


@pytest.fixture
def als():
    """``with als(alice, gemeinde_a): ...`` — act as a user for an organisation (default: last used)."""

    def _als(benutzer, organisation: Organisation | None = None):
        zugriff: Zugriff = zugriff_fuer(benutzer, organisation.pk if organisation else None)
        return zugriff_als(zugriff)

    return _als


@pytest.fixture
def system() -> Iterator[None]:
    with systemzugriff("Test"):
        yield


@pytest.fixture
def client_fuer():
    """A logged-in test client for a persona (session as the UI has it)."""

    def _client(benutzer, organisation: Organisation | None = None) -> Client:
        client = Client()
        client.force_login(benutzer)
        if organisation is not None:
            session = client.session
            session["rathausnetz_organisation_id"] = organisation.pk
            session.save()
        return client

    return _client


@pytest.fixture
def api_token():
    """A bearer token for a persona in an organisation."""
    from rathausnetz.zugang.services import token_erzeugen

    def _token(benutzer, organisation: Organisation) -> str:
        return token_erzeugen(benutzer, organisation, "Test")

    return _token


@pytest.fixture(autouse=True)
def _leerer_cache():
    """Every test starts with an empty cache: record ids repeat between tests (rolled back), and a
    page kept for one test's event must not answer for another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _browser_darf_sync(request):
    # Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls there
    # unless told that this thread is not serving async code.
    if request.node.get_closest_marker("browser"):
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} fehlt: apt-get install chromium (./test installiert es als root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-quic",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def seite(chromium):
    kontext = chromium.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = kontext.new_page()
    page.set_default_timeout(15_000)
    yield page
    kontext.close()


@pytest.fixture
def aufgaben_abarbeiten():
    """Run the queued background tasks as ``rathausnetz worker`` does, inside the test transaction,
    after queueing the opt-in mails that registrations marked (as the worker's thread does).

    The worker command itself closes stale connections between tasks, which would end the test's
    transaction; the real worker processes are exercised in web/tests/test_prozesse.py.
    """
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from rathausnetz.veranstaltungen.services.anmeldungen import bestaetigungen_einreihen
    from rathausnetz.zugang.kontext import systemzugriff

    def _abarbeiten() -> int:
        with systemzugriff("Test-Worker"):
            bestaetigungen_einreihen()
        worker = Worker(
            queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
            max_tasks=None, worker_id="test", excluded_queue_names=[],
        )  # fmt: skip
        anzahl = 0
        while (ergebnis := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
            ergebnis.claim(worker.worker_id)
            worker.run_task(ergebnis)
            anzahl += 1
        return anzahl

    return _abarbeiten
