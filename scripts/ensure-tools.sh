#!/usr/bin/env bash
# Usage: scripts/ensure-tools.sh [--check-only]
#
# Makes sure the system tools that `npm run check` uses are on this machine, before any of
# them is needed:
#   the shell linter    lints the shell scripts (Debian package shellcheck)
#   /usr/bin/aws        AWS CLI v2.9, the query-protocol client of the SQS tests (Debian awscli)
#   chromium            the console's browser tests (Debian package chromium)
#   aws, moto_server, cfn-lint   AWS CLI v1 (JSON protocol), the AWS mock and the template
#                       linter, from Python (pip install awscli moto[server] cfn-lint)
# Missing Debian packages are installed with apt-get when running as root (or with sudo that
# needs no password); otherwise, and with --check-only, it prints the command and exits 1.
set -euo pipefail

check_only=false
case "${1:-}" in
  "") ;;
  --check-only) check_only=true ;;
  -h | --help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "ensure-tools: unknown option '$1' (try --help)" >&2
    exit 2
    ;;
esac

missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
[ -x /usr/bin/aws ] || missing+=(awscli)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)

if [ "${#missing[@]}" -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
  if [ "$check_only" = false ] && command -v apt-get >/dev/null 2>&1 &&
    { [ "${#as_root[@]}" -eq 0 ] || sudo -n true 2>/dev/null; }; then
    echo "ensure-tools: installing ${missing[*]} from Debian" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ensure-tools: missing Debian packages: ${missing[*]}" >&2
    echo "ensure-tools: install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

python_missing=()
for tool in aws moto_server cfn-lint; do
  command -v "$tool" >/dev/null 2>&1 || python_missing+=("$tool")
done
if [ "${#python_missing[@]}" -gt 0 ]; then
  echo "ensure-tools: missing Python tools: ${python_missing[*]}" >&2
  echo "ensure-tools: install them with: pip install awscli 'moto[server]' cfn-lint" >&2
  exit 1
fi

# The tests drive two AWS CLIs on purpose, one per SQS protocol: `aws` must be v1 (JSON) and
# /usr/bin/aws v2 before 2.13 (query). Other versions fail tests for reasons that are not Ferry's.
v1="$(aws --version 2>&1)"
case "$v1" in
  aws-cli/1.*) ;;
  *)
    echo "ensure-tools: 'aws' on PATH is ${v1%% *}; the tests need AWS CLI v1 there (pip install 'awscli<2')" >&2
    exit 1
    ;;
esac
v2="$(/usr/bin/aws --version 2>&1)"
minor="$(printf '%s' "$v2" | sed -n 's|^aws-cli/2\.\([0-9]*\)\..*|\1|p')"
if [ -z "$minor" ] || [ "$minor" -ge 13 ]; then
  echo "ensure-tools: /usr/bin/aws is ${v2%% *}; the tests need AWS CLI v2 before 2.13 there (Debian 12's awscli, 2.9)" >&2
  exit 1
fi
