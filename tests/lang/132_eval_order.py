# Evaluation order of operands, arguments, displays and assignments.
log = []
def t(x):
    log.append(x)
    return x
def f(*a, **k):
    return a, k
log.clear(); f(t(1), t(2), k=t(3)); print(log)
log.clear(); [t('a'), t('b')]; print(log)
log.clear(); {t('k1'): t('v1'), t('k2'): t('v2')}; print(log)
log.clear(); t(1) + t(2) * t(3); print(log)
log.clear(); t([0])[t(0)] = t('value'); print(log)
log.clear(); x = t(1) if t(True) else t(2); print(log)
log.clear(); t(1) < t(2) < t(3); print(log)
log.clear(); t(0) and t(1); t(1) or t(2); print(log)
log.clear(); a, b = t(10), t(20); print(log, a, b)
log.clear(); t(2) ** t(3) ** t(1); print(log)
log.clear(); [t(i) for i in range(3) if t(i % 2)]; print(log)
log.clear(); print(t('a'), t('b')); print(log)
i = 0
lst = [0, 0, 0]
i, lst[i] = 1, 9
print(i, lst)
d = {}
d['a'] = d.get('a', 0) + 1
print(d)
