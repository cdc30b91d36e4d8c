"""The operator docs stay complete: every setting and every command is documented."""

import re
from pathlib import Path

PAKET = Path(__file__).resolve().parents[1]
WURZEL = PAKET.parents[1]


def _gelesene_variablen() -> set[str]:
    namen = set()
    for datei in PAKET.rglob("*.py"):
        if "tests" in datei.parts:
            continue
        namen |= set(re.findall(r"[\"'](RATHAUSNETZ_[A-Z_]+)[\"']", datei.read_text(encoding="utf-8")))
    return namen


def test_every_setting_is_documented():
    doku = (WURZEL / "docs" / "konfiguration.md").read_text(encoding="utf-8")
    fehlend = sorted(n for n in _gelesene_variablen() if f"`{n}`" not in doku)
    assert fehlend == []
    assert len(_gelesene_variablen()) > 20


def test_every_command_is_documented():
    doku = (WURZEL / "docs" / "betrieb.md").read_text(encoding="utf-8")
    befehle = [
        p.stem.replace("_", "-")
        for p in PAKET.glob("*/management/commands/*.py")
        if not p.name.startswith("_")
    ]
    assert "kommunen-import" in befehle
    fehlend = [b for b in befehle if f"rathausnetz {b}" not in doku]
    assert fehlend == []


def test_readme_starts_with_the_two_commands():
    readme = (WURZEL / "README.md").read_text(encoding="utf-8")
    assert readme.index("./run") < readme.index("./test") < 1500
    ci = (WURZEL / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec ./test" in ci
