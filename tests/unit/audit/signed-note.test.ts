import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from '../../../src-main/store/checkpoint';
import { noteKeyId, openNote, parseNote, signNote } from '../../../src-main/store/signed-note';
import { EMPTY_ROOT } from '../../../src-main/store/merkle';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, publicKey, raw };
}

describe('C2SP checkpoint and signed note', () => {
  it('formats and parses a tlog-checkpoint body', () => {
    const body = formatCheckpoint({ origin: 'papertape.test/ws-1/registry', size: 3, root: EMPTY_ROOT });
    expect(body).toBe('papertape.test/ws-1/registry\n3\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
    expect(parseCheckpoint(body)).toEqual({ origin: 'papertape.test/ws-1/registry', size: 3, root: EMPTY_ROOT });
    expect(parseCheckpoint(body.replace('\n3\n', '\n03\n'))).toBeNull();
    expect(parseCheckpoint(body + 'extension\n')).toBeNull();
  });

  it('computes the key id as SHA-256(name || LF || 0x01 || key)[:4]', () => {
    const raw = Buffer.alloc(32, 7);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('example.com/log'), Buffer.from([0x0a, 0x01]), raw]))
      .digest()
      .subarray(0, 4);
    expect(noteKeyId('example.com/log', raw).equals(expected)).toBe(true);
  });

  it('signs a note that verifies, and rejects a changed body or another key', () => {
    const k = keyPair();
    const body = 'example.com/log\n5\n' + EMPTY_ROOT.toString('base64') + '\n';
    const note = signNote(body, 'example.com/log', k.privateKey, k.raw);
    expect(note.startsWith(body + '\n\u2014 example.com/log ')).toBe(true);
    const parsed = parseNote(note)!;
    expect(parsed.body).toBe(body);
    expect(parsed.signatures[0]!.keyId.equals(noteKeyId('example.com/log', k.raw))).toBe(true);
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
    expect(openNote(note, 'example.com/log', k.publicKey, k.raw)).toBe(body);
    expect(openNote(note.replace('\n5\n', '\n6\n'), 'example.com/log', k.publicKey, k.raw)).toBeNull();
    const other = keyPair();
    expect(openNote(note, 'example.com/log', other.publicKey, other.raw)).toBeNull();
    expect(openNote(note, 'another.name', k.publicKey, k.raw)).toBeNull();
  });
});
