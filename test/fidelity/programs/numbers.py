# Numbers: correctly rounded powers (folded or not), complex arithmetic and complex(), pow with a modulus, CPython's error messages.
import sys
# numeric fidelity
print(7 ** -2, 2 ** 0.5, (-8) ** (1/3), 10 ** 20, 10 ** -20, 0.1 * 3, 1e-7, 123456789.123456789)
print(1 % 0 if False else 'skip', 5 % -3, -5 % 3, 5.5 % 2, -5.5 % 2, divmod(5.5, 2), 2 ** 100 % 7, pow(3, -1, 7))
print(int(3.99), int(-3.99), round(3.14159, 3), round(1234, -2), round(-2.5), float('nan') == float('nan'), 0.1 + 0.2 == 0.3)
print(1/3, 2/3, 10/3, 1e100, 1.0e-100, 5e-324, 1.7976931348623157e308, float(2**53 + 1), 3.0, -0.0)
print(complex(1, 2) * complex(3, -1), abs(3+4j), (1+2j).conjugate(), 1j ** 2)
print(sum([0.1] * 10), sum([1, 2, 3], 10), max(1, 2.5, 2), min(-0.0, 0.0), 7 // 2.0, -7 // 2.0)
print(format(1234567.891, ',.2f'), format(0.5, '.0%'), format(255, '#x'), format(-1, '08b'), format(3.0, 'g'), format(1e-10, 'g'))
print(int('1_000'), 1_000_000, 0b1010, 0o17, 0xff, 1e3, 1E-3, .5, 5.)
print(True + True, True * 10, False - 1, int(True), bool(-1), bool(0.0), bool(''), bool([]))
print(hash(1), hash(1.0), hash(-1), hash(2**61), hash(-2**61 + 1), hash(0.5), hash('') , hash(()))
print(sys.maxsize)
print((3.5).hex(), (0.1).as_integer_ratio(), (10).as_integer_ratio(), 7.0.is_integer())
try:
    1 % 0
except ZeroDivisionError as e:
    print(e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(e)
try:
    int('x12')
except ValueError as e:
    print(e)
try:
    2 ** 10000 * 1.0
except OverflowError as e:
    print(e)
a = complex(1, 2)
b = complex(3, -1)
print(a * b, a + b, a - b, a / b, abs(a), a ** 2, a.real, a.imag, -a, a == b, 2 * a, a + 1.5)
print(complex('1+2j'), complex(' (3-4j) '), complex('5j'), complex(2), complex(1, 2j), complex('-1.5e2'), (1+2j) / (3-4j), 2 ** (1+1j))
try:
    (1+0j) / 0
except ZeroDivisionError as e:
    print(e)
