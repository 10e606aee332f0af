"""Structure files and clipboard formats: the first structure of a MOL, SDF or CDXML text.

Every reader here is bounded whatever it is given (file size, declared atom count, SDF
records scanned, CDXML node count) and turns any failure into one `StructureError` sentence,
because a chemist's file comes from anywhere: a vendor's SDF, ChemDraw's clipboard, a
half-written export.
"""

from __future__ import annotations

import logging

from dzp_planner.core.chem.depiction import layout_2d
from dzp_planner.core.chem.editing import molblock_of

log = logging.getLogger(__name__)

SDF_SCAN_RECORDS = 200  # an SDF's first readable structure is looked for this far, no further


def read_structure_file(path: str) -> str:
    """The first structure of a MOL, SDF or CDXML file, as a MOL block with 2D coordinates.

    Bounded whatever the file: at most `MAX_FILE_BYTES` read, the declared atom count checked
    before RDKit parses anything, and an SDF scanned for `SDF_SCAN_RECORDS` records.
    """
    from pathlib import Path

    from dzp_planner.core.chem.parsing import MAX_FILE_BYTES, StructureError

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StructureError(f"{p.name} is {size / 1e6:.1f} MB; a structure file for one substrate is a few kB "
                                 f"(DZP Planner reads up to {MAX_FILE_BYTES / 1e6:.0f} MB)")
        text = p.read_bytes().decode("utf-8", "replace")
    except OSError as exc:
        raise StructureError(f"{p.name} cannot be read: {exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    if suffix == ".cdxml":
        return from_cdxml_text(text, source=p.name)
    if suffix in (".sdf", ".sd"):
        return _first_sdf_record(text, p.name)
    return _molblock_from_text(text, p.name)


def _molblock_from_text(text: str, source: str) -> str:
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import StructureError, captured_rdkit_messages, check_molblock_size

    check_molblock_size(text)
    with captured_rdkit_messages():
        mol = Chem.MolFromMolBlock(text, sanitize=True, removeHs=True)
    if mol is None or mol.GetNumAtoms() == 0:
        raise StructureError(f"{source} holds no structure RDKit can read")
    rw = Chem.RWMol(mol)
    if rw.GetNumConformers() == 0:
        layout_2d(rw)
    return molblock_of(rw)


def _first_sdf_record(text: str, source: str) -> str:
    from dzp_planner.core.chem.parsing import StructureError

    records = text.split("$$$$")
    for record in records[:SDF_SCAN_RECORDS]:
        record = record[2:] if record.startswith("\r\n") else record[1:] if record.startswith("\n") else record
        if not record.strip():  # (only the newline after $$$$ goes: the next line is the title, maybe blank)
            continue
        try:
            return _molblock_from_text(record, source)
        except StructureError as exc:
            if "atoms" in str(exc) and "up to" in str(exc):
                raise
            continue
    more = f" (the first {SDF_SCAN_RECORDS} of {len(records)} records)" if len(records) > SDF_SCAN_RECORDS else ""
    raise StructureError(f"{source} holds no structure RDKit can read{more}")


def from_cdxml_text(text: str, source: str = "the CDXML on the clipboard") -> str:
    """The first structure of a CDXML document; a broken or huge one is a one-line StructureError."""
    from rdkit import Chem

    from dzp_planner.core.chem.parsing import MAX_ATOMS, StructureError, captured_rdkit_messages, too_many_atoms

    if not text.strip():
        raise StructureError(f"{source} is empty")
    if "\x00" in text:
        raise StructureError(f"{source} is binary, not CDXML text")
    nodes = text.count("<n ") + text.count("<n>")
    if nodes > MAX_ATOMS:
        raise too_many_atoms(nodes)
    with captured_rdkit_messages():
        try:
            mols = [m for m in Chem.MolsFromCDXML(text) if m is not None]
        except Exception as exc:  # noqa: BLE001 - RDKit raises RuntimeError and others for broken XML
            detail = " ".join(str(exc).split())
            if "self-bond" in detail:
                why = "a bond joins an atom to itself"
            elif "parsing XML" in detail:
                why = "the XML is incomplete or broken (cut off, or a tag left open)"
            else:
                why = detail[:120]
            log.info("CDXML not read: %s", detail)
            raise StructureError(f"{source} cannot be read as CDXML: {why}") from None
    if not mols:
        raise StructureError(f"{source} holds no structure")
    if mols[0].GetNumAtoms() > MAX_ATOMS:
        raise too_many_atoms(mols[0].GetNumAtoms())
    rw = Chem.RWMol(mols[0])
    layout_2d(rw)
    return molblock_of(rw)
