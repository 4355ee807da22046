import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { staleReason } from '../../../local/cli/freshness.js';

test('freshness: no build, a newer source, and an up-to-date build', () => {
  const root = mkdtempSync(join(tmpdir(), 'ferry-fresh-'));
  try {
    mkdirSync(join(root, 'services/lib'), { recursive: true });
    mkdirSync(join(root, 'schemas'));
    writeFileSync(join(root, 'services/lib/a.ts'), '');
    writeFileSync(join(root, 'schemas/s.json'), '{}');
    assert.is(staleReason(root), 'dist/ has no build');
    mkdirSync(join(root, 'dist/producer'), { recursive: true });
    writeFileSync(join(root, 'dist/producer/index.js'), '');
    const at = (file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);
    at('dist/producer/index.js', 2000);
    at('services/lib/a.ts', 1000);
    at('schemas/s.json', 3000);
    assert.is(staleReason(root), 'schemas/s.json is newer than dist/');
    at('schemas/s.json', 1500);
    assert.is(staleReason(root), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
