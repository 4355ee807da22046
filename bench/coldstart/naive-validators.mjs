// The naive twin of services/lib/generated/validators.js, for bench/coldstart.ts: the same
// exports, but every schema is compiled by ajv when the module loads, as a function would do
// without the build-time step. `ferry:schemas` is provided by the bench's esbuild plugin.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { envelope, types as typeSchemas } from 'ferry:schemas';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addKeyword({ keyword: 'version', schemaType: 'string' });

export const envelopeSchema = envelope;
export const validateEnvelope = ajv.compile(envelope);
export const types = typeSchemas.map(({ name, schema }) => ({ name, schema, validate: ajv.compile(schema) }));
