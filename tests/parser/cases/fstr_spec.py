a = f"{x:>10}"
b = f"{x:{w}.{p}f}"
c = f"{x!r:^20}"
d = f"{x:}"
