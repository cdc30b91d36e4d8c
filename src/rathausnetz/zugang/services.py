"""Access services: building a ``Zugriff`` for a user, switching organisation, tokens, members.

Views, API and CLI call these; they hold no access rules of their own.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff, zugriff_als
from rathausnetz.zugang.models import ApiToken, Benutzer, Mitgliedschaft
from rathausnetz.zugang.rechte import Recht, Rolle

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_aus(header: str | None) -> str:
    """Keep a caller's request id only if it is harmless; otherwise make a fresh one."""
    if header and _REQUEST_ID.match(header):
        return header
    return secrets.token_hex(16)


def _mitgliedschaften(benutzer: Benutzer) -> list[Mitgliedschaft]:
    eigene = Zugriff(benutzer_id=benutzer.pk, benutzername=benutzer.username, organisation_id=None)
    with zugriff_als(eigene):
        return list(
            Mitgliedschaft.objects.filter(benutzer=benutzer, aktiv=True, organisation__aktiv=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )


def zugriff_fuer(
    benutzer: Benutzer, gewuenschte_organisation_id: int | None = None, request_id: str = ""
) -> Zugriff:
    """The access a user has when acting for an organisation (default: the last one used)."""
    mitgliedschaften = _mitgliedschaften(benutzer)
    nach_org = {m.organisation_id: m for m in mitgliedschaften}
    for kandidat in (gewuenschte_organisation_id, benutzer.zuletzt_aktive_organisation_id):
        if kandidat in nach_org:
            aktiv = nach_org[kandidat]
            break
    else:
        aktiv = mitgliedschaften[0] if mitgliedschaften else None
    return Zugriff(
        benutzer_id=benutzer.pk,
        benutzername=benutzer.username,
        organisation_id=aktiv.organisation_id if aktiv else None,
        rollen=frozenset(aktiv.rollen) if aktiv else frozenset(),
        einheit_id=aktiv.organisationseinheit_id if aktiv else None,
        organisation_ids=frozenset(nach_org),
        request_id=request_id,
    )


def organisationen_des_benutzers(benutzer: Benutzer) -> list[Organisation]:
    return [m.organisation for m in _mitgliedschaften(benutzer)]


def organisation_wechseln(benutzer: Benutzer, organisation_id: int, request_id: str = "") -> Zugriff:
    zugriff = zugriff_fuer(benutzer, organisation_id, request_id)
    if zugriff.organisation_id != organisation_id:
        raise PermissionDenied(_("Sie sind kein Mitglied dieser Organisation."))
    if benutzer.zuletzt_aktive_organisation_id != organisation_id:
        benutzer.zuletzt_aktive_organisation_id = organisation_id
        benutzer.save(update_fields=["zuletzt_aktive_organisation"])
    return zugriff


def pruefe_recht(recht: Recht, zugriff: Zugriff | None = None) -> Zugriff:
    zugriff = zugriff or aktueller_zugriff()
    if zugriff is None or not zugriff.darf(recht):
        raise PermissionDenied(_("Dafür fehlt Ihnen die Berechtigung (%(recht)s).") % {"recht": recht.label})
    return zugriff


# --- API tokens -------------------------------------------------------------------------------


def token_erzeugen(benutzer: Benutzer, organisation: Organisation, name: str = "API") -> str:
    """Create a token for acting as ``benutzer`` in ``organisation``; returns the secret once."""
    zugriff = zugriff_fuer(benutzer, organisation.pk)
    if zugriff.organisation_id != organisation.pk:
        raise ValidationError(
            _("%(benutzer)s ist kein aktives Mitglied von %(organisation)s.")
            % {"benutzer": benutzer.username, "organisation": organisation.name}
        )
    kennung = secrets.token_hex(6)
    geheimnis = f"{ApiToken.PRAEFIX}{kennung}_{secrets.token_urlsafe(32)}"
    with zugriff_als(zugriff), transaction.atomic():
        token = ApiToken(
            benutzer=benutzer,
            organisation=organisation,
            name=name[:100],
            kennung=kennung,
            digest=ApiToken.digest_von(geheimnis),
        )
        token.save()
        protokolliere("apitoken.erstellt", objekt=token, daten={"name": token.name})
    return geheimnis


def token_pruefen(geheimnis: str, request_id: str = "") -> Zugriff | None:
    """The access a bearer token grants, or ``None`` for unknown, revoked or stale tokens."""
    match = re.fullmatch(r"rn_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}", geheimnis or "")
    if not match:
        return None
    token = (
        ApiToken._base_manager.select_related("benutzer")
        .filter(kennung=match.group(1), widerrufen_am__isnull=True)
        .first()
    )
    if token is None or not secrets.compare_digest(token.digest, ApiToken.digest_von(geheimnis)):
        return None
    if not token.benutzer.is_active:
        return None
    zugriff = zugriff_fuer(token.benutzer, token.organisation_id, request_id)
    if zugriff.organisation_id != token.organisation_id:
        return None  # membership ended: the token no longer works
    jetzt = timezone.now()
    if token.zuletzt_benutzt is None or (jetzt - token.zuletzt_benutzt).total_seconds() > 300:
        ApiToken._base_manager.filter(pk=token.pk).update(zuletzt_benutzt=jetzt)
    return zugriff


# --- organisation management (needs Recht.ORGANISATION_VERWALTEN) --------------------------------


def _organisation(zugriff: Zugriff) -> Organisation:
    return Organisation.objects.get(pk=zugriff.organisation_id)


@transaction.atomic
def einheit_anlegen(
    name: str, kuerzel: str, uebergeordnet: Organisationseinheit | None = None
) -> Organisationseinheit:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    einheit = Organisationseinheit(
        organisation=_organisation(zugriff),
        name=name.strip(),
        kuerzel=kuerzel.strip(),
        uebergeordnet=uebergeordnet,
    )
    einheit.full_clean()
    einheit.save()
    protokolliere(
        "organisationseinheit.angelegt",
        objekt=einheit,
        neu={"name": einheit.name, "kuerzel": einheit.kuerzel, "uebergeordnet": uebergeordnet},
    )
    return einheit


@transaction.atomic
def einheit_aendern(einheit: Organisationseinheit, **felder: object) -> Organisationseinheit:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    erlaubt = {"name", "kuerzel", "uebergeordnet", "aktiv"}
    if set(felder) - erlaubt:
        raise ValueError(f"unbekannte Felder: {set(felder) - erlaubt}")
    alt = {f: getattr(einheit, f) for f in felder}
    for feld, wert in felder.items():
        setattr(einheit, feld, wert.strip() if isinstance(wert, str) else wert)
    einheit.full_clean()
    einheit.save()
    protokolliere(
        "organisationseinheit.geaendert",
        objekt=einheit,
        alt=alt,
        neu={f: getattr(einheit, f) for f in felder},
    )
    return einheit


def _rollen_normalisieren(rollen: Iterable[str]) -> list[str]:
    result = sorted({str(r) for r in rollen})
    unbekannt = [r for r in result if r not in Rolle.values]
    if unbekannt or not result:
        raise ValidationError({"rollen": _("Bitte gültige Rollen wählen.")})
    return result


@transaction.atomic
def mitglied_hinzufuegen(
    benutzer: Benutzer,
    rollen: Iterable[str],
    organisationseinheit: Organisationseinheit | None = None,
    funktion: str = "",
) -> Mitgliedschaft:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    if Mitgliedschaft.objects.filter(benutzer=benutzer, organisation_id=zugriff.organisation_id).exists():
        raise ValidationError(_("%(name)s ist bereits Mitglied.") % {"name": benutzer.username})
    mitgliedschaft = Mitgliedschaft(
        benutzer=benutzer,
        organisation_id=zugriff.organisation_id,
        rollen=_rollen_normalisieren(rollen),
        organisationseinheit=organisationseinheit,
        funktion=funktion,
    )
    mitgliedschaft.full_clean()
    mitgliedschaft.save()
    protokolliere(
        "mitgliedschaft.angelegt",
        objekt=mitgliedschaft,
        neu={
            "benutzer": benutzer.username,
            "rollen": mitgliedschaft.rollen,
            "organisationseinheit": organisationseinheit,
        },
    )
    return mitgliedschaft


@transaction.atomic
def mitgliedschaft_aendern(
    mitgliedschaft: Mitgliedschaft,
    rollen: Iterable[str],
    organisationseinheit: Organisationseinheit | None,
    funktion: str,
    aktiv: bool,
) -> Mitgliedschaft:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    rollen = _rollen_normalisieren(rollen)
    if mitgliedschaft.benutzer_id == zugriff.benutzer_id and (
        Rolle.ADMINISTRATION.value not in rollen or not aktiv
    ):
        raise ValidationError(
            _(
                "Sie können sich die Administration nicht selbst entziehen; "
                "bitten Sie eine andere Administratorin."
            )
        )
    felder = ["rollen", "organisationseinheit", "funktion", "aktiv"]
    alt = {f: getattr(mitgliedschaft, f) for f in felder}
    mitgliedschaft.rollen = rollen
    mitgliedschaft.organisationseinheit = organisationseinheit
    mitgliedschaft.funktion = funktion
    mitgliedschaft.aktiv = aktiv
    mitgliedschaft.full_clean()
    mitgliedschaft.save()
    protokolliere(
        "mitgliedschaft.geaendert",
        objekt=mitgliedschaft,
        alt=alt,
        neu={f: getattr(mitgliedschaft, f) for f in felder},
    )
    return mitgliedschaft


@transaction.atomic
def benutzer_anlegen(
    username: str, email: str, vorname: str = "", nachname: str = "", passwort: str | None = None
) -> Benutzer:
    """Create a user account. Without a password the account can only be entered by a reset link."""
    model = get_user_model()
    username = username.strip()
    if model.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Dieser Benutzername ist bereits vergeben.")})
    benutzer = model(
        username=username,
        email=email.strip(),
        first_name=vorname.strip(),
        last_name=nachname.strip(),
    )
    if passwort:
        from django.contrib.auth.password_validation import validate_password

        validate_password(passwort, benutzer)
        benutzer.set_password(passwort)
    else:
        benutzer.set_unusable_password()
    benutzer.full_clean()
    benutzer.save()
    zugriff = aktueller_zugriff()
    protokolliere(
        "benutzer.angelegt",
        objekt=benutzer,
        organisation_id=zugriff.organisation_id if zugriff else None,
        neu={"username": benutzer.username, "email": benutzer.email},
    )
    return benutzer
