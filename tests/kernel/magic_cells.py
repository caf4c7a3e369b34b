# magic_cells.py — the cells of tests/kernel-magic.t (magics, a trailing `;`, IPython's pretty printing of long containers) and how their outputs are recorded, shared with regen_magic.py.
import json
import os
import re
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "magic.expected.json")
SCRIPT = "a = 1\nb = [a] * 3\n"

CELLS = [
    "%foo",
    "%%foo\nx = 1",
    "%who",
    "x = [1, 2]",
    "x;",
    "x",
    "1 + 1;  # a comment after the semicolon",
    "y = 3; y",
    "(y, x);",
    "%who",
    "%who int",
    "%whos",
    "%time y * 2",
    "%timeit -n 5 -r 3 y + 1",
    "%load script.py",
    "%run script.py",
    "%who list",
    "nosuchname?",
    "%reset -f",
    "%who",
    "%history -n 1-6",
    "list(range(40))",
    "[list(range(30)), list(range(5)), 'x' * 70]",
    "{i: str(i) * 3 for i in range(20)}",
    "{'a': list(range(30)), 'b': {'c': list(range(25)), 'd': (1, 2)}}",
    "tuple(range(30))",
    "[(i, i * 2.5, 'abc') for i in range(8)]",
    "set(range(30))",
    "frozenset(range(25))",
    "[set(), frozenset(), {}, [], (), (1,)]",
    "['é' * 30, 'ü' * 30, 'ß' * 30]",
    "[[[[i, j] for j in range(4)] for i in range(3)]]",
    "{'k' * 40: 'v' * 40, 'short': 1}",
    "list(range(1005))[-3:] + [None] * 30",
    "c = [1]; c.append(c); c * 12",
    "import collections\ncollections.OrderedDict((f'layer{i}.weight', list(range(i * 3))) for i in range(6))",
    "collections.Counter('abracadabra' * 3 + 'xyzwvu')",
    "collections.defaultdict(list, {i: [i] * 8 for i in range(6)})",
    "collections.deque(range(40), maxlen=50)",
    "[int, str, collections.OrderedDict, ValueError, collections.OrderedDict(), collections.Counter()]",
    "int",
    "import torch\ntorch.manual_seed(0)\ntorch.nn.Linear(3, 2).state_dict()",
    "{'w': torch.arange(6.).reshape(2, 3), 'b': torch.zeros(2), 'big': torch.arange(30.).reshape(3, 10)}",
]

TIME = re.compile(r"[0-9.]+(?:e[+-]\d+)? (?:s|ms|µs|ns)")
SLOWEST = re.compile(r"^The slowest run took .*\n", re.M)    # depends on the machine's noise


def workdir():
    d = tempfile.mkdtemp(prefix="wick-magic-")
    with open(os.path.join(d, "script.py"), "w") as f:
        f.write(SCRIPT)
    return d


def normal(source, reply, io):
    """What a cell showed: stream texts by name, result text/plain, displays, reply
    status (and ename/evalue on error) and payloads; timings replaced by `T`."""
    c = reply["content"]
    out = {"status": c["status"]}
    if c["status"] == "error":
        out["error"] = [c["ename"], c["evalue"]]
    out["payload"] = [{k: p[k] for k in ("source", "text", "replace") if k in p} for p in c.get("payload", [])]
    shown = []
    for m in io:
        t, mc = m["msg_type"], m["content"]
        if t == "stream":
            text = TIME.sub("T", SLOWEST.sub("", mc["text"])) if source.startswith("%time") else mc["text"]
            if shown and shown[-1][0] == mc["name"]:
                shown[-1][1] += text
            else:
                shown.append([mc["name"], text])
        elif t in ("execute_result", "display_data"):
            shown.append([t, mc["data"].get("text/plain")])
        elif t == "error":
            shown.append(["error", mc["ename"]])
    out["shown"] = shown
    return out


def run_all(kc, execute):
    return [{"source": s, "outputs": normal(s, *execute(kc, s))} for s in CELLS]


def load():
    with open(EXPECTED) as f:
        return json.load(f)
