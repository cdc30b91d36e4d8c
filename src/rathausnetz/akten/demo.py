"""Demo files for Geyer: a few living Akten with PDF letters written by the team (WeasyPrint)."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from django.utils.html import escape

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokumenttyp
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.kommunen.models import Organisation, Organisationseinheit


def brief(absender: str, empfaenger: str, ort_datum: str, betreff: str, absaetze: list[str]) -> bytes:
    from weasyprint import HTML

    text = "".join(f"<p>{escape(a)}</p>" for a in absaetze)
    html = f"""<html lang="de"><head><style>
      @page {{ size: A4; margin: 2.5cm 2cm; }}
      body {{ font-family: sans-serif; font-size: 11pt; line-height: 1.4; }}
      .absender {{ font-size: 8pt; color: #444; border-bottom: 1px solid #999; margin-bottom: .5cm; }}
      .empfaenger {{ white-space: pre-line; margin-bottom: 1cm; }} .datum {{ text-align: right; }}
      h1 {{ font-size: 12pt; margin: 1cm 0 .5cm; }}</style></head><body>
      <div class="absender">{escape(absender)}</div><div class="empfaenger">{escape(empfaenger)}</div>
      <div class="datum">{escape(ort_datum)}</div><h1>Betreff: {escape(betreff)}</h1>{text}</body></html>"""
    return HTML(string=html).write_pdf()


#: written for the demo; OCR damage of the usual kinds (see docs/suche.md)
SCAN_PRESSEMITTEILUNG = """Verwaltungsgemeinschaft Geyer-Tannenberg
Pressemitteilung

Burgermeister beraten uber gemeinsame Digitalisierung

Die Gemeinderate von Geyer und Tannenberg haben sich gestern zu einer ge-
meinsamen Sitzung getroffen. Der Geschéftsfuhrer des kommunalen IT-Zweck-
verbandes stellte dort Kooperationsmég-
lichkeiten fur die elektronische Akte und das Burgerburo vor.

Beide Gemeinden wollen die interkommunale Zusammenarbeit ausbauen und
neue Zusammenarbeitsformate erproben, etwa eine gemeinsame Sprechstunde
der Digital-Navigatorinnen. Der Vorsitzende begrif3t die Initiative: ,Gerade
kleine Verwaltungen brauchen tragféhige Lésungen, die sie gemeinsam
betreiben konnen.*

Auch die Stadt Lossnitz hat Interesse an einem Erfahrungsaustausch bekundet.
"""


def _typ(name: str) -> Dokumenttyp | None:
    return Dokumenttyp.objects.filter(name=name).first()


def demo_akten_laden(geyer: Organisation, ehrenfriedersdorf: Organisation) -> int:
    """Runs as Geyer's administration; does nothing if Geyer already has Akten."""
    if Akte.objects.exists():
        return 0
    plan = {e.kennzeichen: e for e in Aktenplaneintrag.objects.all()}
    einheit = {e.kuerzel: e for e in Organisationseinheit.objects.all()}
    heute = timezone.localdate()
    jahr = heute.year

    bau = akten.akte_anlegen(
        plan["610"], "Bauvoranfrage Einfamilienhaus Thumer Straße 21", organisationseinheit=einheit.get("BA")
    )
    einvernehmen = vorgaenge.vorgang_anlegen(
        bau, "Gemeindliches Einvernehmen", frist=heute + dt.timedelta(days=21)
    )
    dokumente.dokument_hochladen(
        einvernehmen,
        io.BytesIO(
            brief(
                "Familie Richter · Thumer Straße 19 · 09468 Geyer",
                "Stadtverwaltung Geyer\nBauamt\nAltmarkt 1\n09468 Geyer",
                f"Geyer, 3. November {jahr}",
                "Bauvoranfrage für ein Einfamilienhaus auf dem Flurstück 412/7",
                [
                    "Sehr geehrte Damen und Herren,",
                    "wir beabsichtigen, auf unserem Grundstück an der Thumer Straße ein "
                    "eingeschossiges Wohnhaus mit "
                    "Satteldach zu errichten. Die Zufahrt soll über den vorhandenen Weg erfolgen.",
                    "Wir bitten um Auskunft, ob die Stadt ihr Einvernehmen in Aussicht stellt. Lageplan und "
                    "Ansichten liegen bei.",
                    "Mit freundlichen Grüßen\nSabine und Thomas Richter",
                ],
            )
        ),
        "Bauvoranfrage Richter.pdf",
        betreff="Bauvoranfrage Einfamilienhaus Richter",
        dokumentdatum=dt.date(jahr, 11, 3) if dt.date(jahr, 11, 3) <= heute else heute,
        eingangsdatum=heute,
        absender="Familie Richter",
        dokumenttyp=_typ("Antrag"),
    )
    from django.contrib.auth import get_user_model

    bob = get_user_model().objects.filter(username="bob").first()
    vorgaenge.wiedervorlage_anlegen(
        einvernehmen, heute, "Stellungnahme an das Landratsamt senden", fuer_benutzer=bob
    )

    zv = akten.akte_anlegen(
        plan["015.2"],
        "Zweckvereinbarung Gemeindevollzugsdienst mit Ehrenfriedersdorf",
        organisationseinheit=einheit.get("OA"),
    )
    entwurf = vorgaenge.vorgang_anlegen(zv, "Entwurf der Zweckvereinbarung abstimmen")
    dokumente.dokument_hochladen(
        entwurf,
        io.BytesIO(
            brief(
                "Stadtverwaltung Geyer · Ordnungsamt · Altmarkt 1 · 09468 Geyer",
                "Stadtverwaltung Ehrenfriedersdorf\nHauptamt\nMarkt 1\n09427 Ehrenfriedersdorf",
                f"Geyer, 10. November {jahr}",
                "Gemeinsamer Gemeindevollzugsdienst – Entwurf der Zweckvereinbarung",
                [
                    "Sehr geehrte Kolleginnen und Kollegen,",
                    "wie in der Bürgermeisterberatung besprochen, übersenden wir den Entwurf einer "
                    "mandatierenden "
                    "Zweckvereinbarung nach § 71 Abs. 2 SächsKomZG. Geyer stellt zwei "
                    "Vollzugsbedienstete, die an "
                    "festgelegten Tagen auch in Ehrenfriedersdorf tätig werden.",
                    "Die Kosten sollen nach Einsatzstunden umgelegt werden. Bitte prüfen Sie die "
                    "Anlage bis Ende "
                    "des Monats; danach stimmen wir die Vorlage für beide Stadträte ab.",
                    "Mit freundlichen Grüßen\nim Auftrag\nAlice Albrecht, Hauptamt",
                ],
            )
        ),
        "Entwurf Zweckvereinbarung GVD.pdf",
        richtung="ausgang",
        empfaenger="Stadtverwaltung Ehrenfriedersdorf",
        dokumenttyp=_typ("Vertrag"),
    )
    akten.freigeben(zv, ehrenfriedersdorf, "bearbeiten")

    presse = akten.akte_anlegen(
        plan["013"], f"Pressemitteilungen {jahr}", organisationseinheit=einheit.get("HA")
    )
    pm = vorgaenge.vorgang_anlegen(presse, "Digital-Navigatorin im Rathaus")
    dokumente.dokument_hochladen(
        pm,
        io.BytesIO(
            brief(
                "Stadtverwaltung Geyer · Hauptamt",
                "Presseverteiler",
                f"Geyer, 17. November {jahr}",
                "Pressemitteilung: Neue Digital-Navigatorin im Rathaus Geyer",
                [
                    "Die Stadtverwaltung Geyer hat eine Digital-Navigatorin: Nach sechs Modulen der "
                    "Schulung durch die "
                    "Digital-Lotsen des kommunalen Spitzenverbands begleitet sie künftig die Einführung der "
                    "elektronischen Akte und neuer Online-Dienste.",
                    "Bürgermeister Emil Engel: „Gerade eine kleine Verwaltung braucht jemanden, der "
                    "Abläufe kennt und "
                    "digitale Lösungen mit den Kolleginnen und Kollegen Schritt für Schritt einführt.“",
                ],
            )
        ),
        "PM Digital-Navigatorin.pdf",
        richtung="ausgang",
        dokumenttyp=_typ("Pressemitteilung"),
    )
    # Incoming post as a scanner's OCR delivers it: lost and misread umlauts, "3" for "ß",
    # words split at line ends. Search must find it by the correct spelling.
    dokumente.dokument_hochladen(
        pm,
        io.BytesIO(SCAN_PRESSEMITTEILUNG.encode()),
        "Scan Pressemitteilung Verwaltungsgemeinschaft.txt",
        betreff="Pressemitteilung Verwaltungsgemeinschaft (Scan)",
        dokumentdatum=dt.date(jahr, 10, 8),
        absender="Verwaltungsgemeinschaft Geyer-Tannenberg",
        dokumenttyp=_typ("Pressemitteilung"),
    )

    alt = akten.akte_anlegen(
        plan["632"],
        "Winterdienst 2014/2015",
        eroeffnet_am=dt.date(2014, 10, 1),
        organisationseinheit=einheit.get("BA"),
    )
    einsatz = vorgaenge.vorgang_anlegen(alt, "Streu- und Räumplan")
    dokumente.dokument_hochladen(
        einsatz,
        io.BytesIO(
            "Räumplan 2014/2015: Reihenfolge Altmarkt, Schulstraße, Thumer Straße, "
            "Ortsteil Siebenhöfen.\n".encode()
        ),
        "Raeumplan.txt",
        richtung="intern",
        dokumenttyp=_typ("Vermerk"),
    )
    vorgaenge.vorgang_zda(einsatz, dt.date(2015, 4, 15))
    akten.akte_schliessen(alt, dt.date(2015, 4, 30))
    return 4
