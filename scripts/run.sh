#!/usr/bin/env bash
# Run the whole Repairline service locally, with demo data on SQLite:
#   setup venvs -> train (or reuse) the model -> migrate -> load demo data ->
#   action server (:5055) + Rasa (:5005) + gateway (:$PORT) as supervised children.
# Ctrl-C / SIGTERM stops everything; if one child dies, the others are stopped too.
#
# Environment:
#   PORT (8000), HOST or REPAIRLINE_HOST (127.0.0.1)   where the gateway listens
#   REPAIRLINE_DATA_DIR (./var)          SQLite DB, secrets.env and log/ live here
#   REPAIRLINE_DATABASE_URL              default: SQLite file in REPAIRLINE_DATA_DIR
#   REPAIRLINE_HEALTH_TIMEOUT (180)      seconds to wait for GET /healthz
#   REPAIRLINE_RASA_TOKEN, REPAIRLINE_STAFF_API_KEYS   override var/secrets.env
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-8000}"
HOST="${REPAIRLINE_HOST:-${HOST:-127.0.0.1}}"
RASA_PORT=5005     # REPAIRLINE_RASA_URL
ACTION_PORT=5055   # fixed by endpoints.yml (action_endpoint)
DATA_DIR="${REPAIRLINE_DATA_DIR:-$ROOT/var}"
LOG_DIR="$DATA_DIR/log"
SECRETS="$DATA_DIR/secrets.env"
HEALTH_TIMEOUT="${REPAIRLINE_HEALTH_TIMEOUT:-180}"
APP_VENV="$ROOT/.venv"
RASA_VENV="$ROOT/.venv-rasa"

log() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

case "$PORT" in ''|*[!0-9]*) die "PORT must be a number, got '$PORT'" ;; esac
if [ "$PORT" = "$RASA_PORT" ] || [ "$PORT" = "$ACTION_PORT" ]; then
    die "PORT=$PORT clashes with Rasa ($RASA_PORT) or the action server ($ACTION_PORT)"
fi

# Address to probe the gateway on (a wildcard bind is reachable on loopback).
case "$HOST" in
    0.0.0.0|""|::|"[::]") PROBE_HOST=127.0.0.1 ;;
    *:*) PROBE_HOST="[$HOST]" ;;
    *) PROBE_HOST="$HOST" ;;
esac
GATEWAY_URL="http://$PROBE_HOST:$PORT"

# --- child process bookkeeping ---------------------------------------------------
NAMES=()          # start order
declare -A PIDS=()
STOPPED=0

alive() { kill -0 "$1" 2>/dev/null; }
group_alive() { kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; }
signal_group() { kill -s "$1" -- "-$2" 2>/dev/null || kill -s "$1" "$2" 2>/dev/null || true; }

stop_children() {
    [ "$STOPPED" = 1 ] && return 0
    STOPPED=1
    [ "${#NAMES[@]}" -gt 0 ] || return 0
    local i name pid waited=0 any
    log "stopping: ${NAMES[*]}"
    for ((i = ${#NAMES[@]} - 1; i >= 0; i--)); do # reverse start order
        signal_group TERM "${PIDS[${NAMES[$i]}]}"
    done
    while :; do
        any=0
        for name in "${NAMES[@]}"; do
            group_alive "${PIDS[$name]}" && any=1
        done
        [ "$any" = 0 ] && break
        if [ "$waited" -ge 150 ]; then # 15 s grace
            for name in "${NAMES[@]}"; do
                pid="${PIDS[$name]}"
                if group_alive "$pid"; then
                    log "$name (pid $pid) ignores SIGTERM: killing it"
                    signal_group KILL "$pid"
                fi
            done
            sleep 0.2
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    for name in "${NAMES[@]}"; do
        wait "${PIDS[$name]}" 2>/dev/null || true
    done
    log "all stopped"
}

on_signal() { # $1 name, $2 number
    trap '' INT TERM HUP
    printf '\n'
    log "received SIG$1"
    stop_children
    exit $((128 + $2))
}
trap 'on_signal INT 2' INT
trap 'on_signal TERM 15' TERM
trap 'on_signal HUP 1' HUP
trap 'stop_children' EXIT

start() { # $1 name, rest: command. Own session/process group, output to $LOG_DIR/<name>.log
    local name="$1" logfile="$LOG_DIR/$1.log"
    shift
    [ -f "$logfile" ] && mv -f "$logfile" "$logfile.1"
    # setsid: the child leads its own process group (stopped as a unit, and a
    # terminal Ctrl-C reaches only this script, which then stops it cleanly).
    setsid "$@" </dev/null >"$logfile" 2>&1 &
    PIDS[$name]=$!
    NAMES+=("$name")
    log "started $name (pid $!), log: $logfile"
}

dead_child() { # prints the name of the first child that exited, if any
    local name
    for name in "${NAMES[@]}"; do
        if ! alive "${PIDS[$name]}"; then
            printf '%s\n' "$name"
            return 0
        fi
    done
    return 1
}

show_log() { # $1 name
    local logfile="$LOG_DIR/$1.log"
    printf '[run] ---- last 40 lines of %s ----\n' "$logfile" >&2
    tail -n 40 "$logfile" >&2 || true
    printf '[run] ----\n' >&2
}

report_death() { # $1 name
    local name="$1" status=0
    wait "${PIDS[$name]}" 2>/dev/null || status=$?
    printf '[run] ERROR: %s (pid %s) exited with status %s\n' "$name" "${PIDS[$name]}" "$status" >&2
    show_log "$name"
}

http_ok() { # $1 url: 2xx?
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null
    else
        "$APP_VENV/bin/python" - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=3) as response:
    sys.exit(0 if 200 <= response.status < 300 else 1)
PY
    fi
}

port_in_use() { # $1 host, $2 port
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# --- preparation -------------------------------------------------------------
command -v setsid >/dev/null 2>&1 || die "setsid (util-linux) is required"

bash "$ROOT/scripts/setup.sh"
MODEL="$(bash "$ROOT/scripts/train.sh")"
[ -f "$MODEL" ] || die "train.sh did not produce a model"
log "model: $MODEL"

mkdir -p "$DATA_DIR" "$LOG_DIR"

# Secrets: generated once, kept in $SECRETS (mode 600) and reused.
random_hex() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
secret_from_file() { # $1 variable name
    [ -f "$SECRETS" ] || return 0
    sed -n "s/^$1=//p" "$SECRETS" | tail -n 1
}
(
    umask 077
    touch "$SECRETS"
    if [ -z "$(secret_from_file REPAIRLINE_RASA_TOKEN)" ]; then
        printf 'REPAIRLINE_RASA_TOKEN=%s\n' "$(random_hex)" >>"$SECRETS"
        log "generated a Rasa auth token in $SECRETS"
    fi
    if [ -z "$(secret_from_file REPAIRLINE_STAFF_API_KEYS)" ]; then
        printf 'REPAIRLINE_STAFF_API_KEYS=demo:%s\n' "$(random_hex)" >>"$SECRETS"
        log "generated a demo staff API key in $SECRETS"
    fi
)
chmod 600 "$SECRETS"
for var in REPAIRLINE_RASA_TOKEN REPAIRLINE_STAFF_API_KEYS; do
    if [ -n "${!var:-}" ]; then
        log "$var is set in the environment: using it instead of $SECRETS"
    else
        printf -v "$var" '%s' "$(secret_from_file "$var")"
    fi
done

export PORT HOST REPAIRLINE_HOST="$HOST" REPAIRLINE_DATA_DIR="$DATA_DIR" \
    REPAIRLINE_RASA_TOKEN REPAIRLINE_STAFF_API_KEYS \
    REPAIRLINE_RASA_URL="http://127.0.0.1:$RASA_PORT" \
    REPAIRLINE_ACTION_SERVER_URL="http://127.0.0.1:$ACTION_PORT" \
    PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
    PYTHONUNBUFFERED=1

if [ -n "${REPAIRLINE_DATABASE_URL:-}" ]; then
    log "database: REPAIRLINE_DATABASE_URL from the environment"
else
    log "database: SQLite in $DATA_DIR"
fi
check_port() { # $1 host, $2 port, $3 what
    if port_in_use "${1//[\[\]]/}" "$2"; then
        die "port $2 ($3) is already in use: is another Repairline running? (set PORT for the gateway)"
    fi
}
check_port 127.0.0.1 "$ACTION_PORT" "action server"
check_port 127.0.0.1 "$RASA_PORT" "Rasa"
check_port "$PROBE_HOST" "$PORT" "gateway"

log "migrating the database"
"$APP_VENV/bin/python" -m adapters.migrate
log "loading demo data"
"$APP_VENV/bin/python" -m scripts.load_demo


# --- start ---------------------------------------------------------------------
# rasa_sdk binds 0.0.0.0 unless SANIC_HOST says otherwise (it has no --interface flag).
start actions env SANIC_HOST=127.0.0.1 \
    "$APP_VENV/bin/python" -m rasa_sdk --actions actions -p "$ACTION_PORT"
start rasa "$RASA_VENV/bin/rasa" run --enable-api --auth-token "$REPAIRLINE_RASA_TOKEN" \
    -i 127.0.0.1 -p "$RASA_PORT" --model "$MODEL" \
    --endpoints endpoints.yml --credentials credentials.yml
start gateway "$APP_VENV/bin/uvicorn" --factory channels.app:create_app --host "$HOST" --port "$PORT"

# --- wait for /healthz --------------------------------------------------------------
status_word() { if http_ok "$1"; then printf up; else printf starting; fi; }
log "waiting up to ${HEALTH_TIMEOUT}s for $GATEWAY_URL/healthz (Rasa takes a while to load the model)"
started=$SECONDS
next_report=$((SECONDS + 10))
until http_ok "$GATEWAY_URL/healthz"; do
    if name="$(dead_child)"; then
        report_death "$name"
        exit 1
    fi
    elapsed=$((SECONDS - started))
    if [ "$elapsed" -ge "$HEALTH_TIMEOUT" ]; then
        printf '[run] ERROR: not healthy after %ss\n' "$elapsed" >&2
        # Blame the first component that is not answering.
        if ! http_ok "http://127.0.0.1:$ACTION_PORT/health"; then
            show_log actions
        elif ! http_ok "http://127.0.0.1:$RASA_PORT/"; then
            show_log rasa
        else
            if body="$(curl -sS --max-time 3 "$GATEWAY_URL/healthz" 2>/dev/null)"; then
                printf '[run] /healthz says: %s\n' "$body" >&2
            fi
            show_log gateway
        fi
        exit 1
    fi
    if [ "$SECONDS" -ge "$next_report" ]; then
        log "still waiting (${elapsed}s): actions $(status_word "http://127.0.0.1:$ACTION_PORT/health"), rasa $(status_word "http://127.0.0.1:$RASA_PORT/"), gateway starting"
        next_report=$((SECONDS + 10))
    fi
    sleep 1
done

case "$HOST" in
    127.0.0.1|0.0.0.0|""|::|"[::]") CHAT_URL="http://127.0.0.1:$PORT/" ;;
    *) CHAT_URL="$GATEWAY_URL/" ;;
esac
cat <<EOF

[run] Repairline is up after $((SECONDS - started))s.
[run]   Web chat:       $CHAT_URL
[run]   Health:         $GATEWAY_URL/healthz
[run]   Logs:           $LOG_DIR/{actions,rasa,gateway}.log
[run]   Staff API key:  REPAIRLINE_STAFF_API_KEYS in $SECRETS (name:key; send as 'Authorization: Bearer <key>')
[run] Press Ctrl-C to stop.

EOF

# --- supervise --------------------------------------------------------------------
while :; do
    if name="$(dead_child)"; then
        report_death "$name"
        log "$name died: stopping the others"
        exit 1
    fi
    sleep 1
done
