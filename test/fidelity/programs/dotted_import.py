# import a.b binds the top package a, with the submodule as its attribute; from a.b import x and import a.b as c reach the submodule.
import collections.abc
print(collections.abc.Mapping, collections.OrderedDict.__name__)
from collections.abc import Mapping
import collections
print(Mapping.__name__, hasattr(collections, 'abc'))
import collections.abc as cabc
print(cabc.Sequence.__name__)
