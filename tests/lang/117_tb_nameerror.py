# Uncaught NameError for an undefined global (no similar name exists).
def compute():
    return 42 + qqq_undefined_zz

print('start')
compute()
