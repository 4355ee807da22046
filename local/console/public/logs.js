/* global window, EventSource, URLSearchParams */
import { api } from './api.js';
import { h, status, time } from './dom.js';

// Logs: a live tail of one function's log group (server-sent events), a search by filter pattern
// across the groups, and (#story=<id>) a message's whole story, keyed by its correlation id.

const MAX_LINES = 500;
const DRAW_MS = 250;

export async function show(root, view, arg) {
  return view === 'story' ? story(root, arg ?? '') : logs(root);
}

function line(e) {
  let text = e.message;
  let story = '';
  try {
    const j = JSON.parse(e.message);
    const level =
      { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }[j.level] ?? j.level;
    text = [level, j.service, j.msg, j.outcome !== j.msg && j.outcome, j.type, j.reason]
      .filter(Boolean)
      .join(' ');
    if (!text) text = e.message;
    if (typeof j.correlationId === 'string') {
      story = h('a', { href: `#story=${encodeURIComponent(j.correlationId)}` }, j.correlationId);
    }
  } catch {
    // a plain line (START, END, REPORT) is shown as it is
  }
  return h(
    'div',
    { class: 'line', title: e.message },
    h('time', {}, time(e.timestamp)),
    ' ',
    text,
    ' ',
    story,
  );
}

async function logs(root) {
  const { functions, apiAccessLogGroupName } = await api('/api/functions');
  const groups = [
    ...functions.map((f) => [f.logGroupName, f.name]),
    ...(apiAccessLogGroupName ? [[apiAccessLogGroupName, 'API access log']] : []),
  ];
  const options = (all) => [
    ...(all ? [h('option', { value: '' }, 'all log groups')] : []),
    ...groups.map(([g, n]) => h('option', { value: g }, n)),
  ];
  const tail = {
    group: h('select', { 'aria-label': 'function to tail', onchange: () => follow(tail) }, options(false)),
    box: h('div', { class: 'log', 'data-testid': 'tail' }),
    source: undefined,
  };
  root.append(
    h('h2', {}, 'Logs'),
    storyForm(),
    ...searchForm(options(true)),
    h('h3', {}, 'Live tail ', tail.group),
    tail.box,
  );
  if (groups.length > 0) follow(tail);
  return () => tail.source?.close();
}

/** A correlation id, to show its story (#story=<id>). */
function storyForm() {
  const idInput = h('input', { name: 'correlationId', placeholder: 'correlation id', size: 40 });
  return h(
    'form',
    {
      class: 'row',
      onsubmit: (e) => (
        e.preventDefault(),
        (window.location.hash = `story=${encodeURIComponent(idInput.value.trim())}`)
      ),
    },
    idInput,
    h('button', { type: 'submit' }, 'Show its story'),
  );
}

/** A filter pattern over one log group or all of them, for the last day; results under the form. */
function searchForm(groupOptions) {
  const pattern = h('input', {
    name: 'pattern',
    placeholder: 'filter pattern, e.g. "order.created" -debug or { $.outcome = "failed" }',
    size: 60,
  });
  const group = h('select', { 'aria-label': 'log group to search' }, groupOptions);
  const results = h('div', { class: 'log', 'data-testid': 'search-results' });
  async function search() {
    const q = new URLSearchParams({ pattern: pattern.value, group: group.value, minutes: '1440' });
    try {
      const { events, truncated } = await api(`/api/logs?${q}`);
      const count = truncated
        ? `${events.length} event(s); search cut short to keep the runtime responsive: narrow the pattern or group`
        : `${events.length} event(s)`;
      results.replaceChildren(h('p', { class: 'hint' }, count), ...events.map(line));
    } catch (error) {
      status(error.message, true);
    }
  }
  const form = h(
    'form',
    { class: 'row', onsubmit: (e) => (e.preventDefault(), search()) },
    pattern,
    group,
    h('button', { type: 'submit' }, 'Search'),
  );
  return [form, results];
}

/** Tails the chosen group into the box, ending the tail of the group chosen before. */
function follow(tail) {
  tail.source?.close();
  tail.box.replaceChildren();
  const source = new EventSource(`/api/tail?group=${encodeURIComponent(tail.group.value)}`);
  tail.source = source;
  // Lines are drawn four times a second, and only the newest MAX_LINES: a busy function writes
  // hundreds of lines a second, and the page must not take the CPU the pipeline needs.
  let pending = [];
  const draw = () => {
    const batch = pending.slice(-MAX_LINES);
    pending = [];
    const box = tail.box;
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
    box.append(...batch.map((data) => line(JSON.parse(data))));
    while (box.childElementCount > MAX_LINES) box.firstElementChild.remove();
    if (stick) box.scrollTop = box.scrollHeight;
  };
  source.onmessage = (m) => {
    pending.push(m.data);
    if (pending.length === 1) window.setTimeout(() => window.requestAnimationFrame(draw), DRAW_MS);
  };
}

async function story(root, id) {
  root.append(h('h2', {}, 'Story of ', h('code', {}, id)), h('p', {}, h('a', { href: '#logs' }, '← logs')));
  const s = await api(`/api/story?id=${encodeURIComponent(id)}`);
  if (s.entries.length === 0) {
    root.append(h('p', { class: 'hint' }, 'No log line carries this correlation id (yet).'));
    return;
  }
  root.append(
    h(
      'ol',
      { class: 'story', 'data-testid': 'story' },
      s.entries.map((e) => {
        const f = e.fields ?? {};
        const summary = [
          f.outcome,
          f.type,
          f.reason,
          f.receiveCount && `receive #${f.receiveCount}`,
          f.messageId && `message ${f.messageId}`,
        ]
          .filter(Boolean)
          .join(' · ');
        return h(
          'li',
          { class: `stage-${e.stage}` },
          h('span', { class: 'stage' }, e.stage),
          h('time', {}, time(e.timestamp)),
          h('span', {}, summary || f.msg || e.message),
          h(
            'details',
            {},
            h('summary', {}, 'line'),
            h('pre', {}, e.fields ? JSON.stringify(e.fields, null, 2) : e.message),
          ),
        );
      }),
    ),
    ...s.deadLettered.map((m) =>
      h(
        'p',
        { class: 'warn' },
        `In ${m.queue} after ${m.receiveCount} receive(s): ${m.attributes.failureReason ?? 'retries exhausted'}`,
      ),
    ),
  );
}
