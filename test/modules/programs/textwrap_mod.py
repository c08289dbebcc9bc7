import textwrap
text = ("The quick brown fox jumps over the lazy dog. A well-known saying, often used to test "
        "typewriters and fonts, contains every letter of the alphabet.\tIt is short   and sweet. "
        "Supercalifragilisticexpialidocious-is-a-very-long-hyphenated-word indeed.")
for w in (20, 33, 50, 70):
    print(textwrap.wrap(text, width=w))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, width=60), textwrap.shorten("Hello  world!", width=12), textwrap.shorten("Hello world", width=11))
print(textwrap.fill("a" * 25 + " bb", width=10), textwrap.wrap("x", width=1), textwrap.wrap("", 10), textwrap.wrap("   ", 10))
print(textwrap.wrap(text, width=25, break_long_words=False, break_on_hyphens=False))
doc = """
    def f():
        return 1

      indented more
    back
"""
print(repr(textwrap.dedent(doc)))
print(textwrap.indent("line one\n\nline two\n", "> "), end="")
print(textwrap.indent("a\nb", "+ ", lambda l: True))
print(textwrap.fill("Inventory report: apples 12, pears 7, figs 3, plums 21, cherries 150, grapes 9", 30))
