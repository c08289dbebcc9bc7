/** CPython 3.11's allocation model: object sizes, container growth, free lists, pymalloc. */
export * from './layout.js';
export * from './sizes.js';
export * from './list.js';
export * from './dict.js';
export * from './set.js';
export * from './pymalloc.js';
export * from './freelists.js';
export * from './deque.js';
export * from './bytearray.js';
