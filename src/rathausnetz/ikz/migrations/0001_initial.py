import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("akten", "0002_index_akten_je_organisation"),
        ("kommunen", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Aufgabenbereich",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="Schlüssel")),
                ("name", models.CharField(max_length=120, verbose_name="Bezeichnung")),
                ("beschreibung", models.TextField(blank=True, verbose_name="Beschreibung")),
                (
                    "hoheitlich",
                    models.BooleanField(default=False, verbose_name="öffentlichen Stellen vorbehalten"),
                ),
                ("hoheitlich_grundlage", models.TextField(blank=True)),
                ("ust_hinweis", models.TextField(blank=True)),
                ("empfohlene_einwohner", models.PositiveIntegerField(blank=True, null=True)),
                ("reihenfolge", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name": "Aufgabenbereich",
                "verbose_name_plural": "Aufgabenbereiche",
                "ordering": ["reihenfolge", "name"],
            },
        ),
        migrations.CreateModel(
            name="Rechtsform",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="Schlüssel")),
                ("name", models.CharField(max_length=120, verbose_name="Bezeichnung")),
                ("kurz", models.CharField(max_length=40, verbose_name="Kurzbezeichnung")),
                ("land", models.CharField(default="SN", max_length=2, verbose_name="Land")),
                ("rechtsgrundlage", models.CharField(max_length=200, verbose_name="Rechtsgrundlage")),
                ("rechtspersoenlichkeit", models.BooleanField(verbose_name="eigene Rechtspersönlichkeit")),
                ("rechtspersoenlichkeit_text", models.TextField(blank=True)),
                ("genehmigungspflichtig", models.BooleanField(verbose_name="genehmigungspflichtig")),
                ("genehmigung", models.TextField(blank=True, verbose_name="Genehmigung")),
                ("bekanntmachungspflichtig", models.BooleanField(verbose_name="bekanntmachungspflichtig")),
                ("bekanntmachung", models.TextField(blank=True, verbose_name="Bekanntmachung")),
                ("neubildung_erlaubt", models.BooleanField(default=True, verbose_name="Neubildung zulässig")),
                ("neubildung_hinweis", models.TextField(blank=True)),
                (
                    "oeffentlich_rechtlich",
                    models.BooleanField(default=True, verbose_name="öffentlich-rechtlich"),
                ),
                (
                    "mindestmitglieder",
                    models.PositiveSmallIntegerField(default=2, verbose_name="Mindestzahl Beteiligte"),
                ),
                ("erlaeuterung", models.TextField(blank=True, verbose_name="Erläuterung")),
                ("ust_hinweis", models.TextField(blank=True, verbose_name="Hinweis § 2b UStG")),
                ("reihenfolge", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name": "Rechtsform",
                "verbose_name_plural": "Rechtsformen",
                "ordering": ["reihenfolge", "name"],
            },
        ),
        migrations.CreateModel(
            name="Kooperation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("titel", models.CharField(max_length=200, verbose_name="Titel")),
                ("beschreibung", models.TextField(blank=True, verbose_name="Beschreibung")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("idee", "Idee"),
                            ("verhandlung", "Verhandlung"),
                            ("genehmigung_beantragt", "Genehmigung beantragt"),
                            ("aktiv", "aktiv"),
                            ("beendet", "beendet"),
                        ],
                        default="idee",
                        max_length=30,
                        verbose_name="Status",
                    ),
                ),
                ("beginn", models.DateField(blank=True, null=True, verbose_name="Beginn")),
                ("ende", models.DateField(blank=True, null=True, verbose_name="Ende")),
                (
                    "laufzeit",
                    models.CharField(blank=True, max_length=200, verbose_name="Laufzeit / Kündigung"),
                ),
                (
                    "genehmigungsbehoerde",
                    models.CharField(blank=True, max_length=200, verbose_name="Genehmigungsbehörde"),
                ),
                ("genehmigt_am", models.DateField(blank=True, null=True, verbose_name="Genehmigt am")),
                (
                    "bekanntmachung",
                    models.CharField(blank=True, max_length=300, verbose_name="Bekanntmachung (Fundstelle)"),
                ),
                ("foerderung", models.CharField(blank=True, max_length=300, verbose_name="Förderung")),
                (
                    "sichtbarkeit",
                    models.CharField(
                        choices=[
                            ("oeffentlich", "öffentlich"),
                            ("mitglieder", "nur Mitglieder"),
                            ("servicestelle", "nur Servicestelle"),
                        ],
                        default="mitglieder",
                        max_length=20,
                        verbose_name="Sichtbarkeit",
                    ),
                ),
                ("ansprechpersonen", models.TextField(blank=True, verbose_name="Ansprechpersonen")),
                ("quelle", models.CharField(blank=True, max_length=300, verbose_name="Quelle")),
                ("erstellt_am", models.DateTimeField(auto_now_add=True)),
                ("geaendert_am", models.DateTimeField()),
                (
                    "akte",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="akten.akte",
                        verbose_name="Akte",
                    ),
                ),
                (
                    "aufgabenbereiche",
                    models.ManyToManyField(
                        related_name="kooperationen",
                        to="ikz.aufgabenbereich",
                        verbose_name="Aufgabenbereiche",
                    ),
                ),
                (
                    "gemeindeverband",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="kooperation",
                        to="kommunen.gemeindeverband",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="kommunen.organisation",
                        verbose_name="erfasst von",
                    ),
                ),
            ],
            options={
                "verbose_name": "Kooperation",
                "verbose_name_plural": "Kooperationen",
                "ordering": ["titel", "id"],
            },
        ),
        migrations.CreateModel(
            name="Kooperationsmitglied",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "rolle",
                    models.CharField(
                        choices=[
                            ("federfuehrend", "erfüllend / federführend"),
                            ("beauftragend", "beauftragend"),
                            ("mitglied", "Mitglied"),
                        ],
                        default="mitglied",
                        max_length=20,
                        verbose_name="Rolle",
                    ),
                ),
                ("beigetreten_am", models.DateField(blank=True, null=True, verbose_name="beigetreten am")),
                (
                    "kommune",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ikz_mitgliedschaften",
                        to="kommunen.kommune",
                    ),
                ),
                (
                    "kooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mitglieder",
                        to="ikz.kooperation",
                    ),
                ),
                (
                    "kreis",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="ikz_mitgliedschaften",
                        to="kommunen.kreis",
                    ),
                ),
            ],
            options={
                "verbose_name": "Mitglied",
                "verbose_name_plural": "Mitglieder",
                "ordering": ["kooperation", "rolle", "id"],
            },
        ),
        migrations.CreateModel(
            name="Modell",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=60, unique=True, verbose_name="Schlüssel")),
                ("titel", models.CharField(max_length=200, verbose_name="Titel")),
                ("aktiv", models.BooleanField(default=True, verbose_name="im Katalog")),
                (
                    "aufgabenbereich",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="modelle",
                        to="ikz.aufgabenbereich",
                    ),
                ),
            ],
            options={
                "verbose_name": "Modell",
                "verbose_name_plural": "Modellkatalog",
                "ordering": ["titel"],
            },
        ),
        migrations.AddField(
            model_name="kooperation",
            name="modell",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="kooperationen",
                to="ikz.modell",
            ),
        ),
        migrations.CreateModel(
            name="Modellfassung",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("nummer", models.PositiveIntegerField(verbose_name="Fassung")),
                ("titel", models.CharField(max_length=200, verbose_name="Titel")),
                ("kurzbeschreibung", models.TextField(verbose_name="Kurzbeschreibung")),
                ("aufgabe", models.TextField(verbose_name="Aufgabe")),
                ("voraussetzungen", models.JSONField(default=list, verbose_name="Voraussetzungen")),
                ("schritte", models.JSONField(default=list, verbose_name="Schritte")),
                (
                    "umlage_verfahren",
                    models.CharField(max_length=20, verbose_name="typischer Umlageschlüssel"),
                ),
                ("umlage_beschreibung", models.TextField(blank=True)),
                ("ust_hinweise", models.TextField(blank=True, verbose_name="Hinweise zu § 2b UStG")),
                ("nutzen", models.JSONField(default=list, verbose_name="Nutzen")),
                ("risiken", models.JSONField(default=list, verbose_name="Risiken")),
                (
                    "empfohlene_einwohner",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="empfohlene Einwohnerzahl zusammen"
                    ),
                ),
                (
                    "aenderungsnotiz",
                    models.CharField(blank=True, max_length=300, verbose_name="Was wurde geändert?"),
                ),
                ("erstellt_am", models.DateTimeField(auto_now_add=True)),
                ("erstellt_von", models.CharField(blank=True, max_length=150)),
                (
                    "modell",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="fassungen", to="ikz.modell"
                    ),
                ),
                (
                    "rechtsformen",
                    models.ManyToManyField(
                        related_name="+", to="ikz.rechtsform", verbose_name="geeignete Rechtsformen"
                    ),
                ),
            ],
            options={
                "verbose_name": "Modellfassung",
                "verbose_name_plural": "Modellfassungen",
                "ordering": ["modell", "-nummer"],
            },
        ),
        migrations.AddField(
            model_name="modell",
            name="aktuelle_fassung",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="ikz.modellfassung",
            ),
        ),
        migrations.AddField(
            model_name="kooperation",
            name="rechtsform",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="kooperationen", to="ikz.rechtsform"
            ),
        ),
        migrations.CreateModel(
            name="Umlage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("bezeichnung", models.CharField(max_length=200, verbose_name="Bezeichnung")),
                (
                    "haushaltsjahr",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="Haushaltsjahr"),
                ),
                (
                    "gesamtbetrag",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="Gesamtbetrag in Euro"),
                ),
                ("verfahren", models.CharField(max_length=20, verbose_name="Verfahren")),
                (
                    "sockel_prozent",
                    models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True),
                ),
                ("variable_basis", models.CharField(blank=True, max_length=20)),
                ("stichtag", models.DateField(blank=True, null=True, verbose_name="Stichtag Einwohner")),
                ("zeilen", models.JSONField()),
                ("erstellt_am", models.DateTimeField(auto_now_add=True)),
                ("erstellt_von", models.CharField(blank=True, max_length=200)),
                (
                    "kooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="umlagen",
                        to="ikz.kooperation",
                    ),
                ),
            ],
            options={
                "verbose_name": "Umlageberechnung",
                "verbose_name_plural": "Umlageberechnungen",
                "ordering": ["kooperation", "-erstellt_am", "-id"],
            },
        ),
        migrations.CreateModel(
            name="UstPruefung",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("leistung", models.CharField(max_length=300, verbose_name="Leistung")),
                ("antworten", models.JSONField(verbose_name="Antworten")),
                ("ergebnis", models.CharField(max_length=20, verbose_name="Ergebnis")),
                ("entscheidender_schritt", models.CharField(blank=True, max_length=60)),
                ("begruendung", models.TextField(verbose_name="Begründung")),
                ("vorschriften", models.JSONField(default=list)),
                ("schritte", models.JSONField(default=list)),
                ("hinweise", models.JSONField(default=list)),
                ("fassung", models.CharField(max_length=20, verbose_name="Fassung des Fragebogens")),
                ("geprueft_am", models.DateTimeField(auto_now_add=True, verbose_name="geprüft am")),
                ("pruefer_name", models.CharField(max_length=200, verbose_name="geprüft von")),
                (
                    "kooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ust_pruefungen",
                        to="ikz.kooperation",
                    ),
                ),
                (
                    "leistender",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="ikz.kooperationsmitglied",
                    ),
                ),
                (
                    "pruefer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "Prüfung § 2b UStG",
                "verbose_name_plural": "Prüfungen § 2b UStG",
                "ordering": ["kooperation", "-geprueft_am", "-id"],
            },
        ),
        migrations.CreateModel(
            name="Fachverfahren",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("software", models.CharField(max_length=150, verbose_name="Fachverfahren / Software")),
                ("hersteller", models.CharField(blank=True, max_length=150, verbose_name="Hersteller")),
                ("erfasst_am", models.DateTimeField(auto_now=True)),
                (
                    "aufgabenbereich",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="ikz.aufgabenbereich",
                    ),
                ),
                (
                    "kommune",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="fachverfahren",
                        to="kommunen.kommune",
                    ),
                ),
            ],
            options={
                "verbose_name": "Fachverfahren",
                "verbose_name_plural": "Fachverfahren",
                "ordering": ["kommune", "aufgabenbereich"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kommune", "aufgabenbereich"), name="ein_fachverfahren_je_aufgabe"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="kooperationsmitglied",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kommune__isnull", False), ("kreis__isnull", True)),
                    models.Q(("kommune__isnull", True), ("kreis__isnull", False)),
                    _connector="OR",
                ),
                name="mitglied_kommune_oder_kreis",
            ),
        ),
        migrations.AddConstraint(
            model_name="kooperationsmitglied",
            constraint=models.UniqueConstraint(
                fields=("kooperation", "kommune"), name="kommune_einmal_je_kooperation"
            ),
        ),
        migrations.AddConstraint(
            model_name="kooperationsmitglied",
            constraint=models.UniqueConstraint(
                fields=("kooperation", "kreis"), name="kreis_einmal_je_kooperation"
            ),
        ),
        migrations.AddConstraint(
            model_name="modellfassung",
            constraint=models.UniqueConstraint(fields=("modell", "nummer"), name="modellfassung_nummer"),
        ),
        migrations.AddIndex(
            model_name="kooperation",
            index=models.Index(fields=["status", "titel"], name="ikz_koopera_status_8f67cc_idx"),
        ),
        migrations.AddIndex(
            model_name="kooperation",
            index=models.Index(fields=["sichtbarkeit"], name="ikz_koopera_sichtba_9c75cf_idx"),
        ),
    ]
