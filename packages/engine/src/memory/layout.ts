/**
 * Fixed facts of CPython 3.11's object layout on 64-bit Linux: header sizes, the pre-header that
 * `gc_alloc` puts before GC objects, and the managed-dict pre-header of plain class instances.
 *
 * `sys.getsizeof(o)` is `o.__sizeof__()` plus `_PyType_PreHeaderSize(type(o))`
 * (Python/sysmodule.c `_PySys_GetSizeOf`): 16 bytes if the type is a GC type (tracked or not),
 * plus 16 more if it has `Py_TPFLAGS_MANAGED_DICT`. The malloc block holding the object is the
 * same number of bytes, so these sizes are also what pymalloc is asked for.
 */

/** `ob_refcnt` + `ob_type`. */
export const OBJECT_HEADER = 16;
/** `PyObject` header + `ob_size`. */
export const VAR_OBJECT_HEADER = 24;
/** `PyGC_Head` (`_gc_next`, `_gc_prev`), stored before every object of a GC type. */
export const GC_HEAD = 16;
/** Values pointer + dict pointer, stored before the GC head of instances with a managed dict. */
export const MANAGED_DICT_PREHEADER = 16;
/** Size of one pointer / `Py_ssize_t`. */
export const PTR = 8;

/** `_PyType_PreHeaderSize`: the bytes in front of the object that getsizeof counts. */
export function preHeaderSize(isGc: boolean, managedDict = false): number {
  return (isGc ? GC_HEAD : 0) + (managedDict ? MANAGED_DICT_PREHEADER : 0);
}
