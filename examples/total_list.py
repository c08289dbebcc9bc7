# Summing squares through a list: every square is alive at once.
import sys

squares = [n * n for n in range(2000)]
total = sum(squares)
print(total, sys.getsizeof(squares))
