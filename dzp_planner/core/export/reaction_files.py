"""RXN (V3000, agents kept), reaction SMILES and an SDF of the products table, through RDKit."""

from __future__ import annotations

from dzp_planner.core.chem.rdtypes import Mol
from dzp_planner.core.document.plan import Plan
from dzp_planner.core.export.reaction_record import ReactionRecord, reaction_record


def _mol(smiles: str) -> Mol:
    """The molecule with 2D coordinates (the one layout rule of every depiction), for readers that draw it."""
    from dzp_planner.core.chem.depiction import layout_2d
    from dzp_planner.core.chem.parsing import parse_smiles

    mol = parse_smiles(smiles)
    layout_2d(mol)
    return mol


def rdkit_reaction(record: ReactionRecord) -> object:
    from rdkit.Chem import rdChemReactions

    rxn = rdChemReactions.ChemicalReaction()
    for part in record.reactants:
        rxn.AddReactantTemplate(_mol(part.smiles))
    for smiles in dict.fromkeys(part.smiles for part in record.agents):  # DCM twice (reaction, addition) is one agent
        rxn.AddAgentTemplate(_mol(smiles))
    for part in record.products[:1]:  # the desired product; bis is a side product, said in ORD and the CSV
        rxn.AddProductTemplate(_mol(part.smiles))
    return rxn


def rxn_block(plan: Plan) -> str:
    """The reaction as an MDL RXN V3000 block: reactants, agents (base, solvent, catalyst) and product."""
    from rdkit.Chem import rdChemReactions

    record = reaction_record(plan)
    block = rdChemReactions.ReactionToRxnBlock(rdkit_reaction(record), separateAgents=True, forceV3000=True)
    lines = block.split("\n")
    if len(lines) > 1:
        lines[1] = record.title[:80]  # the header's name line: the plan's title
    return "\n".join(lines)


def reaction_smiles(plan: Plan) -> str:
    """reactants>agents>product, each molecule canonical. Written here rather than by RDKit, which groups a
    salt's ions in parentheses ("(STAB.[Na+])"), a form its own reader (and most others) refuse."""
    from dzp_planner.core.chem.parsing import canonical_smiles, parse_smiles

    record = reaction_record(plan)

    def side(parts: tuple[object, ...], dedupe: bool = False) -> str:
        smiles = [canonical_smiles(parse_smiles(p.smiles)) for p in parts]  # type: ignore[attr-defined]
        return ".".join(dict.fromkeys(smiles) if dedupe else smiles)

    return f"{side(record.reactants)}>{side(record.agents, dedupe=True)}>{side(record.products[:1])}"


def products_sdf(plan: Plan) -> str:
    """The LCMS table as an SDF: one record per species, its masses and the ion to look for as properties."""
    from rdkit import Chem

    from dzp_planner.core.document.derivation import derive

    out = []
    for row in derive(plan).products:
        mol = _mol(row.smiles)
        mol.SetProp("_Name", row.species)
        for key, value in (("species", row.species), ("formula", row.formula), ("mw", f"{row.mw:.4f}"),
                           ("exact_mass", f"{row.exact_mass:.5f}"), ("look_for", f"{row.ions[0][0]} {row.observed_mz:.4f}"
                           if row.ions else f"{row.observed_mz:.4f}")):
            mol.SetProp(key, value)
        out.append(Chem.MolToMolBlock(mol) + "".join(f">  <{k}>\n{mol.GetProp(k)}\n\n" for k in
                                                      ("species", "formula", "mw", "exact_mass", "look_for")) + "$$$$\n")
    return "".join(out)
