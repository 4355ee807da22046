import { api, post } from './api.js';
import { h, status } from './dom.js';

// A test message from the schemas' own examples, POSTed through the local HTTP API so it travels
// the whole pipeline: gateway, producer, queue, consumer.

export async function show(root) {
  const { types, apiUrl } = await api('/api/types');
  const picker = h(
    'select',
    { name: 'type', onchange: () => fill() },
    types.map((t) => h('option', { value: t.name }, t.name)),
  );
  const example = h('select', { name: 'example' });
  const data = h('textarea', { name: 'data', rows: 14, cols: 80, spellcheck: false });
  const cid = h('input', { name: 'correlationId', placeholder: 'correlation id (optional)', size: 40 });
  const result = h('div', { 'data-testid': 'send-result' });

  function fill(keepExample) {
    const t = types.find((x) => x.name === picker.value) ?? types[0];
    if (!keepExample)
      example.replaceChildren(
        ...(t?.examples ?? []).map((_, i) => h('option', { value: i }, `example ${i + 1}`)),
      );
    data.value = JSON.stringify(t?.examples[Number(example.value) || 0] ?? {}, null, 2);
  }
  example.onchange = () => fill(true);

  async function send(e) {
    e.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(data.value);
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error' }, `data is not JSON: ${error.message}`));
      return;
    }
    try {
      const r = await post('/api/send', {
        type: picker.value,
        data: parsed,
        correlationId: cid.value.trim(),
      });
      const id = r.correlationId ?? r.body?.correlationId;
      result.replaceChildren(
        h(
          'p',
          { class: r.status < 300 ? 'ok' : 'error' },
          `${r.status} `,
          id ? h('a', { href: `#story=${encodeURIComponent(id)}` }, `follow ${id}`) : '',
        ),
        h('pre', {}, JSON.stringify(r.body, null, 2)),
      );
    } catch (error) {
      status(error.message, true);
    }
  }

  root.append(
    h('h2', {}, 'Send a test message'),
    h('p', { class: 'hint' }, `POST ${apiUrl.replace(/\/$/, '')}/messages`),
    h(
      'form',
      { class: 'send', onsubmit: send },
      h('label', {}, 'Type ', picker),
      h('label', {}, ' ', example),
      h('label', {}, 'data', data),
      cid,
      h('button', { type: 'submit', class: 'primary' }, 'Send'),
    ),
    result,
  );
  fill();
}
