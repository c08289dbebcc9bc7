# int(x, base): a base needs text (str, bytes, bytearray) and is 0 or 2..36; without x it is missing.
for a, k in [((3.5, 2), {}), ((), {"base": 2}), (("1", 1), {}), (("1", 37), {}), (("11", -1), {}), (("z",), {"base": 36}), ((5,), {"base": 10})]:
    try:
        print(int(*a, **k))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
