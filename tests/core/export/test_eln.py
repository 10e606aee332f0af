"""The .eln archive against checks written from The ELN Consortium's specification (SPECIFICATION.md) and RO-Crate 1.1."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from tests.cli_in_process import run_in_process

from dzp_planner.core.export.eln_crate import eln_bytes
from dzp_planner.core.guidance.templates import plan_from_template
from dzp_planner.core.io import storage


def check_eln(data: bytes) -> dict:
    """Every rule of the specification the issue names; returns the metadata."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    roots = {n.split("/", 1)[0] for n in names}
    assert len(roots) == 1, roots  # there MUST be only one folder at the root of the archive
    root = roots.pop()
    assert all("/" in n for n in names)  # nothing beside the root folder
    metadata = json.loads(archive.read(f"{root}/ro-crate-metadata.json"))
    assert metadata["@context"] == "https://w3id.org/ro/crate/1.1/context"
    graph = metadata["@graph"]
    ids = [node["@id"] for node in graph]
    assert len(ids) == len(set(ids)), "no duplicate @id"
    by_id = {node["@id"]: node for node in graph}
    descriptor = by_id["ro-crate-metadata.json"]
    assert descriptor["@type"] == "CreativeWork" and descriptor["about"] == {"@id": "./"}
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    assert descriptor["version"] == "1.0" and descriptor["sdPublisher"]["@id"] in by_id
    assert by_id[descriptor["sdPublisher"]["@id"]].get("name")
    root_entity = by_id["./"]
    assert "Dataset" in (root_entity["@type"] if isinstance(root_entity["@type"], list) else [root_entity["@type"]])
    for node in graph:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "Dataset" in types or "File" in types:
            assert isinstance(node.get("name"), str) and node["name"], node["@id"]
        if "keywords" in node:
            assert isinstance(node["keywords"], str)
        for part in node.get("hasPart", []):
            assert part["@id"] in by_id, f"hasPart {part['@id']} does not resolve"
        if "File" in types:
            path = f"{root}/{node['@id'].removeprefix('./')}"
            assert path in names, path
            content = archive.read(path)
            assert node["contentSize"] == str(len(content)) and node["sha256"] == hashlib.sha256(content).hexdigest()
    return metadata


def test_an_eln_of_a_plan_meets_the_specification():
    plan = plan_from_template("mono-boc-protection")
    metadata = check_eln(eln_bytes(plan, {"plan.dzp": b"{}", "table.csv": b"role,name\n"}))
    dataset = next(n for n in metadata["@graph"] if n["@id"] == "./plan/")
    assert "1,4-diazepane" in dataset["keywords"] and dataset["name"] == plan.title


def test_the_export_command_writes_an_eln_holding_every_format(tmp_path):
    plan_path = tmp_path / "boc.dzp"
    storage.save_plan(plan_from_template("mono-boc-protection"), plan_path)
    # in this process: `export` keeps its end-to-end subprocess tests in tests/gui/report and tests/robustness
    out = run_in_process(["export", str(plan_path), "--eln", str(tmp_path / "boc.eln")], text=True)
    assert out.returncode == 0, out.stderr
    written = json.loads(out.stdout)["written"][0]
    assert written["format"] == "eln"
    data = (tmp_path / "boc.eln").read_bytes()
    metadata = check_eln(data)
    files = {n["name"] for n in metadata["@graph"] if n["@type"] == "File"}
    assert {"plan.dzp", "report.pdf", "reaction.rxn", "table.csv", "products.sdf", "distribution.svg", "ph-switch.svg"} <= files
    assert zipfile.ZipFile(io.BytesIO(data)).namelist()[0].startswith("boc/")  # the root folder is the archive's name
