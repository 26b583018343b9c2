import { createServer, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canonicalHeaders, type HeaderMap } from '../sigv4/index.js';
import { headerValue, requestHeaders } from './request-headers.js';

/** Sends `head` (request line and header lines) over a raw socket and returns what requestHeaders made of it. */
async function headersOf(head: string): Promise<{ headers: HeaderMap; req: IncomingMessage }> {
  let seen: { headers: HeaderMap; req: IncomingMessage } | undefined;
  const server = createServer((req, res) => {
    seen = { headers: requestHeaders(req), req };
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(`${head}\r\nconnection: close\r\n\r\n`));
      socket.on('data', () => {});
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
  } finally {
    server.close();
  }
  if (!seen) throw new Error('no request');
  return seen;
}

describe('requestHeaders', () => {
  it("is node's parsed headers when no name repeats", async () => {
    const { headers, req } = await headersOf(
      'GET / HTTP/1.1\r\nHost: a\r\nX-Amz-Date: 20150830T123600Z\r\nMy-Header: v',
    );
    expect(headers).toBe(req.headers);
    expect(headerValue(headers, 'x-amz-date')).toBe('20150830T123600Z');
    expect(canonicalHeaders(headers, ['host', 'my-header'])).toBe('host:a\nmy-header:v\n');
  });

  it('is the distinct values when a name repeats, in any letter case, so SigV4 joins them with commas', async () => {
    const { headers, req } = await headersOf('GET / HTTP/1.1\r\nHost: a\r\nMy-Header: v1\r\nmy-header:  v2 ');
    expect(headers).toBe(req.headersDistinct);
    expect(headerValue(headers, 'my-header')).toBe('v1');
    // aws-sig-v4-test-suite get-header-key-duplicate: `my-header1:value2,value2,value1`-style joining.
    expect(canonicalHeaders(headers, ['host', 'my-header'])).toBe('host:a\nmy-header:v1,v2\n');
  });

  it('keeps a repeated header that node would keep only once (user-agent) as both values', async () => {
    const { headers } = await headersOf('GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: one\r\nUser-Agent: two');
    expect(canonicalHeaders(headers, ['user-agent'])).toBe('user-agent:one,two\n');
  });
});
