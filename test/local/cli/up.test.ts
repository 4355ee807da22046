import { resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CliIo } from '../../../local/cli/io.js';
import { debuggerLines, parseUpFlags, terminalOf } from '../../../local/cli/up.js';
import type { LogRecord } from '../../../local/lambda/index.js';

test('defaults: the template, its local profile, the three ports, a durable store in .ferry/', () => {
  assert.equal(parseUpFlags([]), {
    templatePath: resolve('cloudformation/template.yaml'),
    host: '127.0.0.1',
    ports: { api: 3000, sqs: 9324, console: 9325 },
    store: { kind: 'durable', dir: resolve('.ferry') },
    parametersFile: resolve('cloudformation/local.parameters.json'),
  });
});

test('--parameters: another file, or none for the template defaults; a template without a profile has none', () => {
  const parsed = (argv: string[]) => {
    const options = parseUpFlags(argv);
    return typeof options === 'object' && 'templatePath' in options ? options.parametersFile : options;
  };
  assert.is(parsed(['--parameters', 'p.json']), resolve('p.json'));
  assert.is(parsed(['--parameters', 'none']), undefined);
  assert.is(parsed(['--template', 'test/fixtures/runtime/template.yaml']), undefined);
});

test('every flag, with --parameter-overrides taking the words up to the next flag', () => {
  assert.equal(
    parseUpFlags([
      '--template',
      't.yaml',
      '--parameter-overrides',
      'A=1',
      'B=x=y',
      '--host',
      '0.0.0.0',
      '--api-port',
      '0',
      '--sqs-port',
      '0',
      '--console-port',
      '0',
      '--memory',
      '--concurrency',
      '4',
      '--parameter-overrides',
      'C=',
      '--access-key',
      'K',
      '--secret-key',
      'S',
    ]),
    {
      templatePath: resolve('t.yaml'),
      host: '0.0.0.0',
      ports: { api: 0, sqs: 0, console: 0 },
      store: { kind: 'memory' },
      functionConcurrency: 4,
      parameterOverrides: { A: '1', B: 'x=y', C: '' },
      auth: { accessKeyId: 'K', secretAccessKey: 'S' },
      warning:
        'warning: --host 0.0.0.0 is not a loopback address: other machines can reach every port. The AWS endpoint accepts only requests signed with the key K.',
    },
  );
});

test('--inspect: bare is 127.0.0.1:9229; =port and =host:port choose the address', () => {
  const inspect = (flag: string) => {
    const options = parseUpFlags([flag]);
    return typeof options === 'object' && 'templatePath' in options ? options.inspect : options;
  };
  assert.equal(inspect('--inspect'), { host: '127.0.0.1', port: 9229 });
  assert.equal(inspect('--inspect=0'), { host: '127.0.0.1', port: 0 });
  assert.equal(inspect('--inspect=0.0.0.0:9230'), { host: '0.0.0.0', port: 9230 });
  assert.equal(inspect('--inspect=[::1]:9230'), { host: '::1', port: 9230 });
  const wrong = '--inspect takes [host:]port with a port from 0 to 65535 (0 picks a free one), got';
  assert.is(inspect('--inspect=host:'), `${wrong} 'host:'`);
  assert.is(inspect('--inspect=99999'), `${wrong} '99999'`);
  assert.is(inspect('--inspect=:9229'), `${wrong} ':9229'`);
});

test('the ready text tells how to attach a debugger, and what happens to timeouts', () => {
  assert.equal(debuggerLines('ws://127.0.0.1:9229/6b2e6e32'), [
    'Debugger: ws://127.0.0.1:9229/6b2e6e32',
    '  VS Code: "Attach to Node.js Process", or a launch.json "attach" with "port": 9229',
    '  Chrome:  chrome://inspect, Configure..., add 127.0.0.1:9229, then "inspect" under Remote Target',
    "  Breakpoints bind in services/**/*.ts (source maps). A function's timeout waits while it is",
    "  paused in the debugger; one that hangs still times out, and Lambda's 15 minutes stay the limit.",
  ]);
});

test('#15.5: --allow-host (repeatable) and FERRY_ALLOW_HOSTS add Host names to every port', () => {
  const options = parseUpFlags(['--allow-host', 'host.docker.internal', '--allow-host', 'devbox.lan'], {
    FERRY_ALLOW_HOSTS: 'a.test,b.test',
  });
  assert.equal((options as { allowHosts?: string[] }).allowHosts, [
    'host.docker.internal',
    'devbox.lan',
    'a.test',
    'b.test',
  ]);
  assert.is(
    parseUpFlags(['--allow-host', 'x.test:3000']),
    "--allow-host (or FERRY_ALLOW_HOSTS) takes host names such as host.docker.internal, got 'x.test:3000'",
  );
});

test('mistakes are named', () => {
  assert.is(
    parseUpFlags(['--api-port', '70000']),
    "--api-port must be an integer from 0 to 65535, got '70000'",
  );
  assert.is(parseUpFlags(['--sqs-port', 'x']), "--sqs-port must be an integer from 0 to 65535, got 'x'");
  assert.is(parseUpFlags(['--concurrency', '0']), "--concurrency must be a positive integer, got '0'");
  assert.is(parseUpFlags(['--memory', '--data', 'd']), '--data and --memory cannot be used together');
  assert.is(
    parseUpFlags(['--parameter-overrides', 'Oops']),
    "--parameter-overrides: 'Oops' is not Key=Value",
  );
  assert.match(String(parseUpFlags(['--colour'])), /Unknown option '--colour'/);
  assert.equal(parseUpFlags(['-h']), { help: true });
});

test('--log-format pretty|json; anything else is named', () => {
  const format = (argv: string[]) => {
    const options = parseUpFlags(argv);
    return typeof options === 'object' && 'templatePath' in options ? options.logFormat : options;
  };
  assert.is(format([]), undefined);
  assert.is(format(['--log-format', 'pretty']), 'pretty');
  assert.is(format(['--log-format', 'json']), 'json');
  assert.is(format(['--log-format', 'text']), "--log-format must be pretty or json, got 'text'");
});

test('the log format: pretty and coloured on a terminal, json on a pipe, the flag wins, NO_COLOR removes colour', () => {
  const error: LogRecord = {
    functionName: 'f',
    message: '{"level":"error","msg":"boom"}',
    logGroup: 'g',
    logStream: 's',
    timestamp: 0,
    requestId: undefined,
  };
  const shown = (tty: boolean, flag: 'pretty' | 'json' | undefined, env: CliIo['env'] = {}) => {
    const written: string[] = [];
    const io = {
      env,
      stdout: { isTTY: tty, write: (text: string) => written.push(text) },
    } as unknown as CliIo;
    const out = terminalOf(io, flag);
    out.log(error);
    out.ready();
    return written
      .join('')
      .replace('\r\u001b[2K', '')
      .replace(/\d\d:\d\d:\d\d\.\d{3}/, 'HH:MM:SS.mmm');
  };
  const raw = 'f | {"level":"error","msg":"boom"}\n';
  assert.is(shown(true, undefined), '\u001b[31mHH:MM:SS.mmm f ERROR          boom\u001b[39m\n');
  assert.is(shown(true, undefined, { NO_COLOR: '1' }), 'HH:MM:SS.mmm f ERROR          boom\n');
  assert.is(shown(true, 'json'), raw);
  assert.is(shown(false, undefined), raw);
  assert.is(shown(false, 'pretty'), 'HH:MM:SS.mmm f ERROR          boom\n');
});

test.run();
