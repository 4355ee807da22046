import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The message types a project's schemas/types/ holds (one `<type>.schema.json` each), sorted: what
 * the producer reports as known. Read from the directory, so adding a type as README describes
 * keeps the tests that list the known types true.
 */
export function schemaTypes(root = ROOT): string[] {
  return readdirSync(join(root, 'schemas', 'types'))
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.schema.json'.length))
    .sort();
}
