import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src-main/cli/main';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Papertape never opens a socket. Every way Node has of reaching the network is replaced by a
 * trap that records the attempt and throws; then whole pipeline runs go through the CLI.
 */
const ROOT = path.resolve(__dirname, '../../..');
const attempts: string[] = [];
const restore: (() => void)[] = [];

function trap<T extends object>(obj: T, key: keyof T & string, label: string): void {
  const original = obj[key];
  Object.defineProperty(obj, key, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]) => {
      attempts.push(`${label}(${JSON.stringify(args[0] ?? null)?.slice(0, 80)})`);
      throw new Error(`network access attempted: ${label}`);
    },
  });
  restore.push(() => Object.defineProperty(obj, key, { configurable: true, writable: true, value: original }));
}

beforeAll(() => {
  trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(tls, 'connect', 'tls.connect');
  trap(dgram, 'createSocket', 'dgram.createSocket');
  trap(dns, 'lookup', 'dns.lookup');
  trap(dns, 'resolve', 'dns.resolve');
  trap(http, 'request', 'http.request');
  trap(http, 'get', 'http.get');
  trap(https, 'request', 'https.request');
  trap(https, 'get', 'https.get');
  trap(globalThis, 'fetch', 'fetch');
  if ('WebSocket' in globalThis) trap(globalThis as { WebSocket: unknown }, 'WebSocket', 'WebSocket');
});
afterAll(() => restore.splice(0).forEach((r) => r()));

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false }, out: () => out, err: () => err };
}

describe('no socket is ever opened', () => {
  it('the traps really fire', () => {
    expect(() => net.createConnection({ port: 1 })).toThrow(/network access attempted/);
    attempts.length = 0;
  });

  it('a full session run, a scenario, verification and doctor open no socket', async () => {
    const { dir, cleanup } = makeTempDir('papertape-nosocket-');
    try {
      const run = capture();
      const code = await main(
        ['node', 'papertape', '--data-dir', dir, 'run', path.join(ROOT, 'fixtures/specs/demo-research.yaml'), '--json'],
        run.io,
      );
      expect(run.err()).toBe('');
      expect(code).toBe(0);
      expect(run.out()).toContain('"fills"');
      const scenario = capture();
      expect(await main(['node', 'papertape', 'scenario', path.join(ROOT, 'fixtures/scenarios/cancel-fill-race.json')], scenario.io)).toBe(
        0,
      );
      expect(scenario.out().split('\n').length).toBeGreaterThan(3);
      const verify = capture();
      expect(await main(['node', 'papertape', '--data-dir', dir, 'verify'], verify.io)).toBe(0);
      const doctor = capture();
      await main(['node', 'papertape', '--data-dir', dir, 'doctor'], doctor.io);
      expect(attempts).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
