# shellcheck shell=bash
# Helpers shared by the scripts in this directory. Sourced, never run.
#
# Environment read here:
#   AWS_REGION         region for every call (else AWS_DEFAULT_REGION, else the CLI's
#                      configured region, else us-east-1)
#   AWS_ENDPOINT_URL   send every call to this endpoint (moto, the local runtime)
#   AWS_CLI            the AWS CLI to run (default: aws)

# shellcheck disable=SC2034 # used by the scripts that source this file
FERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT_NAME="$(basename "$0")"
AWS_CLI="${AWS_CLI:-aws}"

die() {
  echo "$SCRIPT_NAME: error: $*" >&2
  exit 1
}

say() {
  echo "$SCRIPT_NAME: $*" >&2
}

# Print the comment block at the top of the calling script (after the shebang).
usage() {
  sed -n '2,/^[^#]/{/^#/!d;s/^# \{0,1\}//;p}' "$0"
}

# Reject a flag given without its value: need_value --flag "$#" "${2-}"
need_value() {
  if [ "$2" -lt 2 ] || [ -z "$3" ]; then
    die "$1 needs a value (see --help)"
  fi
}

# Reject a value that is not whole seconds: require_seconds --timeout "$TIMEOUT"
require_seconds() {
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be whole seconds, got '$2'"
}

unknown_flag() {
  echo "$SCRIPT_NAME: error: unknown argument: $1" >&2
  echo >&2
  usage >&2
  exit 2
}

resolve_region() {
  if [ -z "${AWS_REGION:-}" ]; then
    AWS_REGION="${AWS_DEFAULT_REGION:-}"
  fi
  if [ -z "$AWS_REGION" ]; then
    AWS_REGION="$("$AWS_CLI" configure get region 2>/dev/null || true)"
  fi
  AWS_REGION="${AWS_REGION:-us-east-1}"
  export AWS_REGION
}

# The AWS CLI with the region and, when set, the endpoint passed explicitly: CLI v2 before 2.13
# ignores AWS_ENDPOINT_URL, and --endpoint-url works on every version.
awsc() {
  local globals=(--region "$AWS_REGION")
  if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
    globals+=(--endpoint-url "$AWS_ENDPOINT_URL")
  fi
  "$AWS_CLI" "${globals[@]}" "$@"
}

require_command() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not on PATH${2:+ ($2)}"
}

# One output of a stack, or nothing when the stack has no such output.
stack_output() {
  local value
  value="$(awsc cloudformation describe-stacks --stack-name "$1" \
    --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue | [0]" --output text)" || return 1
  if [ "$value" != "None" ]; then
    printf '%s\n' "$value"
  fi
}
