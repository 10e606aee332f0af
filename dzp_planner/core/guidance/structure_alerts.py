"""What the structures in a plan warn of, each warning with an id and what to do.

Why one module: a hindered N–H, a nitrosamine, a nitrogen mustard, a base-sensitive group, a
ketone given to STAB, a hazardous solvent, a gas given off and a salt that will not dissolve
are all read off the drawn substrate, the reagent and the table's rows, and each must be said
once, the same way, in the window, the PDF and `show` (whose `warnings` carry the ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dzp_planner.core.document.plan import Component
from dzp_planner.core.reactions import registry
from dzp_planner.core.reactions.engine import pattern

ALERT_IDS = ("hindered-nh", "nitrosamine", "alkylating-agent", "base-sensitive", "ketone-reduction",
             "solvent-hazard", "gas-evolution", "salt-solubility")

_ESTER_LIKE = ("[CX3](=O)[OX2][#6;!$(C(C)(C)C)]",  # an ester (a Boc carbamate's t-Bu survives NaOtBu)
               "[NX3+](=O)[O-]",  # nitro
               "[CX3;!$(C-[N,O])](=O)[CX4;!H0]")  # an enolisable ketone or aldehyde
_PROTIC = ("[OX2H][#6]", "[NX3H1][CX3]=O", "[NX3H2][CX3]=O", "C(=O)[OH]")
_STRONG_BASES = ("NaOtBu", "KOtBu", "LiHMDS", "NaHMDS", "KHMDS", "NaH", "LDA")
_MUSTARD = "[NX3;!$(N-[C,S]=O)]-[CH2]-[CH2]-[Cl,Br,I]"
_METHYLATING = ("[CH3][I]", "[CH3]OS(=O)(=O)O[CH3]", "[CH3]OS(=O)(=O)C(F)(F)F", "[CH3]OS(=O)(=O)F")
_NITROSO = "[#7]-[NX2]=[OX1]"
# solvent (canonical SMILES) -> (name, why, what instead)
_SOLVENTS = {
    "ClCCCl": ("DCE", "1,2-dichloroethane is a carcinogen (IARC 2B) and restricted in industry",
               "THF, 2-MeTHF or DCM work for reductive aminations with NaBH(OAc)3 (Abdel-Magid used DCE or THF)"),
    "CN(C)C=O": ("DMF", "DMF is reprotoxic (an EU SVHC)", "MeCN, 2-MeTHF, EtOAc or DMSO; for couplings, T3P in EtOAc"),
    "CN1CCCC1=O": ("NMP", "NMP is reprotoxic (an EU SVHC, restricted)", "DMSO, sulfolane or MeCN"),
    "CC(=O)N(C)C": ("DMAc", "DMAc is reprotoxic (an EU SVHC)", "DMSO or MeCN"),
    "C1COCCO1": ("1,4-dioxane", "1,4-dioxane is a suspected carcinogen and forms peroxides", "2-MeTHF, CPME or toluene"),
    "c1ccccc1": ("benzene", "benzene is a carcinogen", "toluene"),
    "ClC(Cl)Cl": ("chloroform", "chloroform is a suspected carcinogen", "DCM or EtOAc"),
    "ClC(Cl)(Cl)Cl": ("CCl4", "carbon tetrachloride is toxic and ozone-depleting", "DCM or heptane"),
}
_POOR_SALT_SOLVENTS = {"ClCCl", "ClCCCl", "C1CCOC1", "Cc1ccccc1", "CCOC(C)=O", "CCOCC", "CC1CCCO1", "ClC(Cl)Cl"}


@dataclass(frozen=True)
class Alert:
    id: str  # one of ALERT_IDS
    text: str


_GAS_FROM_ROWS = {  # SMILES of a row -> what it gives off, and what to do
    "[BH4-].[Na+]": "NaBH4 gives off H2 with the alcohol and on quenching: add it in portions, in a vented flask.",
    "O=C(n1ccnc1)n1ccnc1": "CDI gives off CO2 as it activates: vent the flask.",
}


@lru_cache(maxsize=512)
def _mol(smiles: str) -> Any:
    """The parsed molecule (read only here), cached: every derivation asks again for the same rows."""
    from dzp_planner.core.chem.parsing import StructureError, parse_smiles

    if not smiles.strip():
        return None
    try:
        return parse_smiles(smiles)
    except StructureError:
        return None


def _has(mol: Any, smarts: tuple[str, ...] | str) -> bool:
    if mol is None:
        return False
    return any(mol.HasSubstructMatch(pattern(s)) for s in ((smarts,) if isinstance(smarts, str) else smarts))


@lru_cache(maxsize=512)
def _canonical(smiles: str) -> str:
    from rdkit import Chem

    mol = _mol(smiles)
    return Chem.MolToSmiles(mol) if mol is not None else ""


def base_sensitivity(substrate_smiles: str, reagent_smiles: str) -> tuple[str, str]:
    """("esters" | "protic" | "none", why): the Buchwald–Hartwig tree's base question, from the structures."""
    found = [(who, _mol(s)) for who, s in (("substrate", substrate_smiles), ("aryl halide", reagent_smiles)) if s.strip()]
    for who, mol in found:
        if _has(mol, _ESTER_LIKE):
            return "esters", f"the {who} has an ester, a nitro group or an enolisable ketone"
    for who, mol in found:
        if _has(mol, _PROTIC):
            return "protic", f"the {who} has a protic group (OH or an amide N–H)"
    return "none", "no ester, nitro, enolisable ketone or protic group in the substrate or the aryl halide"


DMAP_HELPS = ("acylation", "sulfonylation", "carbamate")  # reactions whose hindered N–H DMAP speeds up (acyl transfer)


def hindered_sites(site_model: Any) -> tuple[Any, ...]:
    """The competing ring N–H next to a substituted ring carbon (2-methyl's N1): slow with a bulky electrophile."""
    if site_model is None or site_model.parent is None:
        return ()
    mol = site_model.parent

    def crowded(site: Any) -> bool:
        atom = mol.GetAtomWithIdx(site.parent_atom)
        return any(nb.GetSymbol() == "C" and nb.GetDegree() >= 3 and nb.IsInRing() for nb in atom.GetNeighbors())

    return tuple(site for site in site_model.competing if site.ring is not None and crowded(site))


def _hindered(site_model: Any, reaction_noun: str, reaction_id: str) -> list[Alert]:
    out = []
    for site in hindered_sites(site_model):
        dmap = " and DMAP (0.1 equiv)" if reaction_id in DMAP_HELPS else ""
        others = len(site_model.competing) > 1
        text = (f"{site.name} sits next to a substituted ring carbon: it reacts slowly in {reaction_noun}. Allow a longer "
                f"time, warm (40 °C), use 1.2–1.5 equiv of the electrophile{dmap}.")
        if others:
            text += " With the other N–H free, about 1 equiv of a bulky electrophile goes mainly to the other nitrogen: confirm the regiochemistry (2D NMR)."
        out.append(Alert("hindered-nh", text))
    return out


def plan_alerts(substrate_smiles: str, site_model: Any, reaction_type: str, reagent_smiles: str,
                components: list[Component]) -> list[Alert]:
    """Every alert the plan's structures and rows raise, in ALERT_IDS order."""
    kind = registry.find(reaction_type)
    noun = kind.noun if kind is not None else "this reaction"
    substrate, reagent = _mol(substrate_smiles), _mol(reagent_smiles)
    rows = [(c, _canonical(c.smiles)) for c in components]
    out = list(_hindered(site_model, noun, reaction_type))
    if _has(substrate, _NITROSO):
        out.append(Alert("nitrosamine", "The substrate is an N-nitrosamine: a potent carcinogen and a regulated impurity "
                         "(the N-nitroso-fasudil type). Handle it contained, and keep nitrite, nitrous acid and NOx away "
                         "from secondary amines in every step (quench with sulfamic acid or ascorbate)."))
    for who, mol in (("substrate", substrate), ("reagent", reagent)):
        if _has(mol, _MUSTARD):
            out.append(Alert("alkylating-agent", f"The {who} is a 2-haloethyl amine, a nitrogen mustard: it cyclises to an "
                             "aziridinium ion and alkylates DNA. Handle it in a fume hood with double gloves; destroy "
                             "residues with aqueous thiosulfate."))
        elif who == "reagent" and _has(mol, _METHYLATING):
            out.append(Alert("alkylating-agent", "The reagent is a strong methylating agent (a carcinogen): handle it in a "
                             "fume hood; destroy the excess with aqueous ammonia or thiosulfate."))
    if any(c.name.split(" (")[0] in _STRONG_BASES for c, _ in rows):
        verdict, why = base_sensitivity(substrate_smiles, reagent_smiles)
        if verdict == "esters":
            out.append(Alert("base-sensitive", f"A strong base (NaOtBu, LiHMDS) is in the table but {why}: it would be "
                             "cleaved or condensed. Use Cs2CO3 or K3PO4 instead (with RuPhos or BrettPhos Pd G3, 100 °C)."))
    classified = registry.classify_smiles(reagent_smiles) if reagent_smiles.strip() else None
    if classified is not None and classified.reagent_class.id == "ketone" and any(
            "BH-" in smiles and "OC(C)=O" in smiles for _, smiles in rows):
        out.append(Alert("ketone-reduction", "The carbonyl is a ketone and the reductant NaBH(OAc)3 (STAB): STAB is slow with "
                         "ketones and poor with aryl ketones and secondary amines. Use Ti(OiPr)4 then NaBH4, or NaBH3CN at "
                         "pH 5–6 (the ketone protocol)."))
    for component, smiles in rows:
        if component.role == "solvent" and smiles in _SOLVENTS:
            name, why, instead = _SOLVENTS[smiles]
            out.append(Alert("solvent-hazard", f"{name} in the table: {why}. Instead: {instead}."))
    in_table = {smiles for _, smiles in rows}
    # the reagents that give off gas are the table's: a ketone protocol's NaBH4 is not the aldehyde protocol's STAB
    gases = [text for smiles, text in _GAS_FROM_ROWS.items() if _canonical(smiles) in in_table]
    if kind is not None and kind.gas and not (kind.gas_from_rows and not any(_canonical(s) in in_table for s in kind.gas_from_rows)):
        gases.insert(0, kind.gas)
    out.extend(Alert("gas-evolution", text) for text in gases)
    if site_model is not None and site_model.salt:
        poor = [c.name for c, smiles in rows if c.role == "solvent" and smiles in _POOR_SALT_SOLVENTS]
        if poor and site_model.permanent_cation:
            out.append(Alert("salt-solubility", f"The substrate is a quaternary ammonium {site_model.salt}, a salt throughout "
                             f"(no base frees it), which dissolves poorly in {poor[0]}: run it in dry MeCN or DMF, in which "
                             "such salts dissolve, or as a well-stirred suspension, and follow it by LCMS (M+)."))
        elif poor:
            out.append(Alert("salt-solubility", f"The substrate is weighed as its {site_model.salt} salt, which does not "
                             f"dissolve in {poor[0]}: the mixture is a suspension until the base frees the amine. Stir the "
                             "salt with the base for 15–30 min first, or free the base beforehand (aqueous NaOH, extract), "
                             "or use MeOH, DMF or water where the reaction allows."))
    return out
