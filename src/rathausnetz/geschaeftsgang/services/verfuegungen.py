"""Verfügungen: start a route, accept, return and forward its steps, and the inbox.

The route runs in stages: every step of the lowest unfinished stage is open (a task), the next
stage opens when all of them are done. Returning a step stops the route and gives it back to the
initiator as a „Rücklauf“ task; when they take note of it, the Verfügung is finished — or they
correct the documents and resubmit it (``erneut_vorlegen``): the returned Verfügung is finished as
the record of the return, and a new one with the same planned steps starts. A finished Verfügung
is a record: every function here refuses to change it, and so do the models.

Audit entries are written on the Vorgang (``verfuegung.*``) so that they appear in its timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from rathausnetz.akten.models import Dokument, Dokumentversion, Vorgang
from rathausnetz.akten.services.akten import pruefe_bearbeiten
from rathausnetz.geschaeftsgang.models import (
    BEENDET_MELDUNG,
    Ablaufvorlage,
    Schrittart,
    Verfuegung,
    Verfuegungsschritt,
    Zeichnungsvermerk,
)
from rathausnetz.geschaeftsgang.services.vertretung import ist_mitglied, vertretene_ids, vertritt
from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff
from rathausnetz.zugang.models import Mitgliedschaft
from rathausnetz.zugang.rechte import Recht, rechte_fuer

Status = Verfuegungsschritt.Status
ERLEDIGT = {Status.ERLEDIGT, Status.WEITERGELEITET}
ZEICHNUNGSARTEN = {Schrittart.MITZEICHNUNG, Schrittart.ZEICHNUNG}
MAX_STUFE = 20


@dataclass
class Schrittangabe:
    """One step as the caller describes it (form row, API body, template row)."""

    art: str
    stufe: int = 1
    fuer_benutzer: object | None = None
    fuer_einheit: Organisationseinheit | None = None
    frist: dt.date | None = None
    notiz: str = ""


# --- rules about people --------------------------------------------------------------------------


def hat_zeichnungsbefugnis(benutzer_id: int, organisation_id: int) -> bool:
    """Whether a person holds ``Recht.ZEICHNEN`` in an organisation (for steps addressed to them)."""
    for rollen in Mitgliedschaft._base_manager.filter(
        benutzer_id=benutzer_id, organisation_id=organisation_id, aktiv=True
    ).values_list("rollen", flat=True):
        if Recht.ZEICHNEN in rechte_fuer(rollen):
            return True
    return False


def _einheit_kann_zeichnen(einheit: Organisationseinheit) -> bool:
    return any(
        Recht.ZEICHNEN in rechte_fuer(rollen)
        for rollen in Mitgliedschaft._base_manager.filter(
            organisationseinheit=einheit, aktiv=True
        ).values_list("rollen", flat=True)
    )


def _benutzer(pk: int):
    return get_user_model().objects.get(pk=pk)


def _name(benutzer) -> str:
    return benutzer.anzeigename if benutzer is not None else ""


# --- starting ------------------------------------------------------------------------------------


def _pruefe_schritte(vorgang: Vorgang, schritte: list[Schrittangabe]) -> None:
    """All field errors at once, keyed ``schritte.N.feld`` as the API reports them."""
    fehler: dict[str, list[str]] = {}

    def melde(i: int, feld: str, text: str) -> None:
        fehler.setdefault(f"schritte.{i}.{feld}", []).append(text)

    if not schritte:
        raise ValidationError({"schritte": "Bitte mindestens einen Schritt angeben."})
    hoechste = max(s.stufe for s in schritte)
    for i, s in enumerate(schritte):
        if s.art not in Schrittart.values:
            melde(i, "art", "Unbekannte Art des Schritts.")
            continue
        if not 1 <= s.stufe <= MAX_STUFE:
            melde(i, "stufe", f"Die Stufe liegt zwischen 1 und {MAX_STUFE}.")
        if (s.fuer_benutzer is None) == (s.fuer_einheit is None):
            melde(i, "empfaenger", "Bitte genau eine Person oder eine Organisationseinheit angeben.")
            continue
        if s.fuer_benutzer is not None:
            if not ist_mitglied(s.fuer_benutzer.pk, vorgang.organisation_id):
                melde(i, "fuer_benutzer", "Die Person ist nicht Mitglied der Organisation des Vorgangs.")
            elif s.art == Schrittart.ZEICHNUNG and not hat_zeichnungsbefugnis(
                s.fuer_benutzer.pk, vorgang.organisation_id
            ):
                melde(
                    i,
                    "fuer_benutzer",
                    f"{_name(s.fuer_benutzer)} hat keine Zeichnungsbefugnis; die Schlusszeichnung "
                    "kann nur an Personen mit Zeichnungsbefugnis gehen.",
                )
        else:
            if s.fuer_einheit.organisation_id != vorgang.organisation_id:
                melde(i, "fuer_einheit", "Die Einheit gehört nicht zur Organisation des Vorgangs.")
            elif s.art == Schrittart.ZEICHNUNG and not _einheit_kann_zeichnen(s.fuer_einheit):
                melde(i, "fuer_einheit", "In dieser Einheit hat niemand Zeichnungsbefugnis.")
        if s.art == Schrittart.ZDA and s.stufe != hoechste:
            melde(i, "art", "zdA kann nur in der letzten Stufe verfügt werden.")
        if s.frist is not None and s.frist < timezone.localdate():
            melde(i, "frist", "Die Frist liegt in der Vergangenheit.")
    if fehler:
        raise ValidationError(fehler)


@transaction.atomic
def verfuegung_starten(
    vorgang: Vorgang,
    schritte: list[Schrittangabe],
    betreff: str = "",
    notiz: str = "",
    dokument: Dokument | None = None,
    vorlage: Ablaufvorlage | None = None,
    vorgaenger: Verfuegung | None = None,
) -> Verfuegung:
    """Start a route on a Vorgang (or one of its Dokumente); the first stage opens at once.

    ``vorgaenger``: the returned Verfügung this one resubmits (see ``erneut_vorlegen``)."""
    zugriff = pruefe_bearbeiten(vorgang.akte)
    if zugriff.benutzer_id is None:
        raise PermissionDenied("Verfügungen startet eine angemeldete Person.")
    vorgang.refresh_from_db(fields=["status"])  # a route may just have closed it
    if vorgang.status == Vorgang.Status.ZDA:
        raise ValidationError("Der Vorgang ist zdA. Nehmen Sie ihn wieder auf, um eine Verfügung zu starten.")
    if dokument is not None and dokument.vorgang_id != vorgang.pk:
        raise ValidationError({"dokument": "Das Dokument gehört nicht zu diesem Vorgang."})
    _pruefe_schritte(vorgang, schritte)
    # stages are renumbered 1, 2, 3 … so that "the next stage" never has to skip gaps
    nummer = {alt: i + 1 for i, alt in enumerate(sorted({s.stufe for s in schritte}))}
    verfuegung = Verfuegung(
        organisation_id=vorgang.organisation_id,
        vorgang=vorgang,
        dokument=dokument,
        betreff=(betreff or (dokument.betreff if dokument else vorgang.betreff)).strip()[:300],
        notiz=notiz.strip(),
        vorlage=vorlage,
        vorgaenger=vorgaenger,
        erstellt_von_id=zugriff.benutzer_id,
    )
    verfuegung.full_clean()
    verfuegung.save()
    for s in sorted(schritte, key=lambda s: s.stufe):
        Verfuegungsschritt.objects.create(
            organisation_id=vorgang.organisation_id,
            verfuegung=verfuegung,
            stufe=nummer[s.stufe],
            art=s.art,
            fuer_benutzer=s.fuer_benutzer,
            fuer_einheit=s.fuer_einheit,
            frist=s.frist,
            notiz=s.notiz.strip()[:500],
        )
    protokolliere(
        "verfuegung.gestartet",
        objekt=vorgang,
        daten={
            "verfuegung": verfuegung.pk,
            "betreff": verfuegung.betreff,
            "dokument": dokument,
            "vorlage": vorlage,
            "erneute_vorlage_von": vorgaenger.pk if vorgaenger else None,
            "schritte": [
                f"{nummer[s.stufe]}. {Schrittart(s.art).label} – "
                f"{_name(s.fuer_benutzer) if s.fuer_benutzer else s.fuer_einheit}"
                for s in sorted(schritte, key=lambda s: s.stufe)
            ],
        },
    )
    _stufe_oeffnen(verfuegung, 1)
    return verfuegung


def schritte_aus_vorlage(vorlage: Ablaufvorlage, heute: dt.date | None = None) -> list[Schrittangabe]:
    heute = heute or timezone.localdate()
    return [
        Schrittangabe(
            art=v.art,
            stufe=v.stufe,
            fuer_benutzer=v.fuer_benutzer,
            fuer_einheit=v.fuer_einheit,
            frist=heute + dt.timedelta(days=v.frist_tage) if v.frist_tage is not None else None,
            notiz=v.notiz,
        )
        for v in vorlage.schritte.select_related("fuer_benutzer", "fuer_einheit").order_by("stufe", "id")
    ]


def verfuegung_aus_vorlage(
    vorgang: Vorgang, vorlage: Ablaufvorlage, dokument: Dokument | None = None, notiz: str = ""
) -> Verfuegung:
    """One click: the template's steps, with deadlines counted from today."""
    if not vorlage.aktiv:
        raise ValidationError({"vorlage": "Die Ablaufvorlage ist nicht mehr aktiv."})
    if vorlage.organisation_id != vorgang.organisation_id:
        raise ValidationError({"vorlage": "Die Ablaufvorlage gehört zu einer anderen Organisation."})
    return verfuegung_starten(
        vorgang,
        schritte_aus_vorlage(vorlage),
        betreff=f"{vorlage.name}: {dokument.betreff if dokument else vorgang.betreff}",
        notiz=notiz,
        dokument=dokument,
        vorlage=vorlage,
    )


# --- progression ---------------------------------------------------------------------------------


def _stufe_oeffnen(verfuegung: Verfuegung, stufe: int) -> None:
    jetzt = timezone.now()
    neue = list(
        Verfuegungsschritt._base_manager.filter(verfuegung=verfuegung, stufe=stufe, status=Status.WARTEND)
    )
    for schritt in neue:
        schritt.status = Status.OFFEN
        schritt.geoeffnet_am = jetzt
        schritt.save(update_fields=["status", "geoeffnet_am"])
    if verfuegung.aktuelle_stufe != stufe:
        verfuegung.aktuelle_stufe = stufe
        verfuegung.save(update_fields=["aktuelle_stufe"])
    _melden([s.pk for s in neue])


def _melden(schritt_ids: list[int]) -> None:
    from rathausnetz.geschaeftsgang.services.benachrichtigung import nach_commit_melden

    nach_commit_melden(schritt_ids)


def _weiter(verfuegung: Verfuegung) -> None:
    """Open the next stage when the current one is done; finish the route after the last."""
    schritte = Verfuegungsschritt._base_manager.filter(verfuegung=verfuegung)
    if schritte.filter(stufe=verfuegung.aktuelle_stufe).exclude(status__in=ERLEDIGT).exists():
        return
    naechste = (
        schritte.filter(stufe__gt=verfuegung.aktuelle_stufe, status=Status.WARTEND)
        .order_by("stufe")
        .values_list("stufe", flat=True)
        .first()
    )
    if naechste is not None:
        _stufe_oeffnen(verfuegung, naechste)
        return
    verfuegung.status = Verfuegung.Status.ABGESCHLOSSEN
    verfuegung.abgeschlossen_am = timezone.now()
    verfuegung.save(update_fields=["status", "abgeschlossen_am"])
    protokolliere(
        "verfuegung.abgeschlossen",
        objekt=verfuegung.vorgang,
        daten={"verfuegung": verfuegung.pk, "betreff": verfuegung.betreff},
    )


def _gesperrt(schritt: Verfuegungsschritt) -> tuple[Verfuegungsschritt, Verfuegung]:
    """Lock the Verfügung (so parallel steps finishing together advance the route once) and
    re-read the step under the lock."""
    verfuegung = Verfuegung._base_manager.select_for_update().get(pk=schritt.verfuegung_id)
    if verfuegung.beendet:
        raise ValidationError(BEENDET_MELDUNG)
    schritt = Verfuegungsschritt._base_manager.select_related("fuer_benutzer", "fuer_einheit").get(
        pk=schritt.pk
    )
    schritt.verfuegung = verfuegung
    return schritt, verfuegung


def handlungsrecht(schritt: Verfuegungsschritt, zugriff: Zugriff | None = None):
    """Who the acting user acts for: ``None`` for themself (or their unit), else the absent
    person they substitute. Raises ``PermissionDenied`` if the task is not theirs."""
    zugriff = zugriff or aktueller_zugriff()
    if zugriff is None or zugriff.benutzer_id is None or schritt.organisation_id != zugriff.organisation_id:
        raise PermissionDenied("Diese Aufgabe ist nicht an Sie gerichtet.")
    if schritt.fuer_benutzer_id == zugriff.benutzer_id:
        return None
    if schritt.fuer_benutzer_id is None and schritt.fuer_einheit_id == zugriff.einheit_id:
        return None
    if schritt.fuer_benutzer_id is not None and vertritt(zugriff, schritt.fuer_benutzer_id):
        return schritt.fuer_benutzer
    raise PermissionDenied("Diese Aufgabe ist nicht an Sie gerichtet.")


def darf_handeln(schritt: Verfuegungsschritt, zugriff: Zugriff | None = None) -> bool:
    try:
        handlungsrecht(schritt, zugriff)
    except PermissionDenied:
        return False
    return schritt.status == Status.OFFEN


def _pruefe_offen(schritt: Verfuegungsschritt) -> None:
    if schritt.status != Status.OFFEN:
        raise ValidationError(f"Die Aufgabe ist nicht offen (Status: {schritt.get_status_display()}).")


def _pruefe_zeichnung(schritt: Verfuegungsschritt, zugriff: Zugriff, vertretener) -> None:
    if schritt.art == Schrittart.ZEICHNUNG and not zugriff.darf(Recht.ZEICHNEN):
        if vertretener is not None:
            raise PermissionDenied(
                f"Sie vertreten {_name(vertretener)}, haben aber selbst keine Zeichnungsbefugnis; "
                "die Schlusszeichnung ist Ihnen darum nicht möglich. Leiten Sie die Aufgabe an eine "
                "Person mit Zeichnungsbefugnis weiter."
            )
        raise PermissionDenied(
            "Die Schlusszeichnung ist Personen mit Zeichnungsbefugnis vorbehalten; "
            "Ihnen fehlt diese Befugnis."
        )


def _dokumentversionen(verfuegung: Verfuegung) -> list[tuple[Dokument | None, Dokumentversion | None]]:
    """What a signature covers: the routed document, else every document of the Vorgang — each in
    its newest version. A Vorgang without documents is signed as such."""
    if verfuegung.dokument_id:
        dokumente = [Dokument._base_manager.get(pk=verfuegung.dokument_id)]
    else:
        dokumente = list(
            Dokument._base_manager.filter(vorgang_id=verfuegung.vorgang_id).order_by("erstellt_am", "id")
        )
    if not dokumente:
        return [(None, None)]
    ergebnis = []
    for dokument in dokumente:
        version = (
            Dokumentversion._base_manager.select_related("datei")
            .filter(dokument=dokument)
            .order_by("-nummer")
            .first()
        )
        ergebnis.append((dokument, version))
    return ergebnis


def _vermerken(
    schritt: Verfuegungsschritt, verfuegung: Verfuegung, benutzer, vertretener
) -> list[Zeichnungsvermerk]:
    vermerke = []
    for dokument, version in _dokumentversionen(verfuegung):
        vermerk = Zeichnungsvermerk(
            organisation_id=verfuegung.organisation_id,
            verfuegung=verfuegung,
            schritt=schritt,
            art=schritt.art,
            dokument=dokument,
            dokument_betreff=dokument.betreff if dokument else "",
            versionsnummer=version.nummer if version else None,
            sha256=version.datei_id if version else "",
            benutzer=benutzer,
            benutzer_name=_name(benutzer),
            in_vertretung_fuer=vertretener,
            in_vertretung_fuer_name=_name(vertretener),
            zeitpunkt=schritt.erledigt_am,
        )
        vermerk.save()
        vermerke.append(vermerk)
    return vermerke


def _schritt_daten(schritt: Verfuegungsschritt, vertretener, **mehr: object) -> dict[str, object]:
    daten: dict[str, object] = {
        "verfuegung": schritt.verfuegung_id,
        "schritt": schritt.pk,
        "art": Schrittart(schritt.art).label,
        "fuer": schritt.empfaenger_text,
    }
    if vertretener is not None:
        daten["i_v"] = f"i. V. für {_name(vertretener)}"
    daten.update({k: v for k, v in mehr.items() if v not in (None, "", [])})
    return daten


AKTIONEN = {
    Schrittart.MITZEICHNUNG: "verfuegung.mitgezeichnet",
    Schrittart.ZEICHNUNG: "verfuegung.gezeichnet",
    Schrittart.KENNTNISNAHME: "verfuegung.zur_kenntnis_genommen",
    Schrittart.BEARBEITUNG: "verfuegung.bearbeitet",
    Schrittart.WIEDERVORLAGE: "verfuegung.wiedervorlage_erledigt",
    Schrittart.ZDA: "verfuegung.zda",
}


@transaction.atomic
def erledigen(schritt: Verfuegungsschritt, kommentar: str = "") -> Verfuegungsschritt:
    """Accept a task: mitzeichnen, zeichnen, zur Kenntnis nehmen, erledigen, zdA verfügen."""
    zugriff = aktueller_zugriff()
    schritt, verfuegung = _gesperrt(schritt)
    vertretener = handlungsrecht(schritt, zugriff)
    _pruefe_offen(schritt)
    _pruefe_zeichnung(schritt, zugriff, vertretener)
    benutzer = _benutzer(zugriff.benutzer_id)
    vorgang = Vorgang._base_manager.select_related("akte").get(pk=verfuegung.vorgang_id)
    if schritt.art == Schrittart.ZDA and not schritt.ruecklauf and vorgang.status != Vorgang.Status.ZDA:
        from rathausnetz.akten.services.vorgaenge import vorgang_zda

        vorgang_zda(vorgang)
    schritt.status = Status.ERLEDIGT
    schritt.erledigt_am = timezone.now()
    schritt.erledigt_von = benutzer
    schritt.in_vertretung_fuer = vertretener
    schritt.kommentar = kommentar.strip()
    schritt.save(update_fields=["status", "erledigt_am", "erledigt_von", "in_vertretung_fuer", "kommentar"])
    vermerke = []
    if schritt.art in ZEICHNUNGSARTEN and not schritt.ruecklauf:
        vermerke = _vermerken(schritt, verfuegung, benutzer, vertretener)
    aktion = "verfuegung.ruecklauf_erledigt" if schritt.ruecklauf else AKTIONEN[Schrittart(schritt.art)]
    protokolliere(
        aktion,
        objekt=vorgang,
        daten=_schritt_daten(
            schritt,
            vertretener,
            kommentar=schritt.kommentar,
            dokumente=[
                f"{v.dokument_betreff} Version {v.versionsnummer} (SHA-256 {v.sha256})"
                for v in vermerke
                if v.sha256
            ],
        ),
    )
    if schritt.ruecklauf:
        verfuegung.abgeschlossen_am = timezone.now()
        verfuegung.save(update_fields=["abgeschlossen_am"])
        protokolliere(
            "verfuegung.beendet",
            objekt=vorgang,
            daten={"verfuegung": verfuegung.pk, "status": "zurückgegeben"},
        )
    else:
        _weiter(verfuegung)
    return schritt


@transaction.atomic
def zurueckgeben(schritt: Verfuegungsschritt, kommentar: str) -> Verfuegungsschritt:
    """Return with a comment: the route stops, the initiator gets it back as a task."""
    zugriff = aktueller_zugriff()
    schritt, verfuegung = _gesperrt(schritt)
    vertretener = handlungsrecht(schritt, zugriff)
    _pruefe_offen(schritt)
    if schritt.ruecklauf:
        raise ValidationError("Ein Rücklauf kann nicht erneut zurückgegeben werden.")
    if not kommentar.strip():
        raise ValidationError({"kommentar": "Bitte begründen Sie die Rückgabe."})
    benutzer = _benutzer(zugriff.benutzer_id)
    jetzt = timezone.now()
    schritt.status = Status.ZURUECKGEGEBEN
    schritt.erledigt_am = jetzt
    schritt.erledigt_von = benutzer
    schritt.in_vertretung_fuer = vertretener
    schritt.kommentar = kommentar.strip()
    schritt.save(update_fields=["status", "erledigt_am", "erledigt_von", "in_vertretung_fuer", "kommentar"])
    Verfuegungsschritt._base_manager.filter(
        verfuegung=verfuegung, status__in=[Status.OFFEN, Status.WARTEND]
    ).update(status=Status.ENTFALLEN)
    ruecklauf = Verfuegungsschritt.objects.create(
        organisation_id=verfuegung.organisation_id,
        verfuegung=verfuegung,
        stufe=schritt.stufe,
        art=Schrittart.BEARBEITUNG,
        fuer_benutzer_id=verfuegung.erstellt_von_id,
        notiz=f"Zurückgegeben von {schritt.handelnd_text}: {schritt.kommentar}"[:500],
        ruecklauf=True,
        status=Status.OFFEN,
        geoeffnet_am=jetzt,
    )
    verfuegung.status = Verfuegung.Status.ZURUECKGEGEBEN
    verfuegung.save(update_fields=["status"])
    protokolliere(
        "verfuegung.zurueckgegeben",
        objekt=Vorgang._base_manager.get(pk=verfuegung.vorgang_id),
        daten=_schritt_daten(schritt, vertretener, kommentar=schritt.kommentar),
    )
    _melden([ruecklauf.pk])
    return schritt


def geplante_schritte(verfuegung: Verfuegung, heute: dt.date | None = None) -> list[Schrittangabe]:
    """The steps as the initiator planned them: without Rücklauf tasks and without the tasks that
    forwarding created (the forwarded step itself names the planned recipient).

    A deadline that has passed is dropped rather than moved: nobody can meet it any more, and a
    silently shifted date would look like the initiator's decision. Deadlines from today on stay.
    """
    heute = heute or timezone.localdate()
    return [
        Schrittangabe(
            art=s.art,
            stufe=s.stufe,
            fuer_benutzer=s.fuer_benutzer,
            fuer_einheit=s.fuer_einheit,
            frist=s.frist if s.frist is not None and s.frist >= heute else None,
            notiz=s.notiz,
        )
        for s in Verfuegungsschritt._base_manager.filter(
            verfuegung=verfuegung, ruecklauf=False, weitergeleitet_von__isnull=True
        )
        .select_related("fuer_benutzer", "fuer_einheit")
        .order_by("stufe", "id")
    ]


@transaction.atomic
def erneut_vorlegen(ruecklauf_schritt: Verfuegungsschritt, kommentar: str = "") -> Verfuegung:
    """After a return the initiator corrects (e.g. uploads a new document version) and resubmits.

    The Rücklauf task is done and the returned Verfügung ends unchanged, as the record of who
    returned what and why. A new Verfügung with the same Betreff, Vorgang/Dokument, Hinweis and
    planned steps starts and points to the old one (``vorgaenger``). Signatures are taken when a
    step is accepted, so they cover the documents' versions current at that moment — the
    corrected ones. Whoever acts on the Rücklauf (the initiator or their Vertretung) starts the
    new route and receives a further return.
    """
    zugriff = aktueller_zugriff()
    verfuegung = Verfuegung._base_manager.select_for_update().get(pk=ruecklauf_schritt.verfuegung_id)
    schritt = Verfuegungsschritt._base_manager.get(pk=ruecklauf_schritt.pk)
    schritt.verfuegung = verfuegung
    vertretener = handlungsrecht(schritt, zugriff)
    if not schritt.ruecklauf:
        raise ValidationError(
            "Erneut vorlegen lässt sich nur ein Rücklauf, also eine zurückgegebene Verfügung."
        )
    if schritt.status != Status.OFFEN or verfuegung.beendet:
        raise ValidationError(
            "Der Rücklauf ist bereits erledigt; die Verfügung kann nicht mehr erneut vorgelegt werden. "
            "Starten Sie bei Bedarf eine neue Verfügung am Vorgang."
        )
    vorgang = Vorgang._base_manager.select_related("akte").get(pk=verfuegung.vorgang_id)
    dokument = Dokument._base_manager.get(pk=verfuegung.dokument_id) if verfuegung.dokument_id else None
    vorlage = Ablaufvorlage._base_manager.filter(pk=verfuegung.vorlage_id).first()
    try:
        neu = verfuegung_starten(
            vorgang,
            geplante_schritte(verfuegung),
            betreff=verfuegung.betreff,
            notiz=verfuegung.notiz,
            dokument=dokument,
            vorlage=vorlage,
            vorgaenger=verfuegung,
        )
    except ValidationError as fehler:
        if not hasattr(fehler, "error_dict"):
            raise  # about the Vorgang (e.g. zdA): its message says what to do
        # about a planned step: the rows it names are not on this page, so say it in one sentence
        raise ValidationError(
            "Die Verfügung lässt sich nicht unverändert erneut vorlegen: "
            f"{' '.join(fehler.messages)} Bitte starten Sie am Vorgang eine neue Verfügung mit "
            "angepassten Schritten."
        ) from fehler
    benutzer = _benutzer(zugriff.benutzer_id)
    schritt.status = Status.ERLEDIGT
    schritt.erledigt_am = timezone.now()
    schritt.erledigt_von = benutzer
    schritt.in_vertretung_fuer = vertretener
    schritt.kommentar = kommentar.strip()
    schritt.save(update_fields=["status", "erledigt_am", "erledigt_von", "in_vertretung_fuer", "kommentar"])
    verfuegung.abgeschlossen_am = schritt.erledigt_am
    verfuegung.save(update_fields=["abgeschlossen_am"])
    protokolliere(
        "verfuegung.erneut_vorgelegt",
        objekt=vorgang,
        daten=_schritt_daten(schritt, vertretener, kommentar=schritt.kommentar, neue_verfuegung=neu.pk),
    )
    protokolliere(
        "verfuegung.beendet",
        objekt=vorgang,
        daten={"verfuegung": verfuegung.pk, "status": "zurückgegeben", "erneut_vorgelegt_als": neu.pk},
    )
    return neu


@transaction.atomic
def weiterleiten(schritt: Verfuegungsschritt, an, kommentar: str = "") -> Verfuegungsschritt:
    """Hand a task to another person of the organisation; returns the new task."""
    zugriff = aktueller_zugriff()
    schritt, verfuegung = _gesperrt(schritt)
    vertretener = handlungsrecht(schritt, zugriff)
    _pruefe_offen(schritt)
    if schritt.ruecklauf:
        raise ValidationError("Ein Rücklauf geht an die Person zurück, die die Verfügung gestartet hat.")
    if an is None or not ist_mitglied(an.pk, verfuegung.organisation_id):
        raise ValidationError({"benutzer": "Die Person ist nicht Mitglied Ihrer Organisation."})
    if an.pk == schritt.fuer_benutzer_id or an.pk == zugriff.benutzer_id:
        raise ValidationError({"benutzer": "Bitte eine andere Person wählen."})
    if schritt.art == Schrittart.ZEICHNUNG and not hat_zeichnungsbefugnis(an.pk, verfuegung.organisation_id):
        raise ValidationError(
            {
                "benutzer": f"{_name(an)} hat keine Zeichnungsbefugnis; "
                "die Schlusszeichnung kann nicht an sie gehen."
            }
        )
    benutzer = _benutzer(zugriff.benutzer_id)
    jetzt = timezone.now()
    schritt.status = Status.WEITERGELEITET
    schritt.erledigt_am = jetzt
    schritt.erledigt_von = benutzer
    schritt.in_vertretung_fuer = vertretener
    schritt.kommentar = kommentar.strip()
    schritt.save(update_fields=["status", "erledigt_am", "erledigt_von", "in_vertretung_fuer", "kommentar"])
    neu = Verfuegungsschritt.objects.create(
        organisation_id=verfuegung.organisation_id,
        verfuegung=verfuegung,
        stufe=schritt.stufe,
        art=schritt.art,
        fuer_benutzer=an,
        frist=schritt.frist,
        notiz=schritt.notiz,
        weitergeleitet_von=schritt,
        status=Status.OFFEN,
        geoeffnet_am=jetzt,
    )
    protokolliere(
        "verfuegung.weitergeleitet",
        objekt=Vorgang._base_manager.get(pk=verfuegung.vorgang_id),
        daten=_schritt_daten(
            schritt, vertretener, an=_name(an), kommentar=schritt.kommentar, neuer_schritt=neu.pk
        ),
    )
    _melden([neu.pk])
    return neu


# --- reading -------------------------------------------------------------------------------------


def _an_mich(zugriff: Zugriff) -> Q:
    bedingung = Q(fuer_benutzer_id=zugriff.benutzer_id) | Q(fuer_benutzer_id__in=vertretene_ids(zugriff))
    if zugriff.einheit_id is not None:
        bedingung |= Q(fuer_einheit_id=zugriff.einheit_id, fuer_benutzer__isnull=True)
    return bedingung & Q(organisation_id=zugriff.organisation_id)


def _offen_fuer_mich(zugriff: Zugriff | None) -> QuerySet[Verfuegungsschritt]:
    zugriff = zugriff or aktueller_zugriff()
    if zugriff is None or zugriff.benutzer_id is None or zugriff.organisation_id is None:
        return Verfuegungsschritt.objects.none()
    return Verfuegungsschritt.objects.filter(_an_mich(zugriff), status=Status.OFFEN)


def meine_aufgaben(zugriff: Zugriff | None = None) -> QuerySet[Verfuegungsschritt]:
    """Open tasks for me, my unit and whom I substitute today: overdue first, then by deadline."""
    heute = timezone.localdate()
    return (
        _offen_fuer_mich(zugriff)
        .select_related("verfuegung__vorgang__akte", "verfuegung__dokument", "fuer_benutzer", "fuer_einheit")
        .annotate(
            _ueberfaellig=Case(
                When(frist__lt=heute, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
            _ohne_frist=Case(
                When(frist__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("_ueberfaellig", "_ohne_frist", "frist", "geoeffnet_am", "id")
    )


def meine_erledigten(zugriff: Zugriff | None = None) -> QuerySet[Verfuegungsschritt]:
    """Tasks I acted on (accepted, returned or forwarded), newest first."""
    zugriff = zugriff or aktueller_zugriff()
    if zugriff is None or zugriff.benutzer_id is None:
        return Verfuegungsschritt.objects.none()
    return (
        Verfuegungsschritt.objects.filter(
            erledigt_von_id=zugriff.benutzer_id, organisation_id=zugriff.organisation_id
        )
        .select_related("verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit", "in_vertretung_fuer")
        .order_by("-erledigt_am", "-id")
    )


def anzahl_offen(zugriff: Zugriff | None = None) -> int:
    """The count on the nav entry of every page: the bare filter, without the list's joins and sort
    keys, which cost more to build than the count itself."""
    return _offen_fuer_mich(zugriff).count()


def verfuegungen_des_vorgangs(vorgang: Vorgang) -> list[Verfuegung]:
    return list(
        Verfuegung.objects.filter(vorgang=vorgang)
        .select_related("erstellt_von", "dokument", "vorlage", "vorgaenger", "erneute_vorlage")
        .prefetch_related("schritte__fuer_benutzer", "schritte__fuer_einheit", "schritte__erledigt_von",
                          "schritte__in_vertretung_fuer", "vermerke")
        .order_by("-erstellt_am", "-id")
    )  # fmt: skip
