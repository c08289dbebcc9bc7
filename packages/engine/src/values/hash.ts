// CPython 3.11's hash() for the value types, as it runs with PYTHONHASHSEED=0 (the conformance
// cases do): sys.hash_info is width=64, modulus=2**61-1, algorithm='siphash13', cutoff=0, and a zero
// seed makes the SipHash key all zeros. Hashes are returned as signed 64-bit bigints (Py_hash_t);
// a dict or set uses the low bits for the first probe and the whole unsigned value as `perturb`.
//
// A str is hashed over its PEP 393 storage, not its UTF-8: 1 byte per code point when every code
// point is below 256, 2 bytes when below 65536, else 4 (little-endian), so hashStr picks the width
// from the largest code point exactly as the str object would.

import type { PyInt } from './int.js';
import { decompose } from './ieee.js';

/** _PyHASH_MODULUS: the Mersenne prime 2**61 - 1. */
export const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_BITS = 61n;
export const HASH_INF = 314159n;

// ---------------------------------------------------------------------------------------------
// SipHash-1-3 with a zero key, on 64-bit lanes held as pairs of uint32 (hi, lo) in locals.

let v0h = 0, v0l = 0, v1h = 0, v1l = 0, v2h = 0, v2l = 0, v3h = 0, v3l = 0;

/** One SipRound: HALF_ROUND(v0,v1,v2,v3,13,16); HALF_ROUND(v2,v1,v0,v3,17,21). */
function sipRound(): void {
  let h: number, l: number;
  // v0 += v1; v2 += v3
  l = (v0l + v1l) >>> 0; v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0; v0l = l;
  l = (v2l + v3l) >>> 0; v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0; v2l = l;
  // v1 = rotl(v1, 13) ^ v0; v3 = rotl(v3, 16) ^ v2
  h = ((v1h << 13) | (v1l >>> 19)) >>> 0; l = ((v1l << 13) | (v1h >>> 19)) >>> 0;
  v1h = (h ^ v0h) >>> 0; v1l = (l ^ v0l) >>> 0;
  h = ((v3h << 16) | (v3l >>> 16)) >>> 0; l = ((v3l << 16) | (v3h >>> 16)) >>> 0;
  v3h = (h ^ v2h) >>> 0; v3l = (l ^ v2l) >>> 0;
  // v0 = rotl(v0, 32)
  h = v0h; v0h = v0l; v0l = h;
  // v2 += v1; v0 += v3
  l = (v2l + v1l) >>> 0; v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0; v2l = l;
  l = (v0l + v3l) >>> 0; v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0; v0l = l;
  // v1 = rotl(v1, 17) ^ v2; v3 = rotl(v3, 21) ^ v0
  h = ((v1h << 17) | (v1l >>> 15)) >>> 0; l = ((v1l << 17) | (v1h >>> 15)) >>> 0;
  v1h = (h ^ v2h) >>> 0; v1l = (l ^ v2l) >>> 0;
  h = ((v3h << 21) | (v3l >>> 11)) >>> 0; l = ((v3l << 21) | (v3h >>> 11)) >>> 0;
  v3h = (h ^ v0h) >>> 0; v3l = (l ^ v0l) >>> 0;
  // v2 = rotl(v2, 32)
  h = v2h; v2h = v2l; v2l = h;
}

let scratch = new Uint8Array(256);

function scratchOf(size: number): Uint8Array {
  if (scratch.length < size) scratch = new Uint8Array(Math.max(size, scratch.length * 2));
  return scratch;
}

/** _Py_HashBytes with siphash13 and a zero key over buf[0:len]. */
function siphash13(buf: Uint8Array, len: number): bigint {
  if (len === 0) return 0n;
  // k0 = k1 = 0, so v_i are the bare constants.
  v0h = 0x736f6d65; v0l = 0x70736575;
  v1h = 0x646f7261; v1l = 0x6e646f6d;
  v2h = 0x6c796765; v2l = 0x6e657261;
  v3h = 0x74656462; v3l = 0x79746573;
  let i = 0;
  const full = len & ~7;
  for (; i < full; i += 8) {
    const ml = (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24)) >>> 0;
    const mh = (buf[i + 4]! | (buf[i + 5]! << 8) | (buf[i + 6]! << 16) | (buf[i + 7]! << 24)) >>> 0;
    v3h = (v3h ^ mh) >>> 0; v3l = (v3l ^ ml) >>> 0;
    sipRound();
    v0h = (v0h ^ mh) >>> 0; v0l = (v0l ^ ml) >>> 0;
  }
  // Last block: the remaining bytes, with (len & 0xff) in the top byte.
  let bl = 0;
  let bh = ((len & 0xff) << 24) >>> 0;
  for (let j = 0; i < len; i++, j++) {
    if (j < 4) bl = (bl | (buf[i]! << (8 * j))) >>> 0;
    else bh = (bh | (buf[i]! << (8 * (j - 4)))) >>> 0;
  }
  v3h = (v3h ^ bh) >>> 0; v3l = (v3l ^ bl) >>> 0;
  sipRound();
  v0h = (v0h ^ bh) >>> 0; v0l = (v0l ^ bl) >>> 0;
  v2l = (v2l ^ 0xff) >>> 0;
  sipRound();
  sipRound();
  sipRound();
  const th = (v0h ^ v1h ^ v2h ^ v3h) | 0; // signed high word
  const tl = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
  if (th === -1 && tl === 0xffffffff) return -2n;
  // |th * 2**32 + tl| may exceed 2**53: combine in BigInt only when it does.
  if (th >= -0x200000 && th < 0x200000) return BigInt(th * 4294967296 + tl);
  return (BigInt(th) << 32n) + BigInt(tl);
}

export function fixMinusOne(h: bigint): bigint {
  return h === -1n ? -2n : h;
}

// ---------------------------------------------------------------------------------------------

/** hash(s) for a str, s a JS (UTF-16) string. Cache it on the str object: it is O(len). */
export function hashStr(s: string): bigint {
  const n = s.length;
  if (n === 0) return 0n;
  // Find the PEP 393 kind from the widest code point.
  let max = 0;
  let surrogates = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > max) max = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) surrogates++;
    }
  }
  if (max < 256) {
    const buf = scratchOf(n);
    for (let i = 0; i < n; i++) buf[i] = s.charCodeAt(i);
    return siphash13(buf, n);
  }
  if (surrogates === 0) {
    const buf = scratchOf(2 * n);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      buf[2 * i] = c & 0xff;
      buf[2 * i + 1] = c >> 8;
    }
    return siphash13(buf, 2 * n);
  }
  // UCS-4: one little-endian 32-bit unit per code point.
  const buf = scratchOf(4 * n);
  let len = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    buf[len] = c & 0xff;
    buf[len + 1] = (c >> 8) & 0xff;
    buf[len + 2] = c >> 16;
    buf[len + 3] = 0;
    len += 4;
  }
  return siphash13(buf, len);
}

/** hash(b) for bytes. */
export function hashBytes(b: Uint8Array): bigint {
  return siphash13(b, b.length);
}

/** hash(n) for an int: n mod (2**61 - 1) with the sign of n, and -1 mapped to -2. */
export function hashInt(n: PyInt): bigint {
  if (typeof n === 'number') {
    // |n| < 2**53 < modulus: the hash is n itself.
    return n === -1 ? -2n : BigInt(n);
  }
  const neg = n < 0n;
  let h = (neg ? -n : n) % HASH_MODULUS;
  if (neg) h = -h;
  return fixMinusOne(h);
}

/** hash(n) for an int in the safe range, as a number: the fast path for dict lookups of small ints. */
export function hashSmallInt(n: number): number {
  return n === -1 ? -2 : n;
}

/**
 * hash(x) for a float: _Py_HashDouble, i.e. the hash of the exact rational value, so hash(2.0) ==
 * hash(2) and hash(0.5) == hash(Fraction(1, 2)). A nan hashes by identity in 3.10+: pass the
 * object's address (see hashPointer) as `nanId`.
 */
export function hashFloat(x: number, nanId = 0n): bigint {
  if (x !== x) return hashPointer(nanId);
  if (x === Infinity) return HASH_INF;
  if (x === -Infinity) return -HASH_INF;
  if (Number.isInteger(x) && Number.isSafeInteger(x)) return x === -1 ? -2n : BigInt(x);
  const { mant, exp } = decompose(x);
  // mant * 2**exp mod P; since 2**61 == 1 (mod P), 2**exp == 2**(exp mod 61).
  let e = BigInt(exp) % HASH_BITS;
  if (e < 0n) e += HASH_BITS;
  let h = ((mant % HASH_MODULUS) << e) % HASH_MODULUS;
  if (x < 0) h = -h;
  return fixMinusOne(h);
}

/** _Py_HashPointer: the object address rotated right by 4 bits, as a signed 64-bit hash. */
export function hashPointer(address: bigint): bigint {
  const y = BigInt.asUintN(64, address);
  const r = BigInt.asUintN(64, (y >> 4n) | (y << 60n));
  return fixMinusOne(BigInt.asIntN(64, r));
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;
const MASK64 = (1n << 64n) - 1n;

/** hash(t) for a tuple from its items' hashes: 3.11's xxHash-based tuplehash. */
export function hashTuple(itemHashes: readonly bigint[]): bigint {
  let acc = XXPRIME_5;
  for (const h of itemHashes) {
    const lane = h & MASK64;
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64;
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(itemHashes.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}

/** setobject.c's _shuffle_bits: spreads an entry hash before it is xor-ed into a frozenset hash. */
function shuffleBits(h: bigint): bigint {
  return (((h ^ 89869747n) ^ (h << 16n)) * 3644798167n) & MASK64;
}

/**
 * hash(fs) for a frozenset from its items' hashes (in any order): 3.11's frozenset_hash, an
 * order-independent xor of shuffled entry hashes, mixed with the size and dispersed.
 */
export function hashFrozenset(itemHashes: readonly bigint[]): bigint {
  let h = 0n;
  for (const item of itemHashes) h ^= shuffleBits(item & MASK64);
  h ^= ((BigInt(itemHashes.length) + 1n) * 1927868237n) & MASK64;
  h ^= (h >> 11n) ^ (h >> 25n);
  h = (h * 69069n + 907133923n) & MASK64;
  if (h === MASK64) return 590923713n;
  return BigInt.asIntN(64, h);
}
