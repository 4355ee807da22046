#!/usr/bin/env bash
# Usage: scripts/send.sh [options]
#
# Smoke test of a deployed Ferry. Posts valid messages, single and batched, built from the
# `examples` of every schema in schemas/types/, and invalid ones, and checks each status code
# and response. Then it waits until the consumer has logged every accepted message as
# processed (aws logs filter-log-events on the consumer log group, by correlation id).
# Prints one PASS or FAIL line per check; exits 1 if any check failed.
#
# Options (each also read from the environment variable named after it):
#   --api-url URL        API_URL      base URL of the API (default: the stack's ApiUrl output)
#   --stack-name NAME    STACK_NAME   stack to read outputs from (default: ferry-dev)
#   --log-group NAME     LOG_GROUP    consumer log group (default: the ConsumerLogGroupName output)
#   --timeout SECONDS    TIMEOUT      how long to wait for the consumer's log lines (default: 120)
#   --schemas DIR        SCHEMAS_DIR  message type schemas (default: schemas/types)
#   --region REGION      AWS_REGION
#   -h, --help           show this help
#
# Expected statuses are those of services/producer/responses.ts: 202 accepted, 207 partly
# accepted batch, 400 malformed JSON or too many entries, 415 not JSON, 422 invalid message.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

API_URL="${API_URL:-}"
STACK_NAME="${STACK_NAME:-ferry-dev}"
LOG_GROUP="${LOG_GROUP:-}"
TIMEOUT="${TIMEOUT:-120}"
SCHEMAS_DIR="${SCHEMAS_DIR:-$FERRY_ROOT/schemas/types}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --api-url) need_value "$1" "$#" "${2-}"; API_URL="$2"; shift ;;
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --log-group) need_value "$1" "$#" "${2-}"; LOG_GROUP="$2"; shift ;;
    --timeout) need_value "$1" "$#" "${2-}"; TIMEOUT="$2"; shift ;;
    --schemas) need_value "$1" "$#" "${2-}"; SCHEMAS_DIR="$2"; shift ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

require_seconds --timeout "$TIMEOUT"
[ -d "$SCHEMAS_DIR" ] || die "schemas directory not found: $SCHEMAS_DIR"
require_command curl
require_command node "Node.js, to read the schemas and responses"
require_command "$AWS_CLI" "the AWS CLI"
resolve_region

if [ -z "$API_URL" ]; then
  API_URL="$(stack_output "$STACK_NAME" ApiUrl)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$API_URL" ] || die "stack $STACK_NAME has no ApiUrl output; pass --api-url"
fi
if [ -z "$LOG_GROUP" ]; then
  LOG_GROUP="$(stack_output "$STACK_NAME" ConsumerLogGroupName)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$LOG_GROUP" ] || die "stack $STACK_NAME has no ConsumerLogGroupName output; pass --log-group"
fi
API_URL="${API_URL%/}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run_id="smoke-$(date +%s)-$RANDOM"
started_ms="$(($(date +%s) * 1000 - 60000))"

# The plan: one line per request, fields separated by \x1f (a tab would merge empty fields), and
# its body in a file.
#   name  method  path  content-type  expected-status  body-file  correlation-id  processed  check
node --input-type=module - "$SCHEMAS_DIR" "$work" "$run_id" >"$work/plan" <<'JS'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [dir, out, runId] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort();
if (files.length === 0) throw new Error(`no *.schema.json in ${dir}`);
const examples = files.map((file) => {
  const type = file.slice(0, -'.schema.json'.length);
  const list = JSON.parse(readFileSync(join(dir, file), 'utf8')).examples;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file} has no examples`);
  return { type, list };
});
let n = 0;
const line = (name, method, path, contentType, status, body, processed, check) => {
  n += 1;
  const file = join(out, `body-${n}`);
  writeFileSync(file, body ?? '');
  const id = `${runId}-${n}`;
  console.log([name, method, path, contentType, status, body === undefined ? '' : file, id, processed, check].join('\x1f'));
};
const json = (value) => JSON.stringify(value);
const first = { type: examples[0].type, data: examples[0].list[0] };
for (const { type, list } of examples) {
  line(`single ${type}`, 'POST', '/messages', 'application/json', 202, json({ type, data: list[0] }), 1, `single:${type}`);
}
const batch = examples.flatMap(({ type, list }) => list.map((data) => ({ type, data }))).slice(0, 10);
line(`batch of ${batch.length}`, 'POST', '/messages/batch', 'application/json', 202, json({ messages: batch }), batch.length, `batch:${batch.length}`);
line('batch, one valid one invalid', 'POST', '/messages/batch', 'application/json', 207, json({ messages: [first, { type: first.type, data: {} }] }), 1, 'batch:1');
line('GET /types', 'GET', '/types', '', 200, undefined, 0, `types:${examples.map((e) => e.type).join(',')}`);
line('malformed JSON', 'POST', '/messages', 'application/json', 400, '{"type": ', 0, 'error');
line('not JSON (text/plain)', 'POST', '/messages', 'text/plain', 415, json(first), 0, 'error');
line('envelope without data', 'POST', '/messages', 'application/json', 422, json({ type: first.type }), 0, 'error');
line('unknown type', 'POST', '/messages', 'application/json', 422, json({ type: 'no.such_type', data: {} }), 0, 'error');
line('data against its schema', 'POST', '/messages', 'application/json', 422, json({ type: first.type, data: {} }), 0, 'error');
line('batch of 11', 'POST', '/messages/batch', 'application/json', 400, json({ messages: Array(11).fill(first) }), 0, 'error');
JS

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  failures=$((failures + 1))
}

echo "Smoke test of $API_URL (run $run_id)"
n=0
while IFS=$'\x1f' read -r _name method path content_type _expected body_file id _processed _check; do
  n=$((n + 1))
  args=(-sS -o "$work/response-$n" -w '%{http_code}' --max-time 30 -X "$method" -H "x-correlation-id: $id")
  if [ -n "$content_type" ]; then args+=(-H "content-type: $content_type"); fi
  if [ -n "$body_file" ]; then args+=(--data-binary "@$body_file"); fi
  curl "${args[@]}" "$API_URL$path" >"$work/status-$n" 2>"$work/curl-error-$n" || echo 000 >"$work/status-$n"
done <"$work/plan"

# Judges every response against the plan: prints a PASS or FAIL line for each, writes the
# accepted messages to confirm ("id:count:name" lines), and exits with the number of failures.
judge=0
node --input-type=module - "$work" >"$work/verdicts" <<'JS' || judge=$?
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [work] = process.argv.slice(2);
const read = (name) => (existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8') : '');
const plan = read('plan').split('\n').filter(Boolean).map((line) => line.split('\x1f'));
const confirm = [];
let failures = 0;
plan.forEach(([name, method, path, , expected, , id, processed, check], i) => {
  const label = `${name}: ${method} ${path} -> ${expected}`;
  const status = read(`status-${i + 1}`).trim();
  const text = read(`response-${i + 1}`);
  const problems = [];
  if (status === '000' || status === '') {
    problems.push(`the request failed: ${read(`curl-error-${i + 1}`).trim().slice(0, 300)}`);
  } else if (status !== expected) {
    problems.push(`got ${status}: ${text.slice(0, 300)}`);
  } else {
    const [kind, arg] = check.split(':');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push('the body is not JSON');
    }
    if (body !== undefined) {
      if (kind === 'single' && (typeof body.messageId !== 'string' || body.messageId === '')) problems.push('no messageId');
      if (kind === 'single' && body.type !== arg) problems.push(`type is ${JSON.stringify(body.type)}, expected ${arg}`);
      if (kind !== 'types' && body.correlationId !== undefined && body.correlationId !== id) {
        problems.push(`correlationId is ${JSON.stringify(body.correlationId)}, expected ${id}`);
      }
      if (kind === 'error' && typeof body.error !== 'string') problems.push('no "error" in the body');
      if (kind === 'types') {
        const listed = JSON.stringify(body);
        for (const type of arg.split(',')) if (!listed.includes(JSON.stringify(type))) problems.push(`${type} is not listed`);
      }
    }
  }
  if (problems.length === 0) {
    console.log(`PASS  ${label}`);
    if (Number(processed) > 0) confirm.push(`${id}:${processed}:${name}`);
  } else {
    failures += 1;
    console.log(`FAIL  ${label}, ${status === expected ? 'but ' : ''}${problems.join('; ')}`);
  }
});
writeFileSync(join(work, 'confirm'), confirm.map((line) => `${line}\n`).join(''));
process.exit(Math.min(failures, 100));
JS
cat "$work/verdicts"
failures=$judge
to_confirm=()
if [ -f "$work/confirm" ]; then mapfile -t to_confirm <"$work/confirm"; fi

# Writes "<correlation id> <count of its processed lines>" for each id given, searching the
# consumer's log group once per ten ids (a filter pattern is at most 1024 characters).
count_processed() {
  local ids=("$@") chunk pattern
  : >"$work/found"
  while [ "${#ids[@]}" -gt 0 ]; do
    chunk=("${ids[@]:0:10}")
    ids=("${ids[@]:10}")
    pattern="$(printf ' || $.correlationId = "%s"' "${chunk[@]}")"
    pattern="{ \$.outcome = \"processed\" && (${pattern# || }) }"
    awsc logs filter-log-events --log-group-name "$LOG_GROUP" --start-time "$started_ms" \
      --filter-pattern "$pattern" --query 'events[].message' --output json >>"$work/found" 2>"$work/logs-error" ||
      say "searching $LOG_GROUP failed: $(head -c 300 "$work/logs-error")"
  done
  node --input-type=module - "$work/found" "$@" <<'JS'
import { readFileSync } from 'node:fs';
const [file, ...ids] = process.argv.slice(2);
const counts = new Map(ids.map((id) => [id, 0]));
// One JSON array per search, written one after another.
const text = readFileSync(file, 'utf8').replace(/\]\s*\[/g, ',').trim();
for (const message of text === '' ? [] : JSON.parse(text) ?? []) {
  try {
    const line = JSON.parse(message);
    if (line.outcome === 'processed' && counts.has(line.correlationId)) counts.set(line.correlationId, counts.get(line.correlationId) + 1);
  } catch {
    // not a JSON line: not the consumer's
  }
}
for (const [id, count] of counts) console.log(`${id} ${count}`);
JS
}

if [ "${#to_confirm[@]}" -gt 0 ]; then
  echo "Waiting up to ${TIMEOUT}s for the consumer to log them as processed in $LOG_GROUP"
  deadline=$(($(date +%s) + TIMEOUT))
  pending=("${to_confirm[@]}")
  while [ "${#pending[@]}" -gt 0 ]; do
    declare -A got=()
    while read -r id count; do got[$id]=$count; done < <(count_processed "${pending[@]%%:*}")
    late="$([ "$(date +%s)" -ge "$deadline" ] && echo 1 || echo 0)"
    still=()
    for item in "${pending[@]}"; do
      IFS=: read -r id want name <<<"$item"
      count="${got[$id]:-0}"
      if [ "$count" -ge "$want" ]; then
        pass "$name: consumer processed $want (correlation id $id)"
      elif [ "$late" = 1 ]; then
        fail "$name: consumer processed $count of $want within ${TIMEOUT}s (correlation id $id)"
      else
        still+=("$item")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if [ "${#pending[@]}" -gt 0 ]; then sleep 3; fi
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "All checks passed"
