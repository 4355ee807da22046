/* global fetch */
// The console's JSON API: a failure throws with the `{ error }` it answered.

export async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

export const post = (path, body) =>
  api(path, {
    method: 'POST',
    // The console answers a request that changes state only with this header (local/console/origin.ts).
    headers: { 'content-type': 'application/json', 'x-ferry-console': '1' },
    body: JSON.stringify(body ?? {}),
  });
