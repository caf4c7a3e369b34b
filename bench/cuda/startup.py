# startup.py — bench/run_cuda.sh times this whole program: start-up to the first printed CUDA tensor.
import torch
print(torch.ones(2, device="cuda"))
