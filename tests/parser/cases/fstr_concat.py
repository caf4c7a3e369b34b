a = f"{a}" "b" f"{c}" "d"
b = "x" f"y"
c = f"" ""
d = f"{a}" f"{b}"
