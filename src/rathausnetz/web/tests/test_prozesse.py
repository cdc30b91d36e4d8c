"""Real processes: the embedded server answers, workers share a queue without running a task twice."""

import ast
import json
import subprocess
import sys
import time
import urllib.request

import pytest

from rathausnetz.web.tests.installation import freier_port, frische_installation, rathausnetz

pytestmark = pytest.mark.slow


def _warten_auf(url: str, sekunden: float = 60) -> str:
    ende = time.monotonic() + sekunden
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as antwort:  # noqa: S310 (local test server)
                return antwort.read().decode()
        except OSError:
            if time.monotonic() > ende:
                raise
            time.sleep(0.3)


def _mails_einreihen(env: dict[str, str], anzahl: int) -> None:
    """Queue password mails for Bob through the real task API, from a separate process."""
    rathausnetz(
        env,
        "shell",
        "-c",
        "from rathausnetz.zugang.tasks import passwort_link_senden; "
        "from django.contrib.auth import get_user_model; "
        "pk = get_user_model().objects.get(username='bob').pk; "
        f"[passwort_link_senden.enqueue(pk) for _ in range({anzahl})]",
    )


def _anmeldungen_anlegen(env: dict[str, str], anzahl: int) -> None:
    """Registrations for the demo's Fachveranstaltung; each marks its opt-in mail for the worker."""
    rathausnetz(
        env,
        "shell",
        "-c",
        "from rathausnetz.veranstaltungen.models import Veranstaltung; "
        "from rathausnetz.veranstaltungen.services.anmeldungen import Anmeldedaten, anmelden; "
        "from rathausnetz.zugang.kontext import systemzugriff\n"
        "with systemzugriff('Test'):\n"
        "    v = Veranstaltung.objects.get(art='fachveranstaltung')\n"
        f"    for i in range({anzahl}):\n"
        "        anmelden(v, Anmeldedaten(name=f'Person {i}', email=f'person{i}@thum.example', "
        "rolle='fachkraft', organisation_text='Stadt Thum', einwilligung=True))",
    )


def _warten_auf_mails(env: dict[str, str], aufgabe: str, sekunden: float = 30) -> list[str]:
    """Status of the queued tasks ``aufgabe`` (a mail task) once all succeeded, or at the end."""
    ende = time.monotonic() + sekunden
    while True:
        time.sleep(0.5)
        ausgabe = rathausnetz(
            env,
            "shell",
            "-c",
            "from django_tasks_db.models import DBTaskResult as T; "
            f"m = T.objects.filter(task_path__endswith='.{aufgabe}'); "
            "print(list(m.values_list('status', flat=True)))",
        ).stdout
        status = ast.literal_eval(ausgabe.splitlines()[-1])
        if (status and set(status) == {"SUCCESSFUL"}) or time.monotonic() > ende:
            return status


def test_serve_runs_web_api_and_an_embedded_worker(tmp_path):
    with frische_installation(tmp_path) as env:
        rathausnetz(env, "migrate", "--noinput", "-v", "0")
        rathausnetz(env, "kommunen-laden")
        demo = rathausnetz(env, "demo")
        assert "RATHAUSNETZ_DEMO_PASSWORD" in demo.stdout
        # Running the set-up again duplicates nothing.
        assert "nichts geändert" in rathausnetz(env, "kommunen-laden").stdout
        port = freier_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "rathausnetz", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            basis = f"http://127.0.0.1:{port}"
            assert "Kommunenverzeichnis" in _warten_auf(f"{basis}/kommunen/")
            assert '"count":418' in _warten_auf(f"{basis}/api/kommunen?land=14&limit=1").replace(" ", "")
            # The embedded worker sends a queued mail (console backend → server output) ...
            _mails_einreihen(env, 1)
            assert _warten_auf_mails(env, "passwort_link_senden") == ["SUCCESSFUL"]
            # ... and, once it runs, the opt-in mail that a registration only marked on its row.
            with urllib.request.urlopen(f"{basis}/api/veranstaltungen", timeout=10) as antwort:  # noqa: S310
                v = next(v for v in json.load(antwort) if v["art"] == "fachveranstaltung")
            anmeldung = urllib.request.Request(  # noqa: S310 (local test server)
                f"{basis}/api/veranstaltungen/{v['id']}/anmeldungen",
                data=json.dumps(
                    {
                        "name": "Gisela Graupner",
                        "email": "gisela.graupner@thum.example",
                        "rolle": "buergermeister",
                        "organisation": "Stadt Thum",
                        "einwilligung": True,
                    }
                ).encode(),
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(anmeldung, timeout=10) as antwort:  # noqa: S310
                assert antwort.status == 201
            assert _warten_auf_mails(env, "anmeldungsmail_senden") == ["SUCCESSFUL"]
        finally:
            server.terminate()
            ausgabe_server = server.communicate(timeout=20)[0]
        assert f"Rathausnetz läuft auf http://127.0.0.1:{port}/" in ausgabe_server
        assert "Subject: =?utf-8?q?Rathausnetz=3A_Passwort_zur=C3=BCcksetzen?=" in ausgabe_server
        assert "To: gisela.graupner@thum.example" in ausgabe_server


def test_serve_refuses_an_unmigrated_database(tmp_path):
    with frische_installation(tmp_path) as env:
        ergebnis = subprocess.run(
            [sys.executable, "-m", "rathausnetz", "serve", "--port", str(freier_port())],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ergebnis.returncode == 1
        assert "rathausnetz migrate" in ergebnis.stderr


def test_two_workers_never_run_one_task_twice(tmp_path):
    with frische_installation(tmp_path) as env:
        rathausnetz(env, "migrate", "--noinput", "-v", "0")
        rathausnetz(env, "demo")
        _mails_einreihen(env, 40)
        _anmeldungen_anlegen(env, 30)
        worker = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "rathausnetz",
                    "worker",
                    "--batch",
                    "--interval",
                    "0",
                    "--worker-id",
                    f"w{i}",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for i in range(3)
        ]
        ausgaben = [w.communicate(timeout=120)[0] for w in worker]
        assert [w.returncode for w in worker] == [0, 0, 0], ausgaben
        mails = sum(a.count("Subject: =?utf-8?q?Rathausnetz=3A_Passwort") for a in ausgaben)
        assert mails == 40
        # Each registration's opt-in mail was queued by exactly one of the three workers.
        empfaenger = sorted(z for a in ausgaben for z in a.splitlines() if z.startswith("To: person"))
        assert empfaenger == sorted(f"To: person{i}@thum.example" for i in range(30))
        status = rathausnetz(
            env,
            "shell",
            "-c",
            "from django_tasks_db.models import DBTaskResult as T; from collections import Counter; "
            "m = T.objects.filter(task_path__endswith='passwort_link_senden'); "  # not the demo's post
            "print(sorted(Counter(m.values_list('status', flat=True)).items())); "
            "print('je Aufgabe Worker:', "
            "sorted({len(w) for w in T.objects.values_list('worker_ids', flat=True)}))",
        ).stdout
        assert "[('SUCCESSFUL', 40)]" in status
        assert "je Aufgabe Worker: [1]" in status


def _worker_pids(server_pid: int) -> list[int]:
    ausgabe = subprocess.run(
        ["pgrep", "-f", "--", f"--eltern-pid {server_pid}"], capture_output=True, text=True
    )
    return [int(p) for p in ausgabe.stdout.split()]


def _warten(bedingung, sekunden: float = 30) -> bool:
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        if bedingung():
            return True
        time.sleep(0.3)
    return False


def test_serve_restarts_a_dead_worker_and_the_worker_never_outlives_the_server(tmp_path):
    import os
    import signal

    with frische_installation(tmp_path) as env:
        rathausnetz(env, "migrate", "--noinput", "-v", "0")
        port = freier_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "rathausnetz", "serve", "--port", str(port), "--prozesse", "1"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _warten_auf(f"http://127.0.0.1:{port}/kommunen/")
            assert _warten(lambda: len(_worker_pids(server.pid)) == 1)
            erster = _worker_pids(server.pid)[0]
            os.kill(erster, signal.SIGKILL)
            assert _warten(lambda: _worker_pids(server.pid) not in ([], [erster]))
            zweiter = _worker_pids(server.pid)[0]
            assert zweiter != erster
            # The server dies without any chance to clean up: the worker notices and stops.
            os.kill(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
            assert _warten(lambda: not os.path.exists(f"/proc/{zweiter}") or _zombie(zweiter), 20)
        finally:
            if server.poll() is None:
                server.kill()
            for pid in _worker_pids(server.pid):
                os.kill(pid, signal.SIGKILL)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] == "Z"
    except FileNotFoundError:
        return True
