match = 1
case = 2
_ = 3
match(x)
match.x = 1
match[1]
print(match, case)
