# Summing squares through a generator: one square at a time.
import sys

squares = (n * n for n in range(2000))
total = sum(squares)
print(total, sys.getsizeof(squares))
