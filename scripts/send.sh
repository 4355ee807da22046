#!/usr/bin/env bash
# Usage: scripts/send.sh [options]
#
# Smoke test of a deployed Ferry. Posts valid messages, single and batched, built from the
# `examples` of every schema in schemas/types/, and invalid ones, and checks each status code
# and response. Then it waits until the consumer has logged every accepted message as
# processed (aws logs filter-log-events on the consumer log group, by correlation id).
# Prints one PASS or FAIL line per check; exits 1 if any check failed.
#
# How long it waits for each message is computed from the deployed stack, the same way locally
# and on AWS: an example whose data has `"simulateTransientFailures": k` fails k times on
# purpose and comes back each time only after the queue's visibility timeout, so it gets
#   k x VisibilityTimeout + MaximumBatchingWindowInSeconds + margin,
# and every other message gets the window + the margin. VisibilityTimeout (and maxReceiveCount)
# come from `aws sqs get-queue-attributes` on the stack's QueueUrl output (else its MessagesQueue
# resource); the window from `aws lambda list-event-source-mappings` on its ConsumerFunctionName
# output (else its ConsumerFunction resource), or, where there is no Lambda API to ask (ferry up)
# or it may not be read, from the stack's MaximumBatchingWindowInSeconds parameter
# (describe-stacks). Each value is printed with where it came from. A message that would go to
# the dead-letter queue (k >= maxReceiveCount) or need more than --max-wait is named on a SKIP
# line and not waited for.
#
# Options (each also read from the environment variable named after it):
#   --api-url URL        API_URL      base URL of the API (default: the stack's ApiUrl output)
#   --stack-name NAME    STACK_NAME   stack to read outputs and settings from (default: ferry-dev)
#   --log-group NAME     LOG_GROUP    consumer log group (default: the ConsumerLogGroupName output)
#   --timeout SECONDS    TIMEOUT      wait this long for every message instead of the computed
#                                     wait (the stack's settings are then not read)
#   --margin SECONDS     MARGIN       added to each computed wait for one invocation and the log
#                                     line's delivery (default: 30)
#   --max-wait SECONDS   MAX_WAIT     ceiling of a computed wait: a message needing longer is
#                                     skipped (default: 900)
#   --plan-only                       print the requests and the computed waits; send nothing
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
TIMEOUT="${TIMEOUT:-}"
MARGIN="${MARGIN:-30}"
MAX_WAIT="${MAX_WAIT:-900}"
PLAN_ONLY=0
SCHEMAS_DIR="${SCHEMAS_DIR:-$FERRY_ROOT/schemas/types}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --api-url) need_value "$1" "$#" "${2-}"; API_URL="$2"; shift ;;
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --log-group) need_value "$1" "$#" "${2-}"; LOG_GROUP="$2"; shift ;;
    --timeout) need_value "$1" "$#" "${2-}"; TIMEOUT="$2"; shift ;;
    --margin) need_value "$1" "$#" "${2-}"; MARGIN="$2"; shift ;;
    --max-wait) need_value "$1" "$#" "${2-}"; MAX_WAIT="$2"; shift ;;
    --plan-only) PLAN_ONLY=1 ;;
    --schemas) need_value "$1" "$#" "${2-}"; SCHEMAS_DIR="$2"; shift ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

if [ -n "$TIMEOUT" ]; then require_seconds --timeout "$TIMEOUT"; fi
require_seconds --margin "$MARGIN"
require_seconds --max-wait "$MAX_WAIT"
[ -d "$SCHEMAS_DIR" ] || die "schemas directory not found: $SCHEMAS_DIR"
if [ "$PLAN_ONLY" = 0 ]; then require_command curl; fi
require_command node "Node.js, to read the schemas and responses"
require_command "$AWS_CLI" "the AWS CLI"
resolve_region

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One value of the stack: stack_value Outputs|Parameters KEY prints it, or nothing when the stack
# has no such key; returns 1 when the stack cannot be read. The stack is described once (each AWS
# CLI call starts a Python), into a file, since callers run this in a subshell.
stack_value() {
  if [ ! -s "$work/stack.json" ]; then
    awsc cloudformation describe-stacks --stack-name "$STACK_NAME" \
      --query 'Stacks[0].{Outputs: Outputs, Parameters: Parameters}' --output json >"$work/stack.json" || return 1
  fi
  node --input-type=module - "$work/stack.json" "$1" "$2" <<'JS'
import { readFileSync } from 'node:fs';
const [file, kind, key] = process.argv.slice(2);
const list = JSON.parse(readFileSync(file, 'utf8'))?.[kind] ?? [];
const prefix = kind === 'Outputs' ? 'Output' : 'Parameter';
const found = list.find((item) => item[`${prefix}Key`] === key);
if (found !== undefined) console.log(found[`${prefix}Value`]);
JS
}

if [ "$PLAN_ONLY" = 1 ]; then
  : # nothing is sent: no API URL or log group needed
elif [ -z "$API_URL" ]; then
  API_URL="$(stack_value Outputs ApiUrl)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$API_URL" ] || die "stack $STACK_NAME has no ApiUrl output; pass --api-url"
fi
if [ "$PLAN_ONLY" = 0 ] && [ -z "$LOG_GROUP" ]; then
  LOG_GROUP="$(stack_value Outputs ConsumerLogGroupName)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$LOG_GROUP" ] || die "stack $STACK_NAME has no ConsumerLogGroupName output; pass --log-group"
fi
API_URL="${API_URL%/}"

run_id="smoke-$(date +%s)-$RANDOM"
started_ms="$(($(date +%s) * 1000 - 60000))"

# The plan: one line per request, fields separated by \x1f (a tab would merge empty fields), and
# its body in a file.
#   name  method  path  content-type  expected-status  body-file  correlation-id  processed  check
#   failures
# failures: the JSON list, one [example, k] per message to be processed, of how many times the
# consumer fails it on purpose (its data's simulateTransientFailures, else 0).
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
  return { type, list: list.map((data, i) => ({ type, data, label: `${type} examples[${i}]` })) };
});
const failuresOf = ({ data }) => {
  const k = data?.simulateTransientFailures;
  return Number.isInteger(k) && k > 0 ? k : 0;
};
let n = 0;
// processed: the messages the consumer is to log as processed.
const line = (name, method, path, contentType, status, body, processed, check) => {
  n += 1;
  const file = join(out, `body-${n}`);
  writeFileSync(file, body ?? '');
  const id = `${runId}-${n}`;
  const failures = JSON.stringify(processed.map((m) => [m.label, failuresOf(m)]));
  console.log([name, method, path, contentType, status, body === undefined ? '' : file, id, processed.length, check, failures].join('\x1f'));
};
const json = (value) => JSON.stringify(value);
const envelope = ({ type, data }) => ({ type, data });
const first = examples[0].list[0];
for (const { type, list } of examples) {
  line(`single ${type}`, 'POST', '/messages', 'application/json', 202, json(envelope(list[0])), [list[0]], `single:${type}`);
}
const batch = examples.flatMap(({ list }) => list).slice(0, 10);
line(`batch of ${batch.length}`, 'POST', '/messages/batch', 'application/json', 202, json({ messages: batch.map(envelope) }), batch, `batch:${batch.length}`);
line('batch, one valid one invalid', 'POST', '/messages/batch', 'application/json', 207, json({ messages: [envelope(first), { type: first.type, data: {} }] }), [first], 'batch:1');
line('GET /types', 'GET', '/types', '', 200, undefined, [], `types:${examples.map((e) => e.type).join(',')}`);
line('malformed JSON', 'POST', '/messages', 'application/json', 400, '{"type": ', [], 'error');
line('not JSON (text/plain)', 'POST', '/messages', 'text/plain', 415, json(envelope(first)), [], 'error');
line('envelope without data', 'POST', '/messages', 'application/json', 422, json({ type: first.type }), [], 'error');
line('unknown type', 'POST', '/messages', 'application/json', 422, json({ type: 'no.such_type', data: {} }), [], 'error');
line('data against its schema', 'POST', '/messages', 'application/json', 422, json({ type: first.type, data: {} }), [], 'error');
line('batch of 11', 'POST', '/messages/batch', 'application/json', 400, json({ messages: Array(11).fill(envelope(first)) }), [], 'error');
JS

# The physical id of one of the stack's resources (a queue's URL, a function's name), or nothing.
stack_resource() {
  local value
  value="$(awsc cloudformation describe-stack-resources --stack-name "$1" --logical-resource-id "$2" \
    --query 'StackResources[0].PhysicalResourceId' --output text 2>/dev/null)" || return 1
  if [ "$value" != "None" ]; then printf '%s\n' "$value"; fi
}

# The settings each wait is computed from, read from the deployed stack (see the header).
VISIBILITY="" MAX_RECEIVE="" WINDOW=""
read_queue_settings() {
  local queue_url function_name reply queue_arn="" redrive mapping mappings
  queue_url="$(stack_value Outputs QueueUrl)" ||
    die "cannot read the outputs of stack $STACK_NAME to compute the waits; pass --timeout SECONDS to wait a fixed time"
  # A stack whose outputs are missing (moto leaves them all out when one cannot be resolved) still
  # names its resources.
  if [ -z "$queue_url" ]; then queue_url="$(stack_resource "$STACK_NAME" MessagesQueue)" || queue_url=""; fi
  [ -n "$queue_url" ] ||
    die "stack $STACK_NAME has neither a QueueUrl output nor a MessagesQueue resource; pass --timeout SECONDS to wait a fixed time"
  if reply="$(awsc sqs get-queue-attributes --queue-url "$queue_url" \
    --attribute-names VisibilityTimeout RedrivePolicy QueueArn \
    --query '[Attributes.VisibilityTimeout, Attributes.QueueArn, Attributes.RedrivePolicy]' --output text 2>"$work/sqs-error")"; then
    IFS=$'\t' read -r VISIBILITY queue_arn redrive <<<"$reply"
    if [[ "$redrive" =~ \"maxReceiveCount\"[[:space:]]*:[[:space:]]*\"?([0-9]+) ]]; then MAX_RECEIVE="${BASH_REMATCH[1]}"; fi
    echo "  visibility timeout ${VISIBILITY}s${MAX_RECEIVE:+, maxReceiveCount $MAX_RECEIVE} (sqs get-queue-attributes on $queue_url)"
  else
    say "cannot read the attributes of $queue_url ($(head -c 300 "$work/sqs-error")); reading the stack's QueueVisibilityTimeout parameter instead"
    VISIBILITY="$(stack_value Parameters QueueVisibilityTimeout)" || VISIBILITY=""
    MAX_RECEIVE="$(stack_value Parameters MaxReceiveCount)" || MAX_RECEIVE=""
    echo "  visibility timeout ${VISIBILITY}s${MAX_RECEIVE:+, maxReceiveCount $MAX_RECEIVE} (the stack's QueueVisibilityTimeout and MaxReceiveCount parameters)"
  fi
  [[ "$VISIBILITY" =~ ^[0-9]+$ ]] ||
    die "cannot tell the visibility timeout of stack $STACK_NAME's queue (got '$VISIBILITY'); pass --timeout SECONDS to wait a fixed time"

  function_name="$(stack_value Outputs ConsumerFunctionName)" || function_name=""
  if [ -z "$function_name" ]; then function_name="$(stack_resource "$STACK_NAME" ConsumerFunction)" || function_name=""; fi
  # The mapping from this queue; the function's first one when the queue's ARN is not known.
  mappings="EventSourceMappings"
  if [ -n "${queue_arn:-}" ] && [ "$queue_arn" != None ]; then mappings+="[?EventSourceArn=='$queue_arn']"; fi
  if [ -n "$function_name" ] &&
    mapping="$(awsc lambda list-event-source-mappings --function-name "$function_name" \
      --query "$mappings | [0].[UUID, MaximumBatchingWindowInSeconds]" \
      --output text 2>"$work/lambda-error")" && [ "${mapping%%$'\t'*}" != None ]; then
    WINDOW="${mapping#*$'\t'}"
    # The API leaves the field out of a mapping without a window.
    if [ "$WINDOW" = None ]; then WINDOW=0; fi
    echo "  batching window ${WINDOW}s (lambda list-event-source-mappings of $function_name)"
  else
    WINDOW="$(stack_value Parameters MaximumBatchingWindowInSeconds)" || WINDOW=""
    echo "  batching window ${WINDOW}s (the stack's MaximumBatchingWindowInSeconds parameter: the event source mapping${function_name:+ of $function_name} could not be read)"
  fi
  [[ "$WINDOW" =~ ^[0-9]+$ ]] ||
    die "cannot tell the batching window of stack $STACK_NAME (got '$WINDOW'); pass --timeout SECONDS to wait a fixed time"
  echo "  margin ${MARGIN}s for one invocation and the log line's delivery; ceiling ${MAX_WAIT}s"
}

if [ "$PLAN_ONLY" = 1 ]; then
  echo "Plan of the smoke test of stack $STACK_NAME (nothing is sent)"
else
  echo "Smoke test of $API_URL (run $run_id)"
fi
# With --timeout every message waits that long and the stack's settings are not read.
if [ -z "$TIMEOUT" ]; then
  echo "Waits, from stack $STACK_NAME:"
  read_queue_settings
fi

# One line per request with messages to confirm: "n want wait why skipped" (\x1f-separated).
node --input-type=module - "$work/plan" "$TIMEOUT" "$VISIBILITY" "$WINDOW" "$MARGIN" "$MAX_WAIT" "$MAX_RECEIVE" >"$work/waits" <<'JS'
import { readFileSync } from 'node:fs';
const [file, timeout, visibility, window, margin, ceiling, maxReceive] = process.argv.slice(2);
const plan = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => line.split('\x1f'));
plan.forEach(([, , , , , , , , , failures], i) => {
  const messages = JSON.parse(failures);
  if (messages.length === 0) return;
  if (timeout !== '') {
    console.log([i + 1, messages.length, Number(timeout), '--timeout', ''].join('\x1f'));
    return;
  }
  const [vt, w, m] = [visibility, window, margin].map(Number);
  const kept = [];
  const skipped = [];
  for (const [label, k] of messages) {
    const need = k * vt + w + m;
    if (maxReceive !== '' && k >= Number(maxReceive)) {
      skipped.push(`${label} fails ${k} times on purpose, at least the queue's maxReceiveCount ${maxReceive}: it goes to the dead-letter queue`);
    } else if (need > Number(ceiling)) {
      skipped.push(`${label} fails ${k} times on purpose and would need ${k} x ${vt}s + ${w}s + ${m}s = ${need}s, over the ${ceiling}s ceiling (--max-wait)`);
    } else {
      kept.push([label, k]);
    }
  }
  const k = Math.max(0, ...kept.map(([, k]) => k));
  const failing = kept.filter(([, n]) => n === k).map(([label]) => label);
  const why =
    k > 0
      ? `${k} x ${vt}s visibility timeout (${failing.join(', ')} fails ${k} times on purpose) + ${w}s window + ${m}s margin`
      : `${w}s window + ${m}s margin`;
  console.log([i + 1, kept.length, k * vt + w + m, why, skipped.join('; ')].join('\x1f'));
});
JS

if [ "$PLAN_ONLY" = 1 ]; then
  echo "Requests, then the messages to confirm and the wait for them:"
  declare -A wait_of=()
  while IFS=$'\x1f' read -r i want wait why skipped; do wait_of[$i]="$want"$'\x1f'"$wait"$'\x1f'"$why"$'\x1f'"$skipped"; done <"$work/waits"
  i=0
  while IFS=$'\x1f' read -r name method path _ expected _; do
    i=$((i + 1))
    line="  $name: $method $path -> $expected"
    if [ -n "${wait_of[$i]:-}" ]; then
      IFS=$'\x1f' read -r want wait why skipped <<<"${wait_of[$i]}"
      if [ "$want" -gt 0 ]; then line+=", then $want processed within ${wait}s = $why"; fi
      if [ -n "$skipped" ]; then line+=" (not waited for: $skipped)"; fi
    fi
    echo "$line"
  done <"$work/plan"
  exit 0
fi

failures=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  failures=$((failures + 1))
}

n=0
while IFS=$'\x1f' read -r _name method path content_type _expected body_file id _processed _check; do
  n=$((n + 1))
  args=(-sS -o "$work/response-$n" -w '%{http_code}' --max-time 30 -X "$method" -H "x-correlation-id: $id")
  if [ -n "$content_type" ]; then args+=(-H "content-type: $content_type"); fi
  if [ -n "$body_file" ]; then args+=(--data-binary "@$body_file"); fi
  curl "${args[@]}" "$API_URL$path" >"$work/status-$n" 2>"$work/curl-error-$n" || echo 000 >"$work/status-$n"
done <"$work/plan"

# Judges every response against the plan: prints a PASS or FAIL line for each, writes the
# accepted messages to confirm, with their waits ("id want wait name why skipped", \x1f-separated),
# and exits with the number of failures.
judge=0
node --input-type=module - "$work" >"$work/verdicts" <<'JS' || judge=$?
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const [work] = process.argv.slice(2);
const read = (name) => (existsSync(join(work, name)) ? readFileSync(join(work, name), 'utf8') : '');
const plan = read('plan').split('\n').filter(Boolean).map((line) => line.split('\x1f'));
const waits = new Map(read('waits').split('\n').filter(Boolean).map((line) => [Number(line.split('\x1f')[0]), line.split('\x1f').slice(1)]));
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
    if (Number(processed) > 0) {
      const [want, wait, why, skipped] = waits.get(i + 1);
      confirm.push([id, want, wait, name, why, skipped].join('\x1f'));
    }
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

# Each request's messages are waited for as long as computed for them (or --timeout), from now.
pending=()
for item in "${to_confirm[@]+"${to_confirm[@]}"}"; do
  IFS=$'\x1f' read -r id want wait name why skipped <<<"$item"
  if [ -n "$skipped" ]; then printf 'SKIP  %s: not waited for: %s\n' "$name" "$skipped"; fi
  if [ "$want" -gt 0 ]; then pending+=("$item"); fi
done
if [ "${#pending[@]}" -gt 0 ]; then
  if [ -n "$TIMEOUT" ]; then
    echo "Waiting up to ${TIMEOUT}s for the consumer to log them as processed in $LOG_GROUP"
  else
    echo "Waiting for the consumer to log them as processed in $LOG_GROUP:"
    for item in "${pending[@]}"; do
      IFS=$'\x1f' read -r id want wait name why skipped <<<"$item"
      echo "  $name: up to ${wait}s = $why"
    done
  fi
  started="$(date +%s)"
  while [ "${#pending[@]}" -gt 0 ]; do
    declare -A got=()
    while read -r id count; do got[$id]=$count; done < <(count_processed "${pending[@]%%$'\x1f'*}")
    elapsed=$(($(date +%s) - started))
    still=()
    for item in "${pending[@]}"; do
      IFS=$'\x1f' read -r id want wait name why skipped <<<"$item"
      count="${got[$id]:-0}"
      if [ "$count" -ge "$want" ]; then
        pass "$name: consumer processed $want (correlation id $id)"
      elif [ "$elapsed" -ge "$wait" ]; then
        fail "$name: consumer processed $count of $want within ${wait}s (correlation id $id)"
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
