"""Loading a plan never imports, evals or unpickles anything from it.

A plan planted with Python code, pickle bytes and format-string tricks in every text field
must load as plain text: nothing runs, nothing is imported, and the strings come back as
typed.
"""

from __future__ import annotations

import base64
import builtins
import json
import pickle
import sys

import pytest

from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format

CANARY = "dzp_planner_canary_was_executed"

PAYLOADS = [
    "__import__('os').system('touch {canary_file}')",  # {canary_file}: a path in the test's own folder
    "{0.__class__.__mro__[1].__subclasses__()}",
    "${jndi:ldap://127.0.0.1/a}",
    base64.b64encode(pickle.dumps({"x": 1})).decode(),
    "!!python/object/apply:os.system ['true']",
    "eval(compile('import socket', 'x', 'exec'))",
]


class _Evil:
    def __reduce__(self):
        return (exec, (f"import builtins; builtins.{CANARY} = True",))


def test_planted_payloads_stay_text(monkeypatch, tmp_path):
    clean = plan_format.plan_to_dict(templates.plan_from_template("mono-boc-protection"))
    plan_format.loads(json.dumps(clean).encode())  # the loader's own lazy imports happen here, not under the spy
    imported_before = set(sys.modules)
    calls = []
    real_import = builtins.__import__

    def spying_import(name, *args, **kwargs):
        calls.append(name)
        return real_import(name, *args, **kwargs)

    canary_file = tmp_path / CANARY
    raw = plan_format.plan_to_dict(templates.plan_from_template("mono-boc-protection"))
    for template in PAYLOADS:
        payload = template.replace("{canary_file}", str(canary_file))
        raw["title"] = raw["notes"] = raw["author"] = payload
        raw["components"][0]["name"] = payload
        raw["components"][0]["smiles"] = payload
        raw["decisions"]["answers"] = {"alkylation": {payload: payload}}
        data = json.dumps(raw).encode()
        monkeypatch.setattr(builtins, "__import__", spying_import)
        plan = plan_format.loads(data)
        monkeypatch.setattr(builtins, "__import__", real_import)
        assert (plan.title, plan.notes, plan.components[0].smiles) == (payload, payload, payload)
        assert plan.decisions == {"alkylation": {payload: payload}}
    assert not hasattr(builtins, CANARY)
    assert not canary_file.exists()  # the shell command in the first payload never ran
    assert "pickle" not in calls and "os" not in calls and "socket" not in calls
    new_modules = {m for m in set(sys.modules) - imported_before if not m.startswith(("_pytest", "hypothesis"))}
    assert not new_modules, new_modules


def test_a_pickle_file_is_refused_not_unpickled(tmp_path):
    from dzp_planner.core.errors import PlanFileError
    from dzp_planner.core.io import storage

    path = tmp_path / "evil.dzp"
    path.write_bytes(pickle.dumps(_Evil()))
    with pytest.raises(PlanFileError, match=r"evil\.dzp"):
        storage.load_plan(path)
    assert not hasattr(builtins, CANARY)
