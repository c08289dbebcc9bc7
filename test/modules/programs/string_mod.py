import string
print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(string.punctuation, repr(string.whitespace), len(string.printable))
print(string.capwords("hello   world  foo"), string.capwords("a-b-c", "-"))
t = string.Template("Hello $name, you owe $$${amount}. ${name}!")
print(t.substitute(name="Bob", amount=10), t.substitute({'name': 'Al', 'amount': 3}), t.safe_substitute(name="Cy"))
try:
    t.substitute(name="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("bad $ here").substitute()
except ValueError as e:
    print("ValueError", e)
print(string.Template("$who likes $what").get_identifiers(), string.Template("$a $").is_valid())
