"""The filing model learns from what the organisation filed, retrains in the background, and its
suggestions point to the right Akte for new post."""

from __future__ import annotations

import io

from rathausnetz.akten.models import Aktenplaneintrag, Dokumenttyp
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.eingang.beispielpost import beispielbriefe
from rathausnetz.eingang.models import Ablagemodell
from rathausnetz.eingang.services import vorschlaege
from rathausnetz.eingang.services.ablage import ablegen
from rathausnetz.eingang.tests.helfer import BRIEF


def _ablegen(briefe, plan, typen) -> dict[str, int]:
    """File the letters into one Akte per (Kennzeichen, title); returns title → Akte id."""
    akten_ids: dict[tuple[str, str], object] = {}
    for brief in briefe:
        schluessel = (brief.kennzeichen, brief.akte_titel)
        if schluessel not in akten_ids:
            akte = akten.akte_anlegen(plan[brief.kennzeichen], brief.akte_titel)
            akten_ids[schluessel] = vorgaenge.vorgang_anlegen(akte, "Schriftverkehr")
        dokumente.dokument_hochladen(
            akten_ids[schluessel], io.BytesIO(brief.text.encode()), "brief.txt", brief.betreff,
            absender=brief.absender, dokumenttyp=typen.get(brief.dokumenttyp),
        )  # fmt: skip
    return {titel: v.akte_id for (_, titel), v in akten_ids.items()}


def test_model_learns_from_filed_documents_and_suggests_the_akte(bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        plan = {e.kennzeichen: e for e in Aktenplaneintrag.objects.filter(aktiv=True)}
        typen = {t.name: t for t in Dokumenttyp.objects.all()}
        alle = [b for b in beispielbriefe(200, seed=7) if b.kennzeichen in plan]
        kennzeichen = sorted({b.kennzeichen for b in alle})[:4]
        briefe = [b for b in alle if b.kennzeichen in kennzeichen]
        lernen, pruefen = briefe[: len(briefe) * 3 // 4], briefe[len(briefe) * 3 // 4 :]
        akte_von = _ablegen(lernen, plan, typen)
        assert vorschlaege.training_faellig(gemeinde_a.pk)
        assert vorschlaege.trainieren(gemeinde_a.pk) is not None
        assert not vorschlaege.training_faellig(gemeinde_a.pk)
        richtig = 0
        for brief in pruefen:
            v = vorschlaege.vorschlaege_fuer(
                gemeinde_a.pk,
                text=brief.text,
                absender=brief.absender,
                betreff=brief.betreff,
                dateiname="x.pdf",
            )
            assert all(0 <= x["konfidenz"] <= 1 and x["quelle"] == "Modell" for x in v["akte"])
            richtig += bool(v["akte"]) and v["akte"][0]["id"] == akte_von.get(brief.akte_titel)
        assert richtig >= 0.7 * len(pruefen), (richtig, len(pruefen))


def test_filing_enough_documents_queues_a_retraining(
    einlegen, bob, gemeinde_a, als, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    with als(bob, gemeinde_a):
        plan = {e.kennzeichen: e for e in Aktenplaneintrag.objects.filter(aktiv=True)}
        briefe = [b for b in beispielbriefe(80, seed=3) if b.kennzeichen in plan]
        _ablegen(briefe[:40], plan, {})
    eingang = einlegen(BRIEF.encode(), "neu.txt")
    with als(bob, gemeinde_a), django_capture_on_commit_callbacks(execute=True):
        ziel = next(iter(plan.values()))
        akte = akten.akte_anlegen(ziel, "Allgemeiner Schriftverkehr")
        ablegen(eingang, akte=akte, neuer_vorgang="Eingang")
    with django_capture_on_commit_callbacks(execute=True):
        assert aufgaben_abarbeiten() == 1
    assert Ablagemodell._base_manager.get(organisation=gemeinde_a).anzahl_beispiele >= 40
