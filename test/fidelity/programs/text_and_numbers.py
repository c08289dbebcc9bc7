# str methods, formatting, numbers and their reprs; str.maketrans/translate, int.from_bytes.
import sys
s = 'Hello, World'
print(s.lower(), s.upper(), s.swapcase(), s.title(), s.casefold(), s[::-1], s[2:8:2])
print(s.find('o'), s.rfind('o'), s.index('W'), s.count('l'), s.startswith(('He', 'x')), s.endswith('ld'))
print(s.replace('l', 'L', 2), s.partition(', '), s.rpartition('o'), s.split(', '), s.rsplit('o', 1))
print('  pad  '.strip(), 'xxhixx'.strip('x'), 'a-b-c'.split('-', 1), 'line1\nline2\r\nline3'.splitlines())
print('{:^10}|{:<5}|{:>5}|{:+d}|{:08.3f}|{:x}|{:o}|{:b}|{:e}|{:%}'.format('mid', 'l', 'r', 5, 3.14159, 255, 8, 5, 12345.678, 0.25))
print(f'{"nested":{"*"}^12}', f'{12345678:,}', f'{0.000123:.2e}', f'{1e20}', f'{1/3!r}', f'{"q"!a}')
print('%s %r %d %5.1f %-5s| %c %%' % ('s', 'r', 42, 2.25, 'ab', 65))
print(str(1.0), str(1e16), str(1.5e-7), repr(0.1 + 0.2), 2 ** 64, -7 // 2, -7 % 3, 7 % -3, divmod(-7, 2))
print(int('0x1f', 16), int('101', 2), int(' 42 '), float('inf'), float('-0.0'), round(0.5), round(1.5), round(2.675, 2), round(-0.5))
print(abs(-0.0), 10 / 4, 10 // 4, 2 ** -1, 1e308 * 10, -1e308 * 10, (1e308 * 10) - (1e308 * 10))
print(hex(-255), oct(-8), bin(-5), (255).to_bytes(2, 'big'), (1024).bit_length())
print(ord('€'), chr(0x1F600), 'é'.encode(), b'caf\xc3\xa9'.decode(), 'ß'.upper(), 'ǅ'.lower(), len('😀'))
print(sorted('hello'), ''.join(sorted(set('mississippi'))), 'abc' * 3, 'x'.join('abc'), 'a' < 'b' < 'c')
print(' '.join(f'{i:>3}' for i in range(5)), '%.3g' % 1234.5678, '%g' % 0.0001, '%g' % 1e-5, '{:g}'.format(1e16))
print('abc'.zfill(6), '-42'.zfill(5), 'tab\there'.expandtabs(4))
print(sys.getsizeof('a' * 1000), sys.getsizeof('é' * 1000), sys.getsizeof('€' * 10), sys.getsizeof(s.encode()), sys.getsizeof(str(10**50)))
print(isinstance('x', str), 'abc'.isalpha(), '123'.isdigit(), '1.5'.isnumeric(), ' '.isspace(), 'Ab'.istitle(), 'ab_1'.isidentifier())
print(repr('quote\'s "both"'), repr("it's"), repr('\t\n\x00\x7f\u200b'), ascii('é€'))
print(max('apple', 'pear', key=len), min([3, 1, 2], default=0), sum([[1], [2]], []), any([]), all([0]))
print(list(zip('ab', [1, 2], (True, False))), list(enumerate('xy', 1)), dict(enumerate('ab')))
t = str.maketrans('ab', 'xy', 'c')
print(sorted(t.items()), 'aabbcc-d'.translate(t), 'hello'.translate({ord('l'): 'L', ord('o'): None}), 'abc'.translate(str.maketrans({'a': 'A', 98: 'B'})))
print(int.from_bytes(b'\x01\x00', 'little'), int.from_bytes(b'\xff\xfe', 'big', signed=True), int.from_bytes([1, 2, 3], 'big'), int.from_bytes(b''), int.from_bytes(bytearray(b'\x80'), byteorder='little', signed=True))
try:
    str.maketrans('ab', 'x')
except ValueError as e:
    print(e)
class Tbl:
    def __getitem__(self, k):
        if k == 97: return 'Z'
        raise KeyError(k)
print('banana'.translate(Tbl()))
