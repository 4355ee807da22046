#!/usr/bin/env bash
# Usage: scripts/logs.sh [producer|consumer|api] [options]
#
# Follows a function's logs (aws logs tail --follow; with AWS CLI v1, which has no `logs tail`,
# by polling), or searches them with a CloudWatch Logs filter pattern (filter-log-events), or
# finds every line of one message by its correlation id.
#
#   scripts/logs.sh consumer                    follow the consumer's log group
#   scripts/logs.sh producer --since 1h         print the last hour and stop
#   scripts/logs.sh --correlation-id abc-123    both functions' lines for one message
#   scripts/logs.sh consumer --filter '{ $.outcome = "failed" }' --since 1d
#
# Options (each also read from the environment variable named after it):
#   producer|consumer|api     FUNCTION     whose logs (default: consumer; api = access log)
#   --stack-name NAME         STACK_NAME   stack whose log group outputs to read (default: ferry-dev)
#   --log-group NAME          LOG_GROUP    read this log group instead of the stack's
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
LOG_GROUP="${LOG_GROUP:-}"
FOLLOW="${FOLLOW:-1}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    producer | consumer | api) FUNCTION="$1" ;;
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --log-group) need_value "$1" "$#" "${2-}"; LOG_GROUP="$2"; shift ;;
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
  if [ -n "$LOG_GROUP" ]; then
    printf '%s\n' "$LOG_GROUP"
    return
  fi
  case "$1" in
    producer) key=ProducerLogGroupName ;;
    consumer) key=ConsumerLogGroupName ;;
    api) key=ApiAccessLogGroupName ;;
  esac
  group="$(stack_output "$STACK_NAME" "$key")" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$group" ] || die "stack $STACK_NAME has no $key output"
  printf '%s\n' "$group"
}

# SINCE in milliseconds before now: the start of a search.
amount="${SINCE%?}"
case "${SINCE: -1}" in
  s) seconds=$amount ;;
  m) seconds=$((amount * 60)) ;;
  h) seconds=$((amount * 3600)) ;;
  d) seconds=$((amount * 86400)) ;;
  w) seconds=$((amount * 604800)) ;;
esac
start_ms=$((($(date +%s) - seconds) * 1000))

# Prints "time  message" for each event from $1 on that matches $2 (a filter pattern, may be
# empty), and the newest timestamp seen on the last line as "@<ms>". filter-log-events works
# with AWS CLI v1 and v2 and with any endpoint; `logs tail` is v2 only.
search() {
  local args=(--log-group-name "$group" --start-time "$1" --query 'events[].[timestamp, message]' --output json)
  if [ -n "$2" ]; then args+=(--filter-pattern "$2"); fi
  awsc logs filter-log-events "${args[@]}" | node -e "$FORMAT_EVENTS"
}
FORMAT_EVENTS="$(
  cat <<'JS'
let text = '';
process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => {
  let last = 0;
  for (const [ms, message] of JSON.parse(text || '[]') ?? []) {
    last = Math.max(last, ms);
    process.stdout.write(`${new Date(ms).toISOString()}  ${String(message).trimEnd()}\n`);
  }
  process.stdout.write(`@${last}\n`);
});
JS
)"

# Prints a search, without its "@<ms>" line; returns that timestamp through $newest.
print_search() {
  local line
  newest=0
  while IFS= read -r line; do
    if [[ "$line" == @* ]]; then newest="${line#@}"; else printf '%s\n' "$line"; fi
  done < <(search "$1" "$2")
}

if [ -n "$CORRELATION_ID" ]; then
  # One message's story: the producer's lines, then the consumer's (or the one group given).
  functions=(producer consumer)
  if [ -n "$LOG_GROUP" ]; then functions=("$FUNCTION"); fi
  for fn in "${functions[@]}"; do
    group="$(log_group_of "$fn")"
    echo "== $fn ($group)"
    print_search "$start_ms" "{ \$.correlationId = \"$CORRELATION_ID\" }"
  done
  exit 0
fi

group="$(log_group_of "$FUNCTION")"
if [ "$FOLLOW" != 1 ] || [ -n "$FILTER" ]; then
  print_search "$start_ms" "$FILTER"
  exit 0
fi

say "following $group (Ctrl-C to stop)"
if [[ "$("$AWS_CLI" --version 2>&1)" == aws-cli/2* ]]; then
  exec "$AWS_CLI" --region "$AWS_REGION" ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} \
    logs tail "$group" --since "$SINCE" --format short --follow
fi
# AWS CLI v1 has no `logs tail`: poll for what is newer than the last line printed.
from="$start_ms"
while :; do
  print_search "$from" ""
  if [ "$newest" -gt 0 ]; then from=$((newest + 1)); fi
  sleep "${POLL_SECONDS:-2}"
done
