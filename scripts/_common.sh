# shellcheck shell=bash
# Shared by scripts/run, scripts/test and the translation scripts (sourced, not run).
# ensure_venv: create .venv with Python 3.11 if missing and install tuntas[dev]
# constrained by requirements/lock.txt, again only when pyproject.toml or the lock change.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
STAMP="$VENV/.tuntas-installed"

export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\033[1m[tuntas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[tuntas] error:\033[0m %s\n' "$*" >&2; exit 1; }

find_python311() {
    local candidate
    for candidate in "${TUNTAS_PYTHON:-}" python3.11 python3 python; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; raise SystemExit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

install_stamp() {
    cat "$ROOT/pyproject.toml" "$ROOT/requirements/lock.txt" | sha256sum | cut -d' ' -f1
}

# PDF exports (WeasyPrint) need Pango and a font from the system; install them when we can.
ensure_pdf_libs() {
    [[ "$(ldconfig -p 2>/dev/null)" == *libpangoft2-1.0.so.0* ]] && [ -d /usr/share/fonts/truetype/dejavu ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "Installing Pango and fonts (needed for PDF exports)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; } \
            || log "Could not install Pango: PDF exports will answer with an error until it is installed."
    else
        log "Pango is missing: PDF exports need it (apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)."
    fi
}

ensure_venv() {
    ensure_pdf_libs
    if [ ! -x "$PY" ]; then
        local python
        python="$(find_python311)" || die "Python 3.11 is required (set TUNTAS_PYTHON to its path)."
        if ! "$python" -c 'import ensurepip' 2>/dev/null; then
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                log "Installing python3.11-venv (needed to create the virtualenv)"
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null \
                    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null; }
            else
                die "$python cannot create virtualenvs: install python3.11-venv (apt-get install python3.11-venv)."
            fi
        fi
        log "Creating .venv with $python"
        "$python" -m venv "$VENV"
    fi
    local want
    want="$(install_stamp)"
    if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ] || ! "$PY" -c 'import tuntas, django, pytest' 2>/dev/null; then
        log "Installing tuntas[dev] with the versions pinned in requirements/lock.txt"
        (cd "$ROOT" && "$PY" -m pip install --quiet --disable-pip-version-check \
            -e ".[dev]" -c requirements/lock.txt) || die "pip install failed."
        echo "$want" > "$STAMP"
    fi
}

# The embedded development setup: SQLite in var/, filesystem broker, mail to var/mail.
embedded_env() {
    export TUNTAS_DEBUG="${TUNTAS_DEBUG:-true}"
    export TUNTAS_DATABASE="${TUNTAS_DATABASE:-sqlite}"
    export TUNTAS_BROKER_URL="${TUNTAS_BROKER_URL:-filesystem://}"
    export TUNTAS_EMAIL_BACKEND="${TUNTAS_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"
    # WhatsApp messages (Bangkalan's liaison group among them) are written to var/whatsapp/
    # as the JSON the Cloud API would receive, so they are queued and "sent" out of the box.
    if [ "$TUNTAS_DEBUG" = true ] && [ -z "${TUNTAS_WHATSAPP_TOKEN:-}" ]; then
        export TUNTAS_WHATSAPP_OUTBOX_DIR="${TUNTAS_WHATSAPP_OUTBOX_DIR:-$ROOT/var/whatsapp}"
    fi
    # The demo personas sign in with the password alone (a banner says two-factor sign-in
    # is relaxed); TUNTAS_2FA_DEMO_RELAXED=false ./scripts/run shows the production flow.
    if [ "$TUNTAS_DEBUG" = true ]; then
        export TUNTAS_2FA_DEMO_RELAXED="${TUNTAS_2FA_DEMO_RELAXED:-true}"
    fi
    export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-tuntas.settings}"
}
