# Sourced by run.sh, test.sh and bench scripts: installs what is missing, nothing else.
# ensure_prereqs run   -> PostgreSQL server + fonts
# ensure_prereqs test  -> the above + Chromium (HTML report tests), nginx-light and python3 (HTTP conformance tests),
#                         clang and zlib1g-dev (the Native AOT publish of loadharness)

_lh_missing=()

_lh_need() { # package, probe command
  if ! eval "$2" >/dev/null 2>&1; then _lh_missing+=("$1"); fi
}

_lh_pg_bin() {
  command -v initdb >/dev/null 2>&1 && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

ensure_prereqs() {
  local mode="${1:-run}"
  _lh_missing=()
  command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK" >&2; exit 2; }
  _lh_need postgresql _lh_pg_bin
  _lh_need postgresql-contrib "ls /usr/share/postgresql/*/extension/pg_stat_statements.control"
  _lh_need fonts-dejavu-core "ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  _lh_need fontconfig "command -v fc-list"
  if [ "$mode" = test ]; then
    _lh_need chromium "command -v chromium"
    # HTTP conformance tests: real servers the tests start (nginx as an unprivileged process, python's http.server).
    _lh_need nginx-light "command -v nginx || test -x /usr/sbin/nginx"
    _lh_need python3 "command -v python3"
    # The Native AOT publish of loadharness (NativeAotTests): clang links it.
    _lh_need clang "command -v clang"
    _lh_need zlib1g-dev "test -f /usr/include/zlib.h"
  fi
  if [ ${#_lh_missing[@]} -gt 0 ]; then
    echo "installing: ${_lh_missing[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${_lh_missing[@]}" >/dev/null
  fi
}
