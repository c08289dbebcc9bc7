// contextlib, in Python as CPython's is: contextmanager (a generator driven by __enter__ and
// __exit__, usable as a decorator), suppress, closing, nullcontext, redirect_stdout/stderr,
// ExitStack (callbacks unwound last-in first-out, each seeing the exception the previous left),
// AbstractContextManager and ContextDecorator. The exception rules follow CPython's: a generator
// that does not yield or does not stop is a RuntimeError, a StopIteration raised in the block
// is not swallowed, and a re-raised exception keeps the traceback it had.
export const CONTEXTLIB_SOURCE = String.raw`
import sys
from functools import wraps

__all__ = ["contextmanager", "closing", "nullcontext", "AbstractContextManager",
           "ContextDecorator", "ExitStack", "redirect_stdout", "redirect_stderr",
           "suppress", "chdir"]


class AbstractContextManager:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return None


class ContextDecorator(object):
    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    """Drives a generator: __enter__ runs it to its yield, __exit__ resumes or throws into it."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func, self.args, self.kwds = func, args, kwds
        self.__doc__ = getattr(func, "__doc__", None)

    def _recreate_cm(self):
        return self.__class__(self.func, self.args, self.kwds)

    def __enter__(self):
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            # The block finished: the generator must finish too.
            try:
                next(self.gen)
            except StopIteration:
                return False
            raise RuntimeError("generator didn't stop")
        if value is None:
            value = typ()
        try:
            self.gen.throw(value)
        except BaseException as exc:
            return self._thrown(exc, value, traceback)
        raise RuntimeError("generator didn't stop after throw()")

    @staticmethod
    def _thrown(exc, value, traceback):
        # What came out of the generator after the block's exception was thrown into it.
        if isinstance(exc, StopIteration):
            # It returned: the exception is handled, unless the block's exception was this very
            # StopIteration, which must propagate.
            return exc is not value
        if exc is value:
            # The same exception came back out: let it propagate from the with statement, with
            # the traceback it had there.
            exc.__traceback__ = traceback
            return False
        if (isinstance(exc, RuntimeError) and isinstance(value, StopIteration)
                and exc.__cause__ is value):
            # PEP 479 turned the block's StopIteration into a RuntimeError: the original goes on.
            value.__traceback__ = traceback
            return False
        raise exc


def contextmanager(func):
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


class closing(AbstractContextManager):
    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class _RedirectStream(AbstractContextManager):
    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    _stream = "stderr"


class suppress(AbstractContextManager):
    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class _BaseExitStack:
    def __init__(self):
        # (is_sync, callback(exc_type, exc, tb)) pairs, unwound from the end.
        self._exit_callbacks = []

    def pop_all(self):
        """Moves every callback to a new stack and leaves this one empty."""
        new_stack = type(self)()
        new_stack._exit_callbacks, self._exit_callbacks = self._exit_callbacks, []
        return new_stack

    def push(self, exit):
        """Registers a context manager's __exit__, or any callable taking the exit arguments."""
        exit_method = getattr(type(exit), '__exit__', None)
        if exit_method is None:
            self._exit_callbacks.append((True, exit))
        else:
            self._push_cm_exit(exit, exit_method)
        return exit

    def enter_context(self, cm):
        cls = type(cm)
        enter = getattr(cls, '__enter__', None)
        exit = getattr(cls, '__exit__', None)
        if enter is None or exit is None:
            raise TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                            f"not support the context manager protocol")
        result = enter(cm)
        self._push_cm_exit(cm, exit)
        return result

    def callback(self, callback, /, *args, **kwds):
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((True, _exit_wrapper))
        return callback

    def _push_cm_exit(self, cm, cm_exit):
        def _exit_wrapper(exc_type, exc, tb):
            return cm_exit(cm, exc_type, exc, tb)
        self._exit_callbacks.append((True, _exit_wrapper))


class ExitStack(_BaseExitStack, AbstractContextManager):
    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received = exc_details[0] is not None
        outer = sys.exc_info()[1]
        suppressed = False
        failed = False
        while self._exit_callbacks:
            _, cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    failed = False
                    exc_details = (None, None, None)
            except:
                new_details = sys.exc_info()
                _link_context(new_details[1], exc_details[1], outer)
                failed = True
                exc_details = new_details
        if failed:
            exc = exc_details[1]
            context = exc.__context__
            try:
                raise exc
            except BaseException:
                # Raising again set __context__ to what is being handled here: put back the
                # chain the callbacks left.
                exc.__context__ = context
                raise
        return received and suppressed

    def close(self):
        self.__exit__(None, None, None)


def _link_context(new_exc, old_exc, outer):
    # A callback raised new_exc while old_exc was pending: chain old_exc as its context, below
    # whatever the callback itself chained (stopping at the frame's own exception).
    while True:
        context = new_exc.__context__
        if context is None or context is old_exc:
            return
        if context is outer:
            break
        new_exc = context
    new_exc.__context__ = old_exc


class nullcontext(AbstractContextManager):
    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass


class chdir(AbstractContextManager):
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        pass

    def __exit__(self, *excinfo):
        pass
`;
