import queue
q = queue.Queue()
for i in range(3): q.put(i * i)
print(q.qsize(), q.empty(), q.get(), q.get_nowait(), q.queue, q.full())
pq = queue.PriorityQueue()
for item in [(3, "low"), (1, "urgent"), (2, "mid")]: pq.put(item)
print([pq.get() for _ in range(3)], pq.empty())
lq = queue.LifoQueue(maxsize=2)
lq.put("a"); lq.put("b")
print(lq.full(), lq.get(), lq.qsize())
try:
    lq.put("c"); lq.put("d", block=False)
except queue.Full:
    print("Full")
try:
    queue.Queue().get_nowait()
except queue.Empty as e:
    print("Empty", repr(e))
sq = queue.SimpleQueue(); sq.put(1); print(sq.get(), sq.empty())
q.task_done(); q.task_done(); q.task_done()
try:
    q.task_done()
except ValueError as e:
    print(e)
