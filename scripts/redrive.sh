#!/usr/bin/env bash
# Usage: scripts/redrive.sh [options]
#
# Moves the messages in the dead-letter queue back to the queue they came from, once the
# cause of their failure is fixed: starts an SQS message move task (StartMessageMoveTask),
# waits until it is done, and reports the queue counts before and after.
#
# Options (each also read from the environment variable named after it):
#   --stack-name NAME     STACK_NAME        stack whose DlqUrl and QueueUrl outputs to use
#                                           (default: ferry-dev)
#   --dlq-url URL         DLQ_URL           the dead-letter queue (default: the DlqUrl output)
#   --queue-url URL       QUEUE_URL         where to move them (default: the QueueUrl output)
#   --rate N              MAX_PER_SECOND    most messages moved per second (default: SQS decides)
#   --timeout SECONDS     TIMEOUT           how long to wait for the task (default: 600)
#   --region REGION       AWS_REGION
#   -h, --help            show this help
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

STACK_NAME="${STACK_NAME:-ferry-dev}"
DLQ_URL="${DLQ_URL:-}"
QUEUE_URL="${QUEUE_URL:-}"
MAX_PER_SECOND="${MAX_PER_SECOND:-}"
TIMEOUT="${TIMEOUT:-600}"
POLL_SECONDS="${POLL_SECONDS:-5}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --dlq-url) need_value "$1" "$#" "${2-}"; DLQ_URL="$2"; shift ;;
    --queue-url) need_value "$1" "$#" "${2-}"; QUEUE_URL="$2"; shift ;;
    --rate) need_value "$1" "$#" "${2-}"; MAX_PER_SECOND="$2"; shift ;;
    --timeout) need_value "$1" "$#" "${2-}"; TIMEOUT="$2"; shift ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

require_seconds --timeout "$TIMEOUT"
require_seconds POLL_SECONDS "$POLL_SECONDS"
if [ -n "$MAX_PER_SECOND" ]; then
  [[ "$MAX_PER_SECOND" =~ ^[1-9][0-9]*$ ]] || die "--rate must be a positive whole number, got '$MAX_PER_SECOND'"
fi
require_command "$AWS_CLI" "the AWS CLI"
resolve_region

if [ -z "$DLQ_URL" ]; then
  DLQ_URL="$(stack_output "$STACK_NAME" DlqUrl)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$DLQ_URL" ] || die "stack $STACK_NAME has no DlqUrl output; pass --dlq-url"
fi
if [ -z "$QUEUE_URL" ]; then
  QUEUE_URL="$(stack_output "$STACK_NAME" QueueUrl)" || die "cannot read the outputs of stack $STACK_NAME"
  [ -n "$QUEUE_URL" ] || die "stack $STACK_NAME has no QueueUrl output; pass --queue-url"
fi

arn_of() {
  awsc sqs get-queue-attributes --queue-url "$1" --attribute-names QueueArn \
    --query 'Attributes.QueueArn' --output text
}
# visible, in flight
counts_of() {
  awsc sqs get-queue-attributes --queue-url "$1" \
    --attribute-names ApproximateNumberOfMessages ApproximateNumberOfMessagesNotVisible \
    --query '[Attributes.ApproximateNumberOfMessages, Attributes.ApproximateNumberOfMessagesNotVisible]' \
    --output text
}
report() {
  local visible in_flight
  read -r visible in_flight <<<"$(counts_of "$DLQ_URL")"
  echo "$1: DLQ $visible visible, $in_flight in flight;" \
    "queue $(counts_of "$QUEUE_URL" | awk '{print $1 " visible, " $2 " in flight"}')"
}

dlq_arn="$(arn_of "$DLQ_URL")" || die "cannot read the dead-letter queue $DLQ_URL"
queue_arn="$(arn_of "$QUEUE_URL")" || die "cannot read the queue $QUEUE_URL"
report "before"

args=(--source-arn "$dlq_arn" --destination-arn "$queue_arn")
if [ -n "$MAX_PER_SECOND" ]; then args+=(--max-number-of-messages-per-second "$MAX_PER_SECOND"); fi
handle="$(awsc sqs start-message-move-task "${args[@]}" --query TaskHandle --output text)" ||
  die "could not start the move task from $dlq_arn"
say "started move task from $dlq_arn to $queue_arn"

deadline=$(($(date +%s) + TIMEOUT))
while :; do
  # The newest task of this source comes first.
  task="$(awsc sqs list-message-move-tasks --source-arn "$dlq_arn" --max-results 1 \
    --query 'Results[0].[Status, ApproximateNumberOfMessagesMoved, ApproximateNumberOfMessagesToMove, FailureReason]' \
    --output text)" || die "cannot list the move tasks of $dlq_arn"
  read -r status moved to_move failure <<<"$task"
  say "task $status: moved $moved of $to_move"
  case "$status" in
    COMPLETED) break ;;
    FAILED | CANCELLED) die "the move task ended $status: $failure (task $handle)" ;;
  esac
  if [ "$(date +%s)" -ge "$deadline" ]; then
    die "the move task is still $status after ${TIMEOUT}s; it keeps running (task $handle)"
  fi
  sleep "$POLL_SECONDS"
done
report "after"
