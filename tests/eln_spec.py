"""The .eln archive's rules, written from The ELN Consortium's specification (SPECIFICATION.md) and RO-Crate 1.1:
one checker for the core's archive and the `export --eln` command's (tests only)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile


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
