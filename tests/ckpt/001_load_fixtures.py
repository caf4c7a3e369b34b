# Loads checkpoints written by PyTorch 1.13 (data/*.pt, made by gen.py) and prints them.
import torch

sd = torch.load('data/state_dict.pt')
print(type(sd).__name__, list(sd.keys()))
print(sd['0.weight'])
print(sd['1.num_batches_tracked'])
ck = torch.load('data/checkpoint.pt', map_location='cpu')
print(ck['epoch'], ck['loss'])
print(ck['optimizer_state_dict']['param_groups'][0]['lr'], ck['optimizer_state_dict']['param_groups'][0]['betas'])
print(ck['optimizer_state_dict']['state'][5]['exp_avg'])
sh = torch.load('data/shared.pt')
print(sh['win'])
print(sh['tr'].stride(), sh['win'].storage_offset(), sh['exp'].stride())
sh['base'][3] = 100.0
print(sh['win'])
m = torch.load('data/misc.pt')
print(m['param'])
print(m['rg'])
print(m['ints'])
print(m['floats'], m['str'], m['tuple'], m['dtype'], m['size'])
t = torch.load('data/tensors.pt')
for k in ['f64', 'f16', 'bf16', 'i64', 'i8', 'u8', 'bool', 'scalar', 'empty', 'special']:
    print(k, t[k])
