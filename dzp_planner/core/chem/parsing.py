"""Turning what a chemist types or pastes into an RDKit molecule, or a sentence saying why not.

RDKit reports problems on its own logger and returns None; here its messages are captured
(never printed to the terminal) and turned into one-line `UserInputError`s, and sanitisation
problems keep the offending atom index so the editor can mark it in red.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from dzp_planner.core.chem.rdtypes import Atom, Mol
from dzp_planner.core.errors import UserInputError

log = logging.getLogger(__name__)

MAX_SMILES = 5000
MAX_MOLBLOCK = 500_000
MAX_ATOMS = 150  # well above any substrate a chemist plans (a PROTAC has ~100 heavy atoms). Beyond it RDKit's
#                  2D layout alone outgrows a frame (5 ms at 150 atoms, 20 ms at 250, 100 ms at 430), and its recursion
#                  in MolToSmiles overflows the stack near 20,000 atoms and kills the app
MAX_FILE_BYTES = 5_000_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class StructureError(UserInputError):
    """A structure RDKit cannot accept; `atoms` are the indices to mark (may be empty)."""

    def __init__(self, message: str, atoms: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        self.atoms = atoms


_rdkit_logging_routed = False


def quiet_rdkit() -> None:
    """RDKit writes to the C++ stderr by default; send it through Python and keep it quiet."""
    global _rdkit_logging_routed
    if not _rdkit_logging_routed:
        from rdkit import RDLogger, rdBase

        rdBase.LogToPythonStderr()
        RDLogger.DisableLog("rdApp.*")
        _rdkit_logging_routed = True


@contextmanager
def captured_rdkit_messages() -> Iterator[list[str]]:
    """Collect what RDKit says during the block (filled in when the block ends); print nothing."""
    import contextlib
    import io

    from rdkit import RDLogger

    quiet_rdkit()
    messages: list[str] = []
    buffer = io.StringIO()
    RDLogger.EnableLog("rdApp.error")
    try:
        with contextlib.redirect_stderr(buffer):
            yield messages
    finally:
        RDLogger.DisableLog("rdApp.error")
        messages.extend(_TIMESTAMP.sub("", line).strip() for line in buffer.getvalue().splitlines() if line.strip())


_TIMESTAMP = re.compile(r"^\[\d\d:\d\d:\d\d\]\s*")


def _first_reason(messages: list[str], fallback: str) -> str:
    """The most useful line RDKit printed, e.g. 'syntax error while parsing: C1CC('."""
    for message in messages:
        text = " ".join(message.split())
        if text.startswith("SMILES Parse Error:") and "Failed parsing" not in text:
            return text.removeprefix("SMILES Parse Error:").strip()
    for message in messages:
        if message.strip():
            return " ".join(message.split())[:160]
    return fallback


def _precheck(text: str, what: str, limit: int) -> str:
    if text is None or not text.strip():
        raise StructureError(f"empty {what}: type or paste a structure")
    if len(text) > limit:
        raise StructureError(f"{what} is {len(text)} characters long (at most {limit})")
    if _CONTROL.search(text):
        raise StructureError(f"{what} contains control characters")
    return text


def problems(mol: Mol) -> list[tuple[int | None, str]]:
    """Sanitisation problems of an unsanitised molecule as (atom index or None, sentence)."""
    from rdkit import Chem

    found: list[tuple[int | None, str]] = []
    for problem in Chem.DetectChemistryProblems(mol):
        atom = problem.GetAtomIdx() if hasattr(problem, "GetAtomIdx") else None
        kind = problem.GetType()
        if kind == "AtomValenceException" and atom is not None:
            a = mol.GetAtomWithIdx(atom)
            a.UpdatePropertyCache(strict=False)
            bonds = a.GetTotalValence() if hasattr(a, "GetTotalValence") else a.GetExplicitValence()
            found.append((atom, f"valence error on atom {atom + 1} ({a.GetSymbol()}{_charge(a)}): {bonds} bonds, more than {a.GetSymbol()} allows"))
        elif kind == "KekulizeException":
            atoms = problem.GetAtomIndices() if hasattr(problem, "GetAtomIndices") else ()
            first = atoms[0] if atoms else None
            found.append((first, "aromatic ring that cannot be drawn with alternating bonds (check the ring's N–H or lowercase atoms)"))
        else:
            found.append((atom, " ".join(problem.Message().split())))
    return found


def _charge(atom: Atom) -> str:
    charge = atom.GetFormalCharge()
    return "" if charge == 0 else ("+" if charge > 0 else "-") * abs(charge)


def _sanitize(mol: Mol, what: str) -> Mol:
    from rdkit import Chem

    found = problems(mol)
    if found:
        atoms = tuple(a for a, _ in found if a is not None)
        raise StructureError(f"{what}: {found[0][1]}", atoms)
    try:
        Chem.SanitizeMol(mol)
    except (ValueError, RuntimeError) as exc:  # RDKit's sanitize errors are ValueErrors, its preconditions RuntimeErrors
        raise StructureError(f"{what}: {' '.join(str(exc).split())}") from None
    if mol.GetNumAtoms() == 0:
        raise StructureError(f"{what}: empty structure")
    return mol


def too_many_atoms(count: int) -> StructureError:
    return StructureError(f"this structure has {count:,} atoms; DZP Planner plans molecules up to {MAX_ATOMS:,} atoms")


def molblock_atom_count(text: str) -> int | None:
    """The atom count a MOL block declares (V2000 counts line or V3000 COUNTS), read before parsing."""
    lines = text.splitlines()
    for line in lines[:400]:
        if line.startswith("M  V30 COUNTS"):
            parts = line.split()
            return int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else None
    if len(lines) >= 4 and "V2000" in lines[3]:
        head = lines[3][:3].strip()
        return int(head) if head.isdigit() else None
    return None


def check_molblock_size(text: str) -> None:
    count = molblock_atom_count(text)
    if count is not None and count > MAX_ATOMS:
        raise too_many_atoms(count)


MAX_ELEMENT = 92  # uranium: nothing heavier belongs in a synthesis plan
MAX_CHARGE = 4


def check_atoms(mol: Mol) -> None:
    """Refuse what no reagent bottle holds: superheavy elements ([Og]), absurd charges ([N+50]),
    isotopes that do not exist ([999C]); each names the atom."""
    from rdkit import Chem

    table = Chem.GetPeriodicTable()
    for atom in mol.GetAtoms():
        z, where = atom.GetAtomicNum(), f"atom {atom.GetIdx() + 1} ({atom.GetSymbol()})"
        if z > MAX_ELEMENT:
            raise StructureError(f"{where}: element {z} is not something DZP Planner plans with (up to uranium, 92)",
                                 (atom.GetIdx(),))
        if abs(atom.GetFormalCharge()) > MAX_CHARGE:
            raise StructureError(f"{where}: a charge of {atom.GetFormalCharge():+d} is not chemistry a planner meets "
                                 f"(at most ±{MAX_CHARGE})", (atom.GetIdx(),))
        isotope = atom.GetIsotope()
        if isotope and z > 0 and table.GetMassForIsotope(z, isotope) == 0:
            raise StructureError(f"{where}: {isotope}{atom.GetSymbol()} is not a known nuclide", (atom.GetIdx(),))


def parse_smiles_unsanitized(text: str) -> Mol:
    """Parse without sanitising (the editor keeps drawings RDKit would reject)."""
    from rdkit import Chem

    text = _precheck(text, "SMILES", MAX_SMILES).strip()
    with captured_rdkit_messages() as messages:
        mol = Chem.MolFromSmiles(text, sanitize=False)
    if mol is None:
        raise StructureError(f"not a valid SMILES ({_first_reason(messages, 'RDKit could not read it')}): {text[:60]}")
    if mol.GetNumAtoms() > MAX_ATOMS:
        raise too_many_atoms(mol.GetNumAtoms())
    check_atoms(mol)
    return mol


def parse_smiles(text: str) -> Mol:
    """A sanitised molecule from SMILES, or `StructureError` with a one-line reason.

    A copy of the last 512 SMILES' molecules: one derivation reads the substrate and each reagent
    ~9 times (names, sites, products, masses, checks), and a copy takes 5 µs where a parse takes 150. The kept
    molecule is never handed out, so a caller that adds coordinates or properties changes only its own."""
    from rdkit import Chem

    return Chem.Mol(_parsed_smiles(text))


@functools.lru_cache(maxsize=512)
def _parsed_smiles(text: str) -> Mol:
    with captured_rdkit_messages():
        return _sanitize(parse_smiles_unsanitized(text), "SMILES")


def parse_molblock(text: str) -> Mol:
    """A sanitised molecule from a MOL block (V2000 or V3000)."""
    from rdkit import Chem

    text = _precheck(text, "MOL block", MAX_MOLBLOCK)
    check_molblock_size(text)
    with captured_rdkit_messages() as messages:
        mol = Chem.MolFromMolBlock(text, sanitize=False, removeHs=False)
        if mol is None:
            raise StructureError(f"not a valid MOL block ({_first_reason(messages, 'RDKit could not read it')})")
        mol = _sanitize(mol, "MOL block")
        check_atoms(mol)
        return Chem.RemoveHs(mol)


def normalise_molblock(text: str) -> str:
    """A MOL block as RDKit reads it: the three header lines kept as they are (a blank title is
    what RDKit and ChemDraw write), an SDF record's `$$$$` and data items dropped, and `M  END`
    added when the copy left it out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "$$$$" in text:
        text = text.split("$$$$")[0]
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines) if line.startswith("M  END")), None)
    if end is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines.append("M  END")
    else:
        lines = lines[: end + 1]
    return "\n".join(lines) + "\n"


def looks_like_molblock(text: str) -> bool:
    return "M  END" in text or "V2000" in text or "V3000" in text


def parse_any(text: str) -> Mol:
    """SMILES or MOL block, whichever the text is (a clipboard paste can be either)."""
    if looks_like_molblock(text):
        return parse_molblock(text)
    return parse_smiles(text.strip().split()[0] if text and text.strip() else text)


def canonical_smiles(mol: Mol) -> str:
    from rdkit import Chem

    return Chem.MolToSmiles(mol)
