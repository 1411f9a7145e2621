import { describe, expect, test } from 'vitest';
import { encodePayload, insertBeforeBodyEnd, payloadScript, PAYLOAD_GLOBAL, scriptSafeJson } from './inline-payload.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs an inline `<script>` body the way a browser would, returning what it stored. */
function runScript(html: string): unknown {
  const body = /^<script>([\s\S]*)<\/script>$/.exec(html)![1];
  const self: Record<string, unknown> = {};
  new Function('self', body)(self);
  return self[PAYLOAD_GLOBAL];
}

describe('scriptSafeJson', () => {
  test('escapes <, U+2028 and U+2029 and still parses to the same value', () => {
    const value = { a: '</script><script>alert(1)</script>', b: '<!-- x', c: 'line\u2028sep\u2029para' };
    const json = scriptSafeJson(value);
    expect(json).toBe(
      '{"a":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>","b":"\\u003c!-- x","c":"line\\u2028sep\\u2029para"}',
    );
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('payloadScript', () => {
  test('a payload holding </script> stays inside one script element', () => {
    const rsc = enc.encode('0:{"slug":"</script><script>alert(1)</script>"}\n');
    const html = payloadScript(rsc);
    expect(html.match(/<\/script/gi)).toEqual(['</script']);
    expect(html.match(/<script/gi)).toEqual(['<script']);
    expect(runScript(html)).toEqual({ text: '0:{"slug":"</script><script>alert(1)</script>"}\n' });
  });

  test('bytes that are not UTF-8 travel as base64', () => {
    const rsc = new Uint8Array([0x30, 0x3a, 0xff, 0xfe, 0x0a]);
    expect(encodePayload(rsc)).toEqual({ base64: 'MDr//go=' });
    expect(runScript(payloadScript(rsc))).toEqual({ base64: 'MDr//go=' });
  });
});

describe('insertBeforeBodyEnd', () => {
  const script = enc.encode('<script>x</script>');
  test('goes before the last </body>', () => {
    const html = enc.encode('<html><body><p>a</body> in text</p></body></html>');
    expect(dec.decode(insertBeforeBodyEnd(html, script))).toBe(
      '<html><body><p>a</body> in text</p><script>x</script></body></html>',
    );
  });
  test('goes at the end when there is no </body>', () => {
    expect(dec.decode(insertBeforeBodyEnd(enc.encode('<p>fragment</p>'), script))).toBe('<p>fragment</p><script>x</script>');
  });
});
