# Recursive printing of nested structures, isinstance dispatch.
def pretty(obj, indent=0):
    pad = '  ' * indent
    if isinstance(obj, dict):
        lines = [pad + '{']
        for k, v in obj.items():
            lines.append(pad + '  ' + repr(k) + ':')
            lines.append(pretty(v, indent + 2))
        lines.append(pad + '}')
        return '\n'.join(lines)
    if isinstance(obj, (list, tuple)):
        open_, close = ('[', ']') if isinstance(obj, list) else ('(', ')')
        if not obj:
            return pad + open_ + close
        return '\n'.join([pad + open_] + [pretty(x, indent + 1) for x in obj] + [pad + close])
    return pad + repr(obj)
data = {'name': 'wick', 'version': (0, 1), 'tags': ['lang', 'tensor'], 'meta': {'ok': True, 'ratio': 0.25, 'none': None, 'empty': []}}
print(pretty(data))
def depth(o):
    if isinstance(o, dict):
        return 1 + max([depth(v) for v in o.values()], default=0)
    if isinstance(o, (list, tuple)):
        return 1 + max([depth(v) for v in o], default=0)
    return 0
print(depth(data), depth([]), depth(5), depth([[[[]]]]))
def flatten_keys(d, prefix=''):
    out = {}
    for k, v in d.items():
        key = prefix + '.' + k if prefix else k
        if isinstance(v, dict):
            out.update(flatten_keys(v, key))
        else:
            out[key] = v
    return out
print(flatten_keys(data))
print(repr(data) == str(data), str(data))
