#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed.
#
#   scripts/train.sh          full model -> models/repairline-<hash16>.tar.gz, pointer models/current
#   scripts/train.sh --nlu    NLU-only   -> models/repairline-nlu-<hash16>.tar.gz, pointer models/current-nlu
#
# The hash is a sha256 over config.yml, domain.yml, every file under data/,
# rasa_components/*.py, bot/keywords.py and requirements/rasa.txt (sorted
# relative paths + contents). A model with that hash is reused from models/,
# else copied from the shared cache, else trained (and then stored in the cache).
# Older models of the same kind are removed from models/ (never from the cache).
#
# stdout: only the absolute path of the chosen model (progress goes to stderr).
#
# Environment:
#   REPAIRLINE_MODEL_CACHE    cache dir (default: $HOME/.cache/repairline/models)
#   REPAIRLINE_PROJECT_DIR    Rasa project dir (default: the repo root)
#   REPAIRLINE_RASA_VENV      Rasa virtualenv (default: <repo>/.venv-rasa)
#   REPAIRLINE_FORCE_TRAIN=1  ignore models/ and the cache and train anyway
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$(cd "${REPAIRLINE_PROJECT_DIR:-$ROOT}" && pwd)"
RASA_VENV="${REPAIRLINE_RASA_VENV:-$ROOT/.venv-rasa}"
CACHE="${REPAIRLINE_MODEL_CACHE:-$HOME/.cache/repairline/models}"
# Bump to invalidate every cached model (e.g. when the training command changes).
RECIPE="repairline-train-v1"

MODE=full
case "${1:-}" in
    "") ;;
    --nlu) MODE=nlu ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--nlu]" >&2; exit 2 ;;
esac

log() { printf '[train] %s\n' "$*" >&2; }
die() { printf '[train] ERROR: %s\n' "$*" >&2; exit 1; }

cd "$PROJECT"
[ -x "$RASA_VENV/bin/rasa" ] || die "$RASA_VENV/bin/rasa not found: run scripts/setup.sh first"
for required in config.yml domain.yml data; do
    [ -e "$required" ] || die "$PROJECT/$required is missing"
done

mkdir -p models
# One trainer per project at a time; a second caller waits and then reuses the result.
if command -v flock >/dev/null 2>&1; then
    exec 9>models/.train.lock
    if ! flock -n 9; then
        log "another training is running in $PROJECT/models; waiting for it"
        flock 9
    fi
fi

# --- fingerprint --------------------------------------------------------------
input_files() { # NUL-separated relative paths of everything that shapes the model
    local f
    for f in config.yml domain.yml bot/keywords.py requirements/rasa.txt; do
        if [ -d "$f" ]; then find -H "$f" -type f -print0; else printf '%s\0' "$f"; fi
    done
    find -H data -type f -not -path '*/__pycache__/*' -print0
    if [ -d rasa_components ]; then
        find -H rasa_components -maxdepth 1 -type f -name '*.py' -print0
    fi
}

fingerprint() {
    local f
    {
        printf '%s mode=%s\n' "$RECIPE" "$MODE"
        input_files | LC_ALL=C sort -z -u | while IFS= read -r -d '' f; do
            if [ -f "$f" ]; then
                printf '%s  %s\n' "$(sha256sum <"$f" | cut -d' ' -f1)" "$f"
            else
                printf 'missing  %s\n' "$f"
            fi
        done
    } | sha256sum | cut -d' ' -f1
}

if [ "$MODE" = nlu ]; then
    PREFIX="repairline-nlu"
    POINTER="models/current-nlu"
    OLD_RE='^repairline-nlu-[0-9a-f]{16}\.tar\.gz$'
else
    PREFIX="repairline"
    POINTER="models/current"
    OLD_RE='^repairline-[0-9a-f]{16}\.tar\.gz$'
fi
set_names() { # $1 full hash
    HASH="$1"
    SHORT="${HASH:0:16}"
    NAME="$PREFIX-$SHORT"
    MODEL="models/$NAME.tar.gz"
    CACHED="$CACHE/$PREFIX-$HASH.tar.gz"
}
set_names "$(fingerprint)"
log "$MODE model inputs hash $SHORT"

TMPDIR_TRAIN=""
TMPFILE_CACHE=""
cleanup() {
    [ -n "$TMPDIR_TRAIN" ] && rm -rf "$TMPDIR_TRAIN"
    [ -n "$TMPFILE_CACHE" ] && rm -f "$TMPFILE_CACHE"
    return 0
}
trap cleanup EXIT

valid_archive() { gzip -t "$1" >/dev/null 2>&1; }

copy_atomically() { # $1 src, $2 dst (same-filesystem rename at the end)
    local tmp
    tmp="$(dirname "$2")/.$(basename "$2").tmp.$$"
    TMPFILE_CACHE="$tmp"
    cp "$1" "$tmp"
    mv -f "$tmp" "$2"
    TMPFILE_CACHE=""
}

train() {
    TMPDIR_TRAIN="$(mktemp -d "$PROJECT/models/.train-XXXXXX")"
    local cmd=(train)
    if [ "$MODE" = nlu ]; then
        cmd+=(nlu --nlu data)
    else
        cmd+=(--data data)
    fi
    cmd+=(--config config.yml --domain domain.yml --out "$TMPDIR_TRAIN" --fixed-model-name "$NAME")
    log "training: rasa ${cmd[*]} (this takes minutes)"
    local started=$SECONDS
    # Progress bars: keep them on a terminal, throttle them in logs/CI.
    if [ ! -t 2 ]; then export TQDM_MININTERVAL="${TQDM_MININTERVAL:-30}"; fi
    # Custom components import bot/* and rasa_components/* from the project root.
    PYTHONPATH="$PROJECT${PYTHONPATH:+:$PYTHONPATH}" \
        TF_CPP_MIN_LOG_LEVEL=2 \
        RASA_TELEMETRY_ENABLED=false \
        SQLALCHEMY_SILENCE_UBER_WARNING=1 \
        "$RASA_VENV/bin/rasa" "${cmd[@]}" </dev/null >&2 ||
        die "rasa train failed"
    [ -f "$TMPDIR_TRAIN/$NAME.tar.gz" ] || die "rasa train produced no $NAME.tar.gz"
    mv -f "$TMPDIR_TRAIN/$NAME.tar.gz" "$MODEL"
    rm -rf "$TMPDIR_TRAIN"
    TMPDIR_TRAIN=""
    log "trained $MODEL in $((SECONDS - started)) s"
    # Rasa read its inputs when it started; if they changed since (an edit during
    # training, or Rasa auto-filling config.yml), keep the model under the hash it
    # was trained from: the next run sees the new hash and trains again.
    if [ "$(fingerprint)" != "$HASH" ]; then
        log "warning: the training inputs changed while training; run scripts/train.sh again to train on the current files"
    fi
}

if [ "${REPAIRLINE_FORCE_TRAIN:-0}" = 1 ]; then
    log "REPAIRLINE_FORCE_TRAIN=1: training regardless of models/ and the cache"
    rm -f "$MODEL"
    train
elif [ -f "$MODEL" ] && valid_archive "$MODEL"; then
    log "up to date: reusing $MODEL"
elif [ -f "$CACHED" ] && valid_archive "$CACHED"; then
    log "copying cached model $CACHED"
    copy_atomically "$CACHED" "$MODEL"
else
    [ -f "$MODEL" ] && { log "$MODEL is corrupt: retraining"; rm -f "$MODEL"; }
    [ -f "$CACHED" ] && log "cached $CACHED is corrupt: ignoring it"
    train
fi

# Keep the cache filled (also for models trained before the cache existed).
if [ ! -f "$CACHED" ] || ! valid_archive "$CACHED"; then
    if mkdir -p "$CACHE" 2>/dev/null && copy_atomically "$MODEL" "$CACHED" 2>/dev/null; then
        log "stored in cache: $CACHED"
    else
        log "warning: could not write the model cache $CACHE"
    fi
fi

# Drop older models of the same kind from models/.
for old in models/repairline-*.tar.gz; do
    [ -e "$old" ] || continue
    base="${old##*/}"
    if [[ $base =~ $OLD_RE ]] && [ "$old" != "$MODEL" ]; then
        log "removing old model $old"
        rm -f "$old"
    fi
done

printf '%s\n' "$PROJECT/$MODEL" >"$POINTER.tmp"
mv -f "$POINTER.tmp" "$POINTER"
printf '%s\n' "$PROJECT/$MODEL"
