// pprint: pprint/pformat/pp and PrettyPrinter for the containers programs print (dict, list,
// tuple, set, frozenset, and anything else by its repr), with pprint's layout rules: an object
// whose one-line repr fits in what is left of the width is written as is (dicts with sorted
// keys unless sort_dicts=False); otherwise a container breaks one item per line, each item
// laid out by the same rule at its own indentation, the closing bracket's room reserved on the
// last item. Long strings are not split (CPython's splits them at spaces).
export const PPRINT_SOURCE = String.raw`
import sys as _sys

__all__ = ["pprint", "pformat", "isreadable", "isrecursive", "saferepr", "PrettyPrinter", "pp"]


class _Key:
    # Orders mixed-type keys as pprint does: by value when comparable, else by type name and id.
    __slots__ = ('obj',)

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        try:
            return self.obj < other.obj
        except TypeError:
            return ((str(type(self.obj)), id(self.obj)) <
                    (str(type(other.obj)), id(other.obj)))


def _pair_key(pair):
    return (_Key(pair[0]), _Key(pair[1]))


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *,
                 compact=False, sort_dicts=True, underscore_numbers=False):
        if indent < 0:
            raise ValueError('indent must be >= 0')
        if depth is not None and depth <= 0:
            raise ValueError('depth must be > 0')
        if not width:
            raise ValueError('width must be != 0')
        self._indent = indent
        self._width = width
        self._depth = depth
        self._stream = stream
        self._compact = compact
        self._sort_dicts = sort_dicts

    def pprint(self, obj):
        out = []
        self._format(obj, out, 0, 0, set(), 0)
        text = ''.join(out) + '\n'
        if self._stream is not None:
            self._stream.write(text)
        else:
            _sys.stdout.write(text)

    def pformat(self, obj):
        out = []
        self._format(obj, out, 0, 0, set(), 0)
        return ''.join(out)

    def isrecursive(self, obj):
        return self._safe(obj, set(), 0)[2]

    def isreadable(self, obj):
        s, readable, recursive = self._safe(obj, set(), 0)
        return readable and not recursive

    def _repr(self, obj, context, level):
        return self._safe(obj, context, level)[0]

    def _safe(self, obj, context, level):
        typ = type(obj)
        if typ in (str, int, float, bool, type(None), bytes):
            return repr(obj), True, False
        if typ is dict or typ is list or typ is tuple:
            if not obj:
                return repr(obj), True, False
            if id(obj) in context:
                return '<Recursion on %s with id=%s>' % (typ.__name__, id(obj)), False, True
            if self._depth is not None and level >= self._depth:
                return '{...}' if typ is dict else '[...]' if typ is list else '(...)', False, False
            context.add(id(obj))
            readable = True
            recursive = False
            parts = []
            if typ is dict:
                items = sorted(obj.items(), key=_pair_key) if self._sort_dicts else obj.items()
                for k, v in items:
                    krepr, kr, krec = self._safe(k, context, level + 1)
                    vrepr, vr, vrec = self._safe(v, context, level + 1)
                    parts.append('%s: %s' % (krepr, vrepr))
                    readable = readable and kr and vr
                    recursive = recursive or krec or vrec
                text = '{%s}' % ', '.join(parts)
            else:
                for x in obj:
                    r, xr, xrec = self._safe(x, context, level + 1)
                    parts.append(r)
                    readable = readable and xr
                    recursive = recursive or xrec
                if typ is list:
                    text = '[%s]' % ', '.join(parts)
                elif len(parts) == 1:
                    text = '(%s,)' % parts[0]
                else:
                    text = '(%s)' % ', '.join(parts)
            context.discard(id(obj))
            return text, readable, recursive
        rep = repr(obj)
        return rep, bool(rep) and not rep.startswith('<'), False

    def _format(self, obj, out, indent, allowance, context, level):
        if id(obj) in context:
            out.append('<Recursion on %s with id=%s>' % (type(obj).__name__, id(obj)))
            return
        rep = self._repr(obj, context, level)
        if len(rep) > self._width - indent - allowance:
            typ = type(obj)
            layout = None
            if typ is dict or (isinstance(obj, dict) and typ.__repr__ is dict.__repr__):
                layout = self._pprint_dict
            elif typ is list or (isinstance(obj, list) and typ.__repr__ is list.__repr__):
                layout = self._pprint_list
            elif typ is tuple or (isinstance(obj, tuple) and typ.__repr__ is tuple.__repr__):
                layout = self._pprint_tuple
            elif typ is set or typ is frozenset:
                layout = self._pprint_set
            if layout is not None and len(obj):
                context.add(id(obj))
                layout(obj, out, indent, allowance, context, level + 1)
                context.discard(id(obj))
                return
        out.append(rep)

    def _pprint_dict(self, obj, out, indent, allowance, context, level):
        out.append('{')
        if self._indent > 1:
            out.append(' ' * (self._indent - 1))
        items = sorted(obj.items(), key=_pair_key) if self._sort_dicts else list(obj.items())
        indent += self._indent
        sep = ',\n' + ' ' * indent
        for i, (k, v) in enumerate(items):
            last = i == len(items) - 1
            krepr = self._repr(k, context, level)
            out.append(krepr)
            out.append(': ')
            self._format(v, out, indent + len(krepr) + 2, allowance + 1 if last else 1, context, level)
            if not last:
                out.append(sep)
        out.append('}')

    def _pprint_list(self, obj, out, indent, allowance, context, level):
        out.append('[')
        self._format_items(list(obj), out, indent, allowance + 1, context, level)
        out.append(']')

    def _pprint_tuple(self, obj, out, indent, allowance, context, level):
        out.append('(')
        end = ',)' if len(obj) == 1 else ')'
        self._format_items(list(obj), out, indent, allowance + len(end), context, level)
        out.append(end)

    def _pprint_set(self, obj, out, indent, allowance, context, level):
        typ = type(obj)
        if typ is set:
            out.append('{')
            end = '}'
        else:
            out.append(typ.__name__ + '({')
            end = '})'
            indent += len(typ.__name__) + 1
        items = sorted(obj, key=_Key)
        self._format_items(items, out, indent, allowance + len(end), context, level)
        out.append(end)

    def _format_items(self, items, out, indent, allowance, context, level):
        indent += self._indent
        if self._indent > 1:
            out.append(' ' * (self._indent - 1))
        sepnl = ',\n' + ' ' * indent
        width = max_width = self._width - indent + 1
        sep = ''
        for i, item in enumerate(items):
            last = i == len(items) - 1
            if last:
                max_width -= allowance
                width -= allowance
            if self._compact:
                rep = self._repr(item, context, level)
                w = len(rep) + 2
                if width < w:
                    width = max_width
                    if sep:
                        sep = sepnl
                if width >= w:
                    width -= w
                    out.append(sep)
                    sep = ', '
                    out.append(rep)
                    continue
            out.append(sep)
            sep = sepnl
            self._format(item, out, indent, allowance if last else 1, context, level)


def pprint(object, stream=None, indent=1, width=80, depth=None, *,
           compact=False, sort_dicts=True, underscore_numbers=False):
    PrettyPrinter(stream=stream, indent=indent, width=width, depth=depth,
                  compact=compact, sort_dicts=sort_dicts).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *,
            compact=False, sort_dicts=True, underscore_numbers=False):
    return PrettyPrinter(indent=indent, width=width, depth=depth,
                         compact=compact, sort_dicts=sort_dicts).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def saferepr(object):
    return PrettyPrinter()._safe(object, set(), 0)[0]


def isreadable(object):
    return PrettyPrinter().isreadable(object)


def isrecursive(object):
    return PrettyPrinter().isrecursive(object)
`;
