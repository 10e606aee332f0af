"""The reagent database: content checked against RDKit and the notes, validation, search,
and the chemist's own reagents in the local library folder."""

from __future__ import annotations

import sqlite3

import pytest

from dzp_planner.core.document.plan import Component
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.quantities.salt_forms import SALT_PARTS, mw_from_smiles, parse_salt
from dzp_planner.core.reactions import reagents
from dzp_planner.core.reactions.reagents import Reagent, UserReagentStore, lookup, search

REQUIRED = [
    "1,4-diazepane", "homopiperazine dihydrochloride", "Boc2O", "STAB", "AcOH", "DCE", "DCM", "EtOAc",
    "NaHCO3", "K2CO3", "TEA", "DIPEA", "NaOtBu", "LiHMDS", "Cs2CO3", "RuPhos", "BrettPhos", "BINAP", "dppf",
    "Pd(OAc)2", "RuPhos Pd G3", "BrettPhos Pd G3", "HCl", "NaOH", "Na2SO4", "benzaldehyde", "benzyl bromide",
    "acetyl chloride", "bromobenzene", "methanesulfonyl chloride", "methyl iodide", "THF", "toluene",
    "dioxane", "water", "MeOH",
]
NOTES_DENSITIES = {  # chemistry-notes.md, "Densities used for liquids"
    "Benzaldehyde": 1.044, "Acetic acid": 1.049, "Boc2O": 0.95, "Benzyl bromide": 1.44, "DCE": 1.253,
    "DCM": 1.33, "EtOAc": 0.902, "TEA": 0.726, "DIPEA": 0.742,
}


@pytest.mark.parametrize("name", REQUIRED)
def test_every_reagent_the_guide_names_is_there(name):
    assert lookup(name, include_user=False) is not None, name


def test_mw_matches_rdkit_plus_the_salt():
    for r in reagents.shipped_reagents():
        expected = mw_from_smiles(r.smiles) + sum(n * mw_from_smiles(SALT_PARTS[t][0]) for n, t in parse_salt(r.salt))
        assert r.mw == pytest.approx(expected, abs=0.01), r.name


def test_the_notes_densities_and_every_density_has_a_source():
    for name, density in NOTES_DENSITIES.items():
        assert lookup(name, include_user=False).density == density
    for r in reagents.shipped_reagents():
        if r.density is not None:
            assert r.density_source, r.name
    # solids the notes say are weighed carry no density
    for name in ("1,4-Diazepane", "STAB", "K2CO3", "NaOtBu"):
        assert lookup(name, include_user=False).density is None


def test_salt_and_solution_forms():
    salt = lookup("1,4-diazepane 2HCl", include_user=False)
    assert salt.salt == "2HCl" and salt.mw == pytest.approx(100.165 + 2 * 36.461, abs=1e-3)
    lihmds = lookup("LiHMDS", include_user=False)
    assert any(s.concentration == 1.0 and s.solvent == "THF" for s in lihmds.solutions)
    assert any(s.concentration == 1.0 for s in lookup("HCl", include_user=False).solutions)
    assert lookup("NaOH", include_user=False).solutions


def test_search_by_prefix_substring_and_synonym():
    assert search("boc2o", include_user=False)[0].name == "Boc2O"
    assert search("di-tert-butyl", include_user=False)[0].name == "Boc2O"
    names = [r.name for r in search("homopip", include_user=False)]
    assert names[:2] == ["1,4-Diazepane", "1,4-Diazepane dihydrochloride"] or set(names[:2]) == {
        "1,4-Diazepane", "1,4-Diazepane dihydrochloride"}
    assert [r.name for r in search("ruphos", include_user=False)][:2] == ["RuPhos", "RuPhos Pd G3"]
    assert "DIPEA" in [r.name for r in search("hünig", include_user=False)]
    assert lookup("Et3N", include_user=False).name == "TEA"
    assert search("zzz-nothing", include_user=False) == []
    assert len(search("", include_user=False, limit=1000)) == len(reagents.shipped_reagents())


def test_to_component_and_complete_component():
    c = lookup("benzaldehyde", include_user=False).to_component(quantity="0.9 equiv")
    assert c.density == 1.044 and c.smiles == "O=Cc1ccccc1" and c.quantity == "0.9 equiv"
    assert lookup("Boc2O", include_user=False).to_component().density is None  # weighed
    filled = reagents.complete_component(Component("BnBr", "reagent", quantity="1 equiv"))
    assert filled.smiles == "BrCc1ccccc1" and filled.density == 1.44
    salt = reagents.complete_component(Component("homopiperazine dihydrochloride", "limiting"))
    assert salt.salt == "2HCl"
    unknown = Component("mystery", "reagent")
    assert reagents.complete_component(unknown) is unknown


GOOD = '''
[[reagent]]
name = "X"
smiles = "C"
mw = 16.043
'''


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("not toml [[[", "cannot be read"),
        ("", "no \\[\\[reagent\\]\\]"),
        (GOOD + 'colour = "red"\n', "unknown key 'colour'"),
        (GOOD + "density = 1.0\n", "density_source"),
        (GOOD + "density = -1.0\ndensity_source = 'x'\n", "'density'"),
        (GOOD.replace("mw = 16.043", "mw = 'heavy'"), "'mw'"),
        (GOOD + 'category = "magic"\n', "'category'"),
        (GOOD + 'salt = "3XYZ"\n', "'salt'"),
        (GOOD + 'synonyms = "x"\n', "'synonyms'"),
        (GOOD + GOOD, "already used"),
        ('[[reagent]]\nname = "Y"\n', "needs 'smiles' or 'mw'"),
        (GOOD + '[[reagent.solutions]]\nlabel = "1 M"\nconcentration = 0\n', "concentration"),
    ],
)
def test_validation_names_the_file_and_the_key(tmp_path, text, match):
    path = tmp_path / "my-reagents.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserInputError, match=match) as err:
        reagents.load_database(path)
    assert "my-reagents.toml" in str(err.value)


def test_user_store_add_list_remove_and_persist(data_home):
    path = data_home / reagents.USER_FILE
    with UserReagentStore(path) as store:
        added = store.add(Reagent(name="My amine", synonyms=("MA-1",), smiles="CNC", category="substrate"))
        assert added.origin == "user"
        store.add({"name": "Secret sauce", "mw": 321.0, "density": 1.1, "density_source": "my notebook p. 12"})
        with pytest.raises(UserInputError, match="already"):
            store.add(Reagent(name="my amine", smiles="CC"))
        store.add(Reagent(name="my amine", smiles="CCNC"), replace_existing=True)
        with pytest.raises(UserInputError):
            store.add({"name": "Bad", "density": 2.0, "mw": 10.0})  # density without source
    with UserReagentStore(path) as store:  # persisted
        assert [r.name for r in store.list()] == ["my amine", "Secret sauce"]
        assert store.list()[0].smiles == "CCNC"
        assert lookup("MA-1", store=store) is None  # the replacement has no synonyms
        assert search("sauce", store=store)[0].name == "Secret sauce"
        assert store.remove("SECRET SAUCE") and not store.remove("Secret sauce")


def test_user_reagents_merge_into_search_through_the_default_store(data_home):
    store = reagents.default_store()
    assert store is not None and store.path == data_home / reagents.USER_FILE
    store.add(Reagent(name="DCM", smiles="ClCCl", mw=84.93, density=1.325, density_source="my bottle, 25 °C"))
    assert lookup("dcm").density == 1.325  # the user's entry shadows the shipped one
    assert lookup("dcm", include_user=False).density == 1.33
    assert [r.name for r in search("dcm")].count("DCM") == 1


def test_damaged_rows_and_newer_schema(tmp_path):
    path = tmp_path / "r.sqlite"
    with UserReagentStore(path) as store:
        store.add(Reagent(name="ok", mw=10.0))
    db = sqlite3.connect(path)
    with db:
        db.execute("INSERT INTO user_reagents VALUES ('broken', '{not json', 'x')")
        db.execute("""INSERT INTO user_reagents VALUES ('bad', '{"name": "bad"}', 'x')""")
    with UserReagentStore(path) as store:
        assert [r.name for r in store.list()] == ["ok"]
    with db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(UserInputError, match="newer"):
        UserReagentStore(path)


def test_store_over_a_given_connection():
    store = UserReagentStore(connection=sqlite3.connect(":memory:"))
    store.add(Reagent(name="Z", mw=1.5))
    assert [r.name for r in store.list()] == ["Z"]
    store.close()
