"""The shipped templates' stored drawings: the plan opens with them instead of a fresh layout."""

from __future__ import annotations

import math

import pytest
from rdkit import Chem

from dzp_planner.core.guidance.templates import all_templates, guide_templates, plan_from_template


@pytest.mark.parametrize("template_id", sorted(guide_templates()))
def test_stored_drawing_is_the_substrate_with_usable_coordinates(template_id: str) -> None:
    template = all_templates()[template_id]
    mol = Chem.MolFromMolBlock(template.substrate_molblock)
    assert mol is not None, "the MOL block must parse"
    assert Chem.MolToSmiles(mol) == Chem.CanonSmiles(template.substrate_smiles)
    conf = mol.GetConformer()
    assert not conf.Is3D()
    # a depiction, not a pile of atoms: every bond near RDKit's 1.0 depiction unit after CoordGen
    lengths = [(conf.GetAtomPosition(b.GetBeginAtomIdx()) - conf.GetAtomPosition(b.GetEndAtomIdx())).Length() for b in mol.GetBonds()]
    assert all(0.7 < length < 1.5 for length in lengths), lengths
    # seven ring atoms spread over a ring about 2 units across, none on top of another
    points = [conf.GetAtomPosition(i) for i in range(mol.GetNumAtoms())]
    closest = min(math.dist((p.x, p.y), (q.x, q.y)) for i, p in enumerate(points) for q in points[i + 1:])
    assert closest > 0.7


def test_a_plan_from_a_template_carries_the_drawing() -> None:
    plan = plan_from_template("mono-boc-protection")
    assert plan.substrate_molblock == all_templates()["mono-boc-protection"].substrate_molblock
    assert plan.substrate_molblock.rstrip().endswith("M  END")


def test_a_step_that_needs_an_unknown_slot_is_refused_with_the_file_and_key(tmp_path) -> None:
    from dzp_planner.core.errors import UserInputError
    from dzp_planner.core.guidance.templates import load_template_file, templates_dir

    text = (templates_dir() / "mono-protonation.toml").read_text(encoding="utf-8")
    assert 'needs = ["acid"]' in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('needs = ["acid"]', 'needs = ["acidd"]'), encoding="utf-8")
    with pytest.raises(UserInputError, match=r"bad.*steps\[1\]\.needs"):
        load_template_file(bad)
    good = load_template_file(templates_dir() / "mono-protonation.toml")
    assert [s.needs for s in good.steps][1] == ("acid",)


def test_every_shipped_template_file_is_named_by_its_id() -> None:
    """`get_template` reads `<id>.toml` alone before the others are needed (the start opens the sample from one file)."""
    from dzp_planner.core.guidance.templates import templates_dir

    assert {path.stem for path in templates_dir().glob("*.toml")} == set(all_templates())


def test_the_first_template_asked_for_is_read_from_its_own_file_alone(monkeypatch) -> None:
    from dzp_planner.core.guidance import templates

    read: list[str] = []
    real = templates.load_template_file
    monkeypatch.setattr(templates, "load_template_file", lambda path: read.append(path.name) or real(path))
    templates.all_templates.cache_clear()
    templates._template_named.cache_clear()
    try:
        alone = templates.get_template("mono-boc-protection")
        assert read == ["mono-boc-protection.toml"] and alone.reaction_type == "boc-protection"
        with pytest.raises(templates.UserInputError, match=r"unknown template '\.\./snar'"):
            templates.get_template("../snar")  # not a path into the folder: every template is read, then refused
        assert len(read) == 1 + len(list(templates.templates_dir().glob("*.toml")))
        assert templates.get_template("mono-boc-protection") == alone
    finally:
        templates.all_templates.cache_clear()
        templates._template_named.cache_clear()
