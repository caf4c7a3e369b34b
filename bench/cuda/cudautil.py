# cudautil.py — shared helpers for the CUDA benchmarks (runs under wick and CPython+PyTorch).
import time
import torch


def ready(names):
    """True when a CUDA device is usable; otherwise prints `name skipped (why)` for every
    workload name and returns False, so that the script ends without touching CUDA."""
    if torch.cuda.is_available():
        torch.manual_seed(0)
        return True
    try:
        torch.zeros(1, device="cuda")
        why = "CUDA not available"
    except Exception as e:
        why = "no CUDA: " + str(e).split("\n")[0][:100]
    for name in names:
        print("%s skipped (%s)" % (name, why))
    return False


def report(name, seconds, rate=None, unit=""):
    """Prints `name seconds [rate unit]`, the line bench/run_cuda.sh reads."""
    if rate is None:
        print("%s %.6e" % (name, seconds))
    else:
        print("%s %.6e %.4g %s" % (name, seconds, rate, unit))


def time_events(fn, iters, warmup=3, repeat=3):
    """Best seconds per call of fn over `repeat` loops of `iters` calls, timed on the GPU
    with torch.cuda.Event (the launches are queued between the two events)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    best = None
    for _ in range(repeat):
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(iters):
            fn()
        end.record()
        end.synchronize()
        dt = start.elapsed_time(end) / 1000.0 / iters
        if best is None or dt < best:
            best = dt
    return best


def time_wall(fn, iters, warmup=3, repeat=3):
    """Best seconds per call of fn, wall clock: N calls then torch.cuda.synchronize(), as a
    PyTorch user times GPU work (launch and interpreter overhead included)."""
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(iters):
            fn()
        torch.cuda.synchronize()
        dt = (time.perf_counter() - t0) / iters
        if best is None or dt < best:
            best = dt
    return best


def checksum(value):
    """Prints the workload's checksum (a float compared to tolerance by run_cuda.sh)."""
    print("checksum %.9g" % float(value))
