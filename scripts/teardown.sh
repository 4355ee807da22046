#!/usr/bin/env bash
# Usage: scripts/teardown.sh [options]
#
# Deletes the stack and waits until it is gone. With --delete-bucket it also empties and
# deletes the artifact bucket that scripts/deploy.sh uploads the bundles to.
#
# Options (each also read from the environment variable named after it):
#   --stack-name NAME   STACK_NAME       stack to delete (default: ferry-dev)
#   --delete-bucket     DELETE_BUCKET=1  also empty and delete the artifact bucket
#   --bucket NAME       ARTIFACT_BUCKET  (default: ferry-artifacts-<account id>-<region>)
#   --region REGION     AWS_REGION
#   -h, --help          show this help
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

STACK_NAME="${STACK_NAME:-ferry-dev}"
DELETE_BUCKET="${DELETE_BUCKET:-0}"
ARTIFACT_BUCKET="${ARTIFACT_BUCKET:-}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --stack-name) need_value "$1" "$#" "${2-}"; STACK_NAME="$2"; shift ;;
    --delete-bucket) DELETE_BUCKET=1 ;;
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

if [ "$DELETE_BUCKET" = 1 ]; then
  if [ -z "$ARTIFACT_BUCKET" ]; then
    account="$(awsc sts get-caller-identity --query Account --output text)" ||
      die "cannot read the account id: are AWS credentials set?"
    ARTIFACT_BUCKET="ferry-artifacts-$account-$AWS_REGION"
  fi
  if awsc s3api head-bucket --bucket "$ARTIFACT_BUCKET" >/dev/null 2>&1; then
    say "emptying and deleting s3://$ARTIFACT_BUCKET"
    awsc s3 rb "s3://$ARTIFACT_BUCKET" --force >/dev/null
    say "bucket $ARTIFACT_BUCKET deleted"
  else
    say "no bucket s3://$ARTIFACT_BUCKET; nothing to delete"
  fi
fi
