/* global window */
import { api, h, post, status, time } from './app.js';

// The template's queues through the SQS API: counts, a look at the messages (received with a
// visibility timeout of 0, so consumers still get them), redrive of a DLQ with its move task's
// progress, and purge behind a typed confirmation.

const REFRESH_MS = 3000;

export async function show(root) {
  const table = h('tbody');
  const detail = h('div', { class: 'detail' });
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
          ['Queue', 'Visible', 'In flight', 'Delayed', 'Oldest age', ''].map((t) => h('th', {}, t)),
        ),
      ),
      table,
    ),
    detail,
  );
  const tasks = new Map();

  async function refresh() {
    try {
      const { queues } = await api('/api/queues');
      table.replaceChildren(...queues.map(row));
      for (const name of tasks.keys()) await progress(name);
    } catch (error) {
      status(error.message, true);
    }
  }

  function row(q) {
    const actions = [h('button', { onclick: () => browse(q.name) }, 'Browse')];
    if (q.deadLetterOf)
      actions.push(h('button', { class: 'primary', onclick: () => redrive(q.name) }, 'Redrive'));
    actions.push(h('button', { class: 'danger', onclick: () => purge(q.name) }, 'Purge'));
    const task = tasks.get(q.name);
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

  async function progress(name) {
    const { task } = await api(`/api/queue/redrive?name=${encodeURIComponent(name)}`);
    if (!task) return;
    const total = task.toMove === null ? '' : ` of ${task.toMove}`;
    tasks.set(
      name,
      `${task.status}: ${task.moved}${total} moved${task.failureReason ? ` (${task.failureReason})` : ''}`,
    );
    if (task.status !== 'RUNNING') window.setTimeout(() => tasks.delete(name), 30_000);
  }

  async function browse(name) {
    const { messages } = await api(`/api/queue/messages?name=${encodeURIComponent(name)}`);
    detail.replaceChildren(
      h('h3', {}, `${name}: ${messages.length} message(s)`),
      h(
        'p',
        { class: 'hint' },
        'Each look counts as a receive (ApproximateReceiveCount), as in the AWS console.',
      ),
      ...messages.map((m) =>
        h(
          'details',
          { class: 'message' },
          h(
            'summary',
            {},
            // A message sent without a type attribute (straight to the queue) has no type to show.
            [time(m.sentAt), m.attributes.type, `receives ${m.receiveCount}`, '']
              .filter((part) => part !== undefined)
              .join(' · '),
            m.attributes.correlationId
              ? h(
                  'a',
                  { href: `#story=${encodeURIComponent(m.attributes.correlationId)}` },
                  m.attributes.correlationId,
                )
              : m.messageId,
          ),
          h('pre', {}, pretty(m.body)),
          h('pre', {}, JSON.stringify(m.attributes, null, 2)),
        ),
      ),
    );
  }

  async function redrive(name) {
    try {
      await post(`/api/queue/redrive?name=${encodeURIComponent(name)}`);
      tasks.set(name, 'RUNNING: starting');
      await refresh();
    } catch (error) {
      status(error.message, true);
    }
  }

  async function purge(name) {
    const typed = window.prompt(`Purge deletes every message in ${name} for good. Type "purge" to confirm.`);
    if (typed === null) return;
    try {
      await post(`/api/queue/purge?name=${encodeURIComponent(name)}`, { confirm: typed });
      status(`${name} purged`);
      await refresh();
    } catch (error) {
      status(error.message, true);
    }
  }

  await refresh();
  const timer = window.setInterval(refresh, REFRESH_MS);
  return () => window.clearInterval(timer);
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
