# Type promotion: result dtype of tensor + tensor for every pair of the 10 dtypes, and torch.promote_types
import torch
dts = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
       torch.float16, torch.bfloat16, torch.float32, torch.float64]
for a in dts:
    row = []
    for b in dts:
        x = torch.ones(2, dtype=a)
        y = torch.ones(2, dtype=b)
        row.append(str((x + y).dtype).replace('torch.', ''))
    print(str(a).replace('torch.', ''), ' '.join(row))
for a in dts:
    print(' '.join(str(torch.promote_types(a, b)).replace('torch.', '') for b in dts))
print(torch.result_type(torch.ones(1, dtype=torch.int8), torch.ones(1, dtype=torch.uint8)))
print(torch.can_cast(torch.float32, torch.int32), torch.can_cast(torch.int32, torch.float32))
print(torch.can_cast(torch.int64, torch.bool), torch.can_cast(torch.bool, torch.uint8))
