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
  ) {
    this.fast = new Array<PyObject | null>(code.localsplusnames.length).fill(null);
    this.stack = new Array<PyObject | null>(code.stacksize + 1).fill(null);
    this.locals = locals;
  }

  line(): number {
    const i = this.lasti < 0 ? 0 : this.lasti;
    return this.code.positions[i * 4]!;
  }
}
