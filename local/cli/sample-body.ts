// What a sample message carries: the envelope `{ type, data }` with the first example of the type's
// schema (schemas/types/<type>.schema.json), as a client would send it, or a body given as is.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the message types are, from the project's root (the working directory). */
export const TYPES_DIR = 'schemas/types';
const TYPE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The message types there are: the schema files' names. */
export function messageTypes(dir = resolve(TYPES_DIR)): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.slice(0, -'.schema.json'.length))
      .sort();
  } catch {
    return [];
  }
}

/** `{"type":...,"data":<examples[0]>}`, or the message naming the types there are. */
export function envelopeBody(type: string, dir = resolve(TYPES_DIR)): { body: string } | string {
  const known = messageTypes(dir);
  if (!TYPE_NAME.test(type) || !known.includes(type))
    return `--type ${type}: no schema ${join(TYPES_DIR, `${type}.schema.json`)}; the types are: ${known.join(', ') || `none (no ${TYPES_DIR} here)`}`;
  const schema = JSON.parse(readFileSync(join(dir, `${type}.schema.json`), 'utf8')) as {
    examples?: unknown[];
  };
  if (!Array.isArray(schema.examples) || schema.examples.length === 0)
    return `--type ${type}: its schema has no examples to take the data from`;
  return { body: JSON.stringify({ type, data: schema.examples[0] }) };
}

/** The `type` a body names (what the producer puts in the type attribute), if it is an envelope. */
export function typeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { type?: unknown } | null;
    return typeof parsed?.type === 'string' ? parsed.type : undefined;
  } catch {
    return undefined;
  }
}
