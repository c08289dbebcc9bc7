#!/usr/bin/env python3
"""Batch oracle for the tests: reads a JSON list of Python sources on stdin and writes, for each,
{"ast": ..., "code": ...} (tools/pyast.py and tools/pycode.py shapes) or {"error": "..."}."""
import importlib.util
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, 'tools', name + '.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


pyast = load('pyast')
pycode = load('pycode')


def _finite(x):
    return x if x == x and x not in (float('inf'), float('-inf')) else repr(x)


def _patch(mod):
    # JSON has no inf/nan: the tools spell float ones as strings; do the same for complex parts.
    orig = mod.const

    def const(c, *rest):
        if isinstance(c, complex):
            return {'kind': 'complex', 'real': _finite(c.real), 'imag': _finite(c.imag)}
        if isinstance(c, tuple):
            return {'kind': 'tuple', 'items': [const(x, *rest) for x in c]}
        if isinstance(c, frozenset):
            return {'kind': 'frozenset', 'items': [const(x, *rest) for x in c]}
        return orig(c, *rest)
    mod.const = const


_patch(pyast)
_patch(pycode)


def one(src):
    import ast
    lines = src.splitlines()
    import warnings
    stage = 'parse'
    try:
        tree = ast.parse(src)
        stage = 'compile'
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            co = compile(src, '<string>', 'exec')
    except SyntaxError as e:
        return {'error': 'SyntaxError', 'stage': stage, 'msg': e.msg, 'lineno': e.lineno, 'offset': e.offset,
                'end_lineno': e.end_lineno, 'end_offset': e.end_offset}
    return {'ast': pyast.convert(tree, lines), 'code': pycode.code(co, lines),
            'warnings': [[w.category.__name__, str(w.message), w.lineno] for w in caught]}


json.dump([one(s) for s in json.load(sys.stdin)], sys.stdout)
