# Working with nested lists and dicts.
students = [
    {'name': 'ann', 'grades': [90, 85, 77], 'year': 2},
    {'name': 'bob', 'grades': [60, 75], 'year': 1},
    {'name': 'cy', 'grades': [88, 92, 95, 79], 'year': 2},
    {'name': 'dee', 'grades': [], 'year': 3},
]
for s in students:
    g = s['grades']
    s['avg'] = round(sum(g) / len(g), 2) if g else None
print([(s['name'], s['avg']) for s in students])
by_year = {}
for s in students:
    by_year.setdefault(s['year'], []).append(s['name'])
print(by_year)
ranked = sorted((s for s in students if s['avg'] is not None), key=lambda s: -s['avg'])
print([s['name'] for s in ranked])
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, [list(col) for col in zip(*matrix)], [matrix[i][i] for i in range(3)])
inventory = {'fruit': {'apple': 3, 'pear': 0}, 'veg': {'kale': 2}}
inventory['fruit']['apple'] -= 1
inventory['veg']['leek'] = 5
print(inventory, sum(n for cat in inventory.values() for n in cat.values()))
print({k: [n for n, q in v.items() if q] for k, v in inventory.items()})
tree = ('root', [('a', [('a1', []), ('a2', [])]), ('b', [])])
def count(node):
    return 1 + sum(count(c) for c in node[1])
print(count(tree))
def all_paths(node, prefix=''):
    p = prefix + '/' + node[0]
    out = [p]
    for c in node[1]:
        out.extend(all_paths(c, p))
    return out
print(all_paths(tree))
