# nbharness.py — what tests/notebooks.t and tests/notebooks/regen.py share: a private
# Jupyter environment with one kernelspec, running a notebook with `jupyter nbconvert
# --execute`, and the comparable form of a cell's outputs.
#
# The expected outputs of notebooks/NAME.ipynb live in tests/notebooks/NAME.expected.json
# and are written only by tests/notebooks/regen.sh, which runs the notebook on Debian's
# CPython 3.11 with the python3 kernel (ipykernel) and real PyTorch. wick's own output is
# never written anywhere as an expectation.
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
KERNEL = "notebook-under-test"
TIMEOUT = 120                     # seconds per cell

# The same environment for both kernels: no dependence on the machine's core count
# (PyTorch's reductions split work by thread), hash seed or locale.
FIXED_ENV = {
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
}
DROP_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONWARNINGS", "PYTHONUTF8",
            "IPYTHONDIR", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
            "JUPYTER_RUNTIME_DIR", "MPLBACKEND")


def expected_path(nb_path):
    name = os.path.splitext(os.path.basename(nb_path))[0]
    return os.path.join(HERE, name + ".expected.json")


def notebooks():
    return sorted(os.path.join(NOTEBOOKS, f) for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))


class Jupyter:
    """A private JUPYTER_PATH (and IPython dir) holding one kernelspec whose argv is the
    given command line; removed by close()."""

    def __init__(self, argv, display_name):
        self.root = tempfile.mkdtemp(prefix="wick-nb-")
        spec_dir = os.path.join(self.root, "kernels", KERNEL)
        os.makedirs(spec_dir)
        with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
            json.dump({"argv": list(argv) + ["-f", "{connection_file}"], "display_name": display_name,
                       "language": "python", "interrupt_mode": "signal"}, f)
        env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
        env.update(FIXED_ENV)
        env.update({
            "JUPYTER_PATH": self.root,
            "JUPYTER_RUNTIME_DIR": os.path.join(self.root, "runtime"),
            "JUPYTER_DATA_DIR": os.path.join(self.root, "data"),
            "JUPYTER_CONFIG_DIR": os.path.join(self.root, "config"),
            "IPYTHONDIR": os.path.join(self.root, "ipython"),   # no user profile/startup files
        })
        self.env = env
        self.out = os.path.join(self.root, "out")

    def execute(self, nb_path):
        """Runs the notebook (the kernel's working directory is notebooks/); returns
        (executed notebook as a dict, or None, and nbconvert's stderr)."""
        cmd = ["/usr/bin/python3", "-m", "nbconvert", "--to", "notebook", "--execute",
               f"--ExecutePreprocessor.kernel_name={KERNEL}", f"--ExecutePreprocessor.timeout={TIMEOUT}",
               "--output-dir", self.out, nb_path]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT * 3, env=self.env)
        except subprocess.TimeoutExpired:
            return None, "nbconvert timed out"
        out = os.path.join(self.out, os.path.basename(nb_path))
        if p.returncode or not os.path.exists(out):
            return None, p.stderr
        with open(out) as f:
            return json.load(f), p.stderr

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def text(v):
    return "".join(v) if isinstance(v, list) else v


def normal(outputs):
    """Comparable form of a cell's outputs, as a list of small dicts:
    {"stream": name, "text": ...}: consecutive stream outputs of one name joined (kernels
    batch output differently); {"<execute_result|display_data>": text/plain}: rich outputs
    keep only text/plain (the HTML of a wick tensor has no PyTorch counterpart);
    {"error": ename, "evalue": ...}. Execution counts, metadata and display ids are ignored."""
    got = []
    for o in outputs:
        kind = o["output_type"]
        if kind == "stream":
            if got and got[-1].get("stream") == o["name"]:
                got[-1]["text"] += text(o["text"])
            else:
                got.append({"stream": o["name"], "text": text(o["text"])})
        elif kind in ("execute_result", "display_data"):
            got.append({kind: text(o.get("data", {}).get("text/plain"))})
        elif kind == "error":
            got.append({"error": o.get("ename"), "evalue": o.get("evalue")})
        else:
            got.append({kind: None})
    return got


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def has_outputs(nb):
    return any(c.get("outputs") or c.get("execution_count") is not None for c in code_cells(nb))
