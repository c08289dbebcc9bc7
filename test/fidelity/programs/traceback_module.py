# traceback: format_exc/print_exc/format_exception/print_exception/format_exception_only give the
# text the interpreter prints for an uncaught exception, chained exceptions included.
import traceback, sys, io


def inner(x):
    return 1 / x


def outer():
    return inner(0) + 1


try:
    outer()
except ZeroDivisionError:
    text = traceback.format_exc()
    print(text, end='')
    print(traceback.format_exception_only(*sys.exc_info()[:2]))
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue() == text)

try:
    try:
        {}['k']
    except KeyError as e:
        raise ValueError('bad') from e
except ValueError as e:
    parts = traceback.format_exception(e)
    print(len(parts))
    print(''.join(parts), end='')
    print(traceback.format_exception(type(e), e, e.__traceback__) == parts)
print(traceback.format_exc(), end='')
traceback.print_exc()
