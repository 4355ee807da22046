// Message attributes as stored: JSON with binary values in base64. Most
// messages have none and store NULL, so the common path does no encoding.

import type { MessageAttributes } from '../engine/types.js';
import { emptyAttributes } from '../engine/message.js';
import { setOwn } from '../../records.js';

interface StoredValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export function encodeAttributes(attributes: MessageAttributes): string | null {
  let out: Record<string, StoredValue> | undefined;
  for (const [name, a] of Object.entries(attributes)) {
    const v: StoredValue = { DataType: a.DataType };
    if (a.StringValue !== undefined) v.StringValue = a.StringValue;
    if (a.BinaryValue !== undefined) v.BinaryValue = Buffer.from(a.BinaryValue).toString('base64');
    setOwn((out ??= {}), name, v);
  }
  return out === undefined ? null : JSON.stringify(out);
}

export function decodeAttributes(json: string | null): MessageAttributes {
  if (json === null) return emptyAttributes();
  const stored = JSON.parse(json) as Record<string, StoredValue>;
  const out: MessageAttributes = {};
  for (const [name, v] of Object.entries(stored)) {
    const a: MessageAttributes[string] = { DataType: v.DataType };
    if (v.StringValue !== undefined) a.StringValue = v.StringValue;
    if (v.BinaryValue !== undefined) a.BinaryValue = new Uint8Array(Buffer.from(v.BinaryValue, 'base64'));
    setOwn(out, name, a);
  }
  return out;
}
