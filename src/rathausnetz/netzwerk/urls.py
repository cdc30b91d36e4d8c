from django.urls import path

from rathausnetz.netzwerk.views import (
    kurse,
    kurspflege,
    personen,
    praxis,
    projekte,
    reifegrad,
    start,
    zertifikate,
)

app_name = "netzwerk"
urlpatterns = [
    path("", start.start, name="start"),
    # Lotsen and Navigatoren
    path("lotsen/", personen.lotsen, name="lotsen"),
    path("lotsen/neu/", personen.lotse_neu, name="lotse_neu"),
    path("lotsen/<int:pk>/bearbeiten/", personen.lotse_bearbeiten, name="lotse_bearbeiten"),
    path("navigatoren/", personen.navigatoren, name="navigatoren"),
    path("navigatoren/neu/", personen.navigator_neu, name="navigator_neu"),
    path("navigatoren/<int:pk>/", personen.navigator, name="navigator"),
    path("navigatoren/<int:pk>/bearbeiten/", personen.navigator_bearbeiten, name="navigator_bearbeiten"),
    path("qualifizierung/", personen.qualifizierung, name="qualifizierung"),
    # Kurse
    path("kurse/", kurse.kursliste, name="kurse"),
    path("kurse/neu/", kurse.kurs_neu, name="kurs_neu"),
    path("kurse/<int:pk>/", kurse.kurs, name="kurs"),
    path("kurse/<int:pk>/bearbeiten/", kurse.kurs_bearbeiten, name="kurs_bearbeiten"),
    path("kurse/<int:pk>/loeschen/", kurspflege.kurs_loeschen, name="kurs_loeschen"),
    path("kurse/<int:pk>/archivieren/", kurspflege.kurs_archivieren, name="kurs_archivieren"),
    path("kurse/<int:pk>/module/neu/", kurse.modul_neu, name="modul_neu"),
    path("module/<int:pk>/bearbeiten/", kurspflege.modul_bearbeiten, name="modul_bearbeiten"),
    path("module/<int:pk>/verschieben/", kurspflege.modul_verschieben, name="modul_verschieben"),
    path("module/<int:pk>/loeschen/", kurspflege.modul_loeschen, name="modul_loeschen"),
    path("kurse/<int:pk>/durchgaenge/neu/", kurse.durchgang_neu, name="durchgang_neu"),
    path("durchgaenge/<int:pk>/", kurse.durchgang, name="durchgang"),
    path("durchgaenge/<int:pk>/termine/neu/", kurse.termin_neu, name="termin_neu"),
    path("durchgaenge/<int:pk>/einschreiben/", kurse.einschreiben, name="einschreiben"),
    path("durchgaenge/<int:pk>/abschluesse/", kurse.abschluesse, name="abschluesse"),
    path("termine/<int:pk>/anwesenheit/", kurse.anwesenheit, name="anwesenheit"),
    path("termine/<int:pk>/bearbeiten/", kurspflege.termin_bearbeiten, name="termin_bearbeiten"),
    path("termine/<int:pk>/loeschen/", kurspflege.termin_loeschen, name="termin_loeschen"),
    path("teilnahmen/<int:pk>/abbrechen/", kurse.teilnahme_abbrechen, name="teilnahme_abbrechen"),
    # Zertifikate
    path("teilnahmen/<int:pk>/zertifikat.pdf", zertifikate.zertifikat_pdf, name="zertifikat_pdf"),
    path(
        "teilnahmen/<int:pk>/zertifikat/widerrufen/",
        zertifikate.zertifikat_widerrufen,
        name="zertifikat_widerrufen",
    ),
    path("zertifikat/", zertifikate.zertifikat_suche, name="zertifikat_suche"),
    path("zertifikat/<str:code>/", zertifikate.zertifikat_pruefen, name="zertifikat_pruefen"),
    # Reifegradcheck
    path("reifegrad/", reifegrad.uebersicht, name="reifegrad"),
    path("reifegrad/fragebogen/", reifegrad.fragebogen, name="fragebogen"),
    path("reifegrad/neu/", reifegrad.neu, name="reifegrad_neu"),
    path("reifegrad/<int:pk>/", reifegrad.ergebnis, name="reifegradcheck"),
    path("reifegrad/<int:pk>/ergebnis.pdf", reifegrad.ergebnis_pdf, name="reifegradcheck_pdf"),
    # Praxisbeispiele
    path("praxisbeispiele/", praxis.liste, name="praxisbeispiele"),
    path("praxisbeispiele/neu/", praxis.neu, name="praxisbeispiel_neu"),
    path("praxisbeispiele/<int:pk>/", praxis.detail, name="praxisbeispiel"),
    path("praxisbeispiele/<int:pk>/bearbeiten/", praxis.bearbeiten, name="praxisbeispiel_bearbeiten"),
    path("praxisbeispiele/<int:pk>/anhaenge/", praxis.anhang_neu, name="anhang_neu"),
    path("praxisbeispiele/<int:pk>/loeschen/", praxis.loeschen, name="praxisbeispiel_loeschen"),
    path("praxisbeispiele/<int:pk>/archivieren/", praxis.archivieren, name="praxisbeispiel_archivieren"),
    path("anhaenge/<int:pk>/", praxis.anhang, name="anhang"),
    path("anhaenge/<int:pk>/entfernen/", praxis.anhang_entfernen, name="anhang_entfernen"),
    # Digitalisierungsprojekte
    path("projekte/", projekte.liste, name="projekte"),
    path("projekte/neu/", projekte.neu, name="projekt_neu"),
    path("projekte/<int:pk>/", projekte.detail, name="projekt"),
    path("projekte/<int:pk>/bearbeiten/", projekte.bearbeiten, name="projekt_bearbeiten"),
    path("projekte/<int:pk>/loeschen/", projekte.loeschen, name="projekt_loeschen"),
]
