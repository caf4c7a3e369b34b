a = f"x{y}z"
b = f'{a}{b}'
c = F"{x!r}"
d = f"{x!s} {y!a}"
