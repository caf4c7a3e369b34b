"""default_collate / default_convert: turning a list of samples into a batch."""
import torch

_ERR = ('default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; '
        'found {}')


def _is_array(x):
    return type(x).__module__ == 'numpy'


def default_collate(batch):
    """Stacks tensors, makes tensors of numbers, and recurses into dicts and sequences."""
    elem = batch[0]
    if isinstance(elem, torch.Tensor):
        return torch.stack(batch, 0)
    if _is_array(elem):
        return default_collate([torch.as_tensor(b) for b in batch])
    if isinstance(elem, float):
        return torch.tensor(batch, dtype=torch.float64)
    if isinstance(elem, int):
        return torch.tensor(batch)
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, dict):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, tuple) and hasattr(elem, '_fields'):
        return type(elem)(*(default_collate(list(s)) for s in zip(*batch)))
    if isinstance(elem, (list, tuple)):
        size = len(elem)
        if any(len(e) != size for e in batch):
            raise RuntimeError('each element in list of batch should be of equal size')
        return [default_collate(list(samples)) for samples in zip(*batch)]
    raise TypeError(_ERR.format(type(elem)))


def default_convert(data):
    """Without batching: numbers and tensors pass through, containers are converted."""
    if isinstance(data, torch.Tensor):
        return data
    if _is_array(data):
        return torch.as_tensor(data)
    if isinstance(data, dict):
        return {key: default_convert(v) for key, v in data.items()}
    if isinstance(data, tuple) and hasattr(data, '_fields'):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, list):
        return [default_convert(d) for d in data]
    return data
