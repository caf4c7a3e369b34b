# test_conformance.py — the standard jupyter_kernel_test suite against `wick kernel` (kernelspec 'wick-test', see harness.py).
import unittest

import jupyter_kernel_test


class WickKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "wick-test"
    language_name = "wick"
    file_extension = ".py"

    code_hello_world = "print('hello, world')"
    code_stderr = "import sys\nprint('test', file=sys.stderr)"

    completion_samples = [{"text": "zi", "matches": {"zip"}}]
    complete_code_samples = ["1", "print('hello, world')", "x = 1"]
    incomplete_code_samples = ["for i in range(3):", "def f(x):", "print('hello'"]
    invalid_code_samples = ["x = )"]

    code_generate_error = "raise ValueError('boom')"
    code_execute_result = [{"code": "1+1", "result": "2"}, {"code": "'wick'", "result": "'wick'"},
                           {"code": "from IPython.display import HTML\nHTML('<b>x</b>')", "mime": "text/html",
                            "result": "<b>x</b>"}]
    code_display_data = [
        {"code": "from IPython.display import display, HTML\ndisplay(HTML('<b>test</b>'))", "mime": "text/html"},
        {"code": "from IPython.display import display\ndisplay(1)", "mime": "text/plain"},
        {"code": "from IPython.display import display, Markdown\ndisplay(Markdown('*m*'))", "mime": "text/markdown"},
    ]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "1+*"

    code_inspect_sample = "print"

    code_page_something = "print?"
    code_clear_output = "from IPython.display import clear_output\nclear_output()"


if __name__ == "__main__":
    unittest.main()
