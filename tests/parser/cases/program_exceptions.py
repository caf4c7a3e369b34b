class MyErr(ValueError):
    pass
try:
    raise MyErr("bad") from None
except (MyErr, KeyError) as e:
    print(type(e).__name__, e)
else:
    pass
finally:
    print("done")
