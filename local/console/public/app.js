/* global document, window, fetch */
// The console page: one view at a time, chosen by the URL's hash (#dashboard, #queues, #logs,
// #story=<correlation id>, #send). Each view module exports show(root) and returns a stop function.

export async function api(path, init) {
  const res = await fetch(path, init);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

export const post = (path, body) =>
  api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });

/** Builds an element: h('div', { class: 'x', onclick }, child, 'text', ...). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== false)
      el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) el.append(child);
  return el;
}

export const time = (ms) => new Date(ms).toLocaleTimeString();

export function status(text, isError) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.className = isError ? 'error' : '';
}

const views = {
  dashboard: () => import('./dashboard.js'),
  queues: () => import('./queues.js'),
  logs: () => import('./logs.js'),
  story: () => import('./logs.js'),
  send: () => import('./send.js'),
};

let stop = () => {};
async function route() {
  const [name, arg] = window.location.hash.slice(1).split('=');
  const key = views[name] ? name : 'dashboard';
  stop();
  stop = () => {};
  // What the last view said (an error, the dashboard's "updated" time) is not about this one.
  status('');
  const root = document.getElementById('view');
  root.replaceChildren();
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.getAttribute('href') === `#${key === 'story' ? 'logs' : key}`);
  }
  try {
    const mod = await views[key]();
    stop = (await mod.show(root, key, arg && decodeURIComponent(arg))) ?? stop;
  } catch (error) {
    status(error.message, true);
  }
}
window.addEventListener('hashchange', route);
route();
