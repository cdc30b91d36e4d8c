"""Models of the network for digitalisation: people, courses, the best-practice library, the
maturity self-assessment and the municipalities' digitalisation projects.

Every model that holds an organisation's data derives from ``Mandantendaten``; who sees which rows
is decided in ``zugang.sichtbarkeit`` (entries ``netzwerk.*``) and nowhere else.
"""

from rathausnetz.netzwerk.models.kurse import Anwesenheit, Durchgang, Kurs, Kursmodul, Kurstermin, Teilnahme
from rathausnetz.netzwerk.models.personen import Lotse, Navigator
from rathausnetz.netzwerk.models.praxis import Anhang, Praxisbeispiel, Thema
from rathausnetz.netzwerk.models.projekte import Digitalisierungsprojekt
from rathausnetz.netzwerk.models.reifegrad import Reifegradcheck
from rathausnetz.netzwerk.models.zertifikate import Zertifikat

__all__ = [
    "Anhang",
    "Anwesenheit",
    "Digitalisierungsprojekt",
    "Durchgang",
    "Kurs",
    "Kursmodul",
    "Kurstermin",
    "Lotse",
    "Navigator",
    "Praxisbeispiel",
    "Reifegradcheck",
    "Teilnahme",
    "Thema",
    "Zertifikat",
]
