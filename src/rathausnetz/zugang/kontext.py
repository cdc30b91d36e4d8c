"""Who is acting right now, for which organisation, with which roles.

The current ``Zugriff`` lives in a context variable that the middleware (web), the API
authentication and the CLI set. Tenant-scoped managers read it; when nothing set it, a query of
tenant data fails (see ``mandant.py``). That makes a forgotten check an error instead of a leak.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from rathausnetz.zugang.rechte import Recht, Rolle, rechte_fuer


@dataclass(frozen=True)
class Zugriff:
    benutzer_id: int | None
    benutzername: str
    organisation_id: int | None
    rollen: frozenset[str] = field(default_factory=frozenset)
    #: the user's Organisationseinheit in that organisation (for confidential files)
    einheit_id: int | None = None
    #: every organisation the user belongs to (for the switcher), not what queries may see
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    #: unrestricted access for system work (CLI, imports, migrations); never for a web user
    system: bool = False
    grund: str = ""
    request_id: str = ""

    @property
    def angemeldet(self) -> bool:
        return self.benutzer_id is not None

    @property
    def rechte(self) -> frozenset[Recht]:
        if self.system:
            return frozenset(Recht)
        return rechte_fuer(self.rollen)

    def darf(self, recht: Recht) -> bool:
        return recht in self.rechte

    def hat_rolle(self, rolle: Rolle) -> bool:
        return rolle.value in self.rollen


ANONYM = Zugriff(benutzer_id=None, benutzername="", organisation_id=None)

_aktuell: ContextVar[Zugriff | None] = ContextVar("rathausnetz_zugriff", default=None)


def aktueller_zugriff() -> Zugriff | None:
    return _aktuell.get()


@contextmanager
def zugriff_als(zugriff: Zugriff) -> Iterator[Zugriff]:
    token = _aktuell.set(zugriff)
    try:
        yield zugriff
    finally:
        _aktuell.reset(token)


def setze_zugriff(zugriff: Zugriff) -> None:
    """Replace the current access for the rest of this context (used by API token auth)."""
    _aktuell.set(zugriff)


@contextmanager
def systemzugriff(grund: str) -> Iterator[Zugriff]:
    """Unrestricted access for system work; ``grund`` names it in logs and the audit trail."""
    if not grund:
        raise ValueError("systemzugriff needs a reason")
    with zugriff_als(
        Zugriff(benutzer_id=None, benutzername="system", organisation_id=None, system=True, grund=grund)
    ) as zugriff:
        yield zugriff


@contextmanager
def verwaltungszugriff(organisation_id: int, grund: str) -> Iterator[Zugriff]:
    """System work on behalf of one organisation's administration (first users, demo data).

    Unlike ``systemzugriff`` this sees and changes only that organisation's data.
    """
    with zugriff_als(
        Zugriff(
            benutzer_id=None,
            benutzername=f"system ({grund})"[:150],
            organisation_id=organisation_id,
            rollen=frozenset({Rolle.ADMINISTRATION.value}),
            grund=grund,
        )
    ) as zugriff:
        yield zugriff
