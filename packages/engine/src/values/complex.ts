// repr(complex), as complex_repr writes it: the shortest repr digits without the '.0' that float
// repr adds, the imaginary part always signed, and no parentheses when the real part is +0.0.

import { floatToString } from './float-format.js';

export function complexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return floatToString(im, 'r', 0) + 'j';
  return '(' + floatToString(re, 'r', 0) + floatToString(im, 'r', 0, { alwaysSign: true }) + 'j)';
}

// Complex arithmetic as Objects/complexobject.c does it (_Py_c_prod, _Py_c_quot, _Py_c_pow, c_powi).
export type Complex = [number, number];

export function cProd(a: Complex, b: Complex): Complex {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}

/** Smith's algorithm; null where CPython raises ZeroDivisionError. */
export function cQuot(a: Complex, b: Complex): Complex | null {
  const absR = Math.abs(b[0]);
  const absI = Math.abs(b[1]);
  if (absR >= absI) {
    if (absR === 0) return null;
    const ratio = b[1] / b[0];
    const denom = b[0] + b[1] * ratio;
    return [(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom];
  }
  if (absI >= absR) {
    const ratio = b[0] / b[1];
    const denom = b[0] * ratio + b[1];
    return [(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom];
  }
  return [NaN, NaN];
}

function cPowu(x: Complex, n: number): Complex {
  let r: Complex = [1, 0];
  let p = x;
  let mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = cProd(r, p);
    mask <<= 1;
    p = cProd(p, p);
  }
  return r;
}

export function cPow(a: Complex, b: Complex): Complex | null {
  if (b[1] === 0 && b[0] === Math.floor(b[0]) && Math.abs(b[0]) <= 100) {
    const n = b[0];
    if (n > 0) return cPowu(a, n);
    const d = cPowu(a, -n);
    return cQuot([1, 0], d);
  }
  if (b[0] === 0 && b[1] === 0) return [1, 0];
  if (a[0] === 0 && a[1] === 0) {
    if (b[1] !== 0 || b[0] < 0) return null;
    return [0, 0];
  }
  const vabs = Math.hypot(a[0], a[1]);
  let len = Math.pow(vabs, b[0]);
  const at = Math.atan2(a[1], a[0]);
  let phase = at * b[0];
  if (b[1] !== 0) {
    len /= Math.exp(at * b[1]);
    phase += b[1] * Math.log(vabs);
  }
  return [len * Math.cos(phase), len * Math.sin(phase)];
}
