// time, on a simulated clock: the engine is deterministic and does no I/O, so time() and the
// monotonic clocks read one counter that starts at a fixed instant and advances by a microsecond
// at every reading (strictly increasing, as a real clock read twice would be) and by the
// requested amount at sleep(), which returns at once. Calendar functions work in UTC.
import { PyFloat, PyInt, PyNone, PyStr, PyTuple, type PyModule, type PyObject } from '../object.js';
import type { Runtime } from '../runtime.js';
import type { Process } from '../../vm/process.js';
import { err } from '../errors.js';
import { callBound, lookup, typeName } from '../ops.js';

/** 2023-11-14 22:13:20 UTC: the simulated epoch time at start-up, in nanoseconds. */
const START_NS = 1_700_000_000_000_000_000n;
/** What one reading advances the clock by. */
const TICK_NS = 1_000n;

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FULL_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Tm {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number;
}

/** The UTC broken-down time of whole seconds since the epoch. */
function gmtime(secs: number): Tm {
  const days = Math.floor(secs / 86400);
  let rem = secs - days * 86400;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  const sec = rem - min * 60;
  // Civil from days (proleptic Gregorian), day 0 = 1970-01-01.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (mon <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
  const yday = cum[mon - 1]! + mday + (leap && mon > 2 ? 1 : 0);
  const wday = (((days % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday (Monday = 0)
  return { year, mon, mday, hour, min, sec, wday, yday };
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);

function strftime(fmt: string, t: Tm): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const d = fmt[++i]!;
    switch (d) {
      case 'Y': out += String(t.year); break;
      case 'y': out += pad(t.year % 100); break;
      case 'm': out += pad(t.mon); break;
      case 'd': out += pad(t.mday); break;
      case 'e': out += pad(t.mday, 2, ' '); break;
      case 'H': out += pad(t.hour); break;
      case 'I': out += pad(((t.hour + 11) % 12) + 1); break;
      case 'M': out += pad(t.min); break;
      case 'S': out += pad(t.sec); break;
      case 'p': out += t.hour < 12 ? 'AM' : 'PM'; break;
      case 'a': out += DAYS[t.wday]; break;
      case 'A': out += FULL_DAYS[t.wday]; break;
      case 'b': case 'h': out += MONTHS[t.mon - 1]; break;
      case 'B': out += FULL_MONTHS[t.mon - 1]; break;
      case 'j': out += pad(t.yday, 3); break;
      case 'w': out += String((t.wday + 1) % 7); break;
      case 'u': out += String(t.wday + 1); break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 'D': out += `${pad(t.mon)}/${pad(t.mday)}/${pad(t.year % 100)}`; break;
      case 'F': out += `${t.year}-${pad(t.mon)}-${pad(t.mday)}`; break;
      case 'T': out += `${pad(t.hour)}:${pad(t.min)}:${pad(t.sec)}`; break;
      case 'R': out += `${pad(t.hour)}:${pad(t.min)}`; break;
      case 'c': out += asctime(t); break;
      case 'x': out += `${pad(t.mon)}/${pad(t.mday)}/${pad(t.year % 100)}`; break;
      case 'X': out += `${pad(t.hour)}:${pad(t.min)}:${pad(t.sec)}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + d;
    }
  }
  return out;
}

function asctime(t: Tm): string {
  return `${DAYS[t.wday]} ${MONTHS[t.mon - 1]} ${pad(t.mday, 2, ' ')} ${pad(t.hour)}:${pad(t.min)}:${pad(t.sec)} ${t.year}`;
}

export function makeTimeModule(rt: Runtime, proc: Process): PyModule {
  const m = proc.newModule('time');
  let now = START_NS;
  const read = (): bigint => (now += TICK_NS);
  const seconds = (ns: bigint): number => Number(ns) / 1e9;

  const num = (o: PyObject, what: string): number => {
    if (o instanceof PyFloat) return o.value;
    if (o instanceof PyInt) return Number(o.value);
    const f = lookup(o.type, '__float__');
    if (f !== null) {
      const r = callBound(rt, f, o, []);
      rt.tempDecref(r);
      if (r instanceof PyFloat) return r.value;
    }
    throw err(rt, 'TypeError', `'${typeName(o)}' object cannot be interpreted as ${what}`);
  };

  proc.defFn(m, 'time', () => rt.float(seconds(read())));
  proc.defFn(m, 'time_ns', () => rt.int(read()));
  for (const name of ['perf_counter', 'monotonic', 'process_time', 'thread_time']) {
    proc.defFn(m, name, () => rt.float(seconds(read() - START_NS)));
    proc.defFn(m, `${name}_ns`, () => rt.int(read() - START_NS));
  }
  proc.defFn(m, 'sleep', (args) => {
    if (args.length !== 1) throw err(rt, 'TypeError', `sleep() takes exactly one argument (${args.length} given)`);
    const s = num(args[0]!, 'an integer');
    if (Number.isNaN(s)) throw err(rt, 'ValueError', 'Invalid value NaN (not a number)');
    if (s < 0) throw err(rt, 'ValueError', 'sleep length must be non-negative');
    now += BigInt(Math.round(s * 1e9));
    return rt.none();
  });

  /** A time tuple as time.struct_time would print its fields (a plain 9-tuple here). */
  const tmTuple = (t: Tm): PyObject =>
    rt.tuple([t.year, t.mon, t.mday, t.hour, t.min, t.sec, t.wday, t.yday, 0].map((v) => rt.int(v)));
  const secsArg = (args: PyObject[]): number =>
    args.length === 0 || args[0] instanceof PyNone ? Math.floor(seconds(read())) : Math.floor(num(args[0]!, 'an integer'));
  const tmArg = (o: PyObject | undefined): Tm => {
    if (o === undefined || o instanceof PyNone) return gmtime(Math.floor(seconds(read())));
    if (!(o instanceof PyTuple) || o.items.length !== 9) throw err(rt, 'TypeError', 'Tuple or struct_time argument required');
    const v = o.items.map((x) => num(x, 'an integer'));
    return { year: v[0]!, mon: v[1]!, mday: v[2]!, hour: v[3]!, min: v[4]!, sec: v[5]!, wday: v[6]!, yday: v[7]! };
  };
  proc.defFn(m, 'gmtime', (args) => tmTuple(gmtime(secsArg(args))));
  proc.defFn(m, 'localtime', (args) => tmTuple(gmtime(secsArg(args))));
  proc.defFn(m, 'mktime', (args) => {
    const t = tmArg(args[0]);
    return rt.float(daysFromCivil(t.year, t.mon, t.mday) * 86400 + t.hour * 3600 + t.min * 60 + t.sec);
  });
  proc.defFn(m, 'strftime', (args) => {
    const f = args[0];
    if (!(f instanceof PyStr)) throw err(rt, 'TypeError', `strftime() argument 1 must be str, not ${f === undefined ? 'nothing' : typeName(f)}`);
    return rt.newStr(strftime(f.value, tmArg(args[1])));
  });
  proc.defFn(m, 'asctime', (args) => rt.newStr(asctime(tmArg(args[0]))));
  proc.defFn(m, 'ctime', (args) => rt.newStr(asctime(gmtime(secsArg(args)))));
  proc.setAttr(m, 'timezone', rt.int(0));
  proc.setAttr(m, 'altzone', rt.int(0));
  proc.setAttr(m, 'daylight', rt.int(0));
  proc.setAttr(m, 'tzname', rt.tuple([rt.newStr('UTC'), rt.newStr('UTC')]));
  return m;
}
