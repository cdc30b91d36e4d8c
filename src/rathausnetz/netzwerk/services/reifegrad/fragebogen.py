"""The Reifegradcheck questionnaire: dimensions, questions, and what each level 0–4 means.

Written by the Rathausnetz team for small Saxon administrations (no third-party questionnaire was
copied). Versioned: a stored result names its ``fassung`` and is always shown with the questions of
that version. A changed wording or a new question is a new version; old versions stay here so old
results remain readable. Dimensions keep their codes across versions, which keeps results comparable.
"""

from __future__ import annotations

from dataclasses import dataclass

#: what the levels mean in general; each question says it concretely
STUFEN = (
    "nicht begonnen",
    "erste Schritte",
    "teilweise umgesetzt",
    "weitgehend umgesetzt",
    "vollständig umgesetzt und gelebt",
)


@dataclass(frozen=True)
class Frage:
    code: str
    text: str
    #: five descriptions, for the answers 0, 1, 2, 3 and 4
    stufen: tuple[str, str, str, str, str]
    hilfe: str = ""


@dataclass(frozen=True)
class Dimension:
    code: str
    name: str
    beschreibung: str
    fragen: tuple[Frage, ...]
    #: shown when the municipality scores low here
    empfehlung: str
    #: IKZ model codes (``ikz.Modell.code``) that help in this dimension
    modelle: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fragebogen:
    fassung: str
    titel: str
    dimensionen: tuple[Dimension, ...]

    @property
    def fragen(self) -> list[Frage]:
        return [f for d in self.dimensionen for f in d.fragen]

    def dimension(self, code: str) -> Dimension | None:
        return next((d for d in self.dimensionen if d.code == code), None)


def _f(code: str, text: str, *stufen: str, hilfe: str = "") -> Frage:
    if len(stufen) != 5:
        raise ValueError(f"{code}: genau fünf Stufen (0–4) nötig")
    return Frage(code, text, tuple(stufen), hilfe)  # type: ignore[arg-type]


STRATEGIE = Dimension(
    "strategie",
    "Strategie",
    "Ob die Verwaltung weiß, wohin sie digital will, und ob Rat und Leitung das tragen.",
    (
        _f(
            "strategie_ziele",
            "Gibt es schriftlich festgehaltene Ziele für die Digitalisierung der Verwaltung?",
            "Es gibt keine festgehaltenen Ziele.",
            "Einzelne Vorhaben sind bekannt, aber nicht aufgeschrieben.",
            "Ziele sind aufgeschrieben, aber nicht beschlossen oder veraltet.",
            "Eine beschlossene Digitalstrategie oder ein Maßnahmenplan liegt vor.",
            "Die Strategie ist beschlossen, mit Prioritäten und Zeitplan, und wird jährlich fortgeschrieben.",
        ),
        _f(
            "strategie_leitung",
            "Wie stark treibt die Verwaltungsleitung (Bürgermeister/in, Amtsleitungen) die Digitalisierung?",
            "Das Thema spielt in der Leitung keine Rolle.",
            "Die Leitung ist offen, überlässt das Thema aber Einzelnen.",
            "Die Leitung unterstützt einzelne Projekte bei Bedarf.",
            "Die Leitung setzt Prioritäten und fragt regelmäßig nach dem Stand.",
            "Digitalisierung ist Chefsache: feste Tagesordnung, klare Verantwortung, sichtbare Vorbildrolle.",
        ),
        _f(
            "strategie_verantwortung",
            "Ist die Verantwortung für Digitalisierung in der Verwaltung klar geregelt?",
            "Niemand ist ausdrücklich zuständig.",
            "Jemand kümmert sich nebenbei, ohne Auftrag.",
            "Eine Person ist benannt, hat aber kaum Zeit dafür.",
            "Eine benannte Person (z. B. Digital-Navigator/in) hat Auftrag und feste Zeitanteile.",
            "Zuständigkeit, Vertretung und Zeitanteile sind festgelegt; die Person ist im Haus bekannt.",
        ),
        _f(
            "strategie_finanzen",
            "Sind Mittel für Digitalisierung im Haushalt eingeplant?",
            "Nein, Ausgaben entstehen nur bei Ausfällen.",
            "Nur für Ersatzbeschaffungen von Hardware.",
            "Für einzelne Vorhaben, jeweils im Einzelfall.",
            "Ein eigener Ansatz für Digitalisierung ist im Haushalt, Fördermittel werden genutzt.",
            "Mehrjährig geplant, mit Folgekosten, und Förderprogramme werden systematisch geprüft.",
        ),
    ),
    "Halten Sie zwei, drei Ziele für die nächsten zwei Jahre schriftlich fest und lassen Sie sie vom "
    "Gemeinderat beschließen. Benennen Sie eine verantwortliche Person mit festen Zeitanteilen – die "
    "Grundqualifizierung zur Digital-Navigatorin oder zum Digital-Navigator ist dafür gemacht.",
    ("gemeinsame_it",),
)

ORGANISATION = Dimension(
    "organisation",
    "Organisation und Prozesse",
    "Ob Abläufe bekannt, beschrieben und auf digitale Bearbeitung ausgerichtet sind.",
    (
        _f(
            "prozesse_ueberblick",
            "Gibt es einen Überblick über die Verwaltungsleistungen und die wichtigsten Abläufe?",
            "Nein.",
            "Einzelne Ämter kennen ihre Leistungen, es gibt keine Übersicht.",
            "Eine Leistungsliste existiert, ist aber unvollständig.",
            "Eine vollständige Leistungsliste mit Zuständigkeiten liegt vor.",
            "Die Liste ist vollständig, gepflegt und mit Fallzahlen und Aufwand hinterlegt.",
        ),
        _f(
            "prozesse_beschrieben",
            "Sind die häufigsten Abläufe beschrieben (z. B. als Ablaufskizze oder Checkliste)?",
            "Kein Ablauf ist beschrieben; das Wissen steckt in den Köpfen.",
            "Einzelne Checklisten gibt es.",
            "Einige wichtige Abläufe sind beschrieben.",
            "Die häufigsten Abläufe sind beschrieben und allen zugänglich.",
            "Abläufe sind beschrieben, werden regelmäßig überprüft und vor dem Digitalisieren vereinfacht.",
        ),
        _f(
            "prozesse_medienbrueche",
            "Wie oft wird in Abläufen zwischen Papier und Computer gewechselt (Ausdrucken, Abtippen)?",
            "Fast in jedem Ablauf; Anträge werden ausgedruckt und abgetippt.",
            "In den meisten Abläufen.",
            "In etwa der Hälfte der Abläufe.",
            "Nur noch in wenigen Abläufen.",
            "Praktisch nie; Daten fließen vom Antrag bis zum Bescheid durch.",
        ),
        _f(
            "prozesse_dokumentenmanagement",
            "Gibt es verbindliche Regeln, wie Dokumente benannt, abgelegt und weitergegeben werden?",
            "Nein, jede Person legt nach eigenem Ermessen ab.",
            "Es gibt mündliche Absprachen.",
            "Es gibt Regeln für einzelne Ämter.",
            "Es gibt eine Dienstanweisung (z. B. Aktenordnung), die überwiegend eingehalten wird.",
            "Die Regeln sind verbindlich, bekannt, werden eingehalten und regelmäßig angepasst.",
        ),
        _f(
            "prozesse_kennzahlen",
            "Wird gemessen, wie lange Vorgänge dauern oder wie viele Anträge eingehen?",
            "Nein.",
            "Gelegentlich auf Nachfrage.",
            "Für einzelne Leistungen.",
            "Für die wichtigsten Leistungen regelmäßig.",
            "Regelmäßig, und die Zahlen werden für Verbesserungen genutzt.",
        ),
    ),
    "Beginnen Sie mit den fünf häufigsten Leistungen: Ablauf auf einer Seite skizzieren, "
    "Medienbrüche markieren, vereinfachen – erst dann digitalisieren. Gemeinsame Stellen mit "
    "Nachbargemeinden (z. B. Vergabe oder Kasse) bündeln Abläufe und Fachwissen.",
    ("gemeinsame_vergabestelle", "gemeinsame_kasse_vollstreckung"),
)

EAKTE = Dimension(
    "eakte",
    "E-Akte",
    "Ob Schriftgut elektronisch, geordnet und rechtssicher geführt wird.",
    (
        _f(
            "eakte_aktenplan",
            "Gibt es einen aktuellen Aktenplan, nach dem abgelegt wird?",
            "Es gibt keinen Aktenplan.",
            "Ein alter Aktenplan existiert, wird aber kaum genutzt.",
            "Ein Aktenplan wird in einzelnen Ämtern genutzt.",
            "Ein aktueller Aktenplan (z. B. nach Sächsischem Musteraktenplan) gilt für die ganze Verwaltung.",
            "Der Aktenplan ist aktuell, wird durchgängig genutzt und enthält Aufbewahrungsfristen.",
        ),
        _f(
            "eakte_einfuehrung",
            "Wie weit ist die elektronische Akte eingeführt?",
            "Akten werden ausschließlich auf Papier geführt.",
            "Dokumente liegen zusätzlich in Ordnern auf dem Laufwerk.",
            "Eine E-Akte ist in einzelnen Ämtern im Einsatz.",
            "Die E-Akte ist in den meisten Ämtern das führende Medium.",
            "Die E-Akte ist überall führend; Papier wird nach dem Scannen nicht mehr benötigt.",
        ),
        _f(
            "eakte_scannen",
            "Wie wird mit eingehender Papierpost umgegangen?",
            "Sie bleibt auf Papier.",
            "Einzelnes wird bei Bedarf eingescannt.",
            "Post wird in einzelnen Ämtern gescannt.",
            "Post wird zentral gescannt und elektronisch verteilt.",
            "Zentrales, geregeltes (ersetzendes) Scannen nach TR-RESISCAN mit Qualitätskontrolle.",
        ),
        _f(
            "eakte_aussonderung",
            "Werden Aufbewahrungsfristen und die Abgabe an das Archiv geregelt gehandhabt?",
            "Nein, Akten werden weder ausgesondert noch angeboten.",
            "Gelegentlich, wenn der Platz knapp wird.",
            "Für Papierakten geregelt, für elektronische Unterlagen nicht.",
            "Für Papier und elektronische Unterlagen geregelt.",
            "Fristen werden automatisch überwacht, das Archiv wird regelmäßig beteiligt.",
        ),
    ),
    "Ein aktueller Aktenplan ist die Voraussetzung für jede E-Akte: führen Sie ihn zuerst ein, "
    "dann die E-Akte in einem Pilotamt (oft das Hauptamt) und ein zentrales Scannen der Eingangspost.",
    ("gemeinsame_it",),
)

ONLINE = Dimension(
    "onlinedienste",
    "Online-Dienste",
    "Ob Bürgerinnen, Bürger und Unternehmen Leistungen online beantragen können.",
    (
        _f(
            "online_angebot",
            "Wie viele Verwaltungsleistungen können online beantragt werden?",
            "Keine.",
            "Einzelne Formulare zum Herunterladen und Ausdrucken.",
            "Einige Leistungen online, meist über Landesportale (Amt24).",
            "Die häufigsten Leistungen sind online beantragbar.",
            "Die meisten Leistungen sind online beantragbar und werden auch überwiegend online genutzt.",
        ),
        _f(
            "online_durchgaengig",
            "Kommen Online-Anträge ohne Ausdrucken in der Sachbearbeitung an?",
            "Online-Anträge gibt es nicht.",
            "Sie kommen per E-Mail und werden ausgedruckt.",
            "Teilweise elektronisch, teilweise ausgedruckt.",
            "Überwiegend elektronisch in Fachverfahren oder E-Akte.",
            "Vollständig elektronisch, einschließlich Bescheid und Bezahlung.",
        ),
        _f(
            "online_bezahlen",
            "Können Gebühren online bezahlt werden?",
            "Nein, nur bar oder per Überweisung nach Rechnung.",
            "Per Überweisung mit Kassenzeichen im Online-Antrag.",
            "Für einzelne Leistungen mit ePayment.",
            "Für die meisten gebührenpflichtigen Online-Leistungen.",
            "Für alle Online-Leistungen, mit automatischer Buchung in der Kasse.",
        ),
        _f(
            "online_webseite",
            "Ist die Internetseite aktuell, barrierefrei und auf Mobilgeräten gut bedienbar?",
            "Es gibt keine eigene Internetseite oder sie ist stark veraltet.",
            "Sie ist vorhanden, aber selten aktualisiert.",
            "Aktuell, aber nicht barrierefrei oder schlecht mobil nutzbar.",
            "Aktuell, mobil nutzbar, Barrierefreiheitserklärung vorhanden.",
            "Aktuell, barrierefrei geprüft, mit Leistungsbeschreibungen und Online-Zugängen verknüpft.",
        ),
        _f(
            "online_kommunikation",
            "Können Bürgerinnen und Bürger sicher elektronisch mit der Verwaltung kommunizieren?",
            "Nur per Telefon, Brief oder persönlich.",
            "Per unverschlüsselter E-Mail.",
            "Über ein Kontaktformular oder ein Postfach im Landesportal.",
            "Über ein sicheres Postfach (z. B. BundID-Postfach) für Bescheide und Rückfragen.",
            "Sicheres Postfach, Terminvereinbarung online und Statusauskunft zum Antrag.",
        ),
    ),
    "Bieten Sie zuerst die Leistungen online an, die am häufigsten nachgefragt werden, und nutzen Sie "
    "die Online-Dienste des Landes, statt eigene zu bauen. Wichtiger als die Zahl der Formulare ist, "
    "dass Anträge ohne Ausdrucken in der Sachbearbeitung ankommen.",
    ("gemeinsames_standesamt", "gemeinsame_it"),
)

IT = Dimension(
    "it_sicherheit",
    "IT und Sicherheit",
    "Ob die Technik zuverlässig, gewartet und gegen Angriffe und Ausfälle geschützt ist.",
    (
        _f(
            "it_betrieb",
            "Wie ist der IT-Betrieb organisiert?",
            "Eine beschäftigte Person macht es nebenbei, ohne Vertretung.",
            "Ein Dienstleister kommt bei Störungen.",
            "Ein Dienstleister mit Wartungsvertrag, aber ohne vereinbarte Reaktionszeiten.",
            "Vertraglich geregelter Betrieb mit Reaktionszeiten, Ansprechperson im Haus.",
            "Geregelter, dokumentierter Betrieb: eigen, gemeinsam oder durch kommunale Dienstleister.",
        ),
        _f(
            "it_sicherung",
            "Werden Daten regelmäßig gesichert und wird die Wiederherstellung geprüft?",
            "Es gibt keine geregelte Datensicherung.",
            "Es wird gesichert, aber nicht geprüft.",
            "Es wird täglich gesichert, die Wiederherstellung wurde einmal getestet.",
            "Tägliche Sicherung, eine Kopie außer Haus, regelmäßige Wiederherstellungstests.",
            "Wie 3, zusätzlich eine vom Netz getrennte Kopie und ein geübter Notfallplan.",
        ),
        _f(
            "it_sicherheitskonzept",
            "Gibt es ein Informationssicherheitskonzept und eine zuständige Person?",
            "Nein.",
            "Eine Person ist benannt, ein Konzept fehlt.",
            "Ein Konzept ist in Arbeit.",
            "Ein Konzept liegt vor (z. B. nach dem IT-Grundschutz-Profil für Kommunalverwaltungen).",
            "Das Konzept wird umgesetzt, jährlich überprüft, Vorfälle werden ausgewertet.",
        ),
        _f(
            "it_aktualitaet",
            "Sind Betriebssysteme und Programme auf einem unterstützten, aktuellen Stand?",
            "Es laufen Systeme ohne Herstellerunterstützung.",
            "Updates werden unregelmäßig eingespielt.",
            "Updates werden eingespielt, einzelne Altsysteme bleiben.",
            "Alle Systeme werden unterstützt, Updates kommen zeitnah.",
            "Updates werden automatisch und überwacht verteilt; Altsysteme gibt es nicht.",
        ),
        _f(
            "it_zugaenge",
            "Sind Zugänge geschützt (starke Passwörter, Zwei-Faktor für Fernzugriff, Rechte nach Bedarf)?",
            "Gemeinsame Kennungen, keine Regeln.",
            "Persönliche Kennungen, aber ohne Passwortregeln.",
            "Passwortregeln gelten, Fernzugriff ohne zweiten Faktor.",
            "Zwei-Faktor für Fernzugriff, Rechte werden bei Wechseln angepasst.",
            "Zwei-Faktor, Rechte werden regelmäßig überprüft, Austritte sofort gesperrt.",
        ),
    ),
    "Sichern Sie zuerst das Fundament: geprüfte Datensicherung mit einer Kopie außer Haus, aktuelle "
    "Systeme, Zwei-Faktor beim Fernzugriff. Für ein Sicherheitskonzept und den IT-Betrieb lohnt sich "
    "die Zusammenarbeit mit Nachbargemeinden.",
    ("gemeinsame_it", "gemeinsamer_datenschutzbeauftragter"),
)

KOMPETENZEN = Dimension(
    "kompetenzen",
    "Kompetenzen",
    "Ob die Beschäftigten digital arbeiten können und wollen.",
    (
        _f(
            "kompetenz_fortbildung",
            "Nehmen Beschäftigte an Fortbildungen zu digitalen Themen teil?",
            "Nein.",
            "Vereinzelt, auf eigene Initiative.",
            "Regelmäßig einzelne Beschäftigte.",
            "Es gibt einen Fortbildungsplan, der digitale Themen enthält.",
            "Jede und jeder Beschäftigte hat digitale Fortbildungsziele; der Plan wird ausgewertet.",
        ),
        _f(
            "kompetenz_grundlagen",
            "Wie sicher sind die Beschäftigten im Umgang mit den eingesetzten Programmen?",
            "Viele brauchen für Grundfunktionen Hilfe.",
            "Grundfunktionen sitzen, mehr nicht.",
            "Die meisten arbeiten sicher mit ihren Programmen.",
            "Alle arbeiten sicher; es gibt Ansprechpersonen für Fragen.",
            "Beschäftigte schlagen selbst Verbesserungen vor und helfen einander.",
        ),
        _f(
            "kompetenz_navigator",
            "Gibt es eine qualifizierte Digital-Navigatorin oder einen Digital-Navigator?",
            "Nein.",
            "Eine Person ist vorgesehen.",
            "Eine Person ist in der Qualifizierung.",
            "Eine Person hat die Qualifizierung abgeschlossen.",
            "Qualifiziert, mit Zeitanteilen, Vertretung und regelmäßigem Austausch im Netzwerk.",
        ),
        _f(
            "kompetenz_sensibilisierung",
            "Werden Beschäftigte zu Informationssicherheit und Datenschutz geschult?",
            "Nein.",
            "Einmalig bei der Einstellung.",
            "Gelegentlich.",
            "Jährlich für alle.",
            "Jährlich für alle, mit Übungen (z. B. Phishing-Test) und Auswertung.",
        ),
    ),
    "Qualifizieren Sie eine Person zur Digital-Navigatorin oder zum Digital-Navigator und geben Sie "
    "ihr feste Zeitanteile. Jährliche Sensibilisierung zu Informationssicherheit hilft allen; ein "
    "Ausbildungsverbund mit Nachbarn sichert Nachwuchs.",
    ("ausbildungsverbund",),
)

ZUSAMMENARBEIT = Dimension(
    "zusammenarbeit",
    "Zusammenarbeit",
    "Ob die Verwaltung mit Nachbarn, Landkreis und Netzwerk gemeinsam digitalisiert.",
    (
        _f(
            "zusammenarbeit_nachbarn",
            "Arbeitet die Verwaltung bei Digitalisierung mit anderen Kommunen zusammen?",
            "Nein.",
            "Gelegentlicher Austausch.",
            "Gemeinsame Beschaffung oder Nutzung in einzelnen Fällen.",
            "Vereinbarte Zusammenarbeit (z. B. gemeinsamer IT-Betrieb, Vergabe, Datenschutz).",
            "Mehrere vereinbarte Kooperationen, die regelmäßig ausgewertet und erweitert werden.",
        ),
        _f(
            "zusammenarbeit_netzwerk",
            "Nutzt die Verwaltung Netzwerke, Beratung und Praxisbeispiele (Lotsen, SSG, Landkreis)?",
            "Nein.",
            "Bei konkreten Problemen.",
            "Gelegentliche Teilnahme an Veranstaltungen.",
            "Regelmäßige Teilnahme und Beratung durch eine Digital-Lotsin oder einen Digital-Lotsen.",
            "Die Verwaltung bringt eigene Praxisbeispiele ein und berät andere.",
        ),
        _f(
            "zusammenarbeit_standards",
            "Setzt die Verwaltung auf Standards und Lösungen, die auch andere nutzen (z. B. Landeslösungen)?",
            "Eigene Insellösungen ohne Schnittstellen.",
            "Überwiegend Insellösungen.",
            "Teils Standardlösungen, teils Inseln.",
            "Überwiegend Standard- und Landeslösungen.",
            "Konsequent Standards, offene Schnittstellen und gemeinsam genutzte Lösungen.",
        ),
    ),
    "Suchen Sie Partner für eine Aufgabe, die allen schwerfällt (IT-Betrieb, Datenschutz, Vergabe). "
    "Die Partnersuche und der Modellkatalog der Servicestelle IKZ zeigen, wer passt und wie es "
    "rechtlich geht.",
    ("gemeinsame_it", "gemeinsamer_bauhof", "gemeinsame_vergabestelle"),
)

FASSUNG_2026 = Fragebogen(
    "2026-1",
    "Reifegradcheck Digitale Verwaltung (Fassung 2026)",
    (STRATEGIE, ORGANISATION, EAKTE, ONLINE, IT, KOMPETENZEN, ZUSAMMENARBEIT),
)

FRAGEBOEGEN: dict[str, Fragebogen] = {FASSUNG_2026.fassung: FASSUNG_2026}
AKTUELL = FASSUNG_2026

DIMENSIONEN: dict[str, str] = {d.code: d.name for d in AKTUELL.dimensionen}


def fragebogen(fassung: str) -> Fragebogen:
    try:
        return FRAGEBOEGEN[fassung]
    except KeyError:
        raise LookupError(f"Unbekannte Fassung des Fragebogens: {fassung}") from None
