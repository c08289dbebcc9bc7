#!/usr/bin/env python3
"""Dump the code objects CPython 3.11 compiles for a file, in refscope's decoded CodeObject shape (JSON).

    python3 tools/pycode.py FILE.py            -> JSON on stdout
    python3 tools/pycode.py -c 'source'        -> the same for a string (filename "<string>")

This is the oracle for the compiler (packages/engine/src/compiler) and lets the interpreter be
tested on code CPython itself compiled. See packages/engine/src/compiler/code.ts for the shape:
no CACHE/EXTENDED_ARG, jump arguments and exception-table entries are instruction indices,
columns are counted in UTF-16 code units of the source line (CPython counts UTF-8 bytes).
"""
import dis
import json
import re
import sys

JUMPS = set(dis.hasjrel) | set(dis.hasjabs)


def utf16_col(lines, lineno, col):
    if col is None or lineno is None:
        return -1
    if lineno < 1 or lineno > len(lines):
        return col
    raw = lines[lineno - 1].encode('utf-8')[:col].decode('utf-8', errors='replace')
    return len(raw.encode('utf-16-le')) // 2


def const(c, lines):
    if c is None:
        return {'kind': 'None'}
    if c is Ellipsis:
        return {'kind': 'Ellipsis'}
    if isinstance(c, bool):
        return {'kind': 'bool', 'value': c}
    if isinstance(c, int):
        return {'kind': 'int', 'value': str(c)}
    if isinstance(c, float):
        if c != c:
            return {'kind': 'float', 'value': 'nan'}
        if c in (float('inf'), float('-inf')):
            return {'kind': 'float', 'value': 'inf' if c > 0 else '-inf'}
        return {'kind': 'float', 'value': c}
    if isinstance(c, complex):
        return {'kind': 'complex', 'real': c.real, 'imag': c.imag}
    if isinstance(c, str):
        return {'kind': 'str', 'value': c}
    if isinstance(c, bytes):
        return {'kind': 'bytes', 'value': list(c)}
    if isinstance(c, tuple):
        return {'kind': 'tuple', 'items': [const(x, lines) for x in c]}
    if isinstance(c, frozenset):
        return {'kind': 'frozenset', 'items': [const(x, lines) for x in c]}
    if hasattr(c, 'co_code'):
        return {'kind': 'code', 'code': code(c, lines)}
    raise TypeError(type(c))


def code(co, lines):
    instrs = [i for i in dis.get_instructions(co) if i.opname not in ('CACHE', 'EXTENDED_ARG')]
    index_of = {i.offset: n for n, i in enumerate(instrs)}
    # EXTENDED_ARG prefixes: a jump may target the EXTENDED_ARG in front of an instruction.
    raw = list(dis.get_instructions(co, show_caches=True))
    for k, i in enumerate(raw):
        if i.opname == 'EXTENDED_ARG':
            j = k
            while raw[j].opname in ('EXTENDED_ARG', 'CACHE'):
                j += 1
            index_of.setdefault(i.offset, index_of[raw[j].offset])

    ops, args, positions = [], [], []
    for i in instrs:
        ops.append(i.opcode)
        arg = i.arg if i.arg is not None else 0
        if i.opcode in JUMPS:
            arg = index_of[i.argval]
        args.append(arg)
        p = i.positions
        positions += [
            p.lineno if p.lineno is not None else -1,
            p.end_lineno if p.end_lineno is not None else -1,
            utf16_col(lines, p.lineno, p.col_offset),
            utf16_col(lines, p.end_lineno, p.end_col_offset),
        ]

    table = []
    for e in dis._parse_exception_table(co):
        end = e.end  # exclusive byte offset
        # map to instruction indices: first instruction at or after start; end to first at or after end
        start_i = min((n for off, n in index_of.items() if off >= e.start), default=len(instrs))
        end_i = min((n for off, n in index_of.items() if off >= end), default=len(instrs))
        table.append({'start': start_i, 'end': end_i, 'target': index_of[e.target], 'depth': e.depth, 'lasti': bool(e.lasti)})

    names = list(co.co_varnames)
    kinds = [0x20] * len(names)
    for n in co.co_cellvars:
        if n in names:
            kinds[names.index(n)] |= 0x40
        else:
            names.append(n)
            kinds.append(0x40)
    for n in co.co_freevars:
        names.append(n)
        kinds.append(0x80)

    return {
        'name': co.co_name,
        'qualname': co.co_qualname,
        'filename': co.co_filename,
        'firstlineno': co.co_firstlineno,
        'argcount': co.co_argcount,
        'posonlyargcount': co.co_posonlyargcount,
        'kwonlyargcount': co.co_kwonlyargcount,
        'flags': co.co_flags,
        'stacksize': co.co_stacksize,
        'localsplusnames': names,
        'localspluskinds': kinds,
        'names': list(co.co_names),
        'consts': [const(c, lines) for c in co.co_consts],
        'ops': ops,
        'args': args,
        'positions': positions,
        'exceptiontable': table,
    }


def main(argv):
    if len(argv) == 2 and argv[0] == '-c':
        src, filename = argv[1], '<string>'
    elif len(argv) == 1:
        filename = argv[0]
        with open(filename, encoding='utf-8') as f:
            src = f.read()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    co = compile(src, filename, 'exec')
    json.dump(code(co, re.split(r'\r\n|\r|\n', src)), sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
