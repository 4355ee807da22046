/* global window, document, fetch, Image */
// Loaded into a page of another origin by cross-origin.integration.test.ts: every request a web page
// can make the browser send to Ferry's console and AWS endpoint without their consent, each awaited
// until it was answered. What the page saw comes back; what changed is the test's to check.

const fetched = (p) =>
  p.then(
    (r) => `${r.type} ${r.status}`,
    (e) => `refused: ${e.name}`,
  );

const img = (src) =>
  new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve('loaded');
    image.onerror = () => resolve('error');
    image.src = src;
  });

/** A form posted into a hidden frame: resolves once the frame has loaded the answer. */
const form = (action, enctype, fields) =>
  new Promise((resolve) => {
    const name = `f${Math.random().toString(36).slice(2)}`;
    const frame = document.createElement('iframe');
    frame.name = name;
    document.body.append(frame);
    const el = document.createElement('form');
    Object.assign(el, { method: 'POST', action, enctype, target: name });
    for (const [k, v] of Object.entries(fields)) {
      const input = document.createElement('input');
      Object.assign(input, { type: 'hidden', name: k, value: v });
      el.append(input);
    }
    document.body.append(el);
    frame.onload = () => resolve('answered');
    el.submit();
  });

/** From another origin: `t` has the console's URL, the endpoint's, and the queue and DLQ URLs. */
window.forge = async (t) => {
  const seen = {};
  const c = (path) => new URL(path, t.console).href;
  const q = encodeURIComponent(t.queueUrl);
  const d = encodeURIComponent(t.dlqUrl);
  const plain = { 'content-type': 'text/plain' };
  const purgeDlq = c('/api/queue/purge?name=ferry-messages-dlq');
  const redriveDlq = c('/api/queue/redrive?name=ferry-messages-dlq');
  const send = c('/api/send');
  const message = JSON.stringify({ type: 'order.created', data: { orderId: 'forged' } });
  // The console.
  seen.purgeNoCors = await fetched(
    fetch(purgeDlq, { method: 'POST', mode: 'no-cors', headers: plain, body: '{"confirm":"purge"}' }),
  );
  seen.redriveNoCors = await fetched(fetch(redriveDlq, { method: 'POST', mode: 'no-cors' }));
  seen.sendNoCors = await fetched(
    fetch(send, { method: 'POST', mode: 'no-cors', headers: plain, body: message }),
  );
  // A text/plain form sends `name=value`: the name `{"confirm":"purge","x":"` makes the body JSON.
  seen.purgeFormPlain = await form(purgeDlq, 'text/plain', { '{"confirm":"purge","x":"': '"}' });
  seen.redriveForm = await form(redriveDlq, 'application/x-www-form-urlencoded', { a: '1' });
  seen.sendFormPlain = await form(send, 'text/plain', { [`${message.slice(0, -1)},"x":"`]: '"}' });
  seen.purgePreflighted = await fetched(
    fetch(purgeDlq, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ferry-console': '1' },
      body: '{"confirm":"purge"}',
    }),
  );
  // The AWS endpoint.
  seen.deleteQueueImg = await img(`${t.endpoint}/?Action=DeleteQueue&QueueUrl=${q}`);
  seen.purgeQueueImg = await img(`${t.endpoint}/?Action=PurgeQueue&QueueUrl=${d}`);
  seen.receiveImg = await img(`${t.endpoint}/?Action=ReceiveMessage&QueueUrl=${q}&VisibilityTimeout=600`);
  seen.sendNoCorsQuery = await fetched(
    fetch(`${t.endpoint}/`, {
      method: 'POST',
      mode: 'no-cors',
      headers: plain,
      body: `Action=SendMessage&QueueUrl=${q}&MessageBody=forged`,
    }),
  );
  seen.purgeFormQuery = await form(`${t.endpoint}/`, 'application/x-www-form-urlencoded', {
    Action: 'PurgeQueue',
    QueueUrl: t.queueUrl,
  });
  seen.deleteFormPlain = await form(`${t.endpoint}/?Action=DeleteQueue&QueueUrl=${q}`, 'text/plain', {
    x: 'y',
  });
  const json = (mode) =>
    fetch(`${t.endpoint}/`, {
      method: 'POST',
      mode,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.PurgeQueue' },
      body: JSON.stringify({ QueueUrl: t.queueUrl }),
    });
  seen.purgeJson = await fetched(json('cors'));
  seen.purgeJsonNoCors = await fetched(json('no-cors'));
  return seen;
};

/** From a rebinding page, same-origin with the port it attacks: each request's status. */
window.rebound = (kind) => {
  const status = (p) => p.then((r) => r.status);
  if (kind === 'console') {
    const page = { 'content-type': 'application/json', 'x-ferry-console': '1' };
    return Promise.all([
      status(fetch('/api/queues')),
      status(fetch('/api/queue/messages?name=ferry-messages')),
      status(fetch('/api/tail?group=%2Faws%2Flambda%2Fferry-producer')),
      status(
        fetch('/api/queue/purge?name=ferry-messages-dlq', {
          method: 'POST',
          headers: page,
          body: '{"confirm":"purge"}',
        }),
      ),
      status(fetch('/api/queue/redrive?name=ferry-messages-dlq', { method: 'POST', headers: page })),
    ]);
  }
  const json = (target, body) =>
    status(
      fetch('/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AmazonSQS.${target}`,
          authorization:
            'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00',
        },
        body: JSON.stringify(body),
      }),
    );
  return Promise.all([
    status(fetch('/?Action=ListQueues')),
    json('ReceiveMessage', { QueueUrl: '/000000000000/ferry-messages', VisibilityTimeout: 600 }),
    json('DeleteQueue', { QueueUrl: '/000000000000/ferry-messages' }),
  ]);
};
