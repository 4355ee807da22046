export type JsonSchema = Record<string, unknown>;

/** The part of an ajv error that we read (ajv's standalone output has exactly this shape). */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface Validate {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** One thing wrong with a document: where (a JSON pointer) and what. */
export interface Violation {
  path: string;
  message: string;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function describe(error: SchemaError): Violation {
  const { instancePath: path, keyword, params } = error;
  switch (keyword) {
    case 'required':
      return { path: `${path}/${escapePointer(String(params.missingProperty))}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${path}/${escapePointer(String(params.additionalProperty))}`,
        message: 'is not an allowed property',
      };
    case 'enum':
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    default:
      return { path, message: error.message ?? `fails ${keyword}` };
  }
}

/**
 * At most this many violations are reported. Validators are built with allErrors, so a list of
 * 200,000 bad items would otherwise give 200,000 violations: a response over Lambda's 6 MB limit
 * and a log line of tens of megabytes.
 */
export const MAX_VIOLATIONS = 20;

/**
 * The first MAX_VIOLATIONS violations the validator found, in document order, and how many more
 * there were.
 */
export function violationsOf(validate: Validate): { violations: Violation[]; omitted: number } {
  const errors = validate.errors ?? [];
  return {
    violations: errors.slice(0, MAX_VIOLATIONS).map(describe),
    omitted: Math.max(0, errors.length - MAX_VIOLATIONS),
  };
}
