# Uncaught KeyError from a dict lookup.
config = {'lr': 0.1, 'epochs': 3}
def get(name):
    return config[name]
print(get('lr'))
print(get('batch_size'))
