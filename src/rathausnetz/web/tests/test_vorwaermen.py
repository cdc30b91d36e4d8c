"""The warm-up that ``serve`` runs before forking leaves nothing for a web process's first request."""

import json
import subprocess
import sys

# In a fresh interpreter (this test process has imported everything long ago): warm up, then do
# what the first requests do — resolve and reverse routes, enqueue a mail, load the templates of
# the public event page — and report what that still had to import or compile.
PRUEFUNG = """
import gc, json, sys
import django
django.setup()
from django.core.validators import validate_email
from django.db import connection
from django.utils.functional import empty
from django.template import engines
from django.urls import resolve, reverse
from rathausnetz.web.vorwaermen import vorwaermen

anzahl = vorwaermen()
offen = connection.connection is not None
module = set(sys.modules)
loader = engines["django"].engine.template_loaders[0]
vorlagen = len(loader.get_template_cache)
resolve("/api/veranstaltungen/1/anmeldungen")
resolve("/veranstaltungen/1/")
reverse("veranstaltungen:detail", args=[1])
reverse("api:openapi-json")
from rathausnetz.veranstaltungen.tasks import anmeldungsmail_senden
for name in ("veranstaltungen/detail.html", "web/base.html"):
    engines["django"].get_template(name)
print(json.dumps({
    "anzahl": anzahl,
    "offen": offen,
    "eingefroren": gc.get_freeze_count(),
    "email_muster": validate_email.domain_regex._wrapped is not empty,
    "neue_module": sorted(
        m for m in set(sys.modules) - module if m.startswith(("rathausnetz", "django", "ninja"))
    ),
    "neue_vorlagen": len(loader.get_template_cache) - vorlagen,
}))
"""


def test_after_the_warm_up_a_first_request_imports_and_compiles_nothing(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "rathausnetz.settings", "RATHAUSNETZ_DATA_DIR": str(tmp_path)}
    ergebnis = subprocess.run(
        [sys.executable, "-c", PRUEFUNG], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    bericht = json.loads(ergebnis.stdout.strip().splitlines()[-1])
    assert bericht["anzahl"] > 100  # all of our templates, not a few
    assert bericht["neue_module"] == []
    assert bericht["neue_vorlagen"] == 0
    assert bericht["email_muster"]  # compiling it took the first registration 36 ms
    # The master forks the web processes afterwards: an open connection would be shared by all,
    # and a full garbage collection in each of them would walk every object built here.
    assert bericht["offen"] is False
    assert bericht["eingefroren"] > 100_000
