s = {1, 2, 3, 4}
t = s.copy(); t.difference_update([1, 2], {3}); print(t)
t = s.copy(); t.intersection_update([2, 3, 9]); print(t)
t = s.copy(); t.symmetric_difference_update([4, 5, 5]); print(t)
print(s.isdisjoint([7, 8]), s.isdisjoint({1}), s.symmetric_difference([3, 9]), frozenset([1, 2]).symmetric_difference({2, 5}))
print("a\tbc\td".expandtabs(), "ab\tc".expandtabs(4), "abc".isascii(), "é".isascii(), "ab\n".isprintable(), "Hello World".istitle())
print("prefix-body".removeprefix("prefix-"), "body.py".removesuffix(".py"), "abcabc".rindex("b"), "a.b.c".rpartition("."), "a.b".partition("x"))
try:
    "abc".rindex("z")
except ValueError as e:
    print("ValueError:", e)
print((10).bit_count(), (-7).bit_count(), (5).conjugate(), (6).as_integer_ratio(), (7).real, (7).imag, (7).numerator, (7).denominator, True.real)
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, byteorder="little"), (-1).to_bytes(2, "big", signed=True))
try:
    (300).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
print((0.5).as_integer_ratio(), (2.25).as_integer_ratio(), (1.5).hex(), (-0.1).hex(), (0.0).hex(), (3.0).real, (3.0).imag, (2.5).conjugate())
print((1 + 2j).real, (1 + 2j).imag, (1 + 2j).conjugate())
r = range(2, 20, 3)
print(r.start, r.stop, r.step, r.index(8), r.count(8), r.count(9))
try:
    r.index(9)
except ValueError as e:
    print("ValueError:", e)
b = b"  Hello, World  "
print(b.strip(), b.lstrip(), b.rstrip(b" d"), b.upper(), b.lower(), b.count(b"l"), b.find(b"o"), b.rfind(b"o"), b.index(b"W"))
print(b.split(), b"a,b,,c".split(b","), b"a b c".rsplit(None, 1), b",".join([b"x", b"y"]), b.replace(b"l", b"L", 2), b"ab".hex())
print(b"abc".startswith(b"ab"), b"abc".endswith((b"x", b"c")), b"123".isdigit(), b"ab".isalpha(), b"ab".center(6, b"*"), b"7".zfill(3))
ba = bytearray(b"abc")
ba.append(100); ba.extend(b"ef"); ba.insert(0, 65); print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(99); ba.reverse(); print(ba, ba.upper(), ba.copy())
