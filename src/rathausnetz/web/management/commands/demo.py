from rathausnetz.env import env_str
from rathausnetz.web.demo import PERSONEN, demo_laden
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Lädt Demodaten: Geyer und Ehrenfriedersdorf, die VG Geyer-Tannenberg, den Städte- und "
        "Gemeindetag und Demo-Benutzer für jede Rolle. Wiederholbar, ohne Doppelungen."
    )

    def handle(self, *args, **options):
        passwort = env_str("RATHAUSNETZ_DEMO_PASSWORD") or None
        ergebnis = demo_laden(passwort)
        self.stdout.write(
            "Demo-Organisationen: " + ", ".join(o.name for o in ergebnis.organisationen.values())
        )
        from rathausnetz.eingang.demo import beispielpost_einlegen

        if post := beispielpost_einlegen(ergebnis.organisationen["A"]):
            self.stdout.write(f"{post} Beispieldokumente liegen im Eingangsordner von Geyer bereit.")
        if ergebnis.neue_passwoerter and not ergebnis.gemeinsames_passwort:
            self.stdout.write("")
            self.stdout.write("Neue Demo-Benutzer – die Passwörter werden nur dieses eine Mal angezeigt:")
            for person in PERSONEN:
                if person.username in ergebnis.neue_passwoerter:
                    rollen = "; ".join(
                        f"{', '.join(str(r.label) for r in rs)} ({ergebnis.organisationen[org].name})"
                        for org, rs, _, _ in person.mitgliedschaften
                    )
                    self.stdout.write(
                        f"  {person.username:8} {ergebnis.neue_passwoerter[person.username]:16} {rollen}"
                    )
            self.stdout.write("")
        elif ergebnis.gemeinsames_passwort:
            self.stdout.write("Alle Demo-Benutzer haben das Passwort aus RATHAUSNETZ_DEMO_PASSWORD.")
        else:
            self.stdout.write(
                "Demo-Benutzer gibt es schon; ihre Passwörter wurden beim ersten Start angezeigt "
                "(neu setzen: rathausnetz changepassword alice)."
            )
