// Exact access to the bits of an IEEE 754 double: the integer significand and binary exponent,
// and exact powers of two. Everything that must round "as CPython does" starts from here, because
// x == mant * 2**exp is an exact statement we can do BigInt arithmetic on.

const view = new DataView(new ArrayBuffer(8));

/** |x| == mant * 2**exp exactly, mant a non-negative integer below 2**53. x must be finite. */
export interface Decomposed {
  mant: bigint;
  exp: number;
}

export function decompose(x: number): Decomposed {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const top = hi & 0xfffff;
  let mant = BigInt(top) * 4294967296n + BigInt(lo);
  if (biased === 0) return { mant, exp: -1074 }; // zero or subnormal
  mant += 1n << 52n;
  return { mant, exp: biased - 1075 };
}

/** 2**e as a double, exactly; e must be in [-1074, 1023]. */
export function pow2(e: number): number {
  if (e >= -1022) {
    view.setUint32(0, (e + 1023) << 20);
    view.setUint32(4, 0);
    return view.getFloat64(0);
  }
  // Subnormal powers of two: a single bit in the significand.
  const shift = e + 1074; // 0..51
  if (shift >= 32) {
    view.setUint32(0, 1 << (shift - 32));
    view.setUint32(4, 0);
  } else {
    view.setUint32(0, 0);
    view.setUint32(4, 2 ** shift);
  }
  return view.getFloat64(0);
}

/**
 * m * 2**e for a double m and integer e, rounding once (as C's ldexp does) when the caller has
 * arranged that m * 2**e is representable or under/overflows anyway. Each step multiplies by a
 * power of two that keeps the intermediate normal, so only the last step can round.
 */
export function ldexp(m: number, e: number): number {
  if (m === 0 || !Number.isFinite(m)) return m;
  while (e > 1023) {
    m *= pow2(1023);
    e -= 1023;
    if (!Number.isFinite(m)) return m;
  }
  while (e < -1022) {
    m *= pow2(-1022);
    e += 1022;
    if (m === 0) return m;
  }
  return m * pow2(e);
}

/** Number of bits in |n| (0 for 0), like int.bit_length(). */
export function bigBitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  // toString(16) is linear and allocation-light enough for the sizes CPython programs use.
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}
