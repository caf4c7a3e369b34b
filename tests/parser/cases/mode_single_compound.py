# mode: single
if x:
    y

