import { createHash, hash } from 'node:crypto';

/** RFC 6962 hashing: leaves get a 0x00 prefix and interior nodes 0x01, so a leaf can never pass for a node. */
const NODE_PREFIX = Buffer.from([0x01]);

export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(bytes: Buffer | string): Buffer {
  // One-shot crypto.hash is several times cheaper than a Hash object for short inputs.
  // U+0000 encodes as the single byte 0x00 in UTF-8, so the string form needs no copy into a Buffer first.
  if (typeof bytes === 'string') return hash('sha256', '\u0000' + bytes, 'buffer');
  const data = bytes;
  const prefixed = Buffer.allocUnsafe(data.length + 1);
  prefixed[0] = 0x00;
  data.copy(prefixed, 1);
  return hash('sha256', prefixed, 'buffer');
}

// One reused input buffer: crypto.hash copies nothing back into it and returns a fresh digest.
const NODE_INPUT = Buffer.alloc(65);

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([NODE_PREFIX, left, right], 65), 'buffer');
  NODE_INPUT[0] = 0x01;
  left.copy(NODE_INPUT, 1);
  right.copy(NODE_INPUT, 33);
  return hash('sha256', NODE_INPUT, 'buffer');
}

/**
 * The right frontier of an append-only RFC 6962 tree: the roots of the perfect subtrees that
 * make up the first `size` leaves, largest first (one per set bit of size). Append is O(log n)
 * amortised, root is O(log n), and the frontier persists as a few hashes.
 */
export class MerkleFrontier {
  private constructor(
    private readonly nodes: Buffer[],
    private count: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /** Restores a frontier from `serialize()`; throws if the node count does not match the size. */
  static deserialize(size: number, hex: string): MerkleFrontier {
    const nodes: Buffer[] = [];
    for (let i = 0; i < hex.length; i += 64) nodes.push(Buffer.from(hex.slice(i, i + 64), 'hex'));
    if (hex.length % 64 !== 0 || nodes.length !== popcount(size)) throw new Error(`Merkle frontier does not match size ${size}`);
    return new MerkleFrontier(nodes, size);
  }

  get size(): number {
    return this.count;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier([...this.nodes], this.count);
  }

  /** Adds one leaf hash (already prefixed with 0x00 and hashed). */
  push(leaf: Buffer): void {
    let node = leaf;
    // Each trailing 1-bit of the old size is a perfect subtree of equal height that merges with the new node.
    for (let s = this.count; s & 1; s >>>= 1) node = nodeHash(this.nodes.pop()!, node);
    this.nodes.push(node);
    this.count++;
  }

  /** MTH of all leaves so far: fold the frontier from the smallest subtree up. */
  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let acc = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i]!, acc);
    return acc;
  }

  serialize(): string {
    return this.nodes.map((n) => n.toString('hex')).join('');
  }
}

function popcount(n: number): number {
  let c = 0;
  for (let s = n; s > 0; s = Math.floor(s / 2)) c += s % 2;
  return c;
}

/** MTH over a list of leaf hashes, straight from RFC 6962 section 2.1 (for proofs and small trees). */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  const f = MerkleFrontier.empty();
  for (const l of leaves) f.push(l);
  return f.root();
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Buffer[], from: number, to: number): Buffer {
  return merkleRoot(leaves.slice(from, to));
}

/** RFC 6962 section 2.1.1 audit path for leaf m in the tree of `leaves`. */
export function inclusionProof(leaves: readonly Buffer[], m: number): Buffer[] {
  const n = leaves.length;
  if (m < 0 || m >= n) throw new RangeError(`leaf ${m} outside tree of ${n}`);
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (m < k) return [...inclusionProof(leaves.slice(0, k), m), subtreeRoot(leaves, k, n)];
  return [...inclusionProof(leaves.slice(k), m - k), subtreeRoot(leaves, 0, k)];
}

/** RFC 9162 section 2.1.3.2 inclusion verification. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 6962 section 2.1.2 consistency proof from the first m leaves to all of `leaves`. */
export function consistencyProof(leaves: readonly Buffer[], m: number): Buffer[] {
  if (m <= 0 || m > leaves.length) throw new RangeError(`old size ${m} outside 1..${leaves.length}`);
  return subproof(leaves, m, true);
}

function subproof(leaves: readonly Buffer[], m: number, complete: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [merkleRoot(leaves)];
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) return [...subproof(leaves.slice(0, k), m, complete), subtreeRoot(leaves, k, n)];
  return [...subproof(leaves.slice(k), m - k, false), subtreeRoot(leaves, 0, k)];
}

/** RFC 9162 section 2.1.4.2 consistency verification. */
export function verifyConsistency(oldSize: number, newSize: number, oldRoot: Buffer, newRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  let path = [...proof];
  if (isPowerOfTwo(oldSize)) path = [oldRoot, ...path];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [first, ...rest] = path;
  if (!first) return false;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(oldRoot) && sr.equals(newRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
