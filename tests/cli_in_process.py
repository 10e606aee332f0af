"""A headless command run in this process (`cli.run`), answered like `subprocess.run(..., capture_output=True)`.

Why: spawning `python -m dzp_planner` costs ~0.25 s of interpreter and import start per call, and the exit-2
tables of `table` and `dilute` made ~30 of them (a quarter of the core suite's time). Each command keeps one
end-to-end test through a real subprocess; its other cases go through here.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys


def run_in_process(argv: list[str], stdin: bytes = b"", text: bool = False) -> subprocess.CompletedProcess:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        from dzp_planner import cli

        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.run(argv)
    finally:
        sys.stdin = saved
    if text:
        return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    return subprocess.CompletedProcess(argv, code, out.getvalue().encode("utf-8"), err.getvalue().encode("utf-8"))
