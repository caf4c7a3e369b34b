a = rf"\n{x}"
b = fr"{x}\d"
c = f"\n{x}\t"
