"""In a real browser: the global search box finds the demo scan by its correct spelling."""

import pytest
from playwright.sync_api import expect

from rathausnetz.akten.tests.test_browser import _anmelden

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_global_search_box_facets_and_similar_hits(live_server, transaktionale_grunddaten, seite):
    _anmelden(seite, live_server.url, "bob")
    suche = seite.get_by_role("search", name="Globale Suche")
    suche.get_by_role("searchbox").fill("Geschäftsführer")
    suche.get_by_role("button", name="Suchen").click()
    treffer = seite.locator(".treffer").filter(has_text="Pressemitteilung Verwaltungsgemeinschaft (Scan)")
    expect(treffer.locator("mark").first).to_have_text("Geschéftsfuhrer")
    seite.get_by_role("navigation", name="Treffer eingrenzen").get_by_role(
        "link", name="Pressemitteilung"
    ).click()
    expect(seite.get_by_role("status").first).to_contain_text("Treffer")
    expect(seite.locator(".facetten a.aktiv")).to_have_text("Pressemitteilung")
    seite.get_by_label("Suchbegriffe").fill("Sprechstunbe")
    seite.get_by_role("button", name="Suchen", exact=True).last.click()
    expect(seite.locator(".treffer-aehnlich").first).to_contain_text("ähnlicher Treffer")
