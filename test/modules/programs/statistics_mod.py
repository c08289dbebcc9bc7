import statistics as st
import random
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
ints = [1, 2, 3, 4, 4, 5, 9, 10]
print(st.mean(data), st.mean(ints), st.mean([1, 2, 3]), st.fmean(data), st.median(data), st.median(ints), st.median_low(ints), st.median_high(ints))
print(st.mode([1, 1, 2, 3, 3, 3]), st.mode(["a", "b", "a"]), st.multimode("aabbbcccd"), st.multimode([]))
print(st.variance(data), st.pvariance(data), st.stdev(data), st.pstdev(data))
print(st.variance(ints), st.pvariance(ints), st.stdev(ints), st.pstdev(ints), st.variance([1, 3]), st.pvariance([1, 2, 3, 4]))
print(st.quantiles(ints), st.quantiles(data, n=10), st.quantiles(ints, method='inclusive'), st.geometric_mean([1, 2, 4, 8]), st.harmonic_mean([40, 60]))
random.seed(1)
samples = [random.gauss(100, 15) for _ in range(1000)]
print(round(st.mean(samples), 6), st.mean(samples), st.stdev(samples), st.median(samples), st.pstdev(samples))
vals = [random.random() for _ in range(500)]
print(st.mean(vals), st.variance(vals), st.stdev(vals), st.fmean(vals))
for f in [lambda: st.mean([]), lambda: st.stdev([1]), lambda: st.median([]), lambda: st.mode([]), lambda: st.variance([5]), lambda: st.pstdev([])]:
    try:
        f()
    except st.StatisticsError as e:
        print("StatisticsError", e)
