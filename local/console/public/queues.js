/* global window */
import { api, post } from './api.js';
import { h, status, time } from './dom.js';

// The template's queues through the SQS API: counts, a look at the messages (received with a
// visibility timeout of 0, so consumers still get them), redrive of a DLQ with its move task's
// progress, and purge behind a typed confirmation.

const REFRESH_MS = 3000;
const COLUMNS = ['Queue', 'Visible', 'In flight', 'Delayed', 'Oldest age', ''];

export async function show(root) {
  // The view: the table's body, the browsed queue's messages, and each redrive's progress by queue.
  const view = { table: h('tbody'), detail: h('div', { class: 'detail' }), tasks: new Map() };
  root.append(
    h('h2', {}, 'Queues'),
    h(
      'table',
      { class: 'queues' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map((t) => h('th', {}, t)),
        ),
      ),
      view.table,
    ),
    view.detail,
  );
  await refresh(view);
  const timer = window.setInterval(() => refresh(view), REFRESH_MS);
  return () => window.clearInterval(timer);
}

async function refresh(view) {
  try {
    const { queues } = await api('/api/queues');
    view.table.replaceChildren(...queues.map((q) => row(view, q)));
    for (const name of view.tasks.keys()) await progress(view, name);
  } catch (error) {
    status(error.message, true);
  }
}

function row(view, q) {
  const actions = [h('button', { onclick: () => browse(view, q.name) }, 'Browse')];
  if (q.deadLetterOf)
    actions.push(h('button', { class: 'primary', onclick: () => redrive(view, q.name) }, 'Redrive'));
  actions.push(h('button', { class: 'danger', onclick: () => purge(view, q.name) }, 'Purge'));
  const task = view.tasks.get(q.name);
  return h(
    'tr',
    { 'data-queue': q.name, 'data-visible': q.visible },
    h('td', {}, q.name, q.deadLetterOf ? h('small', {}, ` DLQ of ${q.deadLetterOf}`) : ''),
    h('td', { class: q.deadLetterOf && q.visible > 0 ? 'num warn' : 'num' }, q.visible),
    h('td', { class: 'num' }, q.inFlight),
    h('td', { class: 'num' }, q.delayed),
    h('td', { class: 'num' }, q.oldestAgeSeconds === null ? '–' : `${Math.round(q.oldestAgeSeconds)} s`),
    h(
      'td',
      { class: 'actions' },
      actions,
      task ? h('span', { class: 'task', 'data-testid': 'redrive-progress' }, task) : '',
    ),
  );
}

async function progress(view, name) {
  const { task } = await api(`/api/queue/redrive?name=${encodeURIComponent(name)}`);
  if (!task) return;
  const total = task.toMove === null ? '' : ` of ${task.toMove}`;
  view.tasks.set(
    name,
    `${task.status}: ${task.moved}${total} moved${task.failureReason ? ` (${task.failureReason})` : ''}`,
  );
  if (task.status !== 'RUNNING') window.setTimeout(() => view.tasks.delete(name), 30_000);
}

async function browse(view, name) {
  const { messages } = await api(`/api/queue/messages?name=${encodeURIComponent(name)}`);
  view.detail.replaceChildren(
    h('h3', {}, `${name}: ${messages.length} message(s)`),
    h(
      'p',
      { class: 'hint' },
      'Each look counts as a receive (ApproximateReceiveCount), as in the AWS console.',
    ),
    ...messages.map(message),
  );
}

function message(m) {
  const id = m.attributes.correlationId;
  return h(
    'details',
    { class: 'message' },
    h(
      'summary',
      {},
      // A message sent without a type attribute (straight to the queue) has no type to show.
      [time(m.sentAt), m.attributes.type, `receives ${m.receiveCount}`, '']
        .filter((part) => part !== undefined)
        .join(' · '),
      id ? h('a', { href: `#story=${encodeURIComponent(id)}` }, id) : m.messageId,
    ),
    h('pre', {}, pretty(m.body)),
    h('pre', {}, JSON.stringify(m.attributes, null, 2)),
  );
}

async function redrive(view, name) {
  try {
    await post(`/api/queue/redrive?name=${encodeURIComponent(name)}`);
    view.tasks.set(name, 'RUNNING: starting');
    await refresh(view);
  } catch (error) {
    status(error.message, true);
  }
}

async function purge(view, name) {
  const typed = window.prompt(`Purge deletes every message in ${name} for good. Type "purge" to confirm.`);
  if (typed === null) return;
  try {
    await post(`/api/queue/purge?name=${encodeURIComponent(name)}`, { confirm: typed });
    status(`${name} purged`);
    await refresh(view);
  } catch (error) {
    status(error.message, true);
  }
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
