// statistics, in Python: mean, fmean, median (and _low/_high), mode, multimode, variance,
// pvariance, stdev, pstdev, quantiles, geometric_mean. As CPython's, sums are exact (each value
// as an integer ratio, summed with integers) and the result is rounded once, so mean, variance
// and stdev print python3's digits; stdev is the correctly rounded square root of the exact
// variance. Only int and float data are supported (no Fraction or Decimal here).
export const STATISTICS_SOURCE = String.raw`
from math import fsum, isqrt, exp, log, ldexp, gcd
from collections import Counter

__all__ = ['StatisticsError', 'fmean', 'geometric_mean', 'mean', 'median', 'median_low',
           'median_high', 'mode', 'multimode', 'pstdev', 'pvariance', 'quantiles',
           'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _ratio(x):
    if isinstance(x, int):
        return x, 1
    if isinstance(x, float):
        if x != x or x in (float('inf'), float('-inf')):
            return x, None
        return x.as_integer_ratio()
    raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)


class _Q:
    """An exact rational n/d (d > 0), just what the sums need."""
    __slots__ = ('n', 'd')

    def __init__(self, n, d=1):
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d)
        self.n = n // g
        self.d = d // g

    def add(self, n, d):
        return _Q(self.n * d + n * self.d, self.d * d)

    def div_int(self, k):
        return _Q(self.n, self.d * k)

    def to(self, T):
        if T is int and self.d == 1:
            return self.n
        return self.n / self.d


def _sum(data):
    T = int
    total = _Q(0)
    special = None
    count = 0
    for x in data:
        count += 1
        if isinstance(x, float):
            T = float
        elif not isinstance(x, int):
            raise TypeError("can't convert type '%s' to numerator/denominator" % type(x).__name__)
        n, d = _ratio(x)
        if d is None:
            special = x if special is None else special + x
        else:
            total = total.add(n, d)
    return T, total, count, special


def mean(data):
    T, total, n, special = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    if special is not None:
        return special
    return total.div_int(n).to(T)


def fmean(data, weights=None):
    if weights is None:
        try:
            n = len(data)
        except TypeError:
            data = list(data)
            n = len(data)
        if n == 0:
            raise StatisticsError('fmean requires at least one data point')
        return fsum(data) / n
    data = list(data)
    weights = list(weights)
    num = fsum(x * w for x, w in zip(data, weights))
    den = fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    try:
        return exp(fmean([log(x) for x in data]))
    except ValueError:
        raise StatisticsError('geometric mean requires a non-empty dataset '
                              'containing positive numbers') from None


def harmonic_mean(data):
    data = list(data)
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    if n == 1 and isinstance(data[0], (int, float)):
        if data[0] < 0:
            raise StatisticsError('harmonic mean does not support negative values')
        return data[0]
    total = _Q(0)
    for x in data:
        if x < 0:
            raise StatisticsError('harmonic mean does not support negative values')
        if x == 0:
            return 0
        # CPython sums the float reciprocals 1 / x exactly.
        a, b = _ratio(1 / x)
        total = total.add(a, b)
    return _Q(n * total.d, total.n).to(float)


def median(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def mode(data):
    pairs = Counter(iter(data)).most_common(1)
    try:
        return pairs[0][0]
    except IndexError:
        raise StatisticsError('no mode for empty data') from None


def multimode(data):
    counts = Counter(iter(data))
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def _ss(data, c=None):
    data = list(data)
    T = int
    for x in data:
        if isinstance(x, float):
            T = float
    n = len(data)
    if c is not None:
        total = _Q(0)
        for x in data:
            a, b = _ratio(x - c)
            total = total.add(a * a, b * b)
        return T, total, n
    sx = _Q(0)
    sxx = _Q(0)
    for x in data:
        a, b = _ratio(x)
        if b is None:
            return T, None, n
        sx = sx.add(a, b)
        sxx = sxx.add(a * a, b * b)
    if n == 0:
        return T, _Q(0), 0
    # ssd = (n * sxx - sx**2) / n
    num = n * sxx.n * sx.d * sx.d - sx.n * sx.n * sxx.d
    return T, _Q(num, sxx.d * sx.d * sx.d * n), n


def _sqrt_q(q):
    # The square root of the exact q, rounded once to a float.
    n, d = q.n, q.d
    if n == 0:
        return 0.0
    k = max(0, 130 - (n.bit_length() - d.bit_length()))
    k += k & 1
    scaled = n << k
    r = isqrt(scaled // d)
    sticky = 0 if r * r * d == scaled else 1
    return ldexp(float(2 * r + sticky), -(k // 2) - 1)


def variance(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    if ss is None:
        return float('nan')
    return ss.div_int(n - 1).to(T)


def pvariance(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    if ss is None:
        return float('nan')
    return ss.div_int(n).to(T)


def stdev(data, xbar=None):
    T, ss, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    if ss is None:
        return float('nan')
    return _sqrt_q(ss.div_int(n - 1))


def pstdev(data, mu=None):
    T, ss, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    if ss is None:
        return float('nan')
    return _sqrt_q(ss.div_int(n))


def quantiles(data, *, n=4, method='exclusive'):
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        raise StatisticsError('must have at least two data points')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError(f'Unknown method: {method!r}')
`;
