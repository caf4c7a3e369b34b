# loadtxt: whitespace and delimiter, skiprows, comments, dtype, single column, gzip
import numpy as np
print(repr(np.loadtxt("data_ws.txt")))
print(repr(np.loadtxt("data_ws.txt", dtype=np.int64)))
print(repr(np.loadtxt("data_ws.txt", dtype=int, skiprows=2)))
print(repr(np.loadtxt("data_csv.txt", delimiter=",", skiprows=1)))
print(repr(np.loadtxt("data_csv.txt", delimiter=",", skiprows=1, dtype=np.float32)))
print(repr(np.loadtxt("data_col.txt")))
print(repr(np.loadtxt("data_gz.txt.gz")))
print(repr(np.loadtxt("data_gz.txt.gz", delimiter="\t")))
try:
    np.loadtxt("no_such_file.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
