import json
data = {"name": "Widget", "price": 9.99, "tags": ["a", "b"], "stock": None, "ok": True, "n": 3, "nested": {"x": [1, 2.5, {"y": False}]}, "uni": "café ☃ \U0001F600", "esc": "line\nbreak\t\"q\" \\ \x01"}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
print(json.dumps([1, 2, [3, []], {}], indent=4), json.dumps("x"), json.dumps(1e100), json.dumps(0.1 + 0.2), json.dumps(float("inf")))
print(json.dumps({1: "a", 2.5: "b", True: "c", None: "d"}), json.dumps((1, 2)))
back = json.loads(s)
print(back == data, back["nested"]["x"][2], type(back["price"]).__name__, back["uni"])
print(json.loads('  [1, -2.5e3, "a\\u00e9\\ud83d\\ude00", true, null, {"k": {}}]  '), json.loads('{"a": 1}', object_hook=lambda d: sorted(d)))
class P:
    def __init__(self): self.x = 1
print(json.dumps(P(), default=lambda o: o.__dict__))
errors = [lambda: json.dumps(P()), lambda: json.loads('{"a": }'), lambda: json.loads('[1, 2'), lambda: json.loads('{"a" 1}'),
          lambda: json.loads('[1] x'), lambda: json.loads(''), lambda: json.loads("{'a': 1}"), lambda: json.dumps({(1, 2): 3}),
          lambda: json.dumps(float("nan"), allow_nan=False)]
for f in errors:
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
l = [1]; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print("ValueError", e)
