#!/usr/bin/env bash
# Create/refresh the two virtualenvs. Idempotent and a fast no-op when nothing changed.
#
#   .venv       app environment   (requirements/app.txt)
#   .venv-rasa  Rasa engine       (rasa 3.6.21 installed --no-deps on Python 3.11,
#                                  then requirements/rasa.txt, then setuptools 70.3.0)
#
# Each venv holds a stamp file with a sha256 over its requirements file and the
# install recipe; requirements are (re)installed only when that stamp differs.
#
# Environment:
#   REPAIRLINE_PYTHON   interpreter used to create the venvs (default: python3.11)
#   REPAIRLINE_SETUP_ONLY=app|rasa   only handle one of the two venvs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${REPAIRLINE_PYTHON:-python3.11}"
STAMP_NAME=".repairline-requirements.sha256"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

# Bump when the install recipe below changes, to force a reinstall everywhere.
RECIPE_APP="app-v1"
RECIPE_RASA="rasa-v1: pip wheel | --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2 | -r requirements/rasa.txt | setuptools==70.3.0"

log() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# One setup at a time (make test and make run started together, say).
if command -v flock >/dev/null 2>&1; then
    exec 9<"${BASH_SOURCE[0]}"
    flock 9
fi

stamp_for() { # $1 requirements file, $2 recipe
    { printf '%s\n' "$2"; cat "$1"; } | sha256sum | cut -d' ' -f1
}

venv_python_ok() { # $1 venv dir: python runs and is 3.11
    [ -x "$1/bin/python" ] &&
        "$1/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1
}

ensure_venv() { # $1 venv dir
    local venv="$1"
    if [ -e "$venv" ] && ! venv_python_ok "$venv"; then
        log "$venv is broken or not Python 3.11: recreating it"
        rm -rf "$venv"
    fi
    if [ ! -e "$venv" ]; then
        command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found (set REPAIRLINE_PYTHON to a Python 3.11 interpreter)"
        "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
            die "$PYTHON is not Python 3.11"
        log "creating $venv with $("$PYTHON" --version 2>&1)"
        "$PYTHON" -m venv "$venv"
    fi
}

up_to_date() { # $1 venv, $2 wanted stamp, $3... executables that must exist
    local venv="$1" wanted="$2" exe
    shift 2
    [ -f "$venv/$STAMP_NAME" ] && [ "$(cat "$venv/$STAMP_NAME")" = "$wanted" ] || return 1
    for exe in "$@"; do
        [ -x "$venv/bin/$exe" ] || return 1
    done
}

setup_app() {
    local venv="$ROOT/.venv" req="requirements/app.txt" wanted
    [ -f "$req" ] || die "$req is missing"
    ensure_venv "$venv"
    wanted="$(stamp_for "$req" "$RECIPE_APP")"
    if up_to_date "$venv" "$wanted" pytest uvicorn; then
        log ".venv is up to date"
        return
    fi
    log "installing $req into .venv"
    rm -f "$venv/$STAMP_NAME"
    "$venv/bin/python" -m pip install --upgrade pip wheel
    "$venv/bin/python" -m pip install -r "$req"
    printf '%s\n' "$wanted" >"$venv/$STAMP_NAME"
    log ".venv ready"
}

setup_rasa() {
    local venv="$ROOT/.venv-rasa" req="requirements/rasa.txt" wanted
    [ -f "$req" ] || die "$req is missing"
    ensure_venv "$venv"
    wanted="$(stamp_for "$req" "$RECIPE_RASA")"
    if up_to_date "$venv" "$wanted" rasa; then
        log ".venv-rasa is up to date"
        return
    fi
    log "installing Rasa 3.6.21 and $req into .venv-rasa (first time: several minutes)"
    log "(pip warns that rasa wants matplotlib<3.6: expected, this working set is tested)"
    rm -f "$venv/$STAMP_NAME"
    local pip=("$venv/bin/python" -m pip)
    "${pip[@]}" install --upgrade pip wheel
    # Rasa 3.6 declares Python <3.11 but works on 3.11 with this working set.
    "${pip[@]}" install --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2
    "${pip[@]}" install -r "$req"
    "${pip[@]}" install setuptools==70.3.0
    printf '%s\n' "$wanted" >"$venv/$STAMP_NAME"
    log ".venv-rasa ready"
}

case "${REPAIRLINE_SETUP_ONLY:-all}" in
    app) setup_app ;;
    rasa) setup_rasa ;;
    all) setup_app; setup_rasa ;;
    *) die "REPAIRLINE_SETUP_ONLY must be app, rasa or all" ;;
esac
