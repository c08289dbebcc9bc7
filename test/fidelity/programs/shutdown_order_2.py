# Shutdown order: a first collection while __main__ lives orders the oldest generation by reachability; the next one finalizes __main__'s globals in that order (list items last to first).
class Noisy:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
_p0 = Noisy("_p0")
loopA = Noisy("loopA")
loopA.me = loopA
a = Noisy("a")
d = {'k1': Noisy("d-k1"), 'k2': Noisy("d-k2")}
t = (Noisy("t0"), Noisy("t1"))
loopB = Noisy("loopB")
loopB.me = loopB
pair1 = Noisy("pair1"); pair2 = Noisy("pair2"); pair1.o = pair2; pair2.o = pair1
del pair2
b = Noisy("b")
__dunder = Noisy("__dunder")
print("end")
