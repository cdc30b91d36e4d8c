"""German fixtures for search tests, written by the team: clean letters and raw OCR output with
the damage real scans show (lost and misread umlauts, ``3`` for ``ß``, words split at line ends)."""

from __future__ import annotations

import datetime as dt
import io

OCR_PRESSEMITTEILUNG = """Gemeinsamer Bauhof im Erzgebirge: Gemeinden prufen
neue Kooperationsmég-
lichkeiten

Die Burgermeister von Geyer und Tannenberg haben heute mit dem stell-
vertretenden Geschéftsfuhrer des Zweckverbandes Winterdienst uber eine
engere Abstimmung gesprochen. Der Geschéftsfuhrer begrif3t die neuen
Zusammenarbeitsformate der Verwaltungsgemeinschaft und sieht tragféhige
Lésungen fur alle Mitalieder. Auch die Gemeinde Lossnitz hat Interesse
an einem gemeinsamen Streugutlager signalisiert.

Geyer, 14. Marz 2025
"""

SAUBERER_BRIEF = """Sehr geehrte Damen und Herren,

die Stadt Lößnitz bedankt sich für die Einladung zur Fachtagung über interkommunale
Zusammenarbeit. Unser Bürgermeister nimmt gern teil und bringt die Unterlagen zum
gemeinsamen Standesamt mit.

Mit freundlichen Grüßen
Hauptamt
"""

BESCHEID = """Bescheid über die Erhebung von Gebühren für die Nutzung des Bauhofs

Sehr geehrter Herr Schubert,
für den Einsatz des Bauhofs am Grundstück Annaberger Straße 12 setzen wir Gebühren fest.
\f
Seite 2: Rechtsbehelfsbelehrung. Gegen diesen Bescheid kann innerhalb eines Monats nach
Bekanntgabe Widerspruch erhoben werden. Der Widerspruch ist beim Landratsamt Erzgebirgskreis
einzulegen.
"""


def textdatei(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


DATUM = dt.date(2025, 3, 14)
