# bytes of length 0 and 1 made from data are static singletons (literals, slices, joins, bytes([n])); bytes(1) is a fresh zero-filled object.
x=b'abc'
print(x[0:1] is b'a', bytes([97]) is b'a', x[:0] is b'', bytes(1) is bytes(1), b'a'*1 is b'a', bytes(b'q') is b'q', b'ab'[1:] is b'ab'[1:], bytes([200]) is bytes([200]), bytes(0) is b'', b''.join([b'z']) is b'z')
import sys
print(sys.getrefcount(b'a') > 100, sys.getsizeof(b'a'))
