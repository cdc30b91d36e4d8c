import os
import subprocess
import sys
from pathlib import Path

import pytest

from rathausnetz.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_database_url,
    env_int,
    env_list,
    env_path,
    read_or_create_secret,
)


def test_bool_accepts_german_and_english_and_rejects_anything_else():
    assert env_bool("RATHAUSNETZ_X", False, {"RATHAUSNETZ_X": "ja"}) is True
    assert env_bool("RATHAUSNETZ_X", True, {"RATHAUSNETZ_X": "off"}) is False
    assert env_bool("RATHAUSNETZ_X", True, {}) is True
    with pytest.raises(ConfigError, match="RATHAUSNETZ_X='jein'"):
        env_bool("RATHAUSNETZ_X", False, {"RATHAUSNETZ_X": "jein"})


def test_int_checks_type_and_range():
    assert env_int("RATHAUSNETZ_PORT", 8000, {"RATHAUSNETZ_PORT": " 8080 "}) == 8080
    with pytest.raises(ConfigError, match="keine ganze Zahl"):
        env_int("RATHAUSNETZ_PORT", 8000, {"RATHAUSNETZ_PORT": "80a"})
    with pytest.raises(ConfigError, match="höchstens 65535"):
        env_int("RATHAUSNETZ_PORT", 8000, {"RATHAUSNETZ_PORT": "70000"}, maximum=65535)


def test_list_rejects_empty_items():
    assert env_list("RATHAUSNETZ_H", [], {"RATHAUSNETZ_H": "a.de, b.de"}) == ["a.de", "b.de"]
    with pytest.raises(ConfigError, match="leeren Eintrag"):
        env_list("RATHAUSNETZ_H", [], {"RATHAUSNETZ_H": "a.de,,b.de"})


def test_choice_names_the_allowed_values():
    with pytest.raises(ConfigError, match="möglich: DEBUG, INFO"):
        env_choice("RATHAUSNETZ_LOG_LEVEL", "INFO", ("DEBUG", "INFO"), {"RATHAUSNETZ_LOG_LEVEL": "LAUT"})


def test_names_without_prefix_are_a_programming_error():
    with pytest.raises(ValueError):
        env_bool("DEBUG", False, {})


def test_database_url_parses_postgres_and_rejects_other_schemes():
    config = env_database_url(
        "RATHAUSNETZ_DATABASE_URL", {"RATHAUSNETZ_DATABASE_URL": "postgresql://u@db:5433/rn"}
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db", 5433, "rn")
    assert env_database_url("RATHAUSNETZ_DATABASE_URL", {}) is None
    with pytest.raises(ConfigError, match="PostgreSQL-URL"):
        env_database_url("RATHAUSNETZ_DATABASE_URL", {"RATHAUSNETZ_DATABASE_URL": "mysql://x/y"})
    with pytest.raises(ConfigError, match="nennt keine Datenbank"):
        env_database_url("RATHAUSNETZ_DATABASE_URL", {"RATHAUSNETZ_DATABASE_URL": "postgresql://u@db:5432"})


def test_path_must_be_a_directory(tmp_path):
    datei = tmp_path / "datei"
    datei.write_text("x")
    with pytest.raises(ConfigError, match="kein Verzeichnis"):
        env_path("RATHAUSNETZ_DATA_DIR", tmp_path, {"RATHAUSNETZ_DATA_DIR": str(datei)})


def test_secret_is_generated_once_and_private(tmp_path):
    pfad = tmp_path / "sub" / "secret_key"
    erster = read_or_create_secret(pfad)
    assert len(erster) >= 50
    assert read_or_create_secret(pfad) == erster
    assert oct(pfad.stat().st_mode & 0o777) == "0o600"


def _rathausnetz(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    umgebung = {k: v for k, v in os.environ.items() if not k.startswith("RATHAUSNETZ_")}
    umgebung.update({"RATHAUSNETZ_DATA_DIR": str(tmp_path)}, **env)
    return subprocess.run(
        [sys.executable, "-m", "rathausnetz", "check"],
        env=umgebung,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_fails_with_the_name_of_a_bad_variable(tmp_path):
    ergebnis = _rathausnetz(tmp_path, RATHAUSNETZ_PORT="acht")
    assert ergebnis.returncode == 2
    assert "RATHAUSNETZ_PORT" in ergebnis.stderr
    assert "Traceback" not in ergebnis.stderr


def test_start_with_defaults_creates_the_secret_key(tmp_path):
    ergebnis = _rathausnetz(tmp_path)
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert (tmp_path / "secret_key").exists()
