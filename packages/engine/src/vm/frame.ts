// An interpreter frame (_PyInterpreterFrame): localsplus, the value stack, the instruction
// pointer. The stack holds real references; `sp` is the depth.
import type { CodeObject } from '../compiler/code.js';
import type { PyCode, PyDict, PyFunction, PyObject, PyFrameObj } from '../runtime/object.js';

export class Frame {
  readonly fast: (PyObject | null)[];
  readonly stack: (PyObject | null)[];
  sp = 0;
  /** Index of the next instruction. */
  pc = 0;
  /** Index of the instruction executing (or last executed). */
  lasti = -1;
  back: Frame | null = null;
  /** Returning from this frame ends a nested run (native code called into Python). */
  entry = false;
  lastLine = -1;
  kwnames: string[] | null = null;
  /** For an inlined `Class(...)` call: the new instance, returned when __init__ returns. */
  initSelf: PyObject | null = null;
  /** ...its argument tuple, and where the call's callable sits on the caller's stack. */
  initArgs: PyObject | null = null;
  initBase = 0;
  /** VM.frameDepth's cache: the depth of this frame and its callers, or 0 until computed. */
  chainDepth = 0;
  /** The generator that owns this frame, if any. */
  gen: PyObject | null = null;
  /** The frame object made for a traceback (frame->frame_obj), holding one reference. */
  frameObj: PyFrameObj | null = null;
  /** Locals dict for module and class-body frames (null = optimized locals). */
  locals: PyDict | null;

  constructor(
    readonly id: number,
    readonly code: CodeObject,
    readonly pycode: PyCode,
    readonly func: PyFunction | null,
    readonly globals: PyDict,
    readonly builtins: PyDict,
    locals: PyDict | null,
    pool: FramePool | null = null,
  ) {
    const nfast = code.localsplusnames.length;
    const nstack = code.stacksize + 1;
    this.fast = pool !== null ? pool.take(nfast) : new Array<PyObject | null>(nfast).fill(null);
    this.stack = pool !== null ? pool.take(nstack) : new Array<PyObject | null>(nstack).fill(null);
    this.locals = locals;
  }

  line(): number {
    const i = this.lasti < 0 ? 0 : this.lasti;
    return this.code.positions[i * 4]!;
  }
}

/**
 * The locals and value-stack arrays of finished frames, by length, for new frames to reuse: a
 * call then allocates no arrays. An array goes back only when every slot is empty (clearFrame
 * leaves a returned frame so) and no one reads the finished frame again.
 */
export class FramePool {
  private readonly free: (PyObject | null)[][][] = [];

  take(n: number): (PyObject | null)[] {
    const bucket = this.free[n];
    if (bucket !== undefined && bucket.length > 0) return bucket.pop()!;
    return new Array<PyObject | null>(n).fill(null);
  }

  /** Takes back the arrays of `f`, a frame that has returned and was cleared. */
  release(f: Frame): void {
    this.give(f.fast);
    this.give(f.stack);
  }

  private give(a: (PyObject | null)[]): void {
    let bucket = this.free[a.length];
    if (bucket === undefined) bucket = this.free[a.length] = [];
    if (bucket.length < 64) bucket.push(a);
  }
}
