# A cache that holds its values strongly: every image stays alive after the program drops it.
import gc

class Image:
    def __init__(self, name):
        self.name = name
        self.pixels = [0] * 64

cache = {}

def load(name):
    if name not in cache:
        cache[name] = Image(name)
    return cache[name]

for i in range(5):
    img = load("img%d" % i)
del img
gc.collect()
print("cached:", len(cache))
