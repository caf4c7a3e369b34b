x = sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
print("%s=%d" % (k, v))
print("{} {}".format(a, b))
assert isinstance(x, (list, tuple)), "bad"
