#!/usr/bin/env bash
# Usage: scripts/build.sh [--skip-typecheck] [-h|--help]
#
# Type-checks the project (tsc --noEmit) and bundles both functions (npm run build:
# precompiled validators, then tsup) into dist/producer and dist/consumer.
#
# Options:
#   --skip-typecheck   bundle only (or set SKIP_TYPECHECK=1)
#   -h, --help         show this help
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

SKIP_TYPECHECK="${SKIP_TYPECHECK:-0}"

while [ "$#" -gt 0 ]; do
  case "$1" in
    --skip-typecheck) SKIP_TYPECHECK=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) unknown_flag "$1" ;;
  esac
  shift
done

require_command node "Node.js 20 or later"
require_command npx
cd "$FERRY_ROOT"

if [ "$SKIP_TYPECHECK" != 1 ]; then
  say "type-checking"
  npx tsc --noEmit
fi
say "bundling into dist/"
npm run --silent build

for fn in producer consumer; do
  [ -f "dist/$fn/index.js" ] || die "the build did not produce dist/$fn/index.js"
done
say "built dist/producer and dist/consumer"
