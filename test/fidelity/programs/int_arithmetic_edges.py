# Ints near the edges of the engine's two representations (a JS number up to 2**53 - 1, a bigint
# beyond): every operator, sign and comparison across the boundary, and the sizes they report.
import sys

vals = [0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 255, 256, 257, -5, -6, 2**30, -2**30,
        2**31 - 1, 2**52, 2**53 - 1, -(2**53 - 1), 2**53, -2**53, 2**53 + 1, 2**62, -2**63,
        10**20, -10**20, 12345678901, 3**33]
for a in vals:
    row = []
    for b in vals:
        r = [a + b, a - b, a * b, a < b, a <= b, a == b, a != b, a > b, a >= b]
        if b != 0:
            r += [a % b, a // b, divmod(a, b)]
        row.append(r)
    print(a, sys.getsizeof(a), hash(a) == hash(a + 0), row)
    print(str(a), f"{a:,}", format(a, 'd'), hex(a), bool(a), -a, abs(a), a == float(a), {a: 1}[a])
    print(True + a, a * True, False - a, [1, 2, 3][1 if a > 0 else 0], a ** 2, a << 3, a >> 1, a & 255, a | 1, a ^ -1)
print(sum(range(10**6)), sum(i * i for i in range(1000)) % 97, 7 // -2, -7 // 2, 7 % -2, -7 % 2, 0 * -1)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
