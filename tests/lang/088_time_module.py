# time: only deterministic properties are printed.
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.01)
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
print(type(t0).__name__, t0 > 1.5e9, t1 >= t0)
print(type(p0).__name__, p1 - p0 >= 0.009, m1 >= m0)
print(time.sleep(0) is None)
print(type(time.time_ns()).__name__ if hasattr(time, 'time_ns') else 'int')
t = time.process_time() if hasattr(time, 'process_time') else 0.0
print(type(t).__name__)
