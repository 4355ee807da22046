/* global document, window */
import { status } from './dom.js';

// The console page: one view at a time, chosen by the URL's hash (#dashboard, #queues, #logs,
// #story=<correlation id>, #send). Each view module exports show(root) and returns a stop function.

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
