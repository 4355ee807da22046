#!/usr/bin/env bash
# Usage: scripts/teardown.sh [options]
#
# Deletes the stack and waits until it is gone. The artifact bucket that scripts/deploy.sh
# uploads the bundles to is shared by every stack (each under its own STACK_NAME/ prefix), so:
# --delete-artifacts removes this stack's uploads only; --delete-bucket does that, then deletes
# the bucket if it is then empty and no CloudFormation stack owns it (the bootstrap's bucket,
# which the deploy role cannot recreate); otherwise it says why and leaves the bucket.
#
# Options (each also read from the environment variable named after it):
#   --stack-name NAME   STACK_NAME          stack to delete (default: ferry-dev)
#   --delete-artifacts  DELETE_ARTIFACTS=1  also delete s3://BUCKET/STACK_NAME/
#   --delete-bucket     DELETE_BUCKET=1     that, and the bucket itself if nothing else uses it
#   --bucket NAME       ARTIFACT_BUCKET     (default: ferry-artifacts-<account id>-<region>)
#   --region REGION     AWS_REGION
#   -h, --help          show this help
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

STACK_NAME="${STACK_NAME:-ferry-dev}"
DELETE_BUCKET="${DELETE_BUCKET:-0}"
DELETE_ARTIFACTS="${DELETE_ARTIFACTS:-0}"
ARTIFACT_BUCKET="${ARTIFACT_BUCKET:-}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --delete-bucket) DELETE_BUCKET=1 ;;
    --delete-artifacts) DELETE_ARTIFACTS=1 ;;
    --bucket) need_value "$1" "$#" "${2-}"; ARTIFACT_BUCKET="$2"; shift ;;
    --region) need_value "$1" "$#" "${2-}"; AWS_REGION="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

require_command "$AWS_CLI" "the AWS CLI"
resolve_region

# Deleting a stack that does not exist succeeds, and so does waiting for it.
say "deleting stack $STACK_NAME in $AWS_REGION"
awsc cloudformation delete-stack --stack-name "$STACK_NAME"
awsc cloudformation wait stack-delete-complete --stack-name "$STACK_NAME" ||
  die "stack $STACK_NAME was not deleted; see its events (aws cloudformation describe-stack-events)"
say "stack $STACK_NAME is gone"

[ "$DELETE_BUCKET" = 1 ] && DELETE_ARTIFACTS=1
[ "$DELETE_ARTIFACTS" = 1 ] || exit 0

if [ -z "$ARTIFACT_BUCKET" ]; then
  account="$(awsc sts get-caller-identity --query Account --output text)" ||
    die "cannot read the account id: are AWS credentials set?"
  ARTIFACT_BUCKET="ferry-artifacts-$account-$AWS_REGION"
fi
if ! awsc s3api head-bucket --bucket "$ARTIFACT_BUCKET" >/dev/null 2>&1; then
  say "no bucket s3://$ARTIFACT_BUCKET; nothing to delete"
  exit 0
fi
say "deleting s3://$ARTIFACT_BUCKET/$STACK_NAME/"
awsc s3 rm "s3://$ARTIFACT_BUCKET/$STACK_NAME/" --recursive >/dev/null
[ "$DELETE_BUCKET" = 1 ] || exit 0

owner="$(awsc s3api get-bucket-tagging --bucket "$ARTIFACT_BUCKET" \
  --query "TagSet[?Key=='aws:cloudformation:stack-name'].Value | [0]" --output text 2>/dev/null || true)"
if [ -n "$owner" ] && [ "$owner" != None ]; then
  say "bucket $ARTIFACT_BUCKET left in place: stack $owner owns it (deploys need it)"
  exit 0
fi
left="$(awsc s3api list-objects-v2 --bucket "$ARTIFACT_BUCKET" --max-keys 1 --query KeyCount --output text)"
if [ "$left" != 0 ]; then
  what="$(awsc s3api list-objects-v2 --bucket "$ARTIFACT_BUCKET" --delimiter / \
    --query 'CommonPrefixes[].Prefix' --output text | tr '\t' ' ')"
  say "bucket $ARTIFACT_BUCKET left in place: it still holds other uploads (${what:-objects at its top})"
  exit 0
fi
awsc s3 rb "s3://$ARTIFACT_BUCKET" >/dev/null
say "bucket $ARTIFACT_BUCKET deleted"
