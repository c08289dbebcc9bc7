import io, sys, gc
gc.collect()
s = io.StringIO("héllo\nwörld\nlast")
print(sys.getsizeof(s), type(s), gc.is_tracked(s))
print(repr(s.read(3)), s.tell(), repr(s.readline()), repr(s.readline(2)), repr(s.read()))
print(s.seek(0, 2), s.seek(0), s.readlines(), s.seek(1), s.readlines(3))
s.seek(20)
s.write("X")
print(repr(s.getvalue()))
print(s.truncate(4), repr(s.getvalue()), s.tell())
s.writelines(["a\n", "b"])
print(repr(s.getvalue()), list(io.StringIO("1\n2\n")))
for line in io.StringIO("p\nq"):
    print("line", repr(line))
print("x", "y", sep=",", end="", file=s)
print(repr(s.getvalue()))
for bad in [lambda: s.write(3), lambda: s.seek(-2), lambda: s.seek(1, 1), lambda: s.truncate(-5), lambda: io.StringIO(b"x")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
with io.StringIO() as t:
    t.write("inside")
    v = t.getvalue()
print(v, t.closed)
try:
    t.read()
except ValueError as e:
    print("ValueError:", e)
s.attr = 1
print(s.attr, s.readable(), s.seekable())
# The accumulator of an empty StringIO holds the written str objects themselves.
acc = io.StringIO()
word = "".join(["ab", "cd"])
before = sys.getrefcount(word)
acc.write(word)
print(sys.getrefcount(word) - before)
v = acc.getvalue()
print(v is word, sys.getrefcount(word) - before)
acc.write("x")
v2 = acc.getvalue()
print(v2, sys.getrefcount(word) - before)
acc.seek(0)
print(acc.read(2), sys.getrefcount(word) - before)
gc.collect()
c0 = gc.get_count(); b2 = io.StringIO(); b2.write("q"); b2.write("r"); c1 = gc.get_count(); val = b2.getvalue(); c2 = gc.get_count()
print(c0, c1, c2, val)
