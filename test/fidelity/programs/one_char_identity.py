# One-character strings: chr() and indexing give the latin-1 singletons; a literal or identifier
# is the interned string, which for some characters is a static string of the deep-frozen
# startup modules instead of the singleton.
import sys
word = "".join(["zAb", "_9g"])
for ch, lit in (("z", "z"), ("A", "A"), ("b", "b"), ("_", "_"), ("9", "9"), ("g", "g"), ("B", "B"), ("u", "u"), ("w", "w")):
    print(ch, chr(ord(ch)) is lit, sys.intern(chr(ord(ch))) is lit, (word.find(ch) >= 0 and word[word.find(ch)] is chr(ord(ch))))
class K:
    pass
k = K()
setattr(k, chr(120), 1)
print(list(vars(k))[0] is "x", chr(120) is "x")
