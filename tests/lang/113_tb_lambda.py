# Uncaught TypeError inside a lambda called by sorted().
people = [('ann', 31), ('bob', None), ('cy', 25)]
print(sorted(people, key=lambda p: p[0]))
key = lambda p: -p[1]
print(sorted(people, key=key))
