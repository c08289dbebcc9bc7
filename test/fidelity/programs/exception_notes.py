# BaseException.add_note (3.11): __notes__ made on the first note, in the exception's __dict__,
# printed after the exception's line by the traceback module and by the interpreter.
import traceback, sys
try:
    raise ValueError('x')
except ValueError as e:
    e.add_note('note one')
    e.add_note('note two')
    print(e.__notes__, e.__dict__)
    print(''.join(traceback.format_exception(e)), end='')
    try:
        e.add_note(3)
    except TypeError as t:
        print('TypeError:', t)
    saved = e
print(sys.getrefcount(saved.__notes__))
def f():
    raise KeyError('k')
try:
    try:
        f()
    except KeyError as e:
        e.add_note('while testing')
        raise RuntimeError('outer') from e
except RuntimeError as r:
    r.add_note('outer note')
    raise
