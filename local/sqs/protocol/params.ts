import type { MessageAttributeValue, MessageAttributes } from '../engine/types.js';
import { SqsError } from './errors.js';
import { setOwn } from '../../records.js';

/**
 * A request's parameters, whatever the wire: the JSON protocol's object or the query protocol's
 * flattened form (`Attribute.1.Name=...`). Each accessor names both spellings, reads the value
 * and checks its type; actions check presence and ranges.
 */
export interface Params {
  string(name: string): string | undefined;
  int(name: string): number | undefined;
  bool(name: string): boolean | undefined;
  /** JSON: an array of strings; query: `<queryName>.N`. */
  strings(name: string, queryName: string): string[] | undefined;
  /** JSON: an object of strings; query: `<queryName>.N.<key>` / `<queryName>.N.<value>`. */
  map(name: string, queryName: string, key?: string, value?: string): Record<string, string> | undefined;
  messageAttributes(name: string, queryName: string): MessageAttributes | undefined;
  /** JSON: an array of objects; query: `<queryName>.N.*`. */
  entries(name: string, queryName: string): Params[] | undefined;
}

/** A query-protocol list index: 1, 2, 3... */
const INDEX = /^[1-9]\d{0,9}$/;

const wrongType = (name: string, expected: string): SqsError =>
  new SqsError('MalformedRequest', `Parameter ${name} must be ${expected}.`);

export class JsonParams implements Params {
  constructor(private readonly o: Record<string, unknown>) {}

  string(name: string): string | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw wrongType(name, 'a string');
    return v;
  }

  int(name: string): number | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(name, 'an integer');
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw wrongType(name, 'a boolean');
    return v;
  }

  strings(name: string): string[] | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
      throw wrongType(name, 'a list of strings');
    return v as string[];
  }

  map(name: string): Record<string, string> | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v) || !Object.values(v).every((s) => typeof s === 'string'))
      throw wrongType(name, 'a map of strings');
    return v as Record<string, string>;
  }

  messageAttributes(name: string): MessageAttributes | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw wrongType(name, 'a map of message attribute values');
    const out: MessageAttributes = {};
    for (const [key, raw] of Object.entries(v)) {
      if (!isObject(raw)) throw wrongType(`${name}.${key}`, 'a message attribute value');
      const attr = new JsonParams(raw);
      const value: MessageAttributeValue = { DataType: attr.string('DataType') ?? '' };
      const s = attr.string('StringValue');
      if (s !== undefined) value.StringValue = s;
      const b = attr.string('BinaryValue');
      if (b !== undefined) value.BinaryValue = Buffer.from(b, 'base64');
      setOwn(out, key, value);
    }
    return out;
  }

  entries(name: string): Params[] | undefined {
    const v = this.o[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every(isObject)) throw wrongType(name, 'a list of entries');
    return v.map((entry) => new JsonParams(entry));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class QueryParams implements Params {
  constructor(private readonly form: Map<string, string>) {}

  string(name: string): string | undefined {
    return this.form.get(name);
  }

  int(name: string): number | undefined {
    const v = this.form.get(name);
    if (v === undefined) return undefined;
    if (!/^[+-]?\d{1,15}$/.test(v.trim())) {
      throw new SqsError(
        'InvalidParameterValue',
        `Value ${v} for parameter ${name} is invalid. Reason: Must be an integer.`,
      );
    }
    return Number(v);
  }

  bool(name: string): boolean | undefined {
    const v = this.form.get(name);
    if (v === undefined) return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new SqsError(
      'InvalidParameterValue',
      `Value ${v} for parameter ${name} is invalid. Reason: Must be a boolean.`,
    );
  }

  strings(_name: string, queryName: string): string[] | undefined {
    const groups = this.groups(queryName);
    if (groups === undefined) return undefined;
    return groups.map((g) => g.get('') ?? '');
  }

  map(_name: string, queryName: string, key = 'Name', value = 'Value'): Record<string, string> | undefined {
    const groups = this.groups(queryName);
    if (groups === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const g of groups) {
      const k = g.get(key);
      if (k === undefined)
        throw new SqsError(
          'MissingParameter',
          `The request must contain the parameter ${queryName}.N.${key}.`,
        );
      setOwn(out, k, g.get(value) ?? '');
    }
    return out;
  }

  messageAttributes(_name: string, queryName: string): MessageAttributes | undefined {
    const groups = this.groups(queryName);
    if (groups === undefined) return undefined;
    const out: MessageAttributes = {};
    for (const g of groups) {
      const k = g.get('Name');
      if (k === undefined)
        throw new SqsError('MissingParameter', `The request must contain the parameter ${queryName}.N.Name.`);
      const value: MessageAttributeValue = { DataType: g.get('Value.DataType') ?? '' };
      const s = g.get('Value.StringValue');
      if (s !== undefined) value.StringValue = s;
      const b = g.get('Value.BinaryValue');
      if (b !== undefined) value.BinaryValue = Buffer.from(b, 'base64');
      setOwn(out, k, value);
    }
    return out;
  }

  entries(_name: string, queryName: string): Params[] | undefined {
    return this.groups(queryName)?.map((g) => new QueryParams(g));
  }

  /** `<prefix>.N[.rest]` keys grouped by N (in N order), each group keyed by `rest` ('' for none). */
  private groups(prefix: string): Map<string, string>[] | undefined {
    const lead = `${prefix}.`;
    const byIndex = new Map<number, Map<string, string>>();
    for (const [k, v] of this.form) {
      if (!k.startsWith(lead)) continue;
      const dot = k.indexOf('.', lead.length);
      const text = k.slice(lead.length, dot === -1 ? undefined : dot);
      // SQS counts from 1 in plain decimal; `.0.`, `.-1.`, `.1e3.`, `..` are refused, not read as numbers.
      if (!INDEX.test(text)) throw new SqsError('MalformedInput', `${text} is not a valid index`);
      const index = Number(text);
      let group = byIndex.get(index);
      if (group === undefined) byIndex.set(index, (group = new Map()));
      group.set(dot === -1 ? '' : k.slice(dot + 1), v);
    }
    if (byIndex.size === 0) return undefined;
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  }
}
