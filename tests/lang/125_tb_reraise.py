# Bare raise re-raises the active exception after logging it.
def risky(d):
    return d['missing']

def wrapper():
    try:
        return risky({})
    except KeyError as e:
        print('logging', repr(e))
        raise

wrapper()
