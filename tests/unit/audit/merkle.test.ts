import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  merkleRoot,
  MerkleFrontier,
  verifyConsistency,
  verifyInclusion,
} from '../../../src-main/store/merkle';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 6962 section 2.1, word for word: the obviously-correct reference. */
function mth(data: readonly Buffer[]): Buffer {
  if (data.length === 0) return sha();
  if (data.length === 1) return sha(Buffer.from([0]), data[0]!);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha(Buffer.from([1]), mth(data.slice(0, k)), mth(data.slice(k)));
}

// The leaf inputs of the Certificate Transparency reference tests.
const CT_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

function frontierRoot(inputs: readonly Buffer[]): Buffer {
  const f = MerkleFrontier.empty();
  for (const d of inputs) f.push(leafHash(d));
  return f.root();
}

describe('RFC 6962 Merkle tree', () => {
  it('pins the 0-, 1- and 2-leaf roots by hand', () => {
    // SHA-256 of nothing.
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // SHA-256(0x00): one empty leaf.
    expect(frontierRoot([Buffer.alloc(0)]).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    // SHA-256(0x01 || SHA-256(0x00) || SHA-256(0x00 0x00)).
    expect(frontierRoot([Buffer.alloc(0), Buffer.from([0])]).toString('hex')).toBe(
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    );
  });

  it.each(CT_ROOTS.map((root, n) => [n, root] as const))('matches the reference and CT known answer for %i leaves', (n, root) => {
    const inputs = CT_INPUTS.slice(0, n);
    expect(mth(inputs).toString('hex')).toBe(root);
    expect(frontierRoot(inputs).toString('hex')).toBe(root);
  });

  it('incremental root equals the recursive definition for any leaves (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 70 }), (arrays) => {
        const inputs = arrays.map((a) => Buffer.from(a));
        const f = MerkleFrontier.empty();
        for (let i = 0; i < inputs.length; i++) {
          f.push(leafHash(inputs[i]!));
          expect(f.root().equals(mth(inputs.slice(0, i + 1)))).toBe(true);
        }
        const restored = MerkleFrontier.deserialize(f.size, f.serialize());
        expect(restored.root().equals(mth(inputs))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a frontier whose node count does not fit the size', () => {
    const f = MerkleFrontier.empty();
    for (let i = 0; i < 3; i++) f.push(leafHash(Buffer.from([i])));
    expect(() => MerkleFrontier.deserialize(4, f.serialize())).toThrow(/does not match/);
  });

  it('inclusion and consistency proofs verify, and fail for a wrong root (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), (n, a, b) => {
        const leaves = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
        const root = merkleRoot(leaves);
        const m = a % n;
        expect(verifyInclusion(leaves[m]!, m, n, inclusionProof(leaves, m), root)).toBe(true);
        expect(verifyInclusion(leaves[m]!, m, n, inclusionProof(leaves, m), EMPTY_ROOT)).toBe(false);
        const old = (b % n) + 1;
        const oldRoot = merkleRoot(leaves.slice(0, old));
        const proof = consistencyProof(leaves, old);
        expect(verifyConsistency(old, n, oldRoot, root, proof)).toBe(true);
        if (old < n) expect(verifyConsistency(old, n, leafHash(Buffer.from('forged')), root, proof)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
