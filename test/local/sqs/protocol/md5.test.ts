import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { md5OfAttributes, md5OfBody } from '../../../../local/sqs/protocol/md5.js';

// Digests recorded from real SQS responses (public SQS emulator test snapshots).

const s = (StringValue: string) => ({ DataType: 'String', StringValue });

test('MD5OfMessageBody is the MD5 of the UTF-8 body', () => {
  assert.is(md5OfBody('msg'), '6e2baaf3b97dbeef01c0043275f9a0e7');
  assert.is(md5OfBody('test'), '098f6bcd4621d373cade4e832627b4f6');
});

test('MD5OfMessageAttributes over String attributes, sorted by name', () => {
  assert.is(md5OfAttributes({ Foo: s('Bar') }), 'ae7155c6026991b6d54b11589678bf9c');
  assert.is(md5OfAttributes({ Hello: s('There') }), 'a311262e065454b75da111d535b8dacd');
  assert.is(md5OfAttributes({ Hello: s('There'), General: s('Kenobi') }), 'fca026605781cb4126a1e9044df24232');
  assert.is(
    md5OfAttributes({ 'Help.Me': s('Me'), Hello: s('There'), General: s('Kenobi') }),
    '4c360f3fdafd970e05fae2f149d997f5',
  );
});

test('MD5OfMessageAttributes over a Binary attribute', () => {
  const value = Buffer.from(
    'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01',
    'latin1',
  );
  assert.is(
    md5OfAttributes({ attr1: { DataType: 'Binary', BinaryValue: value } }),
    '8cbe4db156db8a94db8b801b7addb984',
  );
});

test('no attributes, no digest', () => {
  assert.is(md5OfAttributes(undefined), undefined);
  assert.is(md5OfAttributes({}), undefined);
});

test.run();
