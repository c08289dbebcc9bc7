# The same cache through weak references: an image lives only while the program uses it.
import gc
import weakref

class Image:
    def __init__(self, name):
        self.name = name
        self.pixels = [0] * 64

cache = weakref.WeakValueDictionary()

def load(name):
    img = cache.get(name)
    if img is None:
        img = cache[name] = Image(name)
    return img

for i in range(5):
    img = load("img%d" % i)
del img
gc.collect()
print("cached:", len(cache))
