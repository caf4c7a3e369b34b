# benchutil.py — shared helpers for the tensor benchmarks (runs under wick and CPython+PyTorch).
import os
import time
import torch

_printed = []


def setup():
    """Seeds the RNG and applies BENCH_THREADS (default 1) to both runtimes."""
    n = int(os.environ.get("BENCH_THREADS", "1"))
    if hasattr(torch, "set_num_threads"):
        torch.set_num_threads(n)
    torch.manual_seed(0)
    return n


def timeit(name, fn, iters, warmup=3, repeat=3):
    """Runs fn warmup times, then `repeat` timed loops of `iters` calls; prints the best
    seconds per call as `name seconds`."""
    for _ in range(warmup):
        fn()
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        dt = (time.perf_counter() - t0) / iters
        if best is None or dt < best:
            best = dt
    print("%s %.6e" % (name, best))
    return best


def checksum(value):
    """Prints the workload's checksum (a float compared to tolerance by run_torch.sh)."""
    print("checksum %.9g" % float(value))


def skipped(name, why):
    print("%s skipped (%s)" % (name, why))
