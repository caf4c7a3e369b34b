"""Runs a program under CPython + real PyTorch with wick's own torch.nn,
torch.optim and torch.utils.data (runtime/python) shadowing PyTorch's.

usage: python3 tests/nn/harness.py PROGRAM.py [ARGS...]
"""
import importlib.abc
import importlib.util
import os
import runpy
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                     '..', '..', 'runtime', 'python'))
OURS = ('torch.nn', 'torch.optim', 'torch.utils.data')


def ours(name):
    return any(name == p or name.startswith(p + '.') for p in OURS)


class WickFinder(importlib.abc.MetaPathFinder):
    """Finds our packages' modules under runtime/python before PyTorch's."""

    def find_spec(self, fullname, path, target=None):
        if not ours(fullname):
            return None
        base = os.path.join(ROOT, *fullname.split('.'))
        if os.path.isdir(base):
            return importlib.util.spec_from_file_location(
                fullname, os.path.join(base, '__init__.py'), submodule_search_locations=[base])
        if os.path.isfile(base + '.py'):
            return importlib.util.spec_from_file_location(fullname, base + '.py')
        return None


def install():
    import torch  # the real core; this also imports PyTorch's own nn/optim/data
    for name in list(sys.modules):
        if ours(name):
            del sys.modules[name]
    # drop the attributes too: `import torch.nn.functional as F` resolves through them
    for parent, child in ((torch, 'nn'), (torch, 'optim'), (torch.utils, 'data')):
        if hasattr(parent, child):
            delattr(parent, child)
    sys.meta_path.insert(0, WickFinder())
    import torch.nn  # noqa: F401  (rebinds torch.nn to ours)
    import torch.optim  # noqa: F401
    import torch.utils.data  # noqa: F401
    for mod in (torch.nn, torch.nn.functional, torch.nn.modules.linear, torch.optim,
                torch.utils.data):
        assert mod.__file__.startswith(ROOT), mod.__file__
    assert sys.modules['torch.nn.functional'] is torch.nn.functional
    return torch


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    install()
    prog = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(os.path.abspath(prog)))
    runpy.run_path(prog, run_name='__main__')


if __name__ == '__main__':
    main()
