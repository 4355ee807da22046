// Message attributes as stored: JSON with binary values in base64. Most
// messages have none and store NULL, so the common path does no encoding.

import type { MessageAttributes } from '../engine/types.js';
import { emptyAttributes } from '../engine/message.js';

interface StoredValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export function encodeAttributes(attributes: MessageAttributes): string | null {
  let out: Record<string, StoredValue> | undefined;
  for (const name in attributes) {
    const a = attributes[name]!;
    const v: StoredValue = { DataType: a.DataType };
    if (a.StringValue !== undefined) v.StringValue = a.StringValue;
    if (a.BinaryValue !== undefined) v.BinaryValue = Buffer.from(a.BinaryValue).toString('base64');
    (out ??= {})[name] = v;
  }
  return out === undefined ? null : JSON.stringify(out);
}

export function decodeAttributes(json: string | null): MessageAttributes {
  if (json === null) return emptyAttributes();
  const stored = JSON.parse(json) as Record<string, StoredValue>;
  const out: MessageAttributes = {};
  for (const [name, v] of Object.entries(stored)) {
    out[name] = { DataType: v.DataType };
    if (v.StringValue !== undefined) out[name].StringValue = v.StringValue;
    if (v.BinaryValue !== undefined)
      out[name].BinaryValue = new Uint8Array(Buffer.from(v.BinaryValue, 'base64'));
  }
  return out;
}
