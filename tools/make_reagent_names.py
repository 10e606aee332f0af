"""Build ``reagent-names.tsv``: an offline name / MW / state / density table for
common laboratory reagents and solvents, keyed by standard InChIKey.

Run it where ``chemicals`` and RDKit are installed (not a DZP Planner dependency; the
shipped file is its output): ``pip install chemicals rdkit`` in a scratch venv, then
``python tools/make_reagent_names.py`` writes ``resources/data/reagent-names.tsv``
(about 25 s). The app reads the file through ``dzp_planner/core/reactions/reagent_names.py``,
which also decides which states and densities it trusts.

Where every value comes from
----------------------------
All data are read from files bundled with the ``chemicals`` package
(Caleb Bell, MIT licence); nothing is fetched from the network.

* Compounds, InChIKey, CAS, SMILES and names: the PubChem-derived identifier
  databases that ``chemicals.identifiers.get_pubchem_db()`` loads by default
  ("chemical identifiers pubchem large.tsv", "... pubchem small.tsv",
  "... example user db.tsv", "Cation db.tsv", "Anion db.tsv",
  "Inorganic db.tsv" in site-packages/chemicals/Identifiers/).  Iterating the
  database loads all of them.  The InChIKey is PubChem's standard InChIKey; it
  is cross-checked against RDKit's InChIKey of the stored SMILES.
* Which compounds: every database entry whose SMILES RDKit parses as one
  neutral, non-radical, unlabelled molecule of C, H, N, O, S, P, F, Cl, Br,
  I, B, Si, Se (with carbon) and MolWt <= 450 that matches at least one
  GROUP_SMARTS pattern (the amine pattern has '+0' added so that nitro groups
  do not count as amines); plus the FIXED list, which may be inorganic or
  salts.  Duplicate InChIKeys are merged.  Rows with neither Tm/Tb data nor a
  name of <= 60 characters, and rows whose only name is a registry code, are
  left out (size budget; these are dyes, drugs and code-named compounds).
* name: PubChem ``common_name`` when it is short and not a registry code,
  otherwise the PubChem IUPAC name, otherwise the first clean PubChem synonym
  (the IUPAC names in this database are often in the "1-chloranyl-benzene"
  style, which is rejected in favour of a synonym).  PubChem lower-cases
  names, so locant case is restored (N,N-, 1H-, (2S)-, L-) and the first word
  is capitalised.  For ~150 common solvents, bases, acids and reagents a
  fixed, hand-written display name is used; those compounds are found with
  ``chemicals.identifiers.search_chemical`` by name and verified against
  their CAS number (a mismatch falls back to a CAS search).  Four of them are
  stored by PubChem as radicals (missing B-H, Si-H or Al-H hydrogens); their
  structure is completed with H before computing key, formula and MW.
* formula, mw: RDKit ``rdMolDescriptors.CalcMolFormula`` and
  ``Descriptors.MolWt`` of the PubChem SMILES (average atomic masses).
* state at 25 degC: from the melting point Tm and normal boiling point Tb
  tabulated in ``chemicals.phase_change`` (``Tm(CAS, method=...)``,
  ``Tb(CAS, method=...)``).  Only experimental / compiled sources are used,
  in this order: Tm: CRC_ORG, CRC_INORG, COMMON_CHEMISTRY, WEBBOOK,
  OPEN_NTBKM, WIKIDATA; Tb: HEOS, CRC_ORG, CRC_INORG, COMMON_CHEMISTRY,
  WEBBOOK, YAWS, WIKIDATA.  The JOBACK group-contribution estimates are never
  used as values.  gas if Tb < 298.15 K; solid if Tm >= 298.15 K; liquid if
  Tm < 298.15 K < Tb; otherwise unknown.  Screens against bad table entries:
  a value > 25 K from the median of >= 3 sources is skipped; a "Tm" within
  2 K of a tabulated Tb (a boiling point filed as melting point) or more
  than 5 K above the chosen Tb is skipped; a Tb > 120 K from the Joback
  estimate is skipped; a gas verdict needs a Joback screen or two tabulated
  Tb values within 10 K.
* density_g_ml (liquids only, 298.15 K), best source first:
  DIPPR_PERRY_8E (Perry's 8th ed. DIPPR eq. 105 coefficients,
  ``chemicals.volume.rho_data_Perry_8E_105_l`` evaluated with
  ``chemicals.dippr.EQ105`` inside its Tmin..Tmax), VDI_PPDS (VDI Heat Atlas
  PPDS coefficients, ``rho_data_VDI_PPDS_2`` with ``volume_VDI_PPDS``),
  CRC_INORG_L_CONST (CRC constant liquid molar volumes,
  ``rho_data_CRC_inorg_l_const``), CRC_ORG (density column of the CRC
  "Physical Constants of Organic Compounds" table in ``chemicals.miscdata``;
  the measurement temperature is not stored, in the CRC it is usually 20 degC)
  and COMMON_CHEMISTRY (CAS Common Chemistry liquid molar volume ``Vml`` in
  ``chemicals.miscdata``; temperature not stored).  Density = MW / Vm.  No
  corresponding-states or group-contribution estimate is ever used as a
  value; if none of these tables has the compound the field is left empty.
  The two tables without a recorded temperature (CRC_ORG, COMMON_CHEMISTRY)
  contain gross errors, so their values are screened with a Lorentz-Lorenz
  density from the tabulated refractive index (chemicals.refractivity) and
  RDKit's Crippen molar refractivity (must agree within 8 %), or, without a
  refractive index, by agreement of the two tables within 2 %; a value that
  fails its screen is dropped.  density_source says which screen was passed
  ("RI-checked", "CC-agrees") or "unverified" when no screen was possible.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import math
import re
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from chemicals import miscdata, phase_change, refractivity, volume
from chemicals.dippr import EQ105
from chemicals.identifiers import ChemicalMetadata, get_pubchem_db, search_chemical
from rdkit import Chem, RDLogger
from rdkit.Chem import Crippen, Descriptors, rdMolDescriptors

T25 = 298.15  # K
MAX_MW = 450.0
MAX_NAME_LEN = 60

# --------------------------------------------------------------------------
# Structure filter
# --------------------------------------------------------------------------

GROUP_SMARTS: dict[str, str] = {
    "aldehyde": "[CX3H1](=O)[#6]",
    "ketone": "[#6][CX3](=O)[#6]",
    "acyl_halide": "C(=O)[Cl,Br,F]",
    "sulfonyl_halide": "S(=O)(=O)[Cl,F]",
    "isocyanate": "N=C=O",
    "carbamoyl_chloride": "NC(=O)Cl",
    "chloroformate": "OC(=O)Cl",
    "anhydride": "C(=O)OC(=O)",
    "carboxylic_acid": "C(=O)[OH]",
    "alkyl_halide": "[CX4][Cl,Br,I]",
    "alkyl_sulfonate": "[CX4]OS(=O)(=O)[#6]",
    "aryl_halide": "[c][Cl,Br,I,F]",
    "aryl_triflate": "cOS(=O)(=O)C(F)(F)F",
    "epoxide": "C1OC1",
    "michael_acceptor": "[$(C=CC(=O)),$(C=CC#N),$(C=CS(=O)(=O))]",
    # '+0' added to the brief's [NX3;!$(N-C=O)] so that nitro groups
    # ([N+](=O)[O-], also three-connected) do not count as amines.
    "amine": "[NX3;+0;!$(N-C=O)]",
}

ORGANIC_ELEMENTS = frozenset(
    ["C", "H", "N", "O", "S", "P", "F", "Cl", "Br", "I", "B", "Si", "Se"]
)

# --------------------------------------------------------------------------
# Fixed list of common solvents, bases, acids and a few inorganic reagents:
# (display name, name passed to search_chemical, expected CAS)
# --------------------------------------------------------------------------

FIXED: list[tuple[str, str, str]] = [
    # solvents
    ("Dichloromethane", "dichloromethane", "75-09-2"),
    ("Tetrahydrofuran", "tetrahydrofuran", "109-99-9"),
    ("N,N-Dimethylformamide", "N,N-dimethylformamide", "68-12-2"),
    ("Dimethyl sulfoxide", "dimethyl sulfoxide", "67-68-5"),
    ("Acetonitrile", "acetonitrile", "75-05-8"),
    ("Toluene", "toluene", "108-88-3"),
    ("Ethyl acetate", "ethyl acetate", "141-78-6"),
    ("Methanol", "methanol", "67-56-1"),
    ("Ethanol", "ethanol", "64-17-5"),
    ("2-Propanol", "2-propanol", "67-63-0"),
    ("1-Butanol", "1-butanol", "71-36-3"),
    ("tert-Butanol", "tert-butanol", "75-65-0"),
    ("tert-Amyl alcohol", "2-methyl-2-butanol", "75-85-4"),
    ("1,4-Dioxane", "1,4-dioxane", "123-91-1"),
    ("1,2-Dichloroethane", "1,2-dichloroethane", "107-06-2"),
    ("Chloroform", "chloroform", "67-66-3"),
    ("Carbon tetrachloride", "carbon tetrachloride", "56-23-5"),
    ("Diethyl ether", "diethyl ether", "60-29-7"),
    ("tert-Butyl methyl ether", "tert-butyl methyl ether", "1634-04-4"),
    ("2-Methyltetrahydrofuran", "2-methyltetrahydrofuran", "96-47-9"),
    ("Cyclopentyl methyl ether", "cyclopentyl methyl ether", "5614-37-9"),
    ("1,2-Dimethoxyethane", "1,2-dimethoxyethane", "110-71-4"),
    ("N-Methyl-2-pyrrolidone", "1-methyl-2-pyrrolidinone", "872-50-4"),
    ("N,N-Dimethylacetamide", "N,N-dimethylacetamide", "127-19-5"),
    ("Acetone", "acetone", "67-64-1"),
    ("2-Butanone", "2-butanone", "78-93-3"),
    ("Isopropyl acetate", "isopropyl acetate", "108-21-4"),
    ("Hexane", "hexane", "110-54-3"),
    ("Heptane", "heptane", "142-82-5"),
    ("Pentane", "pentane", "109-66-0"),
    ("Cyclohexane", "cyclohexane", "110-82-7"),
    ("Benzene", "benzene", "71-43-2"),
    ("o-Xylene", "o-xylene", "95-47-6"),
    ("p-Xylene", "p-xylene", "106-42-3"),
    ("Chlorobenzene", "chlorobenzene", "108-90-7"),
    ("Anisole", "anisole", "100-66-3"),
    ("Benzotrifluoride", "benzotrifluoride", "98-08-8"),
    ("Nitromethane", "nitromethane", "75-52-5"),
    ("Sulfolane", "sulfolane", "126-33-0"),
    ("Ethylene glycol", "ethylene glycol", "107-21-1"),
    ("2,2,2-Trifluoroethanol", "2,2,2-trifluoroethanol", "75-89-8"),
    (
        "1,1,1,3,3,3-Hexafluoro-2-propanol",
        "1,1,1,3,3,3-hexafluoro-2-propanol",
        "920-66-1",
    ),
    ("Dimethyl carbonate", "dimethyl carbonate", "616-38-6"),
    ("Propylene carbonate", "propylene carbonate", "108-32-7"),
    ("Hexamethylphosphoramide", "hexamethylphosphoramide", "680-31-9"),
    (
        "1,3-Dimethyl-3,4,5,6-tetrahydro-2(1H)-pyrimidinone",
        "1,3-dimethyl-3,4,5,6-tetrahydro-2(1H)-pyrimidinone",
        "7226-23-5",
    ),
    ("Water", "water", "7732-18-5"),
    # bases
    ("Pyridine", "pyridine", "110-86-1"),
    ("Triethylamine", "triethylamine", "121-44-8"),
    ("N,N-Diisopropylethylamine", "N,N-diisopropylethylamine", "7087-68-5"),
    ("Diisopropylamine", "diisopropylamine", "108-18-9"),
    (
        "1,8-Diazabicyclo[5.4.0]undec-7-ene",
        "1,8-diazabicyclo[5.4.0]undec-7-ene",
        "6674-22-2",
    ),
    (
        "1,5-Diazabicyclo[4.3.0]non-5-ene",
        "1,5-diazabicyclo[4.3.0]non-5-ene",
        "3001-72-7",
    ),
    ("1,4-Diazabicyclo[2.2.2]octane", "1,4-diazabicyclo[2.2.2]octane", "280-57-9"),
    ("4-(Dimethylamino)pyridine", "4-dimethylaminopyridine", "1122-58-3"),
    ("4-Methylmorpholine", "4-methylmorpholine", "109-02-4"),
    ("2,6-Lutidine", "2,6-lutidine", "108-48-5"),
    ("2,4,6-Collidine", "2,4,6-collidine", "108-75-8"),
    ("Imidazole", "imidazole", "288-32-4"),
    ("1-Methylimidazole", "1-methylimidazole", "616-47-7"),
    ("Piperidine", "piperidine", "110-89-4"),
    ("Morpholine", "morpholine", "110-91-8"),
    ("1-Methylpiperazine", "1-methylpiperazine", "109-01-3"),
    (
        "N,N,N',N'-Tetramethylethylenediamine",
        "N,N,N',N'-tetramethylethylenediamine",
        "110-18-9",
    ),
    ("Ammonia", "ammonia", "7664-41-7"),
    ("Potassium carbonate", "potassium carbonate", "584-08-7"),
    ("Cesium carbonate", "cesium carbonate", "534-17-8"),
    ("Sodium carbonate", "sodium carbonate", "497-19-8"),
    ("Sodium bicarbonate", "sodium bicarbonate", "144-55-8"),
    ("Potassium phosphate tribasic", "potassium phosphate", "7778-53-2"),
    ("Sodium hydride", "sodium hydride", "7646-69-7"),
    ("Sodium hydroxide", "sodium hydroxide", "1310-73-2"),
    ("Potassium hydroxide", "potassium hydroxide", "1310-58-3"),
    ("Lithium hydroxide", "lithium hydroxide", "1310-65-2"),
    ("Potassium tert-butoxide", "potassium tert-butoxide", "865-47-4"),
    ("Sodium tert-butoxide", "sodium tert-butoxide", "865-48-5"),
    ("Sodium methoxide", "sodium methoxide", "124-41-4"),
    ("n-Butyllithium", "n-butyllithium", "109-72-8"),
    ("Lithium diisopropylamide", "lithium diisopropylamide", "4111-54-0"),
    (
        "Lithium bis(trimethylsilyl)amide",
        "lithium bis(trimethylsilyl)amide",
        "4039-32-1",
    ),
    ("Sodium borohydride", "sodium borohydride", "16940-66-2"),
    ("Lithium aluminium hydride", "lithium aluminium hydride", "16853-85-3"),
    ("Sodium triacetoxyborohydride", "sodium triacetoxyborohydride", "56553-60-7"),
    # acids and acidic reagents
    ("Acetic acid", "acetic acid", "64-19-7"),
    ("Trifluoroacetic acid", "trifluoroacetic acid", "76-05-1"),
    ("Methanesulfonic acid", "methanesulfonic acid", "75-75-2"),
    ("p-Toluenesulfonic acid", "p-toluenesulfonic acid", "104-15-4"),
    (
        "p-Toluenesulfonic acid monohydrate",
        "p-toluenesulfonic acid monohydrate",
        "6192-52-5",
    ),
    ("Trifluoromethanesulfonic acid", "trifluoromethanesulfonic acid", "1493-13-6"),
    ("Camphorsulfonic acid", "camphorsulfonic acid", "5872-08-2"),
    ("Formic acid", "formic acid", "64-18-6"),
    ("Hydrogen chloride", "hydrogen chloride", "7647-01-0"),
    ("Hydrogen bromide", "hydrogen bromide", "10035-10-6"),
    ("Sulfuric acid", "sulfuric acid", "7664-93-9"),
    ("Phosphoric acid", "phosphoric acid", "7664-38-2"),
    ("Nitric acid", "nitric acid", "7697-37-2"),
    ("Acetic anhydride", "acetic anhydride", "108-24-7"),
    ("Trifluoroacetic anhydride", "trifluoroacetic anhydride", "407-25-0"),
    ("Oxalyl chloride", "oxalyl chloride", "79-37-8"),
    ("Thionyl chloride", "thionyl chloride", "7719-09-7"),
    ("Phosphorus oxychloride", "phosphorus oxychloride", "10025-87-3"),
    ("Boron trifluoride diethyl etherate", "boron trifluoride etherate", "109-63-7"),
    ("Phosphorus pentachloride", "phosphorus pentachloride", "10026-13-8"),
    ("Phosphorus tribromide", "phosphorus tribromide", "7789-60-8"),
    ("Boron tribromide", "boron tribromide", "10294-33-4"),
    ("Titanium(IV) chloride", "titanium(IV) chloride", "7550-45-0"),
    ("Aluminium chloride", "aluminium chloride", "7446-70-0"),
    # common reagents not covered by the SMARTS groups above
    (
        "Trifluoromethanesulfonic anhydride",
        "trifluoromethanesulfonic anhydride",
        "358-23-6",
    ),
    (
        "Trimethylsilyl trifluoromethanesulfonate",
        "trimethylsilyl trifluoromethanesulfonate",
        "27607-77-8",
    ),
    ("Chlorotrimethylsilane", "chlorotrimethylsilane", "75-77-4"),
    (
        "tert-Butyldimethylsilyl chloride",
        "tert-butyldimethylsilyl chloride",
        "18162-48-6",
    ),
    ("Triisopropylsilyl chloride", "triisopropylsilyl chloride", "13154-24-0"),
    ("Triethylsilane", "triethylsilane", "617-86-7"),
    ("N-Bromosuccinimide", "N-bromosuccinimide", "128-08-5"),
    ("N-Chlorosuccinimide", "N-chlorosuccinimide", "128-09-6"),
    ("N-Iodosuccinimide", "N-iodosuccinimide", "516-12-1"),
    ("1,1'-Carbonyldiimidazole", "1,1'-carbonyldiimidazole", "530-62-1"),
    ("N,N'-Dicyclohexylcarbodiimide", "N,N'-dicyclohexylcarbodiimide", "538-75-0"),
    (
        "N-(3-Dimethylaminopropyl)-N'-ethylcarbodiimide hydrochloride",
        "N-(3-dimethylaminopropyl)-N'-ethylcarbodiimide hydrochloride",
        "25952-53-8",
    ),
    ("1-Hydroxybenzotriazole", "1-hydroxybenzotriazole", "2592-95-2"),
    ("Diisopropyl azodicarboxylate", "diisopropyl azodicarboxylate", "2446-83-5"),
    ("Diethyl azodicarboxylate", "diethyl azodicarboxylate", "1972-28-7"),
    ("Triphenylphosphine", "triphenylphosphine", "603-35-0"),
    ("Diphenylphosphoryl azide", "diphenylphosphoryl azide", "26386-88-9"),
    ("Sodium azide", "sodium azide", "26628-22-8"),
    ("Lawesson's reagent", "Lawesson's reagent", "19172-47-5"),
    ("Dess-Martin periodinane", "Dess-Martin periodinane", "87413-09-0"),
    ("p-Toluenesulfonyl hydrazide", "4-methylbenzenesulfonyl hydrazide", "1576-35-8"),
    ("Bis(pinacolato)diboron", "bis(pinacolato)diboron", "73183-34-3"),
    (
        "Tetrakis(triphenylphosphine)palladium(0)",
        "tetrakis(triphenylphosphine)palladium(0)",
        "14221-01-3",
    ),
    ("Hydrazine hydrate", "hydrazine hydrate", "7803-57-8"),
    ("Hydroxylamine hydrochloride", "hydroxylamine hydrochloride", "5470-11-1"),
    ("Bromine", "bromine", "7726-95-6"),
    ("Iodine", "iodine", "7553-56-2"),
    ("Hydrogen peroxide", "hydrogen peroxide", "7722-84-1"),
    ("Sodium hypochlorite", "sodium hypochlorite", "7681-52-9"),
    ("Sodium periodate", "sodium periodate", "7790-28-5"),
    ("Osmium tetroxide", "osmium tetroxide", "20816-12-0"),
    ("Diisobutylaluminium hydride", "diisobutylaluminium hydride", "1191-15-7"),
    ("Sodium cyanoborohydride", "sodium cyanoborohydride", "25895-60-7"),
    ("Lithium borohydride", "lithium borohydride", "16949-15-8"),
    ("Potassium fluoride", "potassium fluoride", "7789-23-3"),
    ("Cesium fluoride", "cesium fluoride", "13400-13-0"),
    ("Tetrabutylammonium fluoride", "tetrabutylammonium fluoride", "429-41-4"),
    ("Magnesium sulfate", "magnesium sulfate", "7487-88-9"),
    ("Sodium sulfate", "sodium sulfate", "7757-82-6"),
    ("Ammonium chloride", "ammonium chloride", "12125-02-9"),
    ("Sodium chloride", "sodium chloride", "7647-14-5"),
]

# --------------------------------------------------------------------------
# Property sources (chemicals method keys), best first
# --------------------------------------------------------------------------

TM_METHODS = (
    "CRC_ORG",
    "CRC_INORG",
    "COMMON_CHEMISTRY",
    "WEBBOOK",
    "OPEN_NTBKM",
    "WIKIDATA",
)
TB_METHODS = (
    "HEOS",
    "CRC_ORG",
    "CRC_INORG",
    "COMMON_CHEMISTRY",
    "WEBBOOK",
    "YAWS",
    "WIKIDATA",
)
RHO_MIN, RHO_MAX = 0.3, 4.0  # g/mL plausibility window for tabulated liquid densities
OUTLIER_K = 25.0  # a Tm/Tb this far from the median of >= 3 sources is ignored
MP_EQ_BP_K = 2.0  # a "Tm" within this of a tabulated Tb is taken to be a misfiled Tb
TM_ABOVE_TB_K = 5.0  # a Tm this far above the chosen Tb is taken to be an error
JOBACK_SCREEN_K = 120.0  # tabulated Tb this far from the Joback estimate is discarded
GAS_AGREE_K = (
    10.0  # second tabulated Tb needed to call a gas when no Joback screen exists
)
AGREE_FRAC = 0.02  # CRC_ORG and COMMON_CHEMISTRY densities "agree" within 2 %
LL_TOL_FRAC = (
    0.08  # tolerance of the refractive-index (Lorentz-Lorenz) plausibility check
)

# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

_REGISTRY_PREFIX = re.compile(
    r"^(?:nsc|brn|ccris|hsdb|einecs|elincs|ec|un|unii|dtxsid|dtxcid|dsstox|"
    r"schembl|chembl|mfcd|akos|zinc|agn-pc|ac1|ncgc|mls|smr|ctk|ak|ag|ks|ls|"
    r"bdbm|cid|fema|rcra|wln|ai3|caswell|epa|nci|tox21|spectrum|bspbio|bbl|"
    r"stk|sbb|ghl|cas|inchi|oprea|hms|pdsp|lopac|kbio|sr|st|ccg|bio|cbmicro|"
    r"nchembio|hy|cs|ft|ab|as|db|dsstox_cid|dsstox_rid|dsstox_gsid)"
    r"(?:[\s\-_:./]|\d)",
    re.IGNORECASE,
)
_CAS_LIKE = re.compile(r"^\d{2,7}-\d{2}-\d$")
_SHORT_CODE = re.compile(r"^[a-z.]{1,6}[\s\-]?[a-z]?\d{1,2}[a-z]?$", re.IGNORECASE)
_DIGIT_ACRONYM = re.compile(r"^\d+-[a-z]{1,4}$", re.IGNORECASE)
_FORMULA_LIKE = re.compile(r"^(?:[a-z][a-z]?\d*)+$", re.IGNORECASE)
_BAD_FRAGMENTS = re.compile(
    r"\(\d?ci\b|\[[a-z][a-z :\-]{2,}\]|\b(?:acs|reagent|grade|tech|technical|"
    r"solution|purified|standard|mixture|isomers?|derivs?|analytical|puriss|"
    r"purum|hplc|synthesis|redistilled|anhydrous|stabili[sz]ed|inhibited|"
    r"contains|homopolymer|polymer|resin|inverted|van|usp|nf|bsi|iso|inn|"
    r"usan|jan|ban|dcf|mart|vandf|who-dd|mi|hsdb|in|with|and|or)\b|[#;%?=@]|"
    r"\.[a-z]+\.|, |\s{2,}|^[\s.\-,]|[\-,\s]$|-\d+'*$",
    re.IGNORECASE,
)
_LEXICHEM_STYLE = re.compile(
    r"(?:fluor|chlor|brom|iod)anyl|oxidanyl|azanyl|idanidyl|\$l\^|bis\(oxidanylidene\)"
)
_ITALIC_PREFIXES = frozenset(
    [
        "n",
        "o",
        "m",
        "p",
        "s",
        "sec",
        "tert",
        "cis",
        "trans",
        "rac",
        "rel",
        "meso",
        "endo",
        "exo",
        "syn",
        "anti",
        "sym",
        "asym",
        "unsym",
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "omega",
        "e",
        "z",
        "r",
        "h",
        "α",
        "β",
        "γ",
        "δ",
        "ε",
        "ω",
    ]
)
_N_ALKYL = re.compile(
    r"(?:prop|but|pent|hex|hept|oct|non|dec|undec|dodec|tridec|tetradec|"
    r"pentadec|hexadec|heptadec|octadec|nonadec|eicos|icos|amyl)"
)
_N_WORDS = re.compile(
    r"amine|amide|anilin|urea|imid|carbam|morpholin|piperidin|piperazin|"
    r"pyrrolidin|imidazol|glycin|alanin|toluidin|sulfonamid|hydroxylamin"
)
_STEREO_INNER = re.compile(r"^(?:\d*[rsez]\*?|rs|sr)(?:,\s?(?:\d*[rsez]\*?|rs|sr))*$")


def _balanced(name: str) -> bool:
    return name.count("(") == name.count(")") and name.count("[") == name.count("]")


def is_registry_code(name: str) -> bool:
    """True for CAS numbers, vendor/registry identifiers and code names."""
    n = name.strip()
    return bool(
        _CAS_LIKE.match(n)
        or _REGISTRY_PREFIX.match(n)
        or re.search(r"\d{3,}", n)
        or _SHORT_CODE.match(n)
        or _DIGIT_ACRONYM.match(n)
    )


def acceptable_name(name: str, iupac: str, max_len: int | None = MAX_NAME_LEN) -> bool:
    """A name is acceptable if it is short, clean and not a registry code."""
    n = name.strip()
    if not n or "\t" in n or "\n" in n:
        return False
    if max_len is not None and len(n) > max_len:
        return False
    if is_registry_code(n) or _BAD_FRAGMENTS.search(n) or not _balanced(n):
        return False
    if _LEXICHEM_STYLE.search(n):
        return False
    if any(ch.isdigit() for ch in n) and _FORMULA_LIKE.match(n):
        return False  # e.g. "c6h3cln2o4"
    # Single short letters-only token (acronym or trade name such as "baee"):
    # only accepted when it is also the IUPAC name (urea, furan, ...).
    return not (
        re.fullmatch(r"[a-z]{1,5}", n, re.IGNORECASE) and n.lower() != iupac.lower()
    )


def _upper_stereo(m: re.Match[str]) -> str:
    inner = m.group(1)
    if _STEREO_INNER.match(inner):
        return "(" + inner.upper() + ")"
    if re.fullmatch(r"i{1,3}|iv|v|vi{1,3}", inner):  # oxidation states
        return "(" + inner.upper() + ")"
    return m.group(0)


def _upper_n_locant(m: re.Match[str]) -> str:
    start = m.start()
    name = m.string
    prev = name[start - 1] if start > 0 else ""
    rest = name[m.end() :]
    # "n-butyl acrylate", "n-propylamine": normal alkyl at the start of a word.
    # After '-' or ',' (e.g. "4-amino-n-butylbenzamide"), or when the alkyl is
    # attached to an amine/amide word ("n-butyldiethanolamine"), it is the
    # nitrogen locant N.
    if prev in ("", " ", "(", "[") and (alkyl := _N_ALKYL.match(rest)):
        word = re.match(r"[^\s]*", rest[alkyl.end() :]).group(0)
        tail = re.sub(r"^(?:yl|an|en|in)", "", word)
        if not (tail not in ("amine", "") and _N_WORDS.search(word)):
            return m.group(0)
    return m.group(0).upper()


def restore_case(name: str) -> str:
    """Undo PubChem's lower-casing for locants and descriptors."""
    s = re.sub(r"\(([0-9a-z',\s*]+)\)", _upper_stereo, name)
    s = re.sub(r"(?<=\d)h(?=[\-,)\]\s]|$)", "H", s)  # indicated hydrogen 1H-, 2H-
    # heteroatom locant lists such as n,n- / n,n,n',n'- / n,o-
    s = re.sub(
        r"(?<![a-z])n'*(?:,[nos]'*)+(?=-)|(?<![a-z])[os]'*,n'*(?:,[nos]'*)*(?=-)",
        lambda m: m.group(0).upper(),
        s,
    )
    s = re.sub(r"(?<![a-z])n(?=\d+'*[,\-])", "N", s)  # n1,n1- / n2'-
    s = re.sub(r"(?<=\d-)n(?='*[,\-])", "N", s)  # 1-n,1-n-dimethyl (new style)
    s = re.sub(r"(?<![a-z0-9])n'{0,3}-(?=[a-z(\[0-9])", _upper_n_locant, s)
    s = re.sub(
        r"(?:(?<=^)|(?<=[\s(\-,]))(dl|d|l)-(?=[a-z(\[])",
        lambda m: m.group(1).upper() + "-",
        s,
    )
    return re.sub(
        r"(?<![a-z])(boc|fmoc|cbz)(?![a-z])", lambda m: m.group(1).capitalize(), s
    )


def sentence_case(name: str) -> str:
    """Capitalise the first letter of the first real word, skipping locants and
    italic prefixes ("4-Fluorobenzaldehyde", "tert-Butyl bromide",
    "N,N-Dimethylformamide", "1H-Indole")."""
    for m in re.finditer(r"[a-zα-ω]+", name):
        word = m.group(0)
        before = name[m.start() - 1] if m.start() > 0 else ""
        after = name[m.end()] if m.end() < len(name) else ""
        if word in _ITALIC_PREFIXES and after == "-":
            continue
        if len(word) == 1 and before.isdigit():
            continue  # ring-fusion locant such as 4a
        if before.isupper() or (before.isalpha() and not before.isascii()):
            return name  # word is glued to an upper-case letter; leave it
        return name[: m.start()] + word[0].upper() + word[1:] + name[m.end() :]
    return name


def display_name(raw: str) -> str:
    name = raw.strip()
    if name == name.lower():
        name = restore_case(name)
    return sentence_case(name)


def choose_name(meta: ChemicalMetadata) -> tuple[str, str]:
    """Return (display name, which field it came from)."""
    iupac = meta.iupac_name or ""
    common = meta.common_name or ""
    synonyms = meta.synonyms[2:]  # synonyms[0:2] are iupac_name and common_name
    if acceptable_name(common, iupac):
        return display_name(common), "common_name"
    if iupac and acceptable_name(iupac, iupac):
        return display_name(iupac), "iupac_name"
    for syn in synonyms:
        if acceptable_name(syn, iupac):
            return display_name(syn), "synonym"
    # Nothing short: shortest clean name of any length, then the raw IUPAC name.
    long_ok = [
        c for c in [common, iupac, *synonyms] if acceptable_name(c, iupac, max_len=None)
    ]
    if long_ok:
        return display_name(min(long_ok, key=len)), "long_name"
    if iupac:
        return display_name(iupac), "iupac_name_raw"
    return display_name(common or meta.CASs), "fallback"


# --------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------


def all_values(func, cas: str, methods: Iterable[str]) -> list[tuple[str, float]]:
    """Every tabulated value of Tm or Tb, in method priority order."""
    out = []
    for method in methods:
        try:
            val = func(cas, method=method)
        except (KeyError, ValueError, TypeError):
            val = None
        if (
            val is not None
            and isinstance(val, float)
            and math.isfinite(val)
            and val > 0
        ):
            out.append((method, val))
    return out


def pick(
    values: list[tuple[str, float]],
    avoid: Iterable[float] = (),
    below: float | None = None,
) -> tuple[float | None, str]:
    """Highest-priority value that is not an outlier (> OUTLIER_K from the
    median of all sources, when there are at least three), not within
    MP_EQ_BP_K of a boiling point in ``avoid`` (a boiling point entered as a
    melting point) and, for a melting point, not above the boiling point
    ``below`` by more than TM_ABOVE_TB_K."""
    avoid = list(avoid)
    med = statistics.median(v for _, v in values) if len(values) >= 3 else None
    for method, val in values:
        if med is not None and abs(val - med) > OUTLIER_K:
            continue
        if any(abs(val - b) <= MP_EQ_BP_K for b in avoid):
            continue
        if below is not None and val > below + TM_ABOVE_TB_K:
            continue
        return val, method
    return None, ""


def joback_tb(cas: str) -> float | None:
    try:
        val = phase_change.Tb(cas, method="JOBACK")
    except (KeyError, ValueError, TypeError):
        return None
    return val if isinstance(val, float) and math.isfinite(val) and val > 0 else None


def state_at_25(cas: str) -> tuple[str, str]:
    """State at 25 degC and the Tm/Tb values (with source) that decided it.

    Tabulated boiling points more than JOBACK_SCREEN_K away from the Joback
    group-contribution estimate are discarded (the estimate is only a screen,
    never a value).  A "gas" verdict needs either a Joback screen or a second
    tabulated Tb within GAS_AGREE_K; otherwise the state is unknown.
    """
    tb_all = all_values(phase_change.Tb, cas, TB_METHODS)
    jb = joback_tb(cas)
    tb_ok = [(m, v) for m, v in tb_all if jb is None or abs(v - jb) <= JOBACK_SCREEN_K]
    tb, tb_src = pick(tb_ok)
    tm, tm_src = pick(
        all_values(phase_change.Tm, cas, TM_METHODS), [v for _, v in tb_all], tb
    )
    tm_txt = f"Tm={tm:.1f}K({tm_src})" if tm is not None else ""
    tb_txt = f"Tb={tb:.1f}K({tb_src})" if tb is not None else ""
    both = ";".join(t for t in (tm_txt, tb_txt) if t)
    if tb is not None and tb < T25:
        if tm is not None and tm >= T25:
            return "unknown", both + ";inconsistent"
        n_agree = sum(1 for _, v in tb_ok if abs(v - tb) <= GAS_AGREE_K)
        if jb is None and n_agree < 2:
            return "unknown", both + ";unconfirmed"
        return "gas", tb_txt
    if tm is not None and tm >= T25:
        return "solid", tm_txt
    if tm is not None and tb is not None:
        return "liquid", both
    return "unknown", both


@dataclass
class DensityTables:
    perry: dict[str, tuple[float, float, float, float, float, float]] = field(
        default_factory=dict
    )
    vdi: dict[str, tuple[float, float, float, float, float, float]] = field(
        default_factory=dict
    )
    crc_inorg_l: dict[str, float] = field(default_factory=dict)
    crc_org: dict[str, float] = field(default_factory=dict)
    common_chem: dict[int, float] = field(default_factory=dict)

    @classmethod
    def load(cls) -> DensityTables:
        t = cls()
        for cas, r in volume.rho_data_Perry_8E_105_l.iterrows():
            t.perry[str(cas)] = (r.C1, r.C2, r.C3, r.C4, r.Tmin, r.Tmax)
        for cas, r in volume.rho_data_VDI_PPDS_2.iterrows():
            t.vdi[str(cas)] = (r.Tc, r.rhoc, r.A, r.B, r.C, r.D)
        for cas, vm in volume.rho_data_CRC_inorg_l_const["Vm"].items():
            if isinstance(vm, float) and math.isfinite(vm) and vm > 0:
                t.crc_inorg_l[str(cas)] = vm
        for cas, rho in miscdata.CRC_organic_data["rho"].items():
            if isinstance(rho, float) and math.isfinite(rho) and rho > 0:
                t.crc_org[str(cas)] = rho
        vml = miscdata.common_chemistry_data["Vml"]
        for cas, vm in vml.items():
            vm = float(vm)
            if math.isfinite(vm) and vm > 0:
                t.common_chem[int(cas)] = vm
        return t

    def density(
        self, cas: str, cas_int: int, mol: Chem.Mol
    ) -> tuple[float | None, str]:
        """Liquid density at 298.15 K in g/mL and its source, best source first.

        DIPPR_PERRY_8E, VDI_PPDS and CRC_INORG_L_CONST are used as they are.
        The two single-value tables whose temperature is not recorded
        (CRC_ORG, COMMON_CHEMISTRY) contain some gross errors, so they are
        screened: with a tabulated refractive index n (chemicals.refractivity,
        CRC) the Lorentz-Lorenz density MW*(n^2-1)/((n^2+2)*MR), MR = RDKit
        Crippen molar refractivity, must agree within LL_TOL_FRAC (this
        estimate is only a screen and is never written out).  Without n, two
        tables that disagree by more than AGREE_FRAC give no value.
        """
        mw = Descriptors.MolWt(mol)
        if cas in self.perry:
            c1, c2, c3, c4, tmin, tmax = self.perry[cas]
            if tmin <= T25 <= tmax:
                vm = 1.0 / EQ105(T25, c1, c2, c3, c4)  # m3/mol
                rho = mw / vm * 1e-6
                if RHO_MIN <= rho <= RHO_MAX:
                    return rho, "DIPPR_PERRY_8E@298.15K"
        if cas in self.vdi:
            tc, rhoc, a, b, c, d = self.vdi[cas]
            if tc > T25:
                rho = mw / volume.volume_VDI_PPDS(T25, tc, rhoc, a, b, c, d, mw) * 1e-6
                if RHO_MIN <= rho <= RHO_MAX:
                    return rho, "VDI_PPDS@298.15K"
        if cas in self.crc_inorg_l:
            rho = mw / self.crc_inorg_l[cas] * 1e-6
            if RHO_MIN <= rho <= RHO_MAX:
                return rho, "CRC_INORG_L_CONST"
        cands: list[tuple[float, str]] = []
        if cas in self.crc_org:
            cands.append((self.crc_org[cas] / 1000.0, "CRC_ORG"))
        if cas_int in self.common_chem:
            cands.append((mw / self.common_chem[cas_int] * 1e-6, "COMMON_CHEMISTRY"))
        cands = [(r, src) for r, src in cands if RHO_MIN <= r <= RHO_MAX]
        if not cands:
            return None, ""
        ll = lorentz_lorenz_density(cas, mol, mw)
        if ll is not None:
            for rho, src in cands:
                if abs(rho - ll) / ll <= LL_TOL_FRAC:
                    return rho, f"{src}(T unrecorded;RI-checked)"
            return None, ""
        if len(cands) == 2:
            (r1, s1), (r2, _) = cands
            if abs(r1 - r2) / r2 <= AGREE_FRAC:
                return r1, f"{s1}(T unrecorded;CC-agrees)"
            return None, ""
        rho, src = cands[0]
        return rho, f"{src}(T unrecorded;unverified)"


def lorentz_lorenz_density(cas: str, mol: Chem.Mol, mw: float) -> float | None:
    """Screening density (g/mL) from a tabulated refractive index and RDKit's
    Crippen molar refractivity; None when no refractive index is tabulated."""
    try:
        n, _ = refractivity.RI(cas)
    except (TypeError, ValueError, KeyError):
        return None
    if n is None or not math.isfinite(n) or not 1.2 < n < 2.0:
        return None
    mr = Crippen.MolMR(mol)
    if mr <= 0:
        return None
    return mw * (n * n - 1.0) / ((n * n + 2.0) * mr)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


@dataclass
class Row:
    inchikey: str
    name: str
    formula: str
    mw: float
    state: str
    density: float | None
    state_source: str
    density_source: str
    cas: str
    name_source: str
    fixed: bool
    pubchemid: int

    def rank(self) -> tuple[int, int, int, int, int]:
        return (
            0 if self.fixed else 1,
            0 if self.state != "unknown" else 1,
            0 if self.density is not None else 1,
            0 if self.name_source == "common_name" else 1,
            self.pubchemid if self.pubchemid > 0 else 10**12,
        )


def clean_field(value: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", value).strip()


def organic_ok(mol: Chem.Mol) -> bool:
    if len(Chem.GetMolFrags(mol)) != 1 or Chem.GetFormalCharge(mol) != 0:
        return False
    symbols = {a.GetSymbol() for a in mol.GetAtoms()}
    if "C" not in symbols or not symbols <= ORGANIC_ELEMENTS:
        return False
    if any(a.GetIsotope() for a in mol.GetAtoms()):
        return False
    return Descriptors.NumRadicalElectrons(mol) == 0


def iter_fixed(log: list[str]) -> Iterator[tuple[ChemicalMetadata, str]]:
    for display, query, cas in FIXED:
        meta = None
        try:
            meta = search_chemical(query)
        except ValueError:
            meta = None
        if meta is None or meta.CASs != cas:
            got = meta.CASs if meta is not None else "nothing"
            try:
                meta = search_chemical(cas)
                log.append(
                    f"fixed list: name '{query}' gave {got}; used CAS {cas} instead"
                )
            except ValueError:
                log.append(f"fixed list: '{query}' / {cas} not found; skipped")
                continue
        yield meta, display


def build_rows(log: list[str]) -> list[Row]:
    RDLogger.DisableLog("rdApp.*")
    patterns = {k: Chem.MolFromSmarts(v) for k, v in GROUP_SMARTS.items()}
    dens = DensityTables.load()
    db = get_pubchem_db()
    seen: set[int] = set()
    rows: list[Row] = []
    key_mismatch = 0

    def make_row(
        meta: ChemicalMetadata, mol: Chem.Mol, name: str, name_src: str, fixed: bool
    ) -> Row:
        nonlocal key_mismatch
        cas = meta.CASs
        mw = Descriptors.MolWt(mol)
        state, state_src = state_at_25(cas)
        rho, rho_src = (None, "")
        if state == "liquid":
            rho, rho_src = dens.density(cas, meta.CAS, mol)
        key = meta.InChI_key
        rd_key = Chem.MolToInchiKey(mol)
        if rd_key and rd_key != key:
            key_mismatch += 1
            log.append(
                f"InChIKey mismatch {cas}: PubChem {key} RDKit {rd_key}; kept PubChem key"
            )
        return Row(
            key,
            clean_field(name),
            rdMolDescriptors.CalcMolFormula(mol),
            mw,
            state,
            rho,
            state_src,
            rho_src,
            cas,
            name_src,
            fixed,
            meta.pubchemid or 0,
        )

    for meta, display in iter_fixed(log):
        mol = Chem.MolFromSmiles(meta.smiles)
        if mol is None:
            log.append(f"fixed list: cannot parse SMILES of {display}")
            continue
        seen.add(meta.CAS)
        row = make_row(meta, mol, display, "fixed_list", True)
        if Descriptors.NumRadicalElectrons(mol):
            # PubChem stores e.g. triethylsilane and DIBAL-H without the
            # hydride H (as radicals); key, formula and MW are taken from the
            # structure with each radical electron replaced by an H.
            fixed_mol = Chem.RWMol(mol)
            for atom in fixed_mol.GetAtoms():
                if atom.GetNumRadicalElectrons():
                    atom.SetNumExplicitHs(
                        atom.GetNumExplicitHs() + atom.GetNumRadicalElectrons()
                    )
                    atom.SetNumRadicalElectrons(0)
            Chem.SanitizeMol(fixed_mol)
            row.inchikey = Chem.MolToInchiKey(fixed_mol)
            row.formula = rdMolDescriptors.CalcMolFormula(fixed_mol)
            row.mw = Descriptors.MolWt(fixed_mol)
            log.append(
                f"fixed list: {display} ({meta.CASs}) stored as a radical; "
                f"H added, key {meta.InChI_key} -> {row.inchikey}"
            )
        rows.append(row)

    n_scanned = 0
    for meta in db:  # iterating loads every default database file
        n_scanned += 1
        if meta.CAS in seen or not meta.smiles or not meta.InChI_key:
            continue
        seen.add(meta.CAS)
        mol = Chem.MolFromSmiles(meta.smiles)
        if mol is None or not organic_ok(mol):
            continue
        if Descriptors.MolWt(mol) > MAX_MW:
            continue
        if not any(mol.HasSubstructMatch(p) for p in patterns.values()):
            continue
        name, name_src = choose_name(meta)
        rows.append(make_row(meta, mol, name, name_src, False))
    log.append(
        f"scanned {n_scanned} database entries; {len(rows)} candidate rows; "
        f"{key_mismatch} InChIKey mismatches"
    )

    best: dict[str, Row] = {}
    for row in rows:
        old = best.get(row.inchikey)
        if old is None or row.rank() < old.rank():
            best[row.inchikey] = row
    log.append(f"{len(rows) - len(best)} duplicate InChIKeys merged")
    # Size budget: compounds with no melting/boiling data *and* no name of at
    # most MAX_NAME_LEN characters are dyes, drugs and other non-reagents.
    kept = [
        r
        for r in best.values()
        if r.fixed or r.state != "unknown" or len(r.name) <= MAX_NAME_LEN
    ]
    log.append(
        f"{len(best) - len(kept)} rows dropped (state unknown and name > {MAX_NAME_LEN} chars)"
    )
    # A row whose only name is a registry code (e.g. "Brn 1408165") names nothing.
    n_before = len(kept)
    kept = [
        r
        for r in kept
        if not (r.name_source == "fallback" and is_registry_code(r.name))
    ]
    log.append(f"{n_before - len(kept)} rows dropped (only name is a registry code)")
    return sorted(kept, key=lambda r: r.inchikey)


def header(n_rows: int) -> list[str]:
    ver = importlib.metadata.version("chemicals")
    rdk = importlib.metadata.version("rdkit")
    today = datetime.date.today().isoformat()
    return [
        "# reagent-names.tsv - common laboratory reagents and solvents keyed by standard InChIKey",
        f"# generated {today} by make_reagent_names.py from chemicals {ver} (Caleb Bell, MIT licence) and RDKit {rdk}",
        "# identifiers/names: PubChem-derived identifier tables bundled with chemicals (PubChem data, NCBI; public domain)",
        "# name: PubChem common_name if short and not a registry code, else IUPAC name, else first clean PubChem synonym;",
        "#   ~150 common solvents/bases/acids/reagents use a fixed hand-written name; case of locants restored (N,N-, 1H-, (R)-)",
        "# formula, mw: RDKit CalcMolFormula / Descriptors.MolWt of the PubChem SMILES (g/mol, average masses)",
        "# state at 25 C: gas if Tb<298.15 K; solid if Tm>=298.15 K; liquid if Tm<298.15 K<Tb; unknown if data missing.",
        "#   Tm/Tb from chemicals.phase_change tables, experimental sources only (Joback Tb used only to screen out",
        "#   tabulated Tb values >120 K from it); values >25 K off the median of >=3 sources, 'Tm' equal to a Tb or >5 K above Tb skipped;",
        f"#   Tm order {','.join(TM_METHODS)}; Tb order {','.join(TB_METHODS)};",
        "#   state_source gives the Tm/Tb value(s) and method that decided the state (both if unknown)",
        "# density_g_ml: liquids only, g/mL = MW/Vm. DIPPR_PERRY_8E / VDI_PPDS: coefficient fits to measured data",
        "#   evaluated at 298.15 K; CRC_INORG_L_CONST: CRC constant molar volume; CRC_ORG: CRC organic table density,",
        "#   measurement temperature not recorded (usually 20 C, ~0.5% above the 25 C value); COMMON_CHEMISTRY: CAS",
        "#   Common Chemistry Vml, temperature not recorded. CRC_ORG/COMMON_CHEMISTRY values are screened: RI-checked =",
        "#   within 8% of a Lorentz-Lorenz density from the tabulated refractive index and RDKit Crippen molar refractivity;",
        "#   CC-agrees = CRC_ORG within 2% of COMMON_CHEMISTRY; unverified = no screen possible; failed screens -> empty.",
        "#   Empty when no tabulated value exists (estimates are never written out).",
        f"# omitted: rows without Tm/Tb data whose only names are > {MAX_NAME_LEN} characters (size budget),",
        "#   and rows whose only name is a registry code",
        f"# rows: {n_rows}; columns are tab-separated, UTF-8, sorted by inchikey",
    ]


def write_tsv(rows: list[Row], path: Path) -> None:
    cols = [
        "inchikey",
        "name",
        "formula",
        "mw",
        "state",
        "density_g_ml",
        "state_source",
        "density_source",
        "cas",
    ]
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for line in header(len(rows)):
            fh.write(line + "\n")
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            vals = [
                r.inchikey,
                r.name,
                r.formula,
                f"{r.mw:.3f}",
                r.state,
                "" if r.density is None else f"{r.density:.3f}",
                r.state_source,
                r.density_source,
                r.cas,
            ]
            fh.write("\t".join(clean_field(v) for v in vals) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "resources" / "data" / "reagent-names.tsv",
    )
    args = ap.parse_args(argv)
    t0 = time.time()
    log: list[str] = []
    rows = build_rows(log)
    write_tsv(rows, args.output)
    for line in log:
        print(line, file=sys.stderr)
    print(
        f"wrote {len(rows)} rows to {args.output} in {time.time() - t0:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
