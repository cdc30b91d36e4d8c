"""Labelled example post for a small Saxon town hall: training data, demo content and benchmark corpus.

Written for Rathausnetz (templates, names, firms and numbers are invented; institutions are named as
any letter would name them). Each letter belongs to an entry of the demo Aktenplan
(``akten/daten/demo_aktenplan.csv``), to one of several Akten of that entry (per year or per topic) and
to one of the standard Dokumenttypen (``akten.services.einrichtung.STANDARD_DOKUMENTTYPEN``).

Why the texts are not trivial to sort: related entries share their vocabulary (Grundsteuer,
Gewerbesteuer, Hundesteuer; Geburten and Eheschließungen; Gemeinderat and Ausschüsse; Feuerwehr
Einsätze and Fahrzeuge; Kita and Elternbeiträge), every letter carries generic office phrasing, the
town's own letterhead appears under many entries, and now and then a sentence of a related entry
slips in, as it does in real post.

``beispielbriefe(anzahl, seed)`` is deterministic for a seed; ``ocr_beschaedigen`` imitates a scan.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field

__all__ = ["EINTRAEGE", "Beispielbrief", "beispielbriefe", "ocr_beschaedigen"]


@dataclass(frozen=True)
class Beispielbrief:
    kennzeichen: str
    akte_titel: str
    dokumenttyp: str
    betreff: str
    absender: str
    text: str
    datum: datetime.date


@dataclass(frozen=True)
class _Vorlage:
    """One kind of document of an entry: possible subjects, sentences of the body, senders."""

    dokumenttyp: str
    betreffe: tuple[str, ...]
    saetze: tuple[str, ...]
    absender: tuple[str, ...] = ()  # empty: the entry's senders


@dataclass(frozen=True)
class _Eintrag:
    kennzeichen: str
    akten: tuple[tuple[str, dict[str, str]], ...]  # title template and the placeholders it implies
    absender: tuple[str, ...]
    vorlagen: tuple[_Vorlage, ...]
    verwandt: tuple[str, ...] = field(default=())


# Senders. "@GEMEINDE" is the town itself (outgoing post, Bescheide), "@PRIVAT" a citizen.
GEMEINDE = "@GEMEINDE"
PRIVAT = "@PRIVAT"
LRA = "Landratsamt Erzgebirgskreis"
LDS = "Landesdirektion Sachsen"
SSG = "Sächsischer Städte- und Gemeindetag e.V."
FINANZAMT = "Finanzamt Annaberg-Buchholz"

_ADRESSEN = {
    GEMEINDE: ("Stadtverwaltung Geyer", "Altmarkt 1", "09468 Geyer", "stadt-geyer.example"),
    LRA: (LRA, "Paulus-Jenisius-Straße 24", "09456 Annaberg-Buchholz", "kreis-erz.example"),
    LDS: (LDS, "Altchemnitzer Straße 41", "09120 Chemnitz", "lds.example"),
    SSG: (SSG, "Glacisstraße 3", "01099 Dresden", "ssg-sachsen.example"),
    FINANZAMT: (FINANZAMT, "Große Kartengasse 10", "09456 Annaberg-Buchholz", "finanzamt-abg.example"),
}

VORNAMEN = (
    "Anja",
    "Katrin",
    "Sabine",
    "Heike",
    "Maria",
    "Lena",
    "Sophie",
    "Jana",
    "Claudia",
    "Petra",
    "Ines",
    "Franziska",
    "Thomas",
    "Jens",
    "Steffen",
    "Uwe",
    "Frank",
    "Matthias",
    "Lukas",
    "Felix",
    "Tobias",
    "Andreas",
    "René",
    "Sven",
    "Holger",
    "Marcel",
)
NACHNAMEN = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Richter",
    "Wolf",
    "Neubert",
    "Lorenz",
    "Uhlig",
    "Günther",
    "Seidel",
    "Bauer",
    "Krause",
    "Hofmann",
    "Lang",
    "Ullmann",
    "Weißbach",
    "Oehme",
    "Kempe",
    "Schubert",
    "Fritzsche",
    "Börner",
    "Löffler",
    "Häußler",
    "Meinel",
)
STRASSEN = (
    "Thumer Straße",
    "Schulstraße",
    "Annaberger Straße",
    "Bergstraße",
    "Am Wiesenrand",
    "Geyersdorfer Weg",
    "Siebenhöfener Straße",
    "Feldstraße",
    "Lindenweg",
    "Zwönitzer Straße",
)
ORTSTEILE = ("Geyer", "Siebenhöfen", "Waldschlösschen", "Tannenberg-Nord")
ORTE = ("Geyer", "Ehrenfriedersdorf", "Thum", "Zwönitz", "Elterlein", "Annaberg-Buchholz", "Tannenberg")
MONATE = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
FIRMEN = (
    "Bergland Bau GmbH",
    "Erzgebirgische Tiefbau GmbH & Co. KG",
    "Elektro Seidel GmbH",
    "Obererzgebirgische Dienstleistungen GmbH",
    "Haustechnik Neubert",
)

# --- the entries -----------------------------------------------------------------------------------

EINTRAEGE: tuple[_Eintrag, ...] = (
    _Eintrag(
        "001.1",
        (("Sitzungen des Stadtrats {jahr}", {"gremium": "Stadtrats"}),),
        (GEMEINDE,),
        (
            _Vorlage(
                "Einladung",
                (
                    "Einladung zur {nr}. öffentlichen Sitzung des Stadtrats",
                    "Sitzung des Stadtrats am {termin}",
                ),
                (
                    "Hiermit lade ich Sie zur {nr}. Sitzung des Stadtrats am {termin} um 19:00 Uhr in den "
                    "Ratssaal des Rathauses ein.",
                    "Die Tagesordnung sowie die Beschlussvorlagen sind im Ratsinformationssystem abrufbar.",
                    "TOP 1: Bestätigung der Niederschrift der letzten Sitzung; TOP 2: Bürgerfragestunde.",
                    "TOP 3: Beschluss über die Vergabe von Bauleistungen; TOP 4: Informationen der "
                    "Bürgermeisterin.",
                    "Im nichtöffentlichen Teil werden Grundstücksangelegenheiten beraten.",
                    "Bitte teilen Sie eine Verhinderung rechtzeitig dem Hauptamt mit.",
                ),
            ),
            _Vorlage(
                "Niederschrift",
                ("Niederschrift der Stadtratssitzung vom {termin}",),
                (
                    "Die Bürgermeisterin eröffnet die Sitzung und stellt die ordnungsgemäße Ladung und die "
                    "Beschlussfähigkeit fest.",
                    "Anwesend sind {zahl} von 16 Stadträtinnen und Stadträten.",
                    "Beschluss Nr. {nr}/{jahr}: Der Stadtrat beschließt einstimmig die Änderung der "
                    "Hauptsatzung.",
                    "In der Bürgerfragestunde fragt ein Einwohner nach dem Zustand der {strasse}.",
                    "Die Niederschrift wird in der nächsten Sitzung zur Bestätigung vorgelegt.",
                    "Abstimmungsergebnis: {zahl} Ja-Stimmen, 2 Nein-Stimmen, 1 Enthaltung.",
                ),
            ),
            _Vorlage(
                "Schreiben",
                ("Anfrage der Fraktion zur Sitzung des Stadtrats", "Antrag der Fraktion zur Tagesordnung"),
                (
                    "Die Fraktion bittet, den folgenden Punkt auf die Tagesordnung der nächsten "
                    "Stadtratssitzung zu setzen.",
                    "Wir fragen an, wie weit die Umsetzung des Stadtratsbeschlusses Nr. {nr}/{jahr} "
                    "gediehen ist.",
                    "Die Antwort bitten wir schriftlich allen Stadträten zukommen zu lassen.",
                    "Eine Beratung im Ältestenrat halten wir für sinnvoll.",
                ),
                (PRIVAT,),
            ),
        ),
        ("001.2",),
    ),
    _Eintrag(
        "001.2",
        (
            ("Technischer Ausschuss {jahr}", {"gremium": "Technischen Ausschusses"}),
            ("Verwaltungsausschuss {jahr}", {"gremium": "Verwaltungsausschusses"}),
        ),
        (GEMEINDE,),
        (
            _Vorlage(
                "Einladung",
                ("Einladung zur Sitzung des {gremium} am {termin}",),
                (
                    "Zur Sitzung des {gremium} am {termin} um 18:00 Uhr im Beratungsraum lade ich Sie ein.",
                    "Der Ausschuss berät vorberatend; die Beschlussempfehlungen gehen an den Stadtrat.",
                    "TOP 1: Bauanträge und Einvernehmen der Stadt; TOP 2: Auftragsvergaben bis 50.000 Euro.",
                    "TOP 3: Personalangelegenheiten; TOP 4: Verschiedenes.",
                    "Die Sitzungsunterlagen gehen Ihnen mit dieser Einladung zu.",
                ),
            ),
            _Vorlage(
                "Niederschrift",
                ("Niederschrift der Sitzung des {gremium} vom {termin}",),
                (
                    "Der Vorsitzende eröffnet die Sitzung des {gremium} und stellt die Beschlussfähigkeit "
                    "fest.",
                    "Der Ausschuss empfiehlt dem Stadtrat einstimmig, den Auftrag an die {firma} zu "
                    "vergeben.",
                    "Zum Bauantrag {strasse} {hausnr} wird das Einvernehmen der Stadt erteilt.",
                    "Die Vorberatung des Haushaltsentwurfs wird in der nächsten Ausschusssitzung "
                    "fortgesetzt.",
                    "Abstimmungsergebnis: {zahl} Ja-Stimmen, 0 Nein-Stimmen, 0 Enthaltungen.",
                ),
            ),
        ),
        ("001.1", "610"),
    ),
    _Eintrag(
        "013",
        (
            ("Pressemitteilungen {jahr}", {"nur": "Pressemitteilung"}),
            ("Presseanfragen {jahr}", {"nur": "E-Mail"}),
        ),
        (GEMEINDE,),
        (
            _Vorlage(
                "Pressemitteilung",
                (
                    "Stadt Geyer lädt zum Tag der offenen Tür im Rathaus ein",
                    "Neue Öffnungszeiten des Bürgerbüros ab {monat}",
                    "Bürgermeisterin würdigt Ehrenamtliche beim Neujahrsempfang",
                ),
                (
                    "Die Stadtverwaltung Geyer informiert die Bürgerinnen und Bürger über neue Angebote im "
                    "Rathaus.",
                    "Ab {monat} ist das Bürgerbüro zusätzlich donnerstags bis 18 Uhr geöffnet.",
                    "Bürgermeisterin Anke Ullmann: „Wir wollen für alle Generationen gut erreichbar sein.“",
                    "Weitere Informationen stehen im Amtsblatt und auf der Internetseite der Stadt.",
                    "Rund {zahl}0 Gäste folgten der Einladung zum Neujahrsempfang in die Stadthalle.",
                ),
            ),
            _Vorlage(
                "E-Mail",
                ("Presseanfrage zum Thema {thema}", "Anfrage der Lokalredaktion: {thema}"),
                (
                    "für einen Beitrag in der Lokalausgabe bitten wir um eine kurze Stellungnahme der Stadt.",
                    "Können Sie uns bis morgen Mittag ein Zitat der Bürgermeisterin schicken?",
                    "Gern würden wir auch ein Foto vor Ort machen.",
                    "Der Artikel soll am Wochenende in der Zeitung und online erscheinen.",
                ),
                ("Redaktion Erzgebirgsbote",),
            ),
        ),
        ("015.3",),
    ),
    _Eintrag(
        "015.2",
        (
            (
                "Zweckvereinbarung Gemeindevollzugsdienst Ehrenfriedersdorf",
                {"partner": "Ehrenfriedersdorf", "aufgabe": "Gemeindevollzugsdienst"},
            ),
            ("Zweckvereinbarung Standesamt Thum", {"partner": "Thum", "aufgabe": "Standesamtsaufgaben"}),
            (
                "Zweckvereinbarung Lohnbuchhaltung Elterlein",
                {"partner": "Elterlein", "aufgabe": "Lohnbuchhaltung"},
            ),
        ),
        (GEMEINDE, LDS, LRA),
        (
            _Vorlage(
                "Vertrag",
                (
                    "Zweckvereinbarung über die Erledigung der {aufgabe}",
                    "Entwurf der Zweckvereinbarung {aufgabe}",
                ),
                (
                    "Die Stadt Geyer und die Stadt {partner} schließen nach dem Sächsischen Gesetz über "
                    "kommunale Zusammenarbeit folgende Zweckvereinbarung.",
                    "§ 1 Gegenstand: Die Stadt Geyer übernimmt die {aufgabe} für die Stadt {partner}.",
                    "§ 2 Kostenerstattung: Die Kosten werden nach tatsächlichem Aufwand jährlich "
                    "abgerechnet.",
                    "§ 3 Laufzeit: Die Vereinbarung gilt unbefristet und kann mit einer Frist von zwölf "
                    "Monaten gekündigt werden.",
                    "§ 4 Die Vereinbarung bedarf der Genehmigung der Rechtsaufsichtsbehörde.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Bescheid",
                ("Genehmigung der Zweckvereinbarung {aufgabe} Geyer – {partner}",),
                (
                    "Die zwischen der Stadt Geyer und der Stadt {partner} geschlossene Zweckvereinbarung "
                    "über die {aufgabe} wird rechtsaufsichtlich genehmigt.",
                    "Die Genehmigung und die Vereinbarung sind im Amtsblatt öffentlich bekannt zu machen.",
                    "Die Zweckvereinbarung wird am Tag nach der Bekanntmachung wirksam.",
                    "Für diese Entscheidung werden keine Verwaltungskosten erhoben.",
                ),
                (LRA, LDS),
            ),
            _Vorlage(
                "Schreiben",
                ("Abstimmung zur Zusammenarbeit bei der {aufgabe}", "Kostenabrechnung {aufgabe} {jahr}"),
                (
                    "wie in der Bürgermeisterberatung besprochen, möchten wir die interkommunale "
                    "Zusammenarbeit bei der {aufgabe} fortsetzen.",
                    "Die Abrechnung der Einsatzstunden für {jahr} fügen wir bei.",
                    "Der Stadtrat von {partner} hat der Vereinbarung bereits zugestimmt.",
                    "Wir schlagen ein gemeinsames Gespräch der Hauptämter im {monat} vor.",
                ),
                ("Stadtverwaltung {partner}",),
            ),
        ),
        ("015.3",),
    ),
    _Eintrag(
        "015.3",
        (
            ("Mitgliedschaft Sächsischer Städte- und Gemeindetag", {"verband": SSG}),
            (
                "Zweckverband Wasserversorgung Obererzgebirge",
                {"verband": "Zweckverband Wasserversorgung Obererzgebirge"},
            ),
            ("Zweckverband Kommunale IT Erzgebirge", {"verband": "Zweckverband Kommunale IT Erzgebirge"}),
        ),
        ("{verband}",),
        (
            _Vorlage(
                "Einladung",
                (
                    "Einladung zur Verbandsversammlung am {termin}",
                    "Einladung zur Mitgliederversammlung {jahr}",
                ),
                (
                    "zur Verbandsversammlung am {termin} laden wir die Mitglieder herzlich ein.",
                    "Auf der Tagesordnung stehen der Wirtschaftsplan {jahr} und die Entlastung des "
                    "Vorstands.",
                    "Stimmberechtigt ist der Bürgermeister oder ein von ihm benannter Vertreter.",
                    "Bitte melden Sie die Teilnahme bis eine Woche vor der Versammlung an.",
                ),
            ),
            _Vorlage(
                "Rechnung",
                ("Mitgliedsbeitrag {jahr}", "Verbandsumlage {jahr}"),
                (
                    "Mitgliedsbeitrag für das Jahr {jahr} gemäß Beitragsordnung",
                    "Berechnungsgrundlage: Einwohnerzahl zum 30.06. des Vorjahres",
                    "Verbandsumlage nach Beschluss der Verbandsversammlung",
                ),
            ),
            _Vorlage(
                "Schreiben",
                ("Rundschreiben Nr. {nr}/{jahr} an die Mitglieder", "Information der Mitglieder zu {thema}"),
                (
                    "mit diesem Rundschreiben informieren wir die Mitgliedsgemeinden über aktuelle "
                    "Entwicklungen.",
                    "Die Geschäftsstelle bittet um Rückmeldung der Mitglieder bis Monatsende.",
                    "Eine Arbeitshilfe zur interkommunalen Zusammenarbeit ist im Mitgliederbereich abrufbar.",
                    "Der Verband vertritt die Interessen der Kommunen gegenüber dem Freistaat.",
                ),
            ),
        ),
        ("015.2", "013"),
    ),
    _Eintrag(
        "022.31",
        (("Einstellungen Kernverwaltung {jahr}", {}),),
        (GEMEINDE, PRIVAT),
        (
            _Vorlage(
                "Vertrag",
                ("Arbeitsvertrag {vorname} {nachname}",),
                (
                    "Zwischen der Stadt Geyer und Frau/Herrn {vorname} {nachname} wird folgender "
                    "Arbeitsvertrag geschlossen.",
                    "Die Einstellung erfolgt ab dem 01.{monatzahl}.{jahr} als Sachbearbeiter/in im "
                    "Bürgerbüro.",
                    "Die Eingruppierung erfolgt in Entgeltgruppe 8 TVöD.",
                    "Die ersten sechs Monate gelten als Probezeit.",
                    "Die regelmäßige wöchentliche Arbeitszeit beträgt 39 Stunden.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Schreiben",
                (
                    "Bewerbung als Sachbearbeiter/in Kämmerei",
                    "Zusage zur Einstellung zum 01.{monatzahl}.{jahr}",
                ),
                (
                    "hiermit bewerbe ich mich auf die ausgeschriebene Stelle in der Kämmerei.",
                    "Ich bin ausgebildete Verwaltungsfachangestellte und derzeit in einer Nachbargemeinde "
                    "tätig.",
                    "wir freuen uns, Ihnen die Einstellung in der Kernverwaltung anbieten zu können.",
                    "Bitte reichen Sie ein Führungszeugnis und die Nachweise für die Personalakte ein.",
                    "Der Personalrat hat der Einstellung zugestimmt.",
                ),
            ),
            _Vorlage(
                "Vermerk",
                ("Eingruppierung und Stellenbesetzung Bürgerbüro",),
                (
                    "Im Auswahlgespräch überzeugte die Bewerberin durch Fachkenntnisse im Meldewesen.",
                    "Die Stelle ist im Stellenplan {jahr} ausgewiesen.",
                    "Die Eingruppierung in EG 8 TVöD ist tarifgerecht.",
                    "Der Personalrat ist zu beteiligen.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("110",),
    ),
    _Eintrag(
        "101",
        (
            ("Gewerbeanmeldungen {jahr}", {"vorgang": "Anmeldung"}),
            ("Gewerbeabmeldungen {jahr}", {"vorgang": "Abmeldung"}),
        ),
        (PRIVAT, GEMEINDE),
        (
            _Vorlage(
                "Anzeige",
                ("Gewerbeanzeige – {vorgang} {gewerbe}", "Gewerbe-{vorgang} {nachname}"),
                (
                    "Hiermit zeige ich die {vorgang} meines Gewerbes an.",
                    "Angemeldete Tätigkeit: {gewerbe}, Betriebsstätte {strasse} {hausnr}, {ort}.",
                    "Beginn bzw. Aufgabe der Tätigkeit zum 01.{monatzahl}.{jahr}.",
                    "Die Tätigkeit wird im Nebenerwerb ausgeübt.",
                    "Eine Kopie meines Personalausweises liegt bei.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Schreiben",
                ("Bestätigung Ihrer Gewerbeanzeige", "Rückfrage zur Gewerbe-{vorgang}"),
                (
                    "wir bestätigen den Eingang Ihrer Gewerbeanzeige ({vorgang}).",
                    "Die Gewerbeanzeige wurde an das Finanzamt, die Industrie- und Handelskammer und die "
                    "Handwerkskammer weitergeleitet.",
                    "Für die Bearbeitung wird eine Gebühr von 25,00 Euro erhoben.",
                    "Für die erlaubnispflichtige Tätigkeit ist zusätzlich eine Erlaubnis nachzuweisen.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("921",),
    ),
    _Eintrag(
        "102",
        (
            ("Weihnachtsmarkt {jahr}", {"anlass": "Weihnachtsmarkt"}),
            ("Stadtfest {jahr}", {"anlass": "Stadtfest"}),
        ),
        (PRIVAT, GEMEINDE, "Schaustellerbetrieb {nachname}"),
        (
            _Vorlage(
                "Antrag",
                ("Antrag auf Zulassung zum {anlass} {jahr}", "Standplatz {anlass} {jahr}"),
                (
                    "hiermit beantrage ich einen Standplatz auf dem {anlass} {jahr} auf dem Altmarkt.",
                    "Angeboten werden Glühwein, Bratwurst und Erzgebirgische Volkskunst.",
                    "Benötigt werden eine Standfläche von 6 x 3 Metern und ein Stromanschluss mit 16 Ampere.",
                    "Eine Kopie der Reisegewerbekarte und der Haftpflichtversicherung liegt bei.",
                    "Wir waren bereits in den Vorjahren mit unserem Stand vertreten.",
                ),
                (PRIVAT, "Schaustellerbetrieb {nachname}"),
            ),
            _Vorlage(
                "Bescheid",
                ("Zulassung zum {anlass} {jahr}", "Erlaubnis für die Veranstaltung {anlass} {jahr}"),
                (
                    "Ihr Antrag auf Zulassung zum {anlass} {jahr} wird genehmigt.",
                    "Der Standplatz Nr. {nr} auf dem Altmarkt wird Ihnen zugewiesen.",
                    "Die Standgebühr beträgt {betrag} Euro und ist vor Marktbeginn zu entrichten.",
                    "Auflagen: Die Brandschutzvorgaben und die Marktordnung sind einzuhalten.",
                    "Der Aufbau ist ab 8:00 Uhr am Vortag gestattet.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "E-Mail",
                ("Frage zum {anlass}", "Programm {anlass} {jahr}"),
                (
                    "wir würden beim {anlass} gern mit unserem Verein einen Stand betreiben.",
                    "Gibt es noch freie Plätze für das Bühnenprogramm am Samstag?",
                    "Bitte schicken Sie uns die Marktordnung und die Gebührenübersicht.",
                ),
                (PRIVAT,),
            ),
        ),
        ("104",),
    ),
    _Eintrag(
        "103",
        (
            ("Verwarnungen ruhender Verkehr {jahr}", {"nur": "Bescheid,Vermerk"}),
            ("Ordnungswidrigkeitenverfahren {jahr}", {"nur": "Schreiben,Bescheid"}),
        ),
        (GEMEINDE, PRIVAT),
        (
            _Vorlage(
                "Bescheid",
                ("Bußgeldbescheid Az. OWi-{nr}/{jahr}", "Verwarnung mit Verwarnungsgeld"),
                (
                    "Ihnen wird zur Last gelegt, am {termin} in der {strasse} im absoluten Halteverbot "
                    "geparkt zu haben.",
                    "Gegen Sie wird ein Verwarnungsgeld in Höhe von 25,00 Euro festgesetzt.",
                    "Die Feststellung erfolgte durch den Gemeindlichen Vollzugsdienst.",
                    "Das Bußgeld ist binnen zwei Wochen auf das Konto der Stadtkasse zu zahlen.",
                    "Beweismittel: Zeugenaussage der Vollzugsbediensteten, Fotos.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Schreiben",
                (
                    "Einspruch gegen Bußgeldbescheid OWi-{nr}/{jahr}",
                    "Anhörung im Ordnungswidrigkeitenverfahren",
                ),
                (
                    "gegen den Bußgeldbescheid lege ich hiermit Einspruch ein.",
                    "Ich habe nur kurz zum Entladen gehalten, das Fahrzeug war nicht geparkt.",
                    "Das Halteverbotsschild war durch einen Baum verdeckt.",
                    "Ich bitte um Einsicht in die Fotos des Vollzugsdienstes.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Vermerk",
                ("Kontrollbericht Vollzugsdienst {monat} {jahr}",),
                (
                    "Im {monat} wurden {zahl}0 Kontrollgänge im Stadtgebiet durchgeführt.",
                    "Schwerpunkte waren der ruhende Verkehr am Altmarkt und die Leinenpflicht im Stadtpark.",
                    "Es wurden {zahl} Verwarnungen ausgesprochen.",
                    "Die Zusammenarbeit mit dem Vollzugsdienst der Nachbarstadt verlief reibungslos.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("104",),
    ),
    _Eintrag(
        "104",
        (
            ("Verkehrsrechtliche Anordnungen {jahr}", {"nur": "Antrag,Bescheid"}),
            ("Parkraumkonzept Altmarkt", {"nur": "Stellungnahme"}),
        ),
        (FIRMEN[1], "Polizeirevier Annaberg-Buchholz", LRA, GEMEINDE),
        (
            _Vorlage(
                "Antrag",
                (
                    "Antrag auf verkehrsrechtliche Anordnung {strasse}",
                    "Vollsperrung {strasse} für Bauarbeiten",
                ),
                (
                    "für Arbeiten an der Trinkwasserleitung beantragen wir eine Vollsperrung der {strasse}.",
                    "Zeitraum: voraussichtlich drei Wochen ab dem {termin}.",
                    "Ein Verkehrszeichenplan und die Umleitungsstrecke liegen bei.",
                    "Die Zufahrt für Rettungsdienst und Anlieger bleibt gewährleistet.",
                ),
                (FIRMEN[1], FIRMEN[0]),
            ),
            _Vorlage(
                "Bescheid",
                ("Verkehrsrechtliche Anordnung {strasse}",),
                (
                    "Gemäß § 45 StVO wird für die {strasse} folgende verkehrsrechtliche Anordnung erlassen.",
                    "Die Beschilderung ist nach dem beigefügten Verkehrszeichenplan aufzustellen.",
                    "Die Anordnung gilt vom {termin} bis zum Abschluss der Bauarbeiten.",
                    "Die Parkplätze vor dem Rathaus werden zu Kurzzeitparkplätzen mit Parkscheibe.",
                ),
                (GEMEINDE, LRA),
            ),
            _Vorlage(
                "Stellungnahme",
                ("Stellungnahme zum Parkraumkonzept Altmarkt", "Stellungnahme zur Verkehrsführung {strasse}"),
                (
                    "zum vorgelegten Parkraumkonzept nehmen wir wie folgt Stellung.",
                    "Aus polizeilicher Sicht bestehen gegen die Verkehrsführung keine Bedenken.",
                    "Wir empfehlen, den Fußgängerüberweg an der Schule besser auszuleuchten.",
                    "Die Unfalllage in der {strasse} ist unauffällig.",
                ),
                ("Polizeirevier Annaberg-Buchholz", LRA),
            ),
        ),
        ("103", "102"),
    ),
    _Eintrag(
        "110",
        (
            ("Melderegisterauskünfte {jahr}", {"nur": "Antrag"}),
            ("An- und Abmeldungen {jahr}", {"nur": "Schreiben,E-Mail"}),
        ),
        (PRIVAT, "Inkasso Mitteldeutschland GmbH", GEMEINDE),
        (
            _Vorlage(
                "Antrag",
                ("Antrag auf einfache Melderegisterauskunft", "Melderegisterauskunft {nachname}"),
                (
                    "wir beantragen eine einfache Melderegisterauskunft über die Person {vorname} "
                    "{nachname}, zuletzt wohnhaft {strasse} {hausnr}.",
                    "Die Auskunft wird zur Durchsetzung einer offenen Forderung benötigt.",
                    "Die Gebühr von 10,00 Euro überweisen wir nach Rechnungsstellung.",
                    "Bitte teilen Sie uns auch eine eventuelle Wegzugsanschrift mit.",
                ),
                ("Inkasso Mitteldeutschland GmbH", PRIVAT),
            ),
            _Vorlage(
                "Schreiben",
                ("Meldebestätigung {nachname}", "Abmeldung ins Ausland", "Ummeldung innerhalb von Geyer"),
                (
                    "hiermit melde ich mich zum {termin} von meiner Wohnung in der {strasse} ab.",
                    "Der Einzug in die neue Wohnung ist durch die Wohnungsgeberbestätigung nachgewiesen.",
                    "anbei erhalten Sie die Meldebestätigung über Ihre Anmeldung in Geyer.",
                    "Bitte denken Sie daran, Ihren Personalausweis im Bürgerbüro ändern zu lassen.",
                ),
            ),
            _Vorlage(
                "E-Mail",
                ("Frage zur Anmeldung meines Wohnsitzes", "Termin im Bürgerbüro"),
                (
                    "ich ziehe nächsten Monat nach Geyer. Welche Unterlagen brauche ich für die Anmeldung?",
                    "Kann ich die Wohnungsgeberbestätigung auch digital einreichen?",
                    "Gibt es am Donnerstag noch einen freien Termin im Bürgerbüro?",
                ),
                (PRIVAT,),
            ),
        ),
        ("022.31", "121"),
    ),
    _Eintrag(
        "121",
        (("Geburten {jahr}", {}),),
        ("Klinikum Obererzgebirge gGmbH", PRIVAT, GEMEINDE),
        (
            _Vorlage(
                "Anzeige",
                ("Geburtsanzeige {nachname}", "Anzeige einer Geburt"),
                (
                    "Wir zeigen die Geburt eines Kindes in unserer Geburtsklinik an.",
                    "Das Kind wurde am {termin} um {stunde}:15 Uhr geboren.",
                    "Mutter: {vorname} {nachname}, wohnhaft {strasse} {hausnr}, {ort}.",
                    "Die Eltern sind miteinander verheiratet; die Eheurkunde liegt vor.",
                    "Der Vorname des Kindes wird von den Eltern im Standesamt erklärt.",
                ),
                ("Klinikum Obererzgebirge gGmbH",),
            ),
            _Vorlage(
                "Antrag",
                ("Antrag auf Geburtsurkunden", "Erklärung zur Namensführung des Kindes"),
                (
                    "für unser Kind beantragen wir drei Geburtsurkunden für Elterngeld, Kindergeld und "
                    "Krankenkasse.",
                    "Das Kind soll den Familiennamen {nachname} erhalten.",
                    "Die Vaterschaftsanerkennung wurde beim Jugendamt beurkundet.",
                    "Die Gebühren für die Urkunden zahlen wir bei Abholung im Standesamt.",
                ),
                (PRIVAT,),
            ),
        ),
        ("122",),
    ),
    _Eintrag(
        "122",
        (("Eheschließungen {jahr}", {}),),
        (PRIVAT, GEMEINDE),
        (
            _Vorlage(
                "Antrag",
                ("Anmeldung der Eheschließung {nachname}", "Anmeldung zur Eheschließung"),
                (
                    "wir möchten die Eheschließung beim Standesamt Geyer anmelden.",
                    "Als Wunschtermin für die Trauung nennen wir den {termin}.",
                    "Aufenthaltsbescheinigungen und beglaubigte Abschriften aus dem Geburtenregister "
                    "liegen bei.",
                    "Wir möchten künftig den Ehenamen {nachname} führen.",
                    "Die Trauzeugen werden wir rechtzeitig benennen.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "E-Mail",
                ("Trauung im Trauzimmer der Burg", "Trautermin {monat} {jahr}"),
                (
                    "ist eine standesamtliche Trauung im historischen Trauzimmer auch am Samstag möglich?",
                    "Wir rechnen mit etwa {zahl}0 Gästen.",
                    "Bitte reservieren Sie den Termin vorläufig für uns.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Rechnung",
                ("Gebühren Eheschließung {nachname}",),
                (
                    "Gebühr für die Prüfung der Ehefähigkeit",
                    "Zuschlag Trauung außerhalb der Dienstzeit",
                    "Eheurkunde, 2 Ausfertigungen",
                ),
                (GEMEINDE,),
            ),
        ),
        ("121",),
    ),
    _Eintrag(
        "131",
        (
            ("Einsatzberichte Feuerwehr {jahr}", {"nur": "Vermerk"}),
            ("Kostenersatz Feuerwehreinsätze {jahr}", {"nur": "Bescheid"}),
        ),
        ("Freiwillige Feuerwehr Geyer", GEMEINDE),
        (
            _Vorlage(
                "Vermerk",
                ("Einsatzbericht Nr. {nr}/{jahr}", "Einsatzbericht {einsatz} {strasse}"),
                (
                    "Alarmierung am {termin} um {stunde}:42 Uhr durch die Integrierte Regionalleitstelle.",
                    "Einsatzstichwort: {einsatz}. Ausgerückt sind HLF und Drehleiter mit {zahl} Kameraden.",
                    "Die Einsatzstelle wurde abgesichert und die Gefahr beseitigt.",
                    "Verletzt wurde niemand; die Polizei war vor Ort.",
                    "Einsatzende um {stunde}:55 Uhr, Fahrzeuge wieder einsatzbereit.",
                ),
                ("Freiwillige Feuerwehr Geyer",),
            ),
            _Vorlage(
                "Bescheid",
                ("Kostenersatz für den Feuerwehreinsatz am {termin}",),
                (
                    "Für den Einsatz der Freiwilligen Feuerwehr am {termin} wird Kostenersatz nach dem "
                    "Sächsischen Brandschutzgesetz erhoben.",
                    "Der Einsatz wurde durch eine ausgelöste Brandmeldeanlage ohne Brand verursacht.",
                    "Der Kostenersatz wird auf {betrag} Euro festgesetzt.",
                    "Berechnungsgrundlage ist die Feuerwehrkostensatzung der Stadt Geyer.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("132",),
    ),
    _Eintrag(
        "132",
        (
            ("Beschaffung Hilfeleistungslöschfahrzeug HLF 10", {"nur": "Rechnung,Schreiben"}),
            ("Gerätehaus Ortswehr Siebenhöfen", {"nur": "Gutachten,Rechnung"}),
        ),
        ("Feuerwehrtechnik Erzgebirge GmbH", "Freiwillige Feuerwehr Geyer", "Prüfdienst Sachsen GmbH"),
        (
            _Vorlage(
                "Rechnung",
                ("Rechnung Wartung Atemschutzgeräte", "Rechnung Ausrüstung HLF 10", "Rechnung Gerätehaus"),
                (
                    "Jahreswartung Atemschutzgeräte und Prüfung der Pressluftflaschen",
                    "Beladung Hilfeleistungslöschfahrzeug nach Norm, Satz Schläuche",
                    "Reparatur Rolltor Fahrzeughalle Gerätehaus Siebenhöfen",
                    "Prüfung der tragbaren Leitern und der Hydraulischen Rettungsgeräte",
                ),
                ("Feuerwehrtechnik Erzgebirge GmbH",),
            ),
            _Vorlage(
                "Gutachten",
                ("Prüfbericht Gerätehaus Siebenhöfen", "Prüfbericht Fahrzeug und Gerät"),
                (
                    "Bei der Begehung des Gerätehauses wurden Mängel an der Abgasabsaugung festgestellt.",
                    "Die Stellplätze entsprechen nicht mehr der DIN für Feuerwehrhäuser.",
                    "Das Fahrzeug ist verkehrssicher; die feuerwehrtechnische Beladung ist vollständig.",
                    "Wir empfehlen einen Ersatzneubau des Gerätehauses mittelfristig.",
                ),
                ("Prüfdienst Sachsen GmbH",),
            ),
            _Vorlage(
                "Schreiben",
                ("Angebot Hilfeleistungslöschfahrzeug HLF 10", "Bedarf der Ortswehr Siebenhöfen"),
                (
                    "gern unterbreiten wir Ihnen ein Angebot für ein Hilfeleistungslöschfahrzeug HLF 10.",
                    "Die Lieferzeit des Fahrgestells beträgt derzeit etwa 18 Monate.",
                    "Die Wehrleitung bittet um Ersatz des über 30 Jahre alten Löschfahrzeugs.",
                    "Eine Förderung nach der Feuerwehrförderrichtlinie sollte beantragt werden.",
                ),
            ),
        ),
        ("131", "902"),
    ),
    _Eintrag(
        "210",
        (
            ("Kita Bergspatzen", {"kita": "Kita Bergspatzen"}),
            ("Kita Glück auf", {"kita": "Kita Glück auf"}),
            ("Bedarfsplanung Kindertagesbetreuung {jahr}", {"kita": "Kindertageseinrichtungen"}),
        ),
        ("{kita}", "Kommunaler Sozialverband Sachsen", LRA, GEMEINDE),
        (
            _Vorlage(
                "Schreiben",
                ("Belegung und Personal {kita}", "Bedarfsplanung Kindertagesbetreuung {jahr}"),
                (
                    "die {kita} ist derzeit mit {zahl}5 Kindern voll belegt.",
                    "Für das neue Kitajahr liegen bereits {zahl} Anmeldungen für den Krippenbereich vor.",
                    "Der Personalschlüssel kann nur mit einer zusätzlichen Erzieherin gehalten werden.",
                    "Der Landkreis bittet um Meldung der Platzkapazitäten für die Bedarfsplanung.",
                    "Der Spielplatz im Außengelände muss nach der Prüfung instand gesetzt werden.",
                ),
            ),
            _Vorlage(
                "Bescheid",
                ("Betriebserlaubnis {kita}", "Änderung der Betriebserlaubnis {kita}"),
                (
                    "Die Betriebserlaubnis für die {kita} wird nach § 45 SGB VIII erteilt.",
                    "Die Einrichtung darf bis zu {zahl}8 Kinder im Alter bis zum Schuleintritt betreuen.",
                    "Änderungen der Konzeption sind dem Landesjugendamt anzuzeigen.",
                    "Die Auflagen zum Brandschutz sind bis Jahresende zu erfüllen.",
                ),
                ("Kommunaler Sozialverband Sachsen",),
            ),
            _Vorlage(
                "E-Mail",
                ("Schließtage {kita} {jahr}", "Elternabend {kita}"),
                (
                    "anbei die geplanten Schließtage der {kita} für {jahr} zur Abstimmung.",
                    "Der Elternrat hat der Planung zugestimmt.",
                    "Am {termin} findet ein Elternabend statt, die Bürgermeisterin ist herzlich eingeladen.",
                ),
                ("{kita}",),
            ),
        ),
        ("212",),
    ),
    _Eintrag(
        "212",
        (("Elternbeiträge {jahr}", {}),),
        (GEMEINDE, PRIVAT),
        (
            _Vorlage(
                "Bescheid",
                ("Festsetzung des Elternbeitrags für {vorname} {nachname}", "Elternbeitragsbescheid {jahr}"),
                (
                    "Für die Betreuung Ihres Kindes in der Kindertageseinrichtung wird ein monatlicher "
                    "Elternbeitrag festgesetzt.",
                    "Der Elternbeitrag beträgt ab dem 01.{monatzahl}.{jahr} monatlich {betrag} Euro.",
                    "Die Geschwisterermäßigung ist bereits berücksichtigt.",
                    "Der Beitrag wird zum 15. eines jeden Monats fällig und per Lastschrift eingezogen.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Antrag",
                ("Antrag auf Ermäßigung des Elternbeitrags", "Antrag auf Übernahme des Elternbeitrags"),
                (
                    "hiermit beantrage ich die Ermäßigung des Elternbeitrags für meine Kinder.",
                    "Ich bin alleinerziehend; der Bescheid über Bürgergeld liegt bei.",
                    "Meine zwei Kinder besuchen gleichzeitig die Krippe und den Kindergarten.",
                    "Bitte berücksichtigen Sie die Ermäßigung rückwirkend.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Schreiben",
                ("Widerspruch gegen den Elternbeitragsbescheid",),
                (
                    "gegen den Bescheid über den Elternbeitrag lege ich Widerspruch ein.",
                    "Die Betreuungszeit wurde mit neun statt sechs Stunden berechnet.",
                    "Bitte prüfen Sie die Berechnung der Geschwisterermäßigung erneut.",
                ),
                (PRIVAT,),
            ),
        ),
        ("210",),
    ),
    _Eintrag(
        "610",
        (
            (
                "Bauvorhaben Thumer Straße 21",
                {"bau_strasse": "Thumer Straße 21", "vorhaben": "Einfamilienhaus"},
            ),
            ("Bauvorhaben Bergstraße 7", {"bau_strasse": "Bergstraße 7", "vorhaben": "Carport und Garage"}),
            ("Bauvorhaben Feldstraße 30", {"bau_strasse": "Feldstraße 30", "vorhaben": "Mehrfamilienhaus"}),
            (
                "Bauvorhaben Annaberger Straße 4",
                {"bau_strasse": "Annaberger Straße 4", "vorhaben": "Umnutzung Scheune"},
            ),
        ),
        (PRIVAT, LRA, GEMEINDE, "Ingenieurbüro {nachname}"),
        (
            _Vorlage(
                "Antrag",
                ("Bauvoranfrage {vorhaben} {bau_strasse}", "Bauantrag {vorhaben}, {bau_strasse}"),
                (
                    "wir beabsichtigen, auf dem Grundstück {bau_strasse}, Flurstück {flurstueck}, ein "
                    "Bauvorhaben ({vorhaben}) zu errichten.",
                    "Lageplan, Ansichten und Baubeschreibung liegen bei.",
                    "Die Erschließung erfolgt über die vorhandene Zufahrt.",
                    "Wir bitten um Auskunft, ob die Stadt ihr Einvernehmen in Aussicht stellt.",
                ),
                (PRIVAT, "Ingenieurbüro {nachname}"),
            ),
            _Vorlage(
                "Schreiben",
                (
                    "Beteiligung der Gemeinde – {vorhaben}, {bau_strasse}",
                    "Anhörung zum Einvernehmen {bau_strasse}",
                ),
                (
                    "im Baugenehmigungsverfahren für das Vorhaben {vorhaben} auf dem Flurstück {flurstueck} "
                    "bitten wir um Ihre Stellungnahme.",
                    "Das Einvernehmen gilt als erteilt, wenn es nicht binnen zwei Monaten verweigert wird.",
                    "Das Grundstück liegt im unbeplanten Innenbereich nach § 34 BauGB.",
                    "Die Bauaufsichtsbehörde prüft die Unterlagen auf Vollständigkeit.",
                ),
                (LRA,),
            ),
            _Vorlage(
                "Stellungnahme",
                ("Gemeindliches Einvernehmen {bau_strasse}",),
                (
                    "Die Stadt Geyer erteilt das gemeindliche Einvernehmen zum Vorhaben {vorhaben}.",
                    "Der Technische Ausschuss hat in seiner Sitzung am {termin} zugestimmt.",
                    "Die Erschließung ist gesichert; Trink- und Abwasser sind vorhanden.",
                    "Hinweis: Die Stellplätze sind auf dem eigenen Grundstück nachzuweisen.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("001.2",),
    ),
    _Eintrag(
        "632",
        (("Winterdienst {saison}", {}),),
        ("Erzgebirgische Streudienst GmbH", PRIVAT, GEMEINDE),
        (
            _Vorlage(
                "Rechnung",
                ("Rechnung Streusalz Winter {saison}", "Rechnung Räumdienst {monat} {jahr}"),
                (
                    "Lieferung Auftausalz, lose, 24 Tonnen",
                    "Räum- und Streueinsätze Ortsteil Siebenhöfen, Einsatzstunden Traktor mit Schneeschild",
                    "Bereitstellung Winterdienstfahrzeug, Pauschale",
                ),
                ("Erzgebirgische Streudienst GmbH",),
            ),
            _Vorlage(
                "E-Mail",
                ("Schnee auf dem Gehweg {strasse}", "Winterdienst in der {strasse}"),
                (
                    "seit zwei Tagen ist die {strasse} nicht geräumt, ältere Anwohner kommen kaum zum Bus.",
                    "Der Schneepflug hat den Schnee vor unsere Einfahrt geschoben.",
                    "Bitte streuen Sie auch den Fußweg zur Schule.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Vermerk",
                ("Räum- und Streuplan {saison}",),
                (
                    "Reihenfolge der Räumung: Altmarkt, Schulstraße, Thumer Straße, danach die Ortsteile.",
                    "Der Bauhof übernimmt die Gehwege an öffentlichen Gebäuden.",
                    "Rufbereitschaft Winterdienst von November bis März.",
                    "Der Streusalzvorrat ist mit 60 Tonnen aufgefüllt.",
                ),
                (GEMEINDE,),
            ),
        ),
        (),
    ),
    _Eintrag(
        "701",
        (("Grabstätten und Nutzungsrechte {jahr}", {}),),
        (PRIVAT, GEMEINDE, "Steinmetz {nachname}", "Bestattungshaus {nachname}"),
        (
            _Vorlage(
                "Antrag",
                ("Verlängerung des Nutzungsrechts Grabstätte {feld}", "Antrag Grabmal Grabstätte {feld}"),
                (
                    "hiermit beantrage ich die Verlängerung des Nutzungsrechts an der Wahlgrabstätte {feld} "
                    "auf dem Friedhof Geyer.",
                    "Die Ruhezeit der zuletzt Beigesetzten endet im kommenden Jahr.",
                    "Für die Grabstätte {feld} soll ein neues Grabmal aus Granit errichtet werden.",
                    "Eine Zeichnung des Grabmals und die Standsicherheitsberechnung liegen bei.",
                ),
                (PRIVAT, "Steinmetz {nachname}"),
            ),
            _Vorlage(
                "Bescheid",
                ("Friedhofsgebühren Grabstätte {feld}", "Verlängerung Nutzungsrecht {feld}"),
                (
                    "Das Nutzungsrecht an der Grabstätte {feld} wird um zehn Jahre verlängert.",
                    "Nach der Friedhofsgebührensatzung wird eine Gebühr von {betrag} Euro festgesetzt.",
                    "Die Grabstätte ist nach der Friedhofssatzung zu pflegen.",
                    "Die Urkunde über das Nutzungsrecht liegt bei.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Schreiben",
                ("Beisetzung auf dem Friedhof Geyer", "Aufgabe der Grabstätte {feld}"),
                (
                    "im Auftrag der Angehörigen bitten wir um einen Termin für die Urnenbeisetzung.",
                    "Die Beisetzung soll in der vorhandenen Familiengrabstätte {feld} erfolgen.",
                    "ich möchte das Nutzungsrecht an der Grabstätte {feld} vorzeitig zurückgeben.",
                    "Bitte teilen Sie mir mit, bis wann das Grabmal beräumt sein muss.",
                ),
                (PRIVAT, "Bestattungshaus {nachname}"),
            ),
        ),
        (),
    ),
    _Eintrag(
        "902",
        (
            ("Förderung Gerätehaus Siebenhöfen", {"vorhaben": "Ersatzneubau Gerätehaus Siebenhöfen"}),
            ("Förderung Spielplatz Stadtpark", {"vorhaben": "Erneuerung Spielplatz Stadtpark"}),
            ("LEADER-Förderung {jahr}", {"vorhaben": "Sanierung Dorfgemeinschaftshaus"}),
        ),
        (LRA, "Sächsische Aufbaubank – Förderbank", "LEADER-Regionalmanagement Erzgebirge", GEMEINDE),
        (
            _Vorlage(
                "Antrag",
                ("Förderantrag {vorhaben}", "Antrag auf Zuwendung – {vorhaben}"),
                (
                    "die Stadt Geyer beantragt eine Zuwendung für das Vorhaben {vorhaben}.",
                    "Die zuwendungsfähigen Gesamtausgaben betragen {betrag}0 Euro.",
                    "Der Eigenanteil ist im Haushalt {jahr} veranschlagt.",
                    "Mit der Maßnahme wurde noch nicht begonnen.",
                    "Kostenschätzung, Lageplan und Beschluss des Stadtrats liegen bei.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Bescheid",
                ("Zuwendungsbescheid {vorhaben}",),
                (
                    "Für das Vorhaben {vorhaben} wird eine Zuwendung als Anteilfinanzierung bewilligt.",
                    "Die Zuwendung beträgt höchstens {betrag}0 Euro.",
                    "Der Bewilligungszeitraum endet am 31.12.{jahr}.",
                    "Der Verwendungsnachweis ist innerhalb von sechs Monaten nach Abschluss vorzulegen.",
                    "Die Allgemeinen Nebenbestimmungen sind Bestandteil dieses Bescheides.",
                ),
                (LRA, "Sächsische Aufbaubank – Förderbank"),
            ),
            _Vorlage(
                "Schreiben",
                ("Verwendungsnachweis {vorhaben}", "Mittelabruf {vorhaben}"),
                (
                    "anbei übersenden wir den Verwendungsnachweis für das Vorhaben {vorhaben}.",
                    "Wir rufen die zweite Rate der bewilligten Fördermittel ab.",
                    "Die Maßnahme wurde im {monat} {jahr} abgeschlossen.",
                    "Die Belegliste und der Sachbericht liegen bei.",
                ),
            ),
        ),
        ("132",),
    ),
    _Eintrag(
        "920",
        (("Grundsteuer {jahr}", {}),),
        (GEMEINDE, FINANZAMT, PRIVAT),
        (
            _Vorlage(
                "Bescheid",
                ("Grundsteuerbescheid {jahr}", "Grundsteuermessbescheid {strasse} {hausnr}"),
                (
                    "Für das Grundstück {strasse} {hausnr}, Flurstück {flurstueck}, wird die Grundsteuer "
                    "für {jahr} festgesetzt.",
                    "Der Grundsteuermessbetrag wurde vom Finanzamt mitgeteilt.",
                    "Hebesatz Grundsteuer B: 470 vom Hundert.",
                    "Die Grundsteuer beträgt jährlich {betrag} Euro und ist vierteljährlich fällig.",
                ),
                (GEMEINDE, FINANZAMT),
            ),
            _Vorlage(
                "Schreiben",
                (
                    "Widerspruch gegen den Grundsteuerbescheid {jahr}",
                    "Änderung des Eigentümers – Grundsteuer",
                ),
                (
                    "gegen den Grundsteuerbescheid lege ich Widerspruch ein.",
                    "Der Grundsteuerwert nach der Grundsteuerreform ist aus meiner Sicht zu hoch.",
                    "Das Grundstück wurde zum 1. Januar verkauft; Steuerschuldner ist nun der Erwerber.",
                    "Die Wohnfläche wurde vom Finanzamt falsch erfasst.",
                ),
                (PRIVAT,),
            ),
        ),
        ("921", "922"),
    ),
    _Eintrag(
        "921",
        (("Gewerbesteuer {jahr}", {}),),
        (GEMEINDE, FINANZAMT, "Steuerberatung {nachname}"),
        (
            _Vorlage(
                "Bescheid",
                ("Gewerbesteuerbescheid {jahr}", "Gewerbesteuer-Vorauszahlungen {jahr}"),
                (
                    "Aufgrund des Gewerbesteuermessbescheids des Finanzamts wird die Gewerbesteuer "
                    "festgesetzt.",
                    "Hebesatz Gewerbesteuer: 400 vom Hundert.",
                    "Die Vorauszahlungen werden auf {betrag} Euro je Quartal angepasst.",
                    "Die Nachzahlung ist innerhalb eines Monats fällig.",
                ),
                (GEMEINDE,),
            ),
            _Vorlage(
                "Schreiben",
                ("Mitteilung Gewerbesteuermessbetrag", "Zerlegung des Gewerbesteuermessbetrags"),
                (
                    "der Gewerbesteuermessbetrag für das Unternehmen {firma} wurde festgesetzt.",
                    "Der Messbetrag wird auf die Betriebsstätten in Geyer und Zwönitz zerlegt.",
                    "Die Mitteilung ergeht an die hebeberechtigte Gemeinde.",
                ),
                (FINANZAMT,),
            ),
            _Vorlage(
                "Antrag",
                ("Antrag auf Stundung der Gewerbesteuer", "Herabsetzung der Vorauszahlungen"),
                (
                    "namens unserer Mandantin {firma} beantragen wir die Stundung der Gewerbesteuer.",
                    "Der Umsatz ist im laufenden Jahr deutlich zurückgegangen.",
                    "Wir bitten, die Vorauszahlungen auf null herabzusetzen.",
                    "Eine betriebswirtschaftliche Auswertung liegt bei.",
                ),
                ("Steuerberatung {nachname}",),
            ),
        ),
        ("920", "101"),
    ),
    _Eintrag(
        "922",
        (("Hundesteuer {jahr}", {}),),
        (PRIVAT, GEMEINDE),
        (
            _Vorlage(
                "Anzeige",
                ("Anmeldung eines Hundes zur Hundesteuer", "Abmeldung des Hundes {hund}"),
                (
                    "hiermit melde ich meinen Hund {hund}, Rasse Labrador, zur Hundesteuer an.",
                    "Der Hund wird seit dem {termin} in meinem Haushalt gehalten.",
                    "Mein Hund {hund} ist leider verstorben, ich bitte um Abmeldung.",
                    "Die Hundesteuermarke gebe ich zurück.",
                ),
                (PRIVAT,),
            ),
            _Vorlage(
                "Bescheid",
                ("Hundesteuerbescheid {jahr}",),
                (
                    "Für das Halten Ihres Hundes wird nach der Hundesteuersatzung die Hundesteuer "
                    "festgesetzt.",
                    "Die Hundesteuer beträgt für den ersten Hund jährlich 60,00 Euro.",
                    "Für einen gefährlichen Hund gilt ein erhöhter Steuersatz.",
                    "Die Steuermarke ist am Halsband des Hundes zu tragen.",
                ),
                (GEMEINDE,),
            ),
        ),
        ("920",),
    ),
)

# --- generic phrasing --------------------------------------------------------------------------------

_ANREDEN = (
    "Sehr geehrte Damen und Herren,",
    "Sehr geehrte Frau Ullmann,",
    "Sehr geehrter Herr {nachname2},",
    "Sehr geehrte Frau {nachname2},",
    "Guten Tag,",
)
_ALLGEMEIN = (
    "Für Rückfragen stehen wir Ihnen gern zur Verfügung.",
    "Bitte geben Sie bei Antworten das oben genannte Zeichen an.",
    "Vielen Dank für Ihre Unterstützung.",
    "Die Unterlagen erhalten Sie in der Anlage.",
    "Wir bitten um Kenntnisnahme.",
    "Über eine kurzfristige Rückmeldung würden wir uns freuen.",
    "Eine Kopie dieses Schreibens geht an das Hauptamt.",
    "Bei Fragen erreichen Sie uns montags bis freitags.",
)
_GRUESSE = ("Mit freundlichen Grüßen", "Freundliche Grüße", "Mit freundlichem Gruß")
_ROLLEN = ("Bürgermeisterin", "Sachbearbeiterin", "Sachgebietsleiter", "Amtsleiter", "Geschäftsführer")
_RECHTSBEHELF = (
    "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe "
    "Widerspruch erhoben werden."
)
_THEMEN = ("Digitalisierung im Rathaus", "Haushaltslage", "Ganztagsbetreuung", "Ausbau der Radwege")
_EINSAETZE = ("Brandmeldeanlage", "Verkehrsunfall", "Ölspur", "Baum auf Straße", "Kleinbrand")
_GEWERBE = ("Handel mit Holzspielzeug", "Hausmeisterdienste", "Fotografie", "Imbiss", "Online-Handel")
_HUNDE = ("Bruno", "Luna", "Balu", "Emma", "Rocky")


def _datum_text(datum: datetime.date, zufall: random.Random) -> str:
    form = zufall.randrange(4)
    if form == 0:
        return f"{datum.day}. {MONATE[datum.month - 1]} {datum.year}"
    if form == 1:
        return f"{datum:%d.%m.%Y}"
    if form == 2:
        return f"{datum.day}.{datum.month}.{datum.year}"
    return f"{datum.day}. {MONATE[datum.month - 1][:3]}. {datum.year}"


def _werte(zufall: random.Random, datum: datetime.date) -> dict[str, str]:
    termin = datum + datetime.timedelta(days=zufall.randrange(-20, 40))
    saison_jahr = datum.year if datum.month >= 7 else datum.year - 1
    return {
        "jahr": str(datum.year),
        "saison": f"{saison_jahr}/{saison_jahr + 1}",
        "monat": MONATE[zufall.randrange(12)],
        "monatzahl": f"{zufall.randrange(1, 13):02d}",
        "termin": f"{termin:%d.%m.%Y}",
        "vorname": zufall.choice(VORNAMEN),
        "nachname": zufall.choice(NACHNAMEN),
        "nachname2": zufall.choice(NACHNAMEN),
        "strasse": zufall.choice(STRASSEN),
        "hausnr": str(zufall.randrange(1, 60)),
        "ort": zufall.choice(ORTE),
        "ortsteil": zufall.choice(ORTSTEILE),
        "flurstueck": f"{zufall.randrange(10, 900)}/{zufall.randrange(1, 12)}",
        "betrag": f"{zufall.randrange(20, 4000)},{zufall.randrange(100):02d}",
        "zahl": str(zufall.randrange(3, 15)),
        "nr": str(zufall.randrange(1, 60)),
        "stunde": f"{zufall.randrange(0, 24):02d}",
        "firma": zufall.choice(FIRMEN),
        "thema": zufall.choice(_THEMEN),
        "einsatz": zufall.choice(_EINSAETZE),
        "gewerbe": zufall.choice(_GEWERBE),
        "hund": zufall.choice(_HUNDE),
        "feld": f"Abteilung {zufall.choice('ABCDE')}, Nr. {zufall.randrange(1, 200)}",
    }


def _fuellen(vorlage: str, werte: dict[str, str]) -> str:
    return vorlage.format_map(werte)


def _kopf(absender: str, werte: dict[str, str], zufall: random.Random) -> tuple[str, str, str]:
    """(letterhead, sender's domain, place) for a sender; private senders get their home address."""
    if absender in _ADRESSEN:
        name, strasse, ort, domain = _ADRESSEN[absender]
    elif absender == PRIVAT:
        name = f"{werte['vorname']} {werte['nachname']}"
        strasse, ort, domain = f"{werte['strasse']} {werte['hausnr']}", "09468 Geyer", "web.example"
    else:
        name = _fuellen(absender, werte)
        strasse = f"{zufall.choice(STRASSEN)} {zufall.randrange(1, 40)}"
        ort = f"09{zufall.randrange(400, 499)} {zufall.choice(ORTE)}"
        domain = re.sub(r"[^a-z]", "", name.lower().split()[-1] if name.split() else "post")[:14] + ".example"
    if zufall.random() < 0.5:
        return f"{name} · {strasse} · {ort}", domain, ort.split(" ", 1)[1]
    return f"{name}\n{strasse}\n{ort}", domain, ort.split(" ", 1)[1]


def _absendername(absender: str, werte: dict[str, str]) -> str:
    if absender in _ADRESSEN:
        return _ADRESSEN[absender][0]
    if absender == PRIVAT:
        return f"{werte['vorname']} {werte['nachname']}"
    return _fuellen(absender, werte)


def _unterzeichner(absender: str, werte: dict[str, str], zufall: random.Random) -> str:
    if absender == PRIVAT:
        return f"{werte['vorname']} {werte['nachname']}"
    return f"{zufall.choice(VORNAMEN)} {zufall.choice(NACHNAMEN)}\n{zufall.choice(_ROLLEN)}"


def _empfaenger(absender: str, werte: dict[str, str]) -> str:
    if absender == GEMEINDE:
        return f"{werte['vorname2']} {werte['nachname2']}\n{werte['strasse']} {werte['hausnr']}\n09468 Geyer"
    return "Stadtverwaltung Geyer\nAltmarkt 1\n09468 Geyer"


def _koerper(
    eintrag: _Eintrag,
    vorlage: _Vorlage,
    werte: dict[str, str],
    zufall: random.Random,
    fremd: list[str],
) -> list[str]:
    anzahl = min(len(vorlage.saetze), zufall.randrange(1, 4))
    saetze = [_fuellen(s, werte) for s in zufall.sample(vorlage.saetze, anzahl)]
    saetze += fremd
    saetze += zufall.sample(_ALLGEMEIN, zufall.randrange(1, 3))
    # after "Sehr geehrte …," German letters go on in lower case; later sentences start upper case
    return saetze[:1] + [s[:1].upper() + s[1:] for s in saetze[1:]]


def _brief(
    eintrag: _Eintrag,
    vorlage: _Vorlage,
    absender: str,
    betreff: str,
    datum: datetime.date,
    werte: dict[str, str],
    zufall: random.Random,
    fremd: list[str],
) -> str:
    kopf, domain, ort = _kopf(absender, werte, zufall)
    zeichen = ""
    if absender != PRIVAT and zufall.random() < 0.4:
        kuerzel = "".join(zufall.choice("ABDGHKLOPRSV") for _ in range(2))
        zeichen = (
            f"Unser Zeichen: {kuerzel}-{zufall.randrange(10, 99)}/{zufall.randrange(1, 2000)}/{datum:%y}\n"
        )
    kontakt = ""
    if absender != PRIVAT and zufall.random() < 0.5:
        kontakt = (
            f"Bearbeiter/in: {zufall.choice(VORNAMEN)} {zufall.choice(NACHNAMEN)}\n"
            f"Telefon: 0{zufall.randrange(3700, 3799)} "
            f"{zufall.randrange(100, 999)}-{zufall.randrange(10, 99)}\n"
        )
    datumszeile = (
        f"{ort}, {_datum_text(datum, zufall)}" if zufall.random() < 0.7 else f"Datum: {datum:%d.%m.%Y}"
    )
    betreffzeile = f"Betreff: {betreff}" if zufall.random() < 0.6 else betreff
    saetze = _koerper(eintrag, vorlage, werte, zufall, fremd)
    intern = vorlage.dokumenttyp in ("Niederschrift", "Vermerk")
    empfaenger = "" if intern else _empfaenger(absender, werte) + "\n\n"
    teile = [kopf, "", empfaenger + zeichen + kontakt + datumszeile, "", betreffzeile, ""]
    if vorlage.dokumenttyp == "Rechnung":
        teile += [f"Rechnung Nr. RE-{datum.year}-{zufall.randrange(100, 9999)}", ""]
        for nummer, satz in enumerate(saetze[: len(vorlage.saetze)], start=1):
            teile.append(
                f"Pos. {nummer}  {satz}  {zufall.randrange(20, 3000)},{zufall.randrange(100):02d} EUR"
            )
        teile += [
            "",
            f"Gesamtbetrag: {werte['betrag']} EUR inkl. 19 % USt.",
            "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
            f"IBAN DE{zufall.randrange(10, 99)} 8705 {zufall.randrange(1000, 9999)} "
            f"0000 {zufall.randrange(1000, 9999)} 00",
        ]
        return "\n".join(teile) + "\n"
    if intern:
        teile += [*saetze, "", f"gez. {zufall.choice(VORNAMEN)} {zufall.choice(NACHNAMEN)}", "Protokoll"]
        return "\n".join(teile) + "\n"
    teile.append(_fuellen(zufall.choice(_ANREDEN), werte))
    teile.append("")
    teile.append(" ".join(saetze))
    if vorlage.dokumenttyp == "Bescheid":
        teile += ["", _RECHTSBEHELF]
    teile += ["", zufall.choice(_GRUESSE), "", _unterzeichner(absender, werte, zufall)]
    if absender != PRIVAT and zufall.random() < 0.5:
        teile.append(f"E-Mail: post@{domain}")
    return "\n".join(teile) + "\n"


def _email(
    eintrag: _Eintrag,
    vorlage: _Vorlage,
    absender: str,
    betreff: str,
    datum: datetime.date,
    werte: dict[str, str],
    zufall: random.Random,
    fremd: list[str],
) -> str:
    person = f"{werte['vorname']} {werte['nachname']}"
    name = _absendername(absender, werte)
    adresse = re.sub(r"[^a-z.]", "", f"{werte['vorname']}.{werte['nachname']}".lower())
    saetze = _koerper(eintrag, vorlage, werte, zufall, fremd)
    kopf = [
        f"Von: {person} <{adresse}@mail.example>",
        f"Gesendet: {datum.day}. {MONATE[datum.month - 1]} {datum.year} "
        f"{zufall.randrange(7, 18)}:{zufall.randrange(60):02d}",
        "An: post@stadt-geyer.example",
        f"Betreff: {betreff}",
        "",
        zufall.choice(("Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo,")),
        "",
        " ".join(saetze),
        "",
        zufall.choice(("Viele Grüße", "Beste Grüße", "Freundliche Grüße")),
        person,
    ]
    if name != person:
        kopf.append(name)
    return "\n".join(kopf) + "\n"


def _pressemitteilung(
    eintrag: _Eintrag,
    vorlage: _Vorlage,
    absender: str,
    betreff: str,
    datum: datetime.date,
    werte: dict[str, str],
    zufall: random.Random,
    fremd: list[str],
) -> str:
    name = _absendername(absender, werte)
    saetze = _koerper(eintrag, vorlage, werte, zufall, fremd)
    return (
        f"{name}\nPressemitteilung Nr. {zufall.randrange(1, 40)}/{datum:%y}\n\n"
        f"Geyer, {_datum_text(datum, zufall)}\n\n{betreff}\n\n{' '.join(saetze)}\n\n"
        f"Ansprechpartnerin: {zufall.choice(VORNAMEN)} {zufall.choice(NACHNAMEN)}, Pressestelle\n"
        f"Tel.: 037346 {zufall.randrange(10, 99)}-0\n"
    )


#: chance (repeated, at most twice) that a letter carries a sentence of a related entry
ANTEIL_FREMDER_SAETZE = 0.4


def beispielbriefe(anzahl: int, seed: int = 0) -> list[Beispielbrief]:
    """``anzahl`` labelled letters, spread evenly over the entries; the same seed gives the same list."""
    zufall = random.Random(seed)
    nach_kennzeichen = {e.kennzeichen: e for e in EINTRAEGE}
    briefe = []
    for nummer in range(anzahl):
        eintrag = EINTRAEGE[nummer % len(EINTRAEGE)] if nummer < len(EINTRAEGE) else zufall.choice(EINTRAEGE)
        datum = datetime.date(2022, 1, 3) + datetime.timedelta(days=zufall.randrange(0, 4 * 365 - 10))
        titel, extra = zufall.choice(eintrag.akten)
        erlaubt = extra.get("nur", "").split(",") if extra.get("nur") else None
        vorlage = zufall.choice([v for v in eintrag.vorlagen if erlaubt is None or v.dokumenttyp in erlaubt])
        werte = _werte(zufall, datum)
        werte["vorname2"] = zufall.choice(VORNAMEN)
        werte.update(extra)
        absender = zufall.choice(vorlage.absender or eintrag.absender)
        absender = absender if absender in _ADRESSEN or absender == PRIVAT else _fuellen(absender, werte)
        betreff = _fuellen(zufall.choice(vorlage.betreffe), werte)
        fremd: list[str] = []
        while eintrag.verwandt and zufall.random() < ANTEIL_FREMDER_SAETZE and len(fremd) < 2:
            # real post strays: a sentence belonging to a related entry
            nachbar = nach_kennzeichen[zufall.choice(eintrag.verwandt)]
            nachbar_vorlage = zufall.choice(nachbar.vorlagen)
            nachbar_werte = {**werte, **zufall.choice(nachbar.akten)[1]}
            fremd.append(_fuellen(zufall.choice(nachbar_vorlage.saetze), _Standard(nachbar_werte)))
        bauer = {"E-Mail": _email, "Pressemitteilung": _pressemitteilung}.get(vorlage.dokumenttyp, _brief)
        text = bauer(eintrag, vorlage, absender, betreff, datum, werte, zufall, fremd)
        briefe.append(
            Beispielbrief(
                kennzeichen=eintrag.kennzeichen,
                akte_titel=_fuellen(titel, werte),
                dokumenttyp=vorlage.dokumenttyp,
                betreff=betreff,
                absender=_absendername(absender, werte),
                text=text,
                datum=datum,
            )
        )
    return briefe


class _Standard(dict):
    """Placeholders of another entry that this letter does not define read as a neutral word."""

    def __missing__(self, schluessel: str) -> str:
        return {"kita": "Kita", "vorhaben": "Vorhaben", "gremium": "Ausschusses"}.get(schluessel, "")


# --- scan damage ---------------------------------------------------------------------------------------

_UMLAUT_WEG = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "B"})
_VERWECHSLUNG = {"m": "rn", "l": "1", "e": "c", "i": "l", "n": "m", "c": "e", "o": "0", "h": "b"}


def ocr_beschaedigen(text: str, seed: int = 0, fehlerrate: float = 0.02) -> str:
    """The text as a poor scan returns it: umlauts lost, "ß" read as "B", letters confused or swapped.

    ``fehlerrate`` is the share of letters confused or swapped with their neighbour, on top of the
    umlaut loss. Deterministic for a seed.
    """
    zufall = random.Random(seed)
    zeichen = list(text.translate(_UMLAUT_WEG))
    i = 0
    while i < len(zeichen):
        if zeichen[i].isalpha() and zufall.random() < fehlerrate:
            if zufall.random() < 0.5 and i + 1 < len(zeichen) and zeichen[i + 1].isalpha():
                zeichen[i], zeichen[i + 1] = zeichen[i + 1], zeichen[i]
                i += 1
            else:
                zeichen[i] = _VERWECHSLUNG.get(zeichen[i], zeichen[i])
        i += 1
    return "".join(zeichen)
