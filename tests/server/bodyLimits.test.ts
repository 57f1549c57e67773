/*
 * What a hostile or broken client can send, over a real socket: every body is judged before it is read (by its
 * declared length and type) or cut off as it streams, Node's own refusals carry a Chinese message, slow clients
 * are cut off, and idle keep-alive connections are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../server/app';
import { MAX_PHOTO_BYTES } from '../../server/photoRoutes';
import { MAX_PUBLIC_PHOTO_BYTES } from '../../server/publicPage/routes';
import { PEOPLE } from './fixtures/smallCounty';
import { startCountyServer, type CountyServer } from '../support/countyServer';
import { openSocket, parseAnswer, rawRequest, requestHead, zeros } from '../support/rawHttp';

const MB = 1024 * 1024;
let county: CountyServer;
let token: string;
beforeAll(async () => {
  county = await startCountyServer();
  token = county.tokenFor(PEOPLE.staffA.id);
});
afterAll(() => county.close());

const authed = (headers: Record<string, string | number>) => ({ authorization: `Bearer ${token}`, ...headers });
const message = (text: string) => ({ error: { message: text } });

describe('bodies are bounded before they are read, whatever their type', () => {
  it('a declared 200 MB multipart push is refused with 413 before its body is read', async () => {
    const head = requestHead('POST', '/trpc/sync.push', authed({ 'content-type': 'multipart/form-data; boundary=x', 'content-length': 200 * MB }));
    const answer = await rawRequest(county.url, head, zeros(200 * MB));
    expect([answer.status, answer.json]).toEqual([413, message('提交的内容过大')]);
    // The answer came while the client was still writing: far less than the body was ever sent.
    expect(answer.bytesSentBefore).toBeLessThan(50 * MB);
  });

  it('a declared 5 MB octet-stream body is a 413, not a 400', async () => {
    const head = requestHead('POST', '/trpc/sync.push', authed({ 'content-type': 'application/octet-stream', 'content-length': 5 * MB }));
    const answer = await rawRequest(county.url, head, zeros(5 * MB));
    expect([answer.status, answer.json]).toEqual([413, message('提交的内容过大')]);
  });

  it('a body of a type tRPC routes do not read is a 415 with a Chinese message, before any of it is read', async () => {
    for (const type of ['multipart/form-data; boundary=x', 'application/octet-stream', 'text/plain', 'application/x-www-form-urlencoded']) {
      // Chunked: no declared length, and the body never ends; only the type can decide.
      const head = requestHead('POST', '/trpc/sync.push', authed({ 'content-type': type, 'transfer-encoding': 'chunked' }));
      const answer = await rawRequest(county.url, head, zeros(200 * MB, 64 * 1024, true));
      expect([type, answer.status, answer.json]).toEqual([type, 415, message('接口只接受 JSON（Content-Type: application/json）')]);
      expect(answer.bytesSentBefore).toBeLessThan(50 * MB);
    }
  });

  it('a JSON body without a declared length is counted as it streams and cut off past 1 MB', async () => {
    const head = requestHead('POST', '/trpc/sync.push', authed({ 'content-type': 'application/json', 'transfer-encoding': 'chunked' }));
    const answer = await rawRequest(county.url, head, zeros(200 * MB, 64 * 1024, true));
    expect([answer.status, answer.json]).toEqual([413, message('提交的内容过大')]);
    expect(answer.bytesSentBefore).toBeGreaterThan(MAX_BODY);
    expect(answer.bytesSentBefore).toBeLessThan(50 * MB);
  });

  it('a photo declared or streamed past 2 MB is a 413 in photo terms', async () => {
    const photoTooLarge = message('照片不能超过 2 MB，请压缩后再上传');
    const declared = await rawRequest(county.url, requestHead('POST', '/photos', authed({ 'content-type': 'image/jpeg', 'content-length': 200 * MB })), zeros(200 * MB));
    expect([declared.status, declared.json]).toEqual([413, photoTooLarge]);
    const streamed = await rawRequest(county.url, requestHead('POST', '/photos', authed({ 'transfer-encoding': 'chunked' })), zeros(200 * MB, 64 * 1024, true));
    expect([streamed.status, streamed.json]).toEqual([413, photoTooLarge]);
    expect(streamed.bytesSentBefore).toBeGreaterThan(MAX_PHOTO_BYTES);
    expect(streamed.bytesSentBefore).toBeLessThan(50 * MB);
  });

  it('a public photo (no sign-in) declared or streamed past 1 MB is a 413 in photo terms, before the rest is read', async () => {
    const photoTooLarge = message('照片不能超过 1 MB，请压缩后再上传');
    const declared = await rawRequest(county.url, requestHead('POST', '/report/photos', { 'content-type': 'image/jpeg', 'content-length': 200 * MB }), zeros(200 * MB));
    expect([declared.status, declared.json]).toEqual([413, photoTooLarge]);
    expect(declared.bytesSentBefore).toBeLessThan(50 * MB);
    const streamed = await rawRequest(county.url, requestHead('POST', '/report/photos', { 'transfer-encoding': 'chunked' }), zeros(200 * MB, 64 * 1024, true));
    expect([streamed.status, streamed.json]).toEqual([413, photoTooLarge]);
    expect(streamed.bytesSentBefore).toBeGreaterThan(MAX_PUBLIC_PHOTO_BYTES);
    expect(streamed.bytesSentBefore).toBeLessThan(50 * MB);
  });

  it('a bare POST to a procedure without input works: auth.signOut with no body and no content type', async () => {
    const other = county.tokenFor(PEOPLE.headA.id);
    const answer = await rawRequest(county.url, requestHead('POST', '/trpc/auth.signOut', { authorization: `Bearer ${other}`, 'content-length': 0 }));
    expect([answer.status, answer.json]).toEqual([200, { result: { data: { ok: true } } }]);
    const again = await rawRequest(county.url, requestHead('GET', '/trpc/auth.me', { authorization: `Bearer ${other}` }));
    expect(again.status).toBe(401);
  });
});

describe('Node’s own refusals carry a Chinese message', () => {
  it.each([
    ['a 20 KB URL', requestHead('GET', `/trpc/auth.me?input=${'a'.repeat(20_000)}`), 431, '请求头或网址过长'],
    ['a 60 KB header', requestHead('GET', '/trpc/auth.me', { 'x-padding': 'a'.repeat(60_000) }), 431, '请求头或网址过长'],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', 400, '请求格式不正确'],
    ['a bad Content-Length', requestHead('POST', '/trpc/sync.push', { 'content-length': 'many' }), 400, '请求格式不正确'],
  ])('%s', async (_name, head, status, text) => {
    const answer = await rawRequest(county.url, head);
    expect([answer.status, answer.json]).toEqual([status, message(text)]);
  });
});

describe('slow and idle clients', () => {
  let slow: CountyServer;
  beforeAll(async () => {
    // The production values are tens of seconds; the same mechanism at a tenth of a second.
    slow = await startCountyServer({ timeouts: { headersTimeout: 400, requestTimeout: 800, connectionsCheckingInterval: 100 } });
  });
  afterAll(() => slow.close());

  /** Drips `text` a byte every 50 ms until the server closes the socket; resolves with what it answered. */
  async function drip(text: string) {
    const socket = await openSocket(slow.url);
    let raw = '';
    socket.on('data', (d) => (raw += d));
    let i = 0;
    const timer = setInterval(() => socket.writable && socket.write(text[i++ % text.length]), 50);
    await new Promise((r) => socket.on('close', r));
    clearInterval(timer);
    return { sent: i, ...parseAnswer(raw) };
  }

  it('a client dripping its headers is cut off with 408 and a Chinese message', async () => {
    const answer = await drip(requestHead('GET', '/trpc/auth.me', { 'x-padding': 'a'.repeat(10_000) }));
    expect([answer.status, answer.json]).toEqual([408, message('请求发送超时，请检查网络后重试')]);
  });

  it('a client dripping its body is cut off too', async () => {
    const head = requestHead('POST', '/trpc/sync.push', { 'content-type': 'application/json', 'content-length': 10_000 });
    const answer = await drip(head + ' '.repeat(10_000));
    expect(answer.sent).toBeLessThan(head.length + 10_000);
    expect([answer.status, answer.json]).toEqual([408, message('请求发送超时，请检查网络后重试')]);
  });

  it('an idle keep-alive connection outlives both request timeouts and serves the next request', async () => {
    const socket = await openSocket(slow.url);
    const answers: string[] = [];
    socket.on('data', (d) => answers.push(d.toString()));
    const ask = async () => {
      const before = answers.length;
      socket.write(requestHead('GET', '/healthz', { connection: 'keep-alive' }));
      while (answers.length === before) await new Promise((r) => setTimeout(r, 10));
      return parseAnswer(answers[answers.length - 1]);
    };
    expect((await ask()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000)); // idle for over twice the request timeout
    expect(socket.destroyed).toBe(false);
    expect((await ask()).json).toEqual({ ok: true });
    socket.destroy();
  });
});
