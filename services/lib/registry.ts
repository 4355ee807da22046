// The validators are compiled from schemas/ by scripts/build-validators.mjs (`npm run build`) into
// ./generated/, which is not committed: nothing compiles a schema when a function starts.
// @ts-expect-error -- generated JavaScript without declarations; typed by GeneratedModule below.
import * as generatedModule from './generated/validators.js';
import type { JsonSchema, Validate } from './violations.js';

export interface MessageType {
  name: string;
  schema: JsonSchema;
  validate: Validate;
}

interface GeneratedModule {
  validateEnvelope: Validate;
  envelopeSchema: JsonSchema;
  types: MessageType[];
}

const generated = generatedModule as GeneratedModule;
const byName = new Map(generated.types.map((type) => [type.name, type]));

export const envelopeSchema: JsonSchema = generated.envelopeSchema;
export const validateEnvelope: Validate = generated.validateEnvelope;
export const knownTypes: readonly string[] = generated.types.map((type) => type.name);
export const messageTypes: readonly MessageType[] = generated.types;

export function findType(name: string): MessageType | undefined {
  return byName.get(name);
}
