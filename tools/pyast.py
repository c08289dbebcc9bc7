#!/usr/bin/env python3
"""Dump CPython 3.11's AST for a file as JSON in refscope's shape (packages/engine/src/python/ast.ts).

    python3 tools/pyast.py FILE.py
    python3 tools/pyast.py -c 'source'

Nodes are objects with `type` = the Python class name and the Python field names; operators and
contexts are their class names as strings; ExceptHandler's `type` field is `exc_type`; constants are
tagged values (ints as decimal strings, bytes as lists of numbers); columns are UTF-16 code units.
This is the oracle for the parser.
"""
import ast
import json
import re
import sys

SIMPLE = (ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context)


def num(x):
    # JSON has no inf/nan: spell them as Python's repr does, as for float constants.
    return x if x == x and x not in (float('inf'), float('-inf')) else repr(x)


def const(v):
    if v is None:
        return {'kind': 'None'}
    if v is Ellipsis:
        return {'kind': 'Ellipsis'}
    if isinstance(v, bool):
        return {'kind': 'bool', 'value': v}
    if isinstance(v, int):
        return {'kind': 'int', 'value': str(v)}
    if isinstance(v, float):
        if v != v or v in (float('inf'), float('-inf')):
            return {'kind': 'float', 'value': repr(v)}
        return {'kind': 'float', 'value': v}
    if isinstance(v, complex):
        return {'kind': 'complex', 'real': num(v.real), 'imag': num(v.imag)}
    if isinstance(v, str):
        return {'kind': 'str', 'value': v}
    if isinstance(v, bytes):
        return {'kind': 'bytes', 'value': list(v)}
    raise TypeError(type(v))


def convert(node, lines):
    if isinstance(node, list):
        return [convert(x, lines) for x in node]
    if isinstance(node, SIMPLE):
        return type(node).__name__
    if not isinstance(node, ast.AST):
        return node
    out = {'type': type(node).__name__}
    for f in node._fields:
        v = getattr(node, f, None)
        key = 'exc_type' if (isinstance(node, ast.ExceptHandler) and f == 'type') else f
        if isinstance(node, ast.Constant) and f == 'value':
            out[key] = const(v)
        else:
            out[key] = convert(v, lines)
    for a in ('lineno', 'col_offset', 'end_lineno', 'end_col_offset'):
        if hasattr(node, a):
            v = getattr(node, a)
            if a in ('col_offset', 'end_col_offset'):
                ln = node.lineno if a == 'col_offset' else node.end_lineno
                if ln is not None and 1 <= ln <= len(lines) and v is not None:
                    v = len(lines[ln - 1].encode('utf-8')[:v].decode('utf-8', errors='replace').encode('utf-16-le')) // 2
            out[a] = v
    return out


def main(argv):
    if len(argv) == 2 and argv[0] == '-c':
        src = argv[1]
    elif len(argv) == 1:
        with open(argv[0], encoding='utf-8') as f:
            src = f.read()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    tree = ast.parse(src)
    json.dump(convert(tree, re.split(r'\r\n|\r|\n', src)), sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
