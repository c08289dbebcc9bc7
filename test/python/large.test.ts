// A long program parses whole: the scanner and the parser's token window keep positions right
// far into the file (the parser forgets consumed tokens between top-level statements).
import { describe, expect, it } from 'vitest';
import { parse } from '../../packages/engine/src/python/index.js';
import { hasPython, oracle, toPyJson } from './oracle.js';

function program(blocks: number): string {
  let src = '';
  for (let i = 0; i < blocks; i++) {
    src += `class Node${i}:\n    def __init__(self, value=${i}, *rest, **kw):\n        self.value = value\n`
      + `        self.items = [x * ${i} for x in rest if x]\n\n`
      + `def make${i}(n):\n    """Builds ${i}."""\n    out = {}\n    for k in range(n):\n`
      + `        out[k] = Node${i}(k, f"{k!r:>4}")\n    return out\n\n`
      + `total${i} = sum(len(make${i}(j)) for j in (1, 2, 3)) + 0x${i.toString(16)} - ${i}.5\n`;
  }
  return src;
}

describe('large programs', () => {
  const src = program(770); // about 10,000 lines

  it('parses ten thousand lines with every statement in place', () => {
    const mod = parse(src, 'big.py');
    expect(mod.body.length).toBe(770 * 3);
    const last = mod.body[mod.body.length - 1];
    expect(last.type).toBe('Assign');
    expect(last.lineno).toBe(src.split('\n').length - 1);
  });

  it.skipIf(!hasPython)('matches CPython node for node (a 1,300-line slice of it)', () => {
    const part = program(100);
    const [want] = oracle([{ op: 'ast', src: part }]);
    expect(toPyJson(parse(part, 'big.py'))).toEqual(want);
  });
});
