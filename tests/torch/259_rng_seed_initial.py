# Random: torch.seed() returns a fresh non-deterministic seed that initial_seed reports and that replays the stream
import torch

s = torch.seed()
print(type(s).__name__, s >= 0, torch.initial_seed() == s)
a = torch.rand(5)
torch.manual_seed(s)
print(torch.equal(a, torch.rand(5)))
s2 = torch.seed()
print(s2 != s, torch.initial_seed() == s2)
torch.manual_seed(99)
print(torch.initial_seed(), torch.default_generator.initial_seed())
g = torch.Generator()
print(g.initial_seed(), g.seed() == g.initial_seed())
