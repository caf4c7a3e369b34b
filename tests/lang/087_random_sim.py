# random: a small seeded simulation mixing the stream functions.
import random
random.seed(2024)
rolls = [random.randint(1, 6) for _ in range(600)]
print([rolls.count(i) for i in range(1, 7)], sum(rolls))
random.seed(99)
walk = 0
path = []
for _ in range(20):
    walk += random.choice([-1, 1])
    path.append(walk)
print(path)
random.seed(3)
pts = [(random.uniform(0, 1), random.uniform(0, 1)) for _ in range(2000)]
inside = sum(1 for x, y in pts if x * x + y * y <= 1)
print(inside, 4 * inside / len(pts))
random.seed(5)
samples = [random.gauss(100, 15) for _ in range(1000)]
mean = sum(samples) / len(samples)
print(round(mean, 6), round(min(samples), 6), round(max(samples), 6))
random.seed(11)
items = list('abcdefghij')
for _ in range(3):
    random.shuffle(items)
    print(''.join(items))
random.seed(-5)
print(random.random())
random.seed(5)
print(random.random())
