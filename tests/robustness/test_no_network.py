"""The app opens no network connection: not at start, save, export or self-test.

The test suite already blocks sockets in-process (tests/conftest.py). Here whole app runs
happen in child processes whose socket layer raises on any connect or DNS lookup and
records the attempt, so a library that phones home at import time would be caught too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

GUARD = textwrap.dedent(
    """
    import socket, sys
    def _refuse(*a, **k):
        sys.stderr.write("NETWORK ATTEMPT %r\\n" % (a,))
        raise OSError("network disabled by test")
    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
    """
)


def _run(code: str, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DZP_PLANNER_HOME=str(tmp_path / "home"))
    return subprocess.run([sys.executable, "-c", GUARD + code], capture_output=True, text=True, env=env, timeout=300)


def test_self_test_makes_no_connection(tmp_path):
    out = _run("from dzp_planner.app import main; sys.exit(main(['--self-test']))", tmp_path)
    assert "NETWORK ATTEMPT" not in out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 0 and result["ok"], result


def test_headless_new_check_and_save_make_no_connection(tmp_path):
    plan = tmp_path / "p.dzp"
    code = (
        "from dzp_planner.app import main\n"
        f"assert main(['new', '--template', 'mono-boc-protection', {str(plan)!r}]) == 0\n"
        f"assert main(['check', {str(plan)!r}]) == 0\n"
        "from dzp_planner.core.io import storage\nfrom dzp_planner.core.guidance import templates\n"
        f"storage.save_plan(templates.plan_from_template('reductive-mono-alkylation'), {str(plan)!r})\n"
    )
    out = _run(code, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "NETWORK ATTEMPT" not in out.stderr
