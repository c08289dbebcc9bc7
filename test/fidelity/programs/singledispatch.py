# functools.singledispatch and singledispatchmethod: registration by annotation (a string one
# too), by class and by ABC, dispatch through the MRO, the registry, and the errors.
from functools import singledispatch, singledispatchmethod
import collections.abc
@singledispatch
def show(x):
    return f'obj {x!r}'
@show.register
def _(x: int):
    return f'int {x}'
@show.register(list)
def _(x):
    return f'list of {len(x)}'
@show.register
def _(x: 'str'):
    return 'str ' + x
@show.register(collections.abc.Mapping)
def _(x):
    return f'mapping {sorted(x)}'
print(show(1), show(True), show([1, 2]), show('a'), show(2.5), show({'b': 1}))
print(show.dispatch(bool).__name__, sorted(c.__name__ for c in show.registry), show.__name__)
class Neg:
    @singledispatchmethod
    def neg(self, arg):
        raise NotImplementedError('no')
    @neg.register
    def _(self, arg: int):
        return -arg
    @neg.register
    def _(self, arg: bool):
        return not arg
print(Neg().neg(5), Neg().neg(True))
try:
    show.register(3, lambda x: x)
except TypeError as e:
    print(e)
try:
    show()
except TypeError as e:
    print(e)
