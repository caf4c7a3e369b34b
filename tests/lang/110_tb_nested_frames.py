# Uncaught ValueError raised three frames deep.
def parse(text):
    return int(text)

def load(items):
    return [parse(t) for t in items] if False else parse(items[-1])

def main():
    print('loading')
    values = load(['1', '2', 'three'])
    print('unreachable', values)

main()
