"""The rule book: which rows of tenant data a ``Zugriff`` may see, and which Akten it may change.

Each visibility rule is one SQL filter (a ``Q``), so authorisation costs indexed conditions, not
a loop. The default: rows owned by the organisation the user acts for. Models with other rules are
listed in ``_REGELN`` here — and only here.

Akten: the owner's members see ``offen`` and ``intern`` files; ``vertraulich`` ones only the
responsible unit, the responsible person and the Leitung. Partners an Akte is shared with
(``Aktenfreigabe``) see it unless it is ``intern`` or ``vertraulich``. Everything inside an Akte
(Vorgänge, Dokumente, versions, Wiedervorlagen, search rows) is visible exactly when the Akte is,
except documents marked more confidential than their Akte.

Cooperations (``ikz``) follow their ``sichtbarkeit``; members, § 2b checks and cost sharings
follow their cooperation.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q

from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht, Rolle

NICHTS = Q(pk__in=[])


def _eigene_organisation(model: type[models.Model], zugriff: Zugriff) -> Q:
    if zugriff.organisation_id is None:
        return NICHTS
    feld = getattr(model, "mandant_feld", "organisation")
    return Q(**{f"{feld}_id": zugriff.organisation_id})


def _mitgliedschaft(model: type[models.Model], zugriff: Zugriff) -> Q:
    # Acting for an organisation: its members. Before choosing one (building the switcher):
    # only the user's own memberships.
    if zugriff.organisation_id is None:
        return Q(benutzer_id=zugriff.benutzer_id) if zugriff.benutzer_id else NICHTS
    return _eigene_organisation(model, zugriff)


def _nur_eigene_des_benutzers(model: type[models.Model], zugriff: Zugriff) -> Q:
    if zugriff.benutzer_id is None or zugriff.organisation_id is None:
        return NICHTS
    return Q(benutzer_id=zugriff.benutzer_id, organisation_id=zugriff.organisation_id)


def _vertraulich_erlaubt(zugriff: Zugriff, pfad: str = "") -> Q:
    """Confidential rows of the own organisation: responsible unit, responsible person, Leitung."""
    if zugriff.hat_rolle(Rolle.LEITUNG):
        return Q(**{f"{pfad}pk__isnull": False})  # always true; an empty Q() would vanish in an OR
    bedingung = Q(**{f"{pfad}verantwortlich_id": zugriff.benutzer_id}) if zugriff.benutzer_id else NICHTS
    if zugriff.einheit_id is not None:
        bedingung |= Q(**{f"{pfad}organisationseinheit_id": zugriff.einheit_id})
    return bedingung


def akten_teile(zugriff: Zugriff, pfad: str = "") -> tuple[Q, Q]:
    """The two disjoint parts of the Akten rule: own Akten, and Akten shared with us.

    Lists query them separately, because each part alone can use its index for sorting, while
    the OR of both makes the database sort every visible Akte for each page.
    """
    if zugriff.organisation_id is None:
        return NICHTS, NICHTS
    from rathausnetz.akten.models import Aktenfreigabe, Vertraulichkeit

    eigene = Q(**{f"{pfad}organisation_id": zugriff.organisation_id}) & (
        ~Q(**{f"{pfad}vertraulichkeit": Vertraulichkeit.VERTRAULICH}) | _vertraulich_erlaubt(zugriff, pfad)
    )
    freigegeben = Aktenfreigabe.objects.filter(organisation_id=zugriff.organisation_id).values("akte_id")
    geteilte = Q(**{f"{pfad}pk__in": freigegeben}) & Q(**{f"{pfad}vertraulichkeit": Vertraulichkeit.OFFEN})
    return eigene, geteilte


def akten_filter(zugriff: Zugriff, pfad: str = "") -> Q:
    """Visible Akten; ``pfad`` prefixes the lookups (``"akte__"`` for rows inside an Akte)."""
    eigene, geteilte = akten_teile(zugriff, pfad)
    return eigene | geteilte


def _akte(model: type[models.Model], zugriff: Zugriff) -> Q:
    return akten_filter(zugriff)


def _in_akte(pfad: str) -> Callable[[type[models.Model], Zugriff], Q]:
    def regel(model: type[models.Model], zugriff: Zugriff) -> Q:
        return akten_filter(zugriff, pfad)

    return regel


def _dokument(pfad: str, akte: str = "") -> Callable[[type[models.Model], Zugriff], Q]:
    """Documents follow their Akte, but a document can be more confidential than its Akte."""
    akte = akte or f"{pfad}vorgang__akte__"

    def regel(model: type[models.Model], zugriff: Zugriff) -> Q:
        from rathausnetz.akten.models import Vertraulichkeit

        if zugriff.organisation_id is None:
            return NICHTS
        eigene_org = Q(**{f"{pfad}organisation_id": zugriff.organisation_id})
        offen = Q(**{f"{pfad}vertraulichkeit": Vertraulichkeit.OFFEN})
        intern = Q(**{f"{pfad}vertraulichkeit": Vertraulichkeit.INTERN}) & eigene_org
        vertraulich = (
            Q(**{f"{pfad}vertraulichkeit": Vertraulichkeit.VERTRAULICH})
            & eigene_org
            & _vertraulich_erlaubt(zugriff, akte)
        )
        return akten_filter(zugriff, akte) & (offen | intern | vertraulich)

    return regel


def kooperationen_filter(zugriff: Zugriff, pfad: str = "") -> Q:
    """Cooperations: public ones for everyone (also guests); ``nur Mitglieder`` for the members'
    administrations and who recorded it; ``nur Servicestelle`` for who recorded it. The IKZ service
    office sees all."""
    from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied

    if zugriff.darf(Recht.IKZ_VERWALTEN):
        return Q(**{f"{pfad}pk__isnull": False})
    sicht = Kooperation.Sichtbarkeit
    oeffentlich = Q(**{f"{pfad}sichtbarkeit": sicht.OEFFENTLICH})
    if zugriff.organisation_id is None:
        return oeffentlich
    org = zugriff.organisation_id
    als_mitglied = Kooperationsmitglied._base_manager.filter(
        Q(kommune__organisationen=org) | Q(kreis__organisationen__typ="landkreis", kreis__organisationen=org)
    ).values("kooperation_id")
    mitglieder = Q(**{f"{pfad}sichtbarkeit": sicht.MITGLIEDER}) & Q(**{f"{pfad}pk__in": als_mitglied})
    erfasst = Q(**{f"{pfad}organisation_id": org})
    return oeffentlich | mitglieder | erfasst


def _kooperation(pfad: str) -> Callable[[type[models.Model], Zugriff], Q]:
    def regel(model: type[models.Model], zugriff: Zugriff) -> Q:
        return kooperationen_filter(zugriff, pfad)

    return regel


def _oeffentlich_oder_eigen(model: type[models.Model], zugriff: Zugriff) -> Q:
    """Published rows for everyone (also guests); drafts for the organisation that owns them and
    for staff who run the network (Servicestelle, Digital-Lotsen)."""
    oeffentlich = ~Q(status="entwurf")
    if zugriff.organisation_id is None:
        return oeffentlich
    eigene = Q(organisation_id=zugriff.organisation_id)
    return oeffentlich | eigene if not zugriff.darf(Recht.NETZWERK_VERWALTEN) else Q(pk__isnull=False)


def _anmeldung(model: type[models.Model], zugriff: Zugriff) -> Q:
    """Registrations (personal data): only the organiser's network staff. Registrants reach their
    own through the secret link in their mail, not through this rule."""
    if zugriff.organisation_id is None or not zugriff.darf(Recht.NETZWERK_VERWALTEN):
        return NICHTS
    return Q(veranstaltung__organisation_id=zugriff.organisation_id)


def _netzwerk_veroeffentlicht(pfad: str = "") -> Callable[[type[models.Model], Zugriff], Q]:
    """Courses and best practices, and what hangs off them: published and archived ones for
    everyone (also guests); drafts only for the staff who run the network (Servicestelle IKZ,
    Digital-Lotsen)."""

    def regel(model: type[models.Model], zugriff: Zugriff) -> Q:
        if zugriff.darf(Recht.NETZWERK_VERWALTEN):
            return Q(**{f"{pfad}pk__isnull": False})
        return ~Q(**{f"{pfad}status": "entwurf"})

    return regel


def _netzwerk_eigene(pfad: str = "") -> Callable[[type[models.Model], Zugriff], Q]:
    """Navigators with their course records and certificates: the administration they work for and
    the network staff; nobody else, guests neither (others see only anonymous counts)."""

    def regel(model: type[models.Model], zugriff: Zugriff) -> Q:
        if zugriff.darf(Recht.NETZWERK_VERWALTEN):
            return Q(**{f"{pfad}pk__isnull": False})
        if zugriff.organisation_id is None:
            return NICHTS
        return Q(**{f"{pfad}organisation_id": zugriff.organisation_id})

    return regel


def _netzwerk_kommune(model: type[models.Model], zugriff: Zugriff) -> Q:
    """A municipality's Reifegradchecks and digitalisation projects: every administration of that
    municipality (its own, and a Verwaltungsgemeinschaft that administers it) and the network
    staff; nobody else (others see only the anonymous average of a size class)."""
    if zugriff.darf(Recht.NETZWERK_VERWALTEN):
        return Q(pk__isnull=False)
    if zugriff.organisation_id is None:
        return NICHTS
    return Q(kommune__organisationen=zugriff.organisation_id)


def _netzwerk_lotse(model: type[models.Model], zugriff: Zugriff) -> Q:
    """Digital-Lotsen are the network's public contact persons (names and work addresses)."""
    return Q(pk__isnull=False)


def _aufgabe(model: type[models.Model], zugriff: Zugriff) -> Q:
    """A step of a Verfügung: visible with its Vorgang, and always to whom it is addressed (the
    person, their unit, their substitute today), even in a confidential Akte."""
    from rathausnetz.geschaeftsgang.services.vertretung import vertretene_ids

    if zugriff.organisation_id is None or zugriff.benutzer_id is None:
        return akten_filter(zugriff, "verfuegung__vorgang__akte__")
    eigene = Q(organisation_id=zugriff.organisation_id)
    an_mich = Q(fuer_benutzer_id=zugriff.benutzer_id) | Q(fuer_benutzer_id__in=vertretene_ids(zugriff))
    if zugriff.einheit_id is not None:
        an_mich |= Q(fuer_einheit_id=zugriff.einheit_id, fuer_benutzer__isnull=True)
    return akten_filter(zugriff, "verfuegung__vorgang__akte__") | (eigene & an_mich)


_REGELN: dict[str, Callable[[type[models.Model], Zugriff], Q]] = {
    "zugang.Mitgliedschaft": _mitgliedschaft,
    "zugang.ApiToken": _nur_eigene_des_benutzers,
    "akten.Akte": _akte,
    "akten.Vorgang": _in_akte("akte__"),
    "akten.Wiedervorlage": _in_akte("vorgang__akte__"),
    "akten.Dokument": _dokument(""),
    "akten.Dokumentversion": _dokument("dokument__"),
    # Geschäftsgang: a Verfügung and its signing record follow their Vorgang; a step (a task)
    # is also visible to its recipient. Vertretungen, Ablaufvorlagen: the own organisation.
    "geschaeftsgang.Verfuegung": _in_akte("vorgang__akte__"),
    "geschaeftsgang.Zeichnungsvermerk": _in_akte("verfuegung__vorgang__akte__"),
    "geschaeftsgang.Verfuegungsschritt": _aufgabe,
    # Search rows carry their own Vertraulichkeit (the document's; ``offen`` for Akten and
    # Vorgänge, whose Akte rule decides) and point at the Akte that governs them.
    "suche.Suchtext": _dokument("", akte="akte__"),
    "ikz.Kooperation": _kooperation(""),
    "ikz.Kooperationsmitglied": _kooperation("kooperation__"),
    "ikz.UstPruefung": _kooperation("kooperation__"),
    "ikz.Umlage": _kooperation("kooperation__"),
    "veranstaltungen.Veranstaltung": _oeffentlich_oder_eigen,
    "veranstaltungen.Pressemitteilung": _oeffentlich_oder_eigen,
    "veranstaltungen.Anmeldung": _anmeldung,
    "netzwerk.Lotse": _netzwerk_lotse,
    "netzwerk.Navigator": _netzwerk_eigene(),
    "netzwerk.Kurs": _netzwerk_veroeffentlicht(),
    "netzwerk.Kursmodul": _netzwerk_veroeffentlicht("kurs__"),
    "netzwerk.Durchgang": _netzwerk_veroeffentlicht("kurs__"),
    "netzwerk.Kurstermin": _netzwerk_veroeffentlicht("durchgang__kurs__"),
    "netzwerk.Teilnahme": _netzwerk_eigene("navigator__"),
    "netzwerk.Anwesenheit": _netzwerk_eigene("teilnahme__navigator__"),
    "netzwerk.Zertifikat": _netzwerk_eigene("teilnahme__navigator__"),
    "netzwerk.Praxisbeispiel": _netzwerk_veroeffentlicht(),
    "netzwerk.Anhang": _netzwerk_veroeffentlicht("praxisbeispiel__"),
    "netzwerk.Reifegradcheck": _netzwerk_kommune,
    "netzwerk.Digitalisierungsprojekt": _netzwerk_kommune,
}


_TEILE: dict[str, Callable[[Zugriff], tuple[Q, ...]]] = {"akten.Akte": akten_teile}


def teilfilter_fuer(model: type[models.Model], zugriff: Zugriff) -> tuple[Q, ...]:
    """The rule as disjoint parts whose union is ``filter_fuer`` (one part for most models)."""
    teile = _TEILE.get(model._meta.label)
    return teile(zugriff) if teile else (filter_fuer(model, zugriff),)


def filter_fuer(model: type[models.Model], zugriff: Zugriff) -> Q:
    regel = _REGELN.get(model._meta.label, _eigene_organisation)
    return regel(model, zugriff)


def darf_akte_bearbeiten(zugriff: Zugriff, akte: models.Model) -> bool:
    """May change this (visible) Akte and what is inside it: own organisation, or shared to edit."""
    if zugriff.system:
        return True
    if not zugriff.darf(Recht.DATEN_BEARBEITEN):
        return False
    if akte.organisation_id == zugriff.organisation_id:
        return True
    return akte.freigaben.filter(organisation_id=zugriff.organisation_id, rolle="bearbeiten").exists()


def darf_kooperation_bearbeiten(zugriff: Zugriff, kooperation: models.Model) -> bool:
    """May change this (visible) cooperation: the IKZ service office, who recorded it, and the
    administrations of its members."""
    if zugriff.system or zugriff.darf(Recht.IKZ_VERWALTEN):
        return True
    if not zugriff.darf(Recht.DATEN_BEARBEITEN) or zugriff.organisation_id is None:
        return False
    if kooperation.organisation_id == zugriff.organisation_id:
        return True
    return kooperation.mitglieder.filter(
        Q(kommune__organisationen=zugriff.organisation_id)
        | Q(kreis__organisationen__typ="landkreis", kreis__organisationen=zugriff.organisation_id)
    ).exists()
