import time
t0 = time.time(); p0 = time.perf_counter(); m0 = time.monotonic()
time.sleep(0.5)
t1 = time.time(); p1 = time.perf_counter(); m1 = time.monotonic()
print(t1 > t0, p1 - p0 >= 0.5, m1 > m0, p1 - p0 < 1, type(t0).__name__, type(time.time_ns()).__name__, time.perf_counter() > p1)
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
print(time.strftime("%Y-%m-%d", time.gmtime(0)), time.gmtime(86400 * 365)[:6], time.strftime("%H:%M:%S %a %b %j", (2024, 2, 29, 13, 5, 9, 3, 60, 0)))

