// io.StringIO (Modules/_io/stringio.c): a text buffer of code points with a position. The object
// is GC-tracked with a __dict__ and weakref support, 136 bytes (the buffer is not counted).
import { PyInt, PyList, PyNone, PyStr, type PyNativeObject, type PyModule, type PyObject, type PyType } from '../object.js';
import { Holder } from '../../events/kinds.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { typeName } from '../ops.js';
import { asInt, parseArgs } from '../types.js';
import { nativeType, newNative } from './native.js';

interface Buffer {
  /** The text, always current (CPython's realized buffer). */
  chars: string[];
  pos: number;
  closed: boolean;
  /**
   * STATE_ACCUMULATING: an empty StringIO appends each write at the end to a list (_PyAccu's
   * `small`, held[0]) holding the written str objects themselves, until something needs the
   * buffer (realize) or getvalue() joins them (make_intermediate).
   */
  accumulating: boolean;
}
type StringIO = PyNativeObject & { state: Buffer };

export function makeIoModule(rt: Runtime, proc: Process): PyModule {
  const buf = (o: PyObject): Buffer => {
    const b = (o as unknown as { state: Buffer }).state;
    if (b.closed) throw err(rt, 'ValueError', 'I/O operation on closed file');
    return b;
  };
  /** A size argument: None or negative means "all". */
  const size = (o: PyObject | undefined | null): number => {
    if (o === undefined || o === null || o instanceof PyNone) return -1;
    if (!(o instanceof PyInt)) throw err(rt, 'TypeError', `argument should be integer or None, not '${typeName(o)}'`);
    return Number(o.value);
  };
  const readline = (b: Buffer, limit: number): string => {
    const start = b.pos;
    let end = start;
    const n = b.chars.length;
    while (end < n && (limit < 0 || end - start < limit)) {
      if (b.chars[end++] === '\n') break;
    }
    b.pos = end;
    return b.chars.slice(start, end).join('');
  };
  const write = (b: Buffer, s: string): number => {
    const cs = [...s];
    if (cs.length === 0) return 0;
    while (b.chars.length < b.pos) b.chars.push('\0');
    b.chars.splice(b.pos, cs.length, ...cs);
    b.pos += cs.length;
    return cs.length;
  };

  /** join_list_unicode: one exact str is returned itself, otherwise a new str. */
  const join = (l: PyList): PyObject => {
    if (l.items.length === 1 && l.items[0]!.type === rt.t.str) return rt.tempIncref(l.items[0]!);
    return rt.newStr(l.items.map((x) => (x as PyStr).value).join(''));
  };
  /** _PyAccu_Finish: the joined text; the accumulator list is released. */
  const finish = (o: StringIO): PyObject => {
    const l = o.held[0] as PyList;
    o.held[0] = null;
    const r = join(l);
    rt.decref(l, Holder.Field, o.id, 0);
    return r;
  };
  const accuInit = (o: StringIO, first: PyObject | null): void => {
    const l = rt.newList([]) as PyList;
    o.held[0] = l;
    rt.give(l, Holder.Field, o.id, 0);
    if (first !== null) rt.listAppend(l, first);
  };
  /** realize(): leave the accumulating state (the joined text goes into the buffer and is dropped). */
  const realize = (o: StringIO): void => {
    if (!o.state.accumulating) return;
    o.state.accumulating = false;
    rt.tempDecref(finish(o));
  };
  /** make_intermediate(): the joined text, which also becomes the new accumulator's only item. */
  const intermediate = (o: StringIO): PyObject => {
    const r = finish(o);
    accuInit(o, r);
    return r;
  };

  const t: PyType = nativeType(rt, {
    name: 'StringIO',
    module: '_io',
    gc: true,
    weakrefs: true,
    create: (args, kw) => {
      const cls = args[0] as PyType;
      const [initial, newline] = parseArgs(rt, 'StringIO', args.slice(1), kw, ['initial_value', 'newline'], 0);
      if (initial !== null && !(initial instanceof PyStr) && initial !== rt.None) {
        throw err(rt, 'TypeError', `initial_value must be str or None, not ${typeName(initial)}`);
      }
      if (newline !== null && !(newline instanceof PyStr) && newline !== rt.None) {
        throw err(rt, 'TypeError', `newline must be str or None, not ${typeName(newline)}`);
      }
      const chars = initial instanceof PyStr ? [...initial.value] : [];
      const o = newNative<Buffer>(rt, cls, { chars, pos: 0, closed: false, accumulating: chars.length === 0 }, 136);
      if (chars.length === 0) accuInit(o, null);
      return o;
    },
    methods: {
      write: (a, _k, self) => {
        const b = buf(self!);
        const s = a[0];
        if (!(s instanceof PyStr)) throw err(rt, 'TypeError', `string argument expected, got '${s === undefined ? 'NoneType' : typeName(s)}'`);
        const n = [...s.value].length;
        if (n === 0) return rt.int(0);
        if (b.accumulating) {
          if (b.pos === b.chars.length) rt.listAppend((self as StringIO).held[0] as PyList, s);
          else realize(self as StringIO);
        }
        return rt.int(write(b, s.value));
      },
      writelines: (a, _k, self) => {
        const b = buf(self!);
        for (const s of rt.toArrayOf(a[0]!)) {
          try {
            if (!(s instanceof PyStr)) throw err(rt, 'TypeError', `string argument expected, got '${typeName(s)}'`);
            if (s.value.length > 0 && b.accumulating) {
              if (b.pos === b.chars.length) rt.listAppend((self as StringIO).held[0] as PyList, s);
              else realize(self as StringIO);
            }
            write(b, s.value);
          } finally {
            rt.tempDecref(s);
          }
        }
        return rt.none();
      },
      getvalue: (_a, _k, self) => {
        const b = buf(self!);
        return b.accumulating ? intermediate(self as StringIO) : rt.newStr(b.chars.join(''));
      },
      read: (a, _k, self) => {
        const b = buf(self!);
        const n = size(a[0]);
        if (b.accumulating && b.pos === 0 && (n < 0 || n === b.chars.length)) {
          b.pos = b.chars.length;
          return intermediate(self as StringIO);
        }
        realize(self as StringIO);
        const end = n < 0 ? b.chars.length : Math.min(b.chars.length, b.pos + n);
        const s = b.pos >= end ? '' : b.chars.slice(b.pos, end).join('');
        b.pos = Math.max(b.pos, end);
        return rt.newStr(s);
      },
      readline: (a, _k, self) => {
        const b = buf(self!);
        realize(self as StringIO);
        return rt.newStr(readline(b, size(a[0])));
      },
      readlines: (a, _k, self) => {
        const b = buf(self!);
        realize(self as StringIO);
        const hint = size(a[0]);
        const lines: PyObject[] = [];
        let total = 0;
        for (;;) {
          const line = readline(b, -1);
          if (line === '') break;
          lines.push(rt.newStr(line));
          total += [...line].length;
          if (hint > 0 && total >= hint) break;
        }
        return rt.newList(lines);
      },
      seek: (a, _k, self) => {
        const b = buf(self!);
        const pos = Number(asInt(rt, a[0]!));
        const whence = a.length > 1 ? Number(asInt(rt, a[1]!)) : 0;
        if (whence !== 0 && whence !== 1 && whence !== 2) throw err(rt, 'ValueError', `Invalid whence (${whence}, should be 0, 1 or 2)`);
        if (whence === 0 && pos < 0) throw err(rt, 'ValueError', `Negative seek position ${pos}`);
        if (whence !== 0 && pos !== 0) throw err(rt, 'OSError', `Can't do nonzero ${whence === 1 ? 'cur' : 'end'}-relative seeks`);
        if (whence === 0) b.pos = pos;
        else if (whence === 2) b.pos = b.chars.length;
        return rt.int(b.pos);
      },
      tell: (_a, _k, self) => rt.int(buf(self!).pos),
      truncate: (a, _k, self) => {
        const b = buf(self!);
        const n = a.length > 0 && a[0] !== rt.None ? Number(asInt(rt, a[0]!)) : b.pos;
        if (n < 0) throw err(rt, 'ValueError', `Negative size value ${n}`);
        if (n < b.chars.length) {
          realize(self as StringIO);
          b.chars.length = n;
        }
        return rt.int(n);
      },
      close: (_a, _k, self) => {
        const b = (self as unknown as { state: Buffer }).state;
        b.closed = true;
        b.chars = [];
        return rt.none();
      },
      flush: (_a, _k, self) => (buf(self!), rt.none()),
      readable: (_a, _k, self) => (buf(self!), rt.tempIncref(rt.True)),
      writable: (_a, _k, self) => (buf(self!), rt.tempIncref(rt.True)),
      seekable: (_a, _k, self) => (buf(self!), rt.tempIncref(rt.True)),
      isatty: (_a, _k, self) => (buf(self!), rt.tempIncref(rt.False)),
      __iter__: (_a, _k, self) => (buf(self!), rt.tempIncref(self!)),
      __next__: (_a, _k, self) => {
        const b = buf(self!);
        realize(self as StringIO);
        const line = readline(b, -1);
        if (line === '') throw err(rt, 'StopIteration');
        return rt.newStr(line);
      },
      __enter__: (_a, _k, self) => (buf(self!), rt.tempIncref(self!)),
      __exit__: (_a, _k, self) => {
        const b = (self as unknown as { state: Buffer }).state;
        b.closed = true;
        b.chars = [];
        return rt.none();
      },
    },
    getsets: {
      closed: [(self) => rt.bool((self as unknown as { state: Buffer }).state.closed), null],
      line_buffering: [() => rt.tempIncref(rt.False), null],
      newlines: [() => rt.none(), null],
    },
    sizeof: () => 136,
  });
  t.hasDict = true;
  const m = proc.newModule('io');
  proc.setAttr(m, 'StringIO', t, false);
  return m;
}
