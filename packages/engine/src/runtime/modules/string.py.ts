// string: the character-class constants, capwords, and Template ($name, ${name}, $$) with
// substitute/safe_substitute and CPython's error messages. Template's pattern is scanned by hand
// here (CPython compiles a regular expression; the engine has no re module).
export const STRING_SOURCE = String.raw`
__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_""" + '\x60' + r"""{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


_sentinel_dict = {}


def _is_ident_start(c):
    return c == '_' or ('a' <= c <= 'z') or ('A' <= c <= 'Z')


def _is_ident_char(c):
    return _is_ident_start(c) or ('0' <= c <= '9')


class Template:
    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self, lookup, safe):
        t = self.template
        d = self.delimiter
        n = len(t)
        out = []
        i = 0
        while i < n:
            j = t[i:].find(d)
            if j >= 0:
                j += i
            if j < 0:
                out.append(t[i:])
                break
            out.append(t[i:j])
            k = j + len(d)
            if t[k:k + len(d)] == d:
                out.append(d)
                i = k + len(d)
                continue
            if k < n and _is_ident_start(t[k]):
                e = k + 1
                while e < n and _is_ident_char(t[e]):
                    e += 1
                out.append(lookup(t[k:e], t[j:e]))
                i = e
                continue
            if k < n and t[k] == '{' and k + 1 < n and _is_ident_start(t[k + 1]):
                e = k + 2
                while e < n and _is_ident_char(t[e]):
                    e += 1
                if e < n and t[e] == '}':
                    out.append(lookup(t[k + 1:e], t[j:e + 1]))
                    i = e + 1
                    continue
            if safe:
                out.append(d)
                i = k
                continue
            self._invalid(k)
        return ''.join(out)

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = _ChainMap(kws, mapping)

        def lookup(name, text):
            return str(mapping[name])
        return self._scan(lookup, False)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = _ChainMap(kws, mapping)

        def lookup(name, text):
            try:
                return str(mapping[name])
            except KeyError:
                return text
        return self._scan(lookup, True)

    def is_valid(self):
        try:
            self._scan(lambda name, text: '', False)
        except ValueError:
            return False
        return True

    def get_identifiers(self):
        ids = []

        def lookup(name, text):
            if name not in ids:
                ids.append(name)
            return ''
        self._scan(lookup, True)
        return ids


class _ChainMap:
    def __init__(self, *maps):
        self.maps = maps

    def __getitem__(self, key):
        for m in self.maps:
            try:
                return m[key]
            except KeyError:
                pass
        raise KeyError(key)


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return format_string.format(*args, **kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)
`;
