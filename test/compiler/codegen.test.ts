// The compiler against CPython 3.11: for every conformance program and every snippet in the corpus,
// the compiled code-object tree must equal what python3 compiles (instructions, arguments, names,
// constants, local kinds, flags, stack size, exception table and positions).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { compileModule } from '../../packages/engine/src/compiler/index.js';
import { parse } from '../../packages/engine/src/python/index.js';
import { hasPython311, pyBatch, type OracleResult } from '../support/pyast.js';
import { diffCode } from './compare.js';
import { SNIPPETS } from './snippets.js';

const CASES = '/work/shared/conformance/cases';
const python = hasPython311();

function check(name: string, source: string, oracle: OracleResult): string[] {
  if ('error' in oracle) return [];
  const mine = compileModule(oracle.ast, { filename: '<string>', source });
  return diffCode(mine, oracle.code).map((d) => `${name}: ${d}`);
}

describe.skipIf(!python)('compiler vs python3 (snippets)', () => {
  const names = Object.keys(SNIPPETS);
  const results = python ? pyBatch(names.map((n) => SNIPPETS[n]!)) : [];
  names.forEach((name, i) => {
    it(name, () => {
      expect(check(name, SNIPPETS[name]!, results[i]!).join('\n')).toBe('');
    });
  });
});

const haveCases = existsSync(CASES);
if (!haveCases) console.warn(`compiler tests: ${CASES} is absent; skipping the conformance corpus`);

describe.skipIf(!python || !haveCases)('compiler vs python3 (conformance cases)', () => {
  const files = haveCases ? readdirSync(CASES).filter((f) => f.endsWith('.py')).sort() : [];
  const sources = files.map((f) => readFileSync(`${CASES}/${f}`, 'utf8'));
  const results = python && haveCases ? pyBatch(sources) : [];
  files.forEach((f, i) => {
    it(f, () => {
      expect(check(f, sources[i]!, results[i]!).join('\n')).toBe('');
    });
  });
});

// The same comparisons with refscope's own parser in front (the production pipeline).
describe.skipIf(!python)('parser + compiler vs python3', () => {
  const named: [string, string][] = Object.entries(SNIPPETS);
  if (haveCases) {
    for (const f of readdirSync(CASES).filter((x) => x.endsWith('.py')).sort()) named.push([f, readFileSync(`${CASES}/${f}`, 'utf8')]);
  }
  const results = python ? pyBatch(named.map(([, src]) => src)) : [];
  named.forEach(([name, source], i) => {
    const oracle = results[i]!;
    it.skipIf('error' in oracle)(name, () => {
      if ('error' in oracle) return;
      const mine = compileModule(parse(source, '<string>'), { filename: '<string>', source });
      expect(diffCode(mine, oracle.code).join('\n')).toBe('');
    });
  });
});
