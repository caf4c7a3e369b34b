# Tutorial patterns: a DQN replay memory (namedtuple + deque + random.sample), count(), vocab building.
import random
from collections import namedtuple, deque
from itertools import count
Transition = namedtuple('Transition', ('state', 'action', 'next_state', 'reward'))
class ReplayMemory(object):
    def __init__(self, capacity):
        self.memory = deque([], maxlen=capacity)
    def push(self, *args):
        self.memory.append(Transition(*args))
    def sample(self, batch_size):
        return random.sample(self.memory, batch_size)
    def __len__(self):
        return len(self.memory)
random.seed(0)
m = ReplayMemory(5)
for t in count():
    m.push(t, t % 2, t + 1, float(t))
    if t == 7:
        break
print(len(m), m.memory[0])
batch = Transition(*zip(*m.sample(3)))
print(batch)
print(random.choice(m.memory))
print(sorted(m.memory, key=lambda tr: -tr.reward)[0])
from collections import Counter, OrderedDict, defaultdict
from functools import partial, reduce
from itertools import chain, islice, groupby
import copy
corpus = ['the quick brown fox', 'the lazy dog', 'the fox jumps']
freq = Counter(chain.from_iterable(line.split() for line in corpus))
vocab = OrderedDict((w, i) for i, (w, _) in enumerate(freq.most_common()))
print(freq.most_common(3), list(islice(vocab.items(), 4)), len(vocab))
by_len = defaultdict(list)
for w in sorted(vocab):
    by_len[len(w)].append(w)
print(dict(by_len), [(k, len(list(g))) for k, g in groupby(sorted(map(len, vocab)))])
encode = partial(lambda table, s: [table[w] for w in s.split()], vocab)
print(encode('the fox'), reduce(lambda a, b: a + b, map(len, corpus)))
cfg = {'lr': 0.1, 'layers': [64, 32]}
trial = copy.deepcopy(cfg)
trial['layers'].append(16)
print(cfg, trial)
