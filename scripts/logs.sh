#!/usr/bin/env bash
# Usage: scripts/logs.sh [producer|consumer|api] [options]
#
# Follows a function's logs (aws logs tail --follow), or searches them with a CloudWatch
# Logs filter pattern, or finds every line of one message by its correlation id.
#
#   scripts/logs.sh consumer                    follow the consumer's log group
#   scripts/logs.sh producer --since 1h         print the last hour and stop
#   scripts/logs.sh --correlation-id abc-123    both functions' lines for one message
#   scripts/logs.sh consumer --filter '{ $.outcome = "failed" }' --since 1d
#
# Options (each also read from the environment variable named after it):
#   producer|consumer|api     FUNCTION     whose logs (default: consumer; api = access log)
#   --stack-name NAME         STACK_NAME   stack whose log group outputs to read (default: ferry-dev)
#   --since DURATION          SINCE        how far back, e.g. 10m, 2h, 1d (default: 10m)
#   --filter PATTERN          FILTER       search with this filter pattern instead of following
#   --correlation-id ID       CORRELATION_ID  search both functions for this correlation id
#   --no-follow               FOLLOW=0     print what is there and stop
#   --region REGION           AWS_REGION
#   -h, --help                show this help
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

FUNCTION="${FUNCTION:-consumer}"
STACK_NAME="${STACK_NAME:-ferry-dev}"
SINCE="${SINCE:-10m}"
FILTER="${FILTER:-}"
CORRELATION_ID="${CORRELATION_ID:-}"
FOLLOW="${FOLLOW:-1}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    producer | consumer | api) FUNCTION="$1" ;;
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --since) need_value "$1" "$#" "${2-}"; SINCE="$2"; shift ;;
    --filter) need_value "$1" "$#" "${2-}"; FILTER="$2"; shift ;;
    --correlation-id) need_value "$1" "$#" "${2-}"; CORRELATION_ID="$2"; shift ;;
    --no-follow) FOLLOW=0 ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

case "$FUNCTION" in
  producer | consumer | api) ;;
  *) die "FUNCTION must be producer, consumer or api, got '$FUNCTION'" ;;
esac
[[ "$SINCE" =~ ^[0-9]+[smhdw]$ ]] || die "--since must look like 30s, 10m, 2h, 1d or 1w, got '$SINCE'"
if [ -n "$CORRELATION_ID" ]; then
  [[ "$CORRELATION_ID" =~ ^[A-Za-z0-9][A-Za-z0-9._:-]*$ ]] || die "not a correlation id: '$CORRELATION_ID'"
fi
require_command "$AWS_CLI" "the AWS CLI"
resolve_region

log_group_of() {
  local key group
  case "$1" in
    producer) key=ProducerLogGroupName ;;
    consumer) key=ConsumerLogGroupName ;;
    api) key=ApiAccessLogGroupName ;;
  esac
  group="$(stack_output "$STACK_NAME" "$key")" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$group" ] || die "stack $STACK_NAME has no $key output"
  printf '%s\n' "$group"
}

if [ -n "$CORRELATION_ID" ]; then
  # One message's story: the producer's line, then the consumer's, oldest first.
  for fn in producer consumer; do
    group="$(log_group_of "$fn")"
    echo "== $fn ($group)"
    awsc logs tail "$group" --since "$SINCE" --format short \
      --filter-pattern "{ \$.correlationId = \"$CORRELATION_ID\" }"
  done
  exit 0
fi

group="$(log_group_of "$FUNCTION")"
args=("$group" --since "$SINCE" --format short)
if [ -n "$FILTER" ]; then args+=(--filter-pattern "$FILTER"); fi
if [ "$FOLLOW" = 1 ] && [ -z "$FILTER" ]; then
  say "following $group (Ctrl-C to stop)"
  args+=(--follow)
fi
awsc logs tail "${args[@]}"
