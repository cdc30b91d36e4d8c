"""Typed readers for ``RATHAUSNETZ_*`` environment variables.

Every setting an operator can change goes through one of these helpers, so that a typo such as
``RATHAUSNETZ_DEBUG=jein`` stops the start with a message naming the variable instead of being
silently read as "off". Documented in ``docs/konfiguration.md``; ``test_docs`` checks that every
variable read here is documented there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PREFIX = "RATHAUSNETZ_"

_TRUE = {"1", "true", "yes", "on", "ja", "wahr"}
_FALSE = {"0", "false", "no", "off", "nein", "falsch"}


class ConfigError(Exception):
    """A ``RATHAUSNETZ_*`` variable holds a value that cannot be used."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    if not name.startswith(PREFIX):
        raise ValueError(f"setting names carry the prefix {PREFIX}: {name}")
    value = (os.environ if environ is None else environ).get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}={value!r} ist kein Wahrheitswert; erlaubt sind z. B. 'true'/'false', '1'/'0'.")


def env_int(
    name: str,
    default: int,
    environ: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r} ist keine ganze Zahl.") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={number} ist zu klein (mindestens {minimum}).")
    if maximum is not None and number > maximum:
        raise ConfigError(f"{name}={number} ist zu groß (höchstens {maximum}).")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Comma-separated list; empty items are an error because they hide typos like ``a,,b``."""
    value = _raw(name, environ)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ConfigError(f"{name}={value!r} enthält einen leeren Eintrag.")
    return items


def env_path(name: str, default: Path, environ: Mapping[str, str] | None = None) -> Path:
    value = _raw(name, environ)
    path = default if value is None else Path(value).expanduser()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{name}={path} ist kein Verzeichnis.")
    return path.resolve()


def env_choice(
    name: str, default: str, choices: tuple[str, ...], environ: Mapping[str, str] | None = None
) -> str:
    value = env_str(name, default, environ)
    if value not in choices:
        raise ConfigError(f"{name}={value!r} ist nicht erlaubt; möglich: {', '.join(choices)}.")
    return value


def env_database_url(name: str, environ: Mapping[str, str] | None = None) -> dict | None:
    """Parse a PostgreSQL URL; ``None`` means the embedded SQLite default."""
    value = _raw(name, environ)
    if value is None:
        return None
    import dj_database_url

    if not value.startswith(("postgres://", "postgresql://")):
        raise ConfigError(
            f"{name} muss eine PostgreSQL-URL sein (postgresql://benutzer@host:5432/datenbank); "
            f"für SQLite die Variable weglassen."
        )
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ConfigError(f"{name} ist keine gültige Datenbank-URL: {error}") from None
    if not config.get("NAME"):
        raise ConfigError(f"{name} nennt keine Datenbank (…/datenbankname am Ende).")
    return config


def read_or_create_secret(path: Path) -> str:
    """The embedded default keeps a generated secret key next to its data, readable only by us."""
    if path.exists():
        secret = path.read_text(encoding="utf-8").strip()
        if len(secret) < 50:
            raise ConfigError(f"Der Schlüssel in {path} ist zu kurz; Datei löschen, um neu zu erzeugen.")
        return secret
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(64)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    return secret
