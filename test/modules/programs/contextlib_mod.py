from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack, redirect_stdout
import contextlib, io

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("b") as t:
    print("inside", t)

@contextmanager
def catcher():
    try:
        yield
    except KeyError as e:
        print("caught", repr(e))

with catcher():
    raise KeyError("k")
print("after catcher")

try:
    with tag("x"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)

@tag("deco")
def decorated(a):
    print("body", a)
    return a * 2
print(decorated(21))

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)

class Res:
    def close(self): print("closed")
with closing(Res()) as r:
    print(type(r).__name__)
with nullcontext(5) as v:
    print("null", v)

with ExitStack() as stack:
    for n in ["a", "b", "c"]:
        stack.enter_context(tag(n))
    stack.callback(print, "callback ran", 1)
    print("stack body")

def cleanup_fail():
    raise RuntimeError("cleanup failed")
try:
    with ExitStack() as s:
        s.callback(cleanup_fail)
        s.callback(print, "first cleanup")
except RuntimeError as e:
    print("exit stack raised", e)

with ExitStack() as s:
    s.push(lambda *exc: True)
    raise KeyError("swallowed by push")
print("stack suppressed")

s2 = ExitStack()
s2.callback(print, "closed via close()")
moved = s2.pop_all()
s2.close()
moved.close()

@contextmanager
def noyield():
    if False:
        yield
try:
    with noyield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def twice():
    yield 1
    yield 2
try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

try:
    with ExitStack() as st:
        st.enter_context(42)
except TypeError as e:
    print("TypeError", e)

@contextmanager
def timer(label, log):
    log.append(f"start {label}")
    yield log
    log.append(f"end {label}")
log = []
with timer("t1", log) as l:
    l.append("work")
print(log)
