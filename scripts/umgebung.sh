# Shared set-up for ./run and ./test (sourced, not executed).
# Creates .venv with Python 3.11 and installs the project with pinned versions; reinstalls only when
# pyproject.toml or constraints.txt changed. Debian packages are installed when running as root.

rn_fehler() { echo "FEHLER: $*" >&2; exit 1; }

rn_python() {
  local kandidat
  for kandidat in python3.11 python3; do
    if command -v "$kandidat" >/dev/null 2>&1 &&
       "$kandidat" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      echo "$kandidat"; return 0
    fi
  done
  rn_fehler "Python 3.11 wird benötigt (Debian 12: apt-get install python3 python3-venv)."
}

rn_debian_pakete() {
  # $@: Debian packages. As root they are installed; otherwise missing ones are named.
  local fehlend=()
  local paket
  for paket in "$@"; do
    dpkg-query -W -f='${Status}' "$paket" 2>/dev/null | grep -q "install ok installed" || fehlend+=("$paket")
  done
  [ ${#fehlend[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installiere Debian-Pakete: ${fehlend[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || rn_fehler "apt-get update ist fehlgeschlagen."
    apt-get install -y -qq --no-install-recommends "${fehlend[@]}" >/dev/null ||
      rn_fehler "apt-get install ${fehlend[*]} ist fehlgeschlagen."
  else
    rn_fehler "Es fehlen Debian-Pakete. Bitte als root installieren: apt-get install ${fehlend[*]}"
  fi
}

rn_venv() {
  # $1: extras to install ("" or "test")
  local extras="$1" python stempel soll
  python=$(rn_python)
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      rn_debian_pakete python3-venv
      "$python" -m venv .venv || rn_fehler "Konnte keine virtuelle Umgebung anlegen."
    fi
  fi
  soll=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)-${extras:-basis}
  stempel=.venv/.rathausnetz-installiert
  if [ ! -f "$stempel" ] || ! grep -qx "$soll" "$stempel"; then
    echo "Installiere Rathausnetz und Abhängigkeiten in .venv …"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip==26.3" ||
      rn_fehler "pip konnte nicht aktualisiert werden (Netzwerk?)."
    local ziel="."
    [ -n "$extras" ] && ziel=".[${extras}]"
    .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e "$ziel" ||
      rn_fehler "Installation fehlgeschlagen (siehe oben)."
    echo "$soll" > "$stempel"
  fi
}
