while a:
    break
while True:
    continue
else:
    pass
