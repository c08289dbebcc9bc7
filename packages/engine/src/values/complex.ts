// repr(complex), as complex_repr writes it: the shortest repr digits without the '.0' that float
// repr adds, the imaginary part always signed, and no parentheses when the real part is +0.0.

import { floatToString } from './float-format.js';

export function complexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return floatToString(im, 'r', 0) + 'j';
  return '(' + floatToString(re, 'r', 0) + floatToString(im, 'r', 0, { alwaysSign: true }) + 'j)';
}
