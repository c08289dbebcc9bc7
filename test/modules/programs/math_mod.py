import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.sqrt(10**20), math.sqrt(0.5))
print(math.floor(3.7), math.floor(-3.2), math.ceil(3.2), math.ceil(-3.7), math.floor(5), math.ceil(True), math.trunc(-3.9), math.trunc(7))
print(math.gcd(12, 18), math.gcd(), math.gcd(-4, 6, 10), math.lcm(4, 6), math.lcm(), math.lcm(3, 0))
print(math.isqrt(99), math.isqrt(10**40 + 12345), math.factorial(0), math.factorial(20), math.factorial(30))
for x in [1, 2, 10, 0.5, 1e-300, 12345.678, 2**1100, 7]:
    print(math.log(x), math.log2(x), math.log10(x))
print(math.log(8, 2), math.log(100, 10), math.log(1000, 10), math.log(2, 8), math.log(81, 3), math.log(125, 5))
for x in [0, 1, -1, 0.5, 2.5, 10, -10, 100, 709, -745, 1e-10]:
    print(math.exp(x))
for a, b in [(2, 10), (2, 0.5), (10, -2), (-2, 3), (-2, 2), (0, 0), (1.5, 2.5), (9, 0.5), (2, -1074), (1.0000001, 1e7), (3, 40)]:
    print(math.pow(a, b))
print(math.pow(math.inf, -1), math.pow(-math.inf, 3), math.pow(0.0, 3), math.pow(-0.0, 3), math.pow(1, math.nan), math.pow(math.nan, 0))
print(math.fabs(-3), math.fabs(2.5))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2]), math.prod(range(1, 21)), math.prod([2, 3], start=10))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([]), math.fsum([math.inf, 1]))
print(math.hypot(3, 4), math.hypot(1, 1), math.hypot(), math.hypot(-2), math.hypot(1, 2, 3), math.hypot(0.1, 0.2))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], [4, 5, 6]))
print(math.comb(10, 3), math.comb(5, 7), math.comb(100, 50), math.perm(5, 2), math.perm(5), math.perm(3, 5))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isnan(math.nan), math.isnan(3), math.isinf(-math.inf))
print(math.copysign(3, -0.0), math.fmod(7, 3), math.fmod(-7, 3), math.modf(3.5), math.modf(-2.25), math.frexp(8.0), math.frexp(0.3), math.ldexp(0.75, 4))
print(math.degrees(math.pi), math.radians(180), math.degrees(1), math.radians(45))
print(math.sin(0), math.cos(0), math.sin(math.pi / 2), math.cos(math.pi), math.tan(math.pi / 4), math.atan2(1, 1), math.atan(1), math.asin(1), math.acos(0))
print(math.remainder(7, 3), math.remainder(5, 2), math.ulp(1.0), math.nextafter(1.0, 2.0))
print(math.floor(-0.5), math.ceil(-0.5), type(math.floor(2.0)).__name__, round(math.sqrt(2) * 1000) / 1000)
print(math.sqrt)
errors = [
    lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.log(-5), lambda: math.log10(0), lambda: math.exp(1000),
    lambda: math.pow(0, -1), lambda: math.pow(-8, 1 / 3), lambda: math.pow(10, 400), lambda: math.factorial(-1),
    lambda: math.factorial(2.5), lambda: math.isqrt(-4), lambda: math.sqrt("x"), lambda: math.floor("x"),
    lambda: math.floor(math.inf), lambda: math.floor(math.nan), lambda: math.comb(-1, 2), lambda: math.comb(3, -2),
    lambda: math.acos(2), lambda: math.log(10, 1), lambda: math.fsum([math.inf, -math.inf]), lambda: math.sqrt(),
    lambda: math.pow(2), lambda: math.log(), lambda: math.gcd(2.5, 1), lambda: math.isclose(1, 2, rel_tol=-1),
    lambda: math.dist((1, 2), (1, 2, 3)), lambda: math.trunc("s"), lambda: math.fmod(1, 0), lambda: math.sin(math.inf),
    lambda: math.log(2 ** 5000) / math.log(2), lambda: math.sqrt(10 ** 400),
]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
