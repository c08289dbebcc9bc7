# Shutdown order: a first collection while __main__ lives orders the oldest generation by reachability; the next one finalizes __main__'s globals in that order (list items last to first).
class Noisy:
    def __init__(self, tag):
        self.tag = tag
    def __del__(self):
        print("del", self.tag)
cyc = Noisy("cyc-in-list")
cyc.me = cyc
lst = [Noisy("l0"), cyc]
del cyc
a = Noisy("a")
print("end")
