"""DataLoader: batches of a dataset in sampler order, collated into tensors.

With num_workers > 0, indices are drawn from the sampler when PyTorch's workers would
draw them (num_workers * prefetch_factor batches at iter(), one more per batch
delivered), so the random streams advance as in PyTorch. The wick interpreter is
single-threaded, so wick code (a Dataset's __getitem__, a collate_fn) runs in the
calling thread; but for a TensorDataset of CPU tensors that do not require grad, with
the default collate_fn and automatic batching, C worker threads (torch._C._loader,
runtime/loader.c) gather the batches ahead of time. Either way the batches have the
same order and values as with 0 workers; worker_init_fn is not called. The workers copy
rows when they reach them: a dataset tensor modified in place during an epoch may show
the change in batches already prefetched."""
import torch
from torch.utils.data.dataset import IterableDataset, TensorDataset
from torch.utils.data.sampler import SequentialSampler, RandomSampler, BatchSampler
from torch.utils.data._collate import default_collate, default_convert


def get_worker_info():
    """None: wick runs dataset code only in the calling thread (its workers are C threads
    that copy TensorDataset rows), which is where PyTorch's answer is None too."""
    return None


class DataLoader:
    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0,
                 worker_init_fn=None, multiprocessing_context=None, generator=None, *,
                 prefetch_factor=None, persistent_workers=False, pin_memory_device=''):
        if num_workers < 0:
            raise ValueError('num_workers option should be non-negative; use num_workers=0 to '
                             'disable multiprocessing.')
        if timeout < 0:
            raise ValueError('timeout option should be non-negative')
        if num_workers == 0 and prefetch_factor is not None:
            raise ValueError('prefetch_factor option could only be specified in multiprocessing.'
                             'let num_workers > 0 to enable multiprocessing, otherwise set '
                             'prefetch_factor to None.')
        if num_workers > 0 and prefetch_factor is None:
            prefetch_factor = 2
        elif prefetch_factor is not None and prefetch_factor < 0:
            raise ValueError('prefetch_factor option should be non-negative')
        if persistent_workers and num_workers == 0:
            raise ValueError('persistent_workers option needs num_workers > 0')
        self.dataset = dataset
        self.num_workers = num_workers
        self.prefetch_factor = prefetch_factor
        self.pin_memory = pin_memory
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.generator = generator
        self.persistent_workers = persistent_workers
        self._base_seed_drawn = False
        self._iterable = isinstance(dataset, IterableDataset)
        if self._iterable:
            if shuffle not in (None, False):
                raise ValueError('DataLoader with IterableDataset: expected unspecified shuffle '
                                 'option, but got shuffle={}'.format(shuffle))
            if sampler is not None:
                raise ValueError('DataLoader with IterableDataset: expected unspecified sampler '
                                 'option, but got sampler={}'.format(sampler))
            if batch_sampler is not None:
                raise ValueError('DataLoader with IterableDataset: expected unspecified '
                                 'batch_sampler option, but got batch_sampler={}'.format(
                                     batch_sampler))
        if sampler is not None and shuffle:
            raise ValueError('sampler option is mutually exclusive with shuffle')
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError('batch_sampler option is mutually exclusive with batch_size, '
                                 'shuffle, sampler, and drop_last')
            batch_size = None
            drop_last = False
        elif batch_size is None and drop_last:
            raise ValueError('batch_size=None option disables auto-batching and is mutually '
                             'exclusive with drop_last')
        if sampler is None and not self._iterable:
            if shuffle:
                sampler = RandomSampler(dataset, generator=generator)
            else:
                sampler = SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None and not self._iterable:
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        if collate_fn is None:
            collate_fn = default_collate if self._auto_collation else default_convert
        self.collate_fn = collate_fn

    @property
    def _auto_collation(self):
        return self.batch_sampler is not None or (self._iterable and self.batch_size is not None)

    def __iter__(self):
        # PyTorch draws a base seed for its workers when it makes an iterator (once for
        # persistent workers, which keep theirs); the draw is kept so that the random
        # stream advances exactly as in PyTorch.
        if not (self.persistent_workers and self._base_seed_drawn):
            if self.generator is not None:
                torch.empty((), dtype=torch.int64).random_(generator=self.generator)
            else:
                torch.empty((), dtype=torch.int64).random_()
            self._base_seed_drawn = True
        if self._iterable:
            return self._iter_iterable()
        return _MapIter(self, self._threaded())

    def _threaded(self):
        """Whether C worker threads can make the batches (see the module docstring)."""
        if self.num_workers <= 0 or self.batch_sampler is None:
            return False
        if self.collate_fn is not default_collate or type(self.dataset) is not TensorDataset:
            return False
        tensors = self.dataset.tensors
        if len(tensors) > 64:
            return False
        for t in tensors:
            if not isinstance(t, torch.Tensor) or t.requires_grad or t.device.type != 'cpu':
                return False
        return True

    def _iter_iterable(self):
        if self.batch_size is None:
            for item in self.dataset:
                yield self.collate_fn(item)
            return
        batch = []
        for item in self.dataset:
            batch.append(item)
            if len(batch) == self.batch_size:
                yield self.collate_fn(batch)
                batch = []
        if batch and not self.drop_last:
            yield self.collate_fn(batch)

    def __len__(self):
        if self._iterable:
            n = len(self.dataset)
            if self.batch_size is None:
                return n
            if self.drop_last:
                return n // self.batch_size
            return (n + self.batch_size - 1) // self.batch_size
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)


class _MapIter:
    """An epoch of a map-style DataLoader.

    Indices are drawn from the sampler in this thread when PyTorch draws them: with 0
    workers just before each batch is made; with workers, num_workers * prefetch_factor
    at the start and one more each time a batch is delivered. When
    DataLoader._threaded() holds, C worker threads (torch._C._loader) gather the
    batches of plain in-range int indices ahead of time; every other batch (any other
    dataset or collate_fn, no automatic batching, indices that are not plain ints, which
    then raise what PyTorch raises) is made in this thread, in its turn. The threads
    stop when the epoch ends or when this iterator is garbage (breaking out of a loop,
    an exception)."""

    def __init__(self, loader, threaded):
        self._dataset = loader.dataset
        self._collate_fn = loader.collate_fn
        self._timeout = loader.timeout
        self._batched = loader.batch_sampler is not None
        self._index_sampler = loader.batch_sampler if self._batched else loader.sampler
        self._sampler_iter = iter(self._index_sampler)
        self._exhausted = False
        capacity = loader.num_workers * max(loader.prefetch_factor or 1, 1)
        self._prefetch = capacity > 0
        self._rows = None
        if threaded:
            from torch._C._loader import RowLoader
            self._rows = RowLoader(tuple(loader.dataset.tensors), loader.num_workers, capacity)
        # one entry per index batch drawn and not yet delivered: None when the workers
        # make it, else [indices] to be made in this thread
        self._order = []
        for _ in range(capacity):
            self._put_next()

    def __iter__(self):
        return self

    def __len__(self):
        return len(self._index_sampler)

    def _put_next(self):
        if self._exhausted:
            return
        try:
            indices = next(self._sampler_iter)
        except StopIteration:
            self._exhausted = True
            return
        if self._rows is not None and self._rows.put(indices):
            self._order.append(None)
        else:
            self._order.append([indices])

    def _advance(self):
        self._order.pop(0)
        if self._prefetch:
            self._put_next()

    def _shutdown(self):
        if self._rows is not None:
            self._rows.close()
            self._rows = None

    def _make(self, indices):
        if self._batched:
            return self._collate_fn([self._dataset[i] for i in indices])
        return self._collate_fn(self._dataset[indices])

    def __next__(self):
        if not self._order:
            self._put_next()
        if not self._order:
            self._shutdown()
            raise StopIteration
        entry = self._order[0]
        if entry is not None:
            self._advance()
            return self._make(entry[0])
        try:
            batch = self._rows.take(self._timeout)
        except RuntimeError:
            self._advance()
            raise
        if batch is False:
            raise RuntimeError('DataLoader timed out after {} seconds'.format(self._timeout))
        self._advance()
        return list(batch)
