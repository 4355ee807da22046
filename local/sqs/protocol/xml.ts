// The query protocol's XML responses, rendered from the same output objects the JSON protocol
// sends. SQS's XML flattens lists and maps; the element names below are the SQS model's.

export const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** List fields: the element each member is wrapped in (`Successful` depends on the action). */
const LIST_MEMBER: Record<string, string> = {
  QueueUrls: 'QueueUrl',
  queueUrls: 'QueueUrl',
  Messages: 'Message',
  Failed: 'BatchResultErrorEntry',
  Results: 'ListMessageMoveTasksResultEntry',
};

/** Map fields: the element of each entry and the names of its key and value. */
const MAP_ENTRY: Record<string, [string, string, string]> = {
  Attributes: ['Attribute', 'Name', 'Value'],
  Tags: ['Tag', 'Key', 'Value'],
  MessageAttributes: ['MessageAttribute', 'Name', 'Value'],
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};
const NEEDS_ESCAPE = /[&<>"'\r]/g;

export function escapeXml(s: string): string {
  return s.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] ?? c);
}

export function successXml(
  action: string,
  output: Record<string, unknown> | undefined,
  requestId: string,
): string {
  let xml = `<?xml version="1.0"?><${action}Response xmlns="${XMLNS}">`;
  if (output !== undefined) xml += `<${action}Result>${fields(action, output)}</${action}Result>`;
  return `${xml}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function errorXml(sender: boolean, code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error><Type>${sender ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

function fields(action: string, o: Record<string, unknown>): string {
  let xml = '';
  for (const [name, value] of Object.entries(o)) {
    if (value === undefined) continue;
    const map = MAP_ENTRY[name];
    if (map !== undefined && isRecord(value)) {
      const [entry, key, val] = map;
      for (const [k, v] of Object.entries(value)) {
        xml += `<${entry}><${key}>${escapeXml(k)}</${key}>${element(action, val, v)}</${entry}>`;
      }
      continue;
    }
    if (Array.isArray(value)) {
      const member = name === 'Successful' ? `${action}ResultEntry` : (LIST_MEMBER[name] ?? name);
      for (const v of value) xml += element(action, member, v);
      continue;
    }
    xml += element(action, name, value);
  }
  return xml;
}

function element(action: string, name: string, value: unknown): string {
  const inner = isRecord(value) ? fields(action, value) : escapeXml(String(value));
  return `<${name}>${inner}</${name}>`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
