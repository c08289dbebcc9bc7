// _random (Modules/_randommodule.c): the MT19937 Mersenne Twister, so that random.seed(n)
// followed by anything in random gives python3's numbers. Seeding from an int uses
// init_by_array over the absolute value's 32-bit words, least significant first; random()
// takes 27 and 26 bits of two outputs; getrandbits(k) fills 32-bit words from the low end,
// a last partial word taking the top bits of its output.
//
// The engine is deterministic: seeding from None (CPython reads os.urandom) uses a fixed seed.
import { PyBytes, PyByteArray, PyInt, PyNone, PyStr, PyTuple, type PyModule, type PyNativeObject, type PyObject, type PyType } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { pyHash, typeName } from '../ops.js';
import { asInt } from '../types.js';
import { nativeType, newNative } from './native.js';
import { sha512 } from './sha512.js';

const N = 624;
const M = 397;

/** The generator's state: 624 words and the index of the next one to temper. */
export class MersenneTwister {
  readonly mt = new Uint32Array(N);
  index = N + 1;

  initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  initByArray(key: Uint32Array): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const len = key.length;
    for (let k = N > len ? N : len; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.index = N;
  }

  /** genrand_uint32: the next tempered 32-bit output. */
  next32(): number {
    const mt = this.mt;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = (mt[kk]! & 0x80000000) | (mt[kk + 1]! & 0x7fffffff);
        mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random(): a double in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  getrandbits(k: number): bigint {
    if (k <= 32) return BigInt(this.next32() >>> (32 - k));
    let r = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let w = this.next32();
      if (left < 32) w >>>= 32 - left;
      r |= BigInt(w) << shift;
      shift += 32n;
    }
    return r;
  }

  /** Seeds from a non-negative int: its 32-bit words, least significant first ([0] for 0). */
  seedInt(n: bigint): void {
    const words: number[] = [];
    for (let v = n; v > 0n; v >>= 32n) words.push(Number(v & 0xffffffffn));
    if (words.length === 0) words.push(0);
    this.initByArray(Uint32Array.from(words));
  }
}

/** The fixed seed used where CPython would read os.urandom. */
const DEFAULT_SEED = 0x5eed2026n;

export function makeRandomNative(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('_random');
  type Gen = PyNativeObject & { state: MersenneTwister };
  const gen = (o: PyObject | null): MersenneTwister => (o as Gen).state;

  const seed = (g: MersenneTwister, a: PyObject | undefined): void => {
    if (a === undefined || a instanceof PyNone) {
      g.seedInt(DEFAULT_SEED);
      return;
    }
    let n: bigint;
    if (a instanceof PyInt) n = a.value;
    else n = pyHash(rt, a);
    g.seedInt(n < 0n ? -n : n);
  };
  const t: PyType = nativeType(rt, {
    name: 'Random',
    module: '_random',
    gc: false,
    create: (args) => {
      const g = new MersenneTwister();
      const o = newNative(rt, args[0] as PyType, g, 2528);
      seed(g, args[1]);
      return o;
    },
    methods: {
      seed: (args, _kw, self) => (seed(gen(self), args[0]), rt.none()),
      random: (args, _kw, self) => {
        if (args.length !== 0) throw err(rt, 'TypeError', `random() takes no arguments (${args.length} given)`);
        return rt.float(gen(self).random());
      },
      getrandbits: (args, _kw, self) => {
        if (args.length !== 1) throw err(rt, 'TypeError', `getrandbits() takes exactly one argument (${args.length} given)`);
        const k = asInt(rt, args[0]!);
        if (k < 0n) throw err(rt, 'ValueError', 'number of bits must be non-negative');
        if (k === 0n) return rt.int(0);
        return rt.int(gen(self).getrandbits(Number(k)));
      },
      getstate: (_a, _kw, self) => {
        const g = gen(self);
        const items: PyObject[] = [];
        for (let i = 0; i < N; i++) items.push(rt.int(g.mt[i]!));
        items.push(rt.int(g.index));
        return rt.tuple(items);
      },
      setstate: (args, _kw, self) => {
        const s = args[0];
        if (!(s instanceof PyTuple)) throw err(rt, 'TypeError', 'state vector must be a tuple');
        if (s.items.length !== N + 1) throw err(rt, 'ValueError', 'state vector is the wrong size');
        const g = gen(self);
        for (let i = 0; i < N; i++) g.mt[i] = Number(asInt(rt, s.items[i]!) & 0xffffffffn);
        const index = Number(asInt(rt, s.items[N]!));
        if (index < 0 || index > N) throw err(rt, 'ValueError', 'invalid state');
        g.index = index;
        return rt.none();
      },
    },
    sizeof: () => 2528,
  });
  proc.setAttr(m, 'Random', t, false);
  // int.from_bytes(data + _sha512.sha512(data).digest(), 'big'): the int random.seed makes of
  // a str (encoded as UTF-8) or bytes seed.
  proc.defFn(m, '_bytes_seed', (args) => {
    const a = args[0]!;
    let bytes: Uint8Array;
    if (a instanceof PyBytes || a instanceof PyByteArray) bytes = Uint8Array.from(a.value as ArrayLike<number>);
    else if (a instanceof PyStr) bytes = new TextEncoder().encode(a.value);
    else throw err(rt, 'TypeError', `object supporting the buffer API required, not ${typeName(a)}`);
    let n = 0n;
    for (const b of [...bytes, ...sha512(bytes)]) n = (n << 8n) | BigInt(b);
    return rt.int(n);
  });
  return m;
}
