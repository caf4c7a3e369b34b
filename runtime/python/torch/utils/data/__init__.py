"""torch.utils.data: datasets, samplers and DataLoader (written in the wick language)."""
from torch.utils.data.dataset import Dataset, IterableDataset, TensorDataset, ConcatDataset, \
    Subset, random_split
from torch.utils.data.sampler import Sampler, SequentialSampler, RandomSampler, \
    SubsetRandomSampler, BatchSampler
from torch.utils.data.dataloader import DataLoader, get_worker_info
from torch.utils.data._collate import default_collate, default_convert
