#!/usr/bin/env bash
# Usage: scripts/deploy.sh [options]
#
# Builds the functions, packages cloudformation/template.yaml (uploads dist/producer and
# dist/consumer to the artifact bucket) and deploys it through a change set, printing the
# stack events as they happen and the stack outputs at the end. A deploy with no change
# succeeds without touching the stack.
#
# Options (each also read from the environment variable named after it):
#   --stack-name NAME      STACK_NAME       stack to create or update (default: ferry-dev)
#   --bucket NAME          ARTIFACT_BUCKET  bucket for the code bundles, created if missing
#                                           (default: ferry-artifacts-<account id>-<region>)
#   --region REGION        AWS_REGION       (default: AWS_DEFAULT_REGION, the CLI's, us-east-1)
#   --parameter KEY=VALUE  PARAMETER_OVERRIDES (space separated KEY=VALUE list); repeatable,
#                                           e.g. --parameter LogLevel=debug
#   --template FILE        TEMPLATE         (default: cloudformation/template.yaml)
#   --role-arn ARN         CFN_EXECUTION_ROLE_ARN  role CloudFormation acts with (default: the
#                                           caller's own permissions); see github-oidc.yaml
#   --skip-build           SKIP_BUILD=1     deploy the dist/ that is already there
#   --event-poll SECONDS   EVENT_POLL_SECONDS  how often to fetch stack events (default: 5)
#   -h, --help             show this help
#
# AWS_ENDPOINT_URL sends every call (S3, CloudFormation) to another endpoint, e.g. moto.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

STACK_NAME="${STACK_NAME:-ferry-dev}"
ARTIFACT_BUCKET="${ARTIFACT_BUCKET:-}"
TEMPLATE="${TEMPLATE:-$FERRY_ROOT/cloudformation/template.yaml}"
SKIP_BUILD="${SKIP_BUILD:-0}"
EVENT_POLL_SECONDS="${EVENT_POLL_SECONDS:-5}"
CFN_EXECUTION_ROLE_ARN="${CFN_EXECUTION_ROLE_ARN:-}"
read -r -a overrides <<<"${PARAMETER_OVERRIDES:-}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --bucket) need_value "$1" "$#" "${2-}"; ARTIFACT_BUCKET="$2"; shift ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    --parameter) need_value "$1" "$#" "${2-}"; overrides+=("$2"); shift ;;
    --template) need_value "$1" "$#" "${2-}"; TEMPLATE="$2"; shift ;;
    --role-arn) need_value "$1" "$#" "${2-}"; CFN_EXECUTION_ROLE_ARN="$2"; shift ;;
    --skip-build) SKIP_BUILD=1 ;;
    --event-poll) need_value "$1" "$#" "${2-}"; EVENT_POLL_SECONDS="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

for override in "${overrides[@]}"; do
  [[ "$override" == ?*=* ]] || die "parameter override '$override' is not KEY=VALUE"
done
require_seconds --event-poll "$EVENT_POLL_SECONDS"
[ -f "$TEMPLATE" ] || die "template not found: $TEMPLATE"
require_command "$AWS_CLI" "the AWS CLI"
resolve_region

if [ "$SKIP_BUILD" != 1 ]; then
  bash "$FERRY_ROOT/scripts/build.sh"
fi
for fn in producer consumer; do
  [ -f "$FERRY_ROOT/dist/$fn/index.js" ] || die "dist/$fn/index.js is missing: run scripts/build.sh"
done

# A stack whose first creation failed is left in ROLLBACK_COMPLETE, which CloudFormation can only
# delete: every deploy would fail on it, so say so before uploading anything.
current="$(awsc cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].StackStatus' --output text 2>/dev/null || true)"
if [ "$current" = ROLLBACK_COMPLETE ]; then
  die "stack $STACK_NAME is ROLLBACK_COMPLETE: its first creation failed, and CloudFormation can only delete it now. See why in its events (aws cloudformation describe-stack-events --stack-name $STACK_NAME), delete it (scripts/teardown.sh --stack-name $STACK_NAME, with credentials that may delete stacks; the deploy role may not), then deploy again"
fi

if [ -z "$ARTIFACT_BUCKET" ]; then
  account="$(awsc sts get-caller-identity --query Account --output text)" ||
    die "cannot read the account id: are AWS credentials set?"
  ARTIFACT_BUCKET="ferry-artifacts-$account-$AWS_REGION"
fi

if head_error="$(awsc s3api head-bucket --bucket "$ARTIFACT_BUCKET" 2>&1 >/dev/null)"; then
  say "artifact bucket s3://$ARTIFACT_BUCKET exists"
elif [[ "$head_error" == *"Not Found"* || "$head_error" == *"404"* || "$head_error" == *NoSuchBucket* ]]; then
  say "creating artifact bucket s3://$ARTIFACT_BUCKET in $AWS_REGION"
  if [ "$AWS_REGION" = us-east-1 ]; then
    awsc s3api create-bucket --bucket "$ARTIFACT_BUCKET" >/dev/null
  else
    awsc s3api create-bucket --bucket "$ARTIFACT_BUCKET" \
      --create-bucket-configuration "LocationConstraint=$AWS_REGION" >/dev/null
  fi
  # New buckets block public access and encrypt (SSE-S3) by default since 2023.
else
  die "cannot use bucket s3://$ARTIFACT_BUCKET: $head_error"
fi

work="$(mktemp -d)"
poller=""
cleanup() {
  if [ -n "$poller" ]; then kill "$poller" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

packaged="$work/packaged.yaml"
# `cloudformation package` zips dist/<fn>/ with each file's modification time, and names the upload
# after the zip's MD5. A rebuild writes the same bytes with new times; one fixed time keeps the zip,
# its key and so the stack unchanged when the code is.
find "$FERRY_ROOT/dist" -exec touch -h -d '2000-01-01T00:00:00Z' {} +
say "packaging $TEMPLATE to s3://$ARTIFACT_BUCKET/$STACK_NAME/"
# `cloudformation package` makes its S3 client without --endpoint-url: it reaches another endpoint
# only through AWS_ENDPOINT_URL, which AWS CLI v1.29+ and v2.13+ read.
# Its upload progress redraws one line with carriage returns: keep each upload's final line only.
package_log() {
  tr '\r' '\n' <"$work/package.log" | grep -v -E -e '^\s*$' -e '\((([0-9]|[1-9][0-9])\.[0-9]+)%\)\s*$' >&2 || true
}
if ! awsc cloudformation package --template-file "$TEMPLATE" --s3-bucket "$ARTIFACT_BUCKET" \
  --s3-prefix "$STACK_NAME" --output-template-file "$packaged" >/dev/null 2>"$work/package.log"; then
  package_log
  if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
    say "note: with AWS_ENDPOINT_URL, packaging needs AWS CLI v1.29+ or v2.13+ (this is $("$AWS_CLI" --version 2>&1 | cut -d' ' -f1))"
  fi
  die "packaging failed"
fi
package_log

# Stack events, oldest first, one tab-separated line each; the event id comes first.
stack_events() {
  awsc cloudformation describe-stack-events --stack-name "$STACK_NAME" --max-items 100 \
    --query 'StackEvents[].[EventId,Timestamp,LogicalResourceId,ResourceType,ResourceStatus,ResourceStatusReason]' \
    --output text 2>/dev/null | grep -v '^None' | tac || true
}
seen="$work/seen-events"
stack_events | cut -f1 >"$seen"
print_new_events() {
  local id rest
  while IFS=$'\t' read -r id rest; do
    [ -n "$id" ] || continue
    if ! grep -qxF -- "$id" "$seen"; then
      echo "$id" >>"$seen"
      printf '  %s\n' "${rest//$'\t'/  }"
    fi
  done < <(stack_events)
}
(
  while sleep "$EVENT_POLL_SECONDS"; do print_new_events; done
) &
poller=$!

say "deploying stack $STACK_NAME in $AWS_REGION"
deploy_args=(--template-file "$packaged" --stack-name "$STACK_NAME" --capabilities CAPABILITY_IAM
  --no-fail-on-empty-changeset --tags app=ferry "stack=$STACK_NAME")
if [ -n "$CFN_EXECUTION_ROLE_ARN" ]; then
  deploy_args+=(--role-arn "$CFN_EXECUTION_ROLE_ARN")
fi
if [ "${#overrides[@]}" -gt 0 ]; then
  deploy_args+=(--parameter-overrides "${overrides[@]}")
fi
status=0
awsc cloudformation deploy "${deploy_args[@]}" 2>"$work/deploy-errors" || status=$?
cat "$work/deploy-errors" >&2
# AWS fails an empty change set, which --no-fail-on-empty-changeset accepts; some endpoints (moto)
# refuse it at CreateChangeSet with UpdateStack's message instead. Both mean: nothing to change.
if [ "$status" -ne 0 ] && grep -q 'No updates are to be performed' "$work/deploy-errors"; then
  say "no changes to deploy"
  status=0
fi

kill "$poller" 2>/dev/null || true
wait "$poller" 2>/dev/null || true
poller=""
print_new_events

if [ "$status" -ne 0 ]; then
  die "deploy of $STACK_NAME failed (exit $status); the events above say why"
fi

stack_status="$(awsc cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].StackStatus' --output text)"
say "stack $STACK_NAME is $stack_status"
echo "Outputs of $STACK_NAME:"
outputs="$(awsc cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Outputs[].[OutputKey, OutputValue]' --output text)"
if [ -z "$outputs" ] || [ "$outputs" = None ]; then
  echo "  (the endpoint reported no outputs)"
else
  while IFS=$'\t' read -r key value; do
    printf '  %-24s %s\n' "$key" "$value"
  done <<<"$outputs"
fi
