// The building blocks of generated requests: names that are near-valid, prototype keys, unicode,
// huge numbers and values of the wrong type.
import fc from 'fast-check';

/** Keys that a lookup on a plain object finds without anyone having set them. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/** Any string: ASCII, full unicode (lone surrogates included), or long. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3_000 }),
);

/** A name: one the service knows, a prototype key, or anything. */
export function nameFrom(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: anyString },
  );
}

/** Numbers as JSON can carry them, and strings that look like numbers. */
export const anyNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -5, max: 300 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 1e21),
  fc.bigInt({ min: -(10n ** 60n), max: 10n ** 600n }).map(String),
  fc.constantFrom('1e3', '-0', '0x10', 'NaN', 'Infinity', ' 1', ''),
);

/** A value of any JSON type, small. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  anyNumber,
  fc.constantFrom(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A JSON object with the given fields, each present or not, each sometimes of the wrong type. */
export function nearRecord(
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const loose = Object.fromEntries(
    Object.entries(fields).map(([k, a]) => [
      k,
      fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: oddValue }),
    ]),
  );
  return fc
    .tuple(
      fc.record(loose, { requiredKeys: [] }),
      fc.dictionary(nameFrom(Object.keys(fields)), oddValue, { maxKeys: 2 }),
    )
    .map(
      ([record, extra]) =>
        Object.assign(Object.create(null) as object, record, extra) as Record<string, unknown>,
    );
}

/** A request body: JSON text of a value, broken JSON, or bytes. */
export function bodyOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? '') },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '"x"', '{"a":1}}', '\u0000') },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
  );
}

/** A timestamp in milliseconds: now-ish, the epoch, far past, far future, or odd. */
export function timestamp(now: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: now - 3_600_000, max: now + 60_000 }),
    fc.constantFrom(0, -1, now - 10 * 365 * 86_400_000, 8.64e15, 1e20),
    anyNumber,
  );
}

/** Percent-encodes every byte outside printable ASCII (lone surrogates as U+FFFD, as a client would). */
export function percent(text: string): string {
  return text.replace(/[^\x21-\x7e]|%/gu, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** A header value as a client can send it: characters outside latin-1 become '?'. */
export function headerSafe(text: string): string {
  return text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}
