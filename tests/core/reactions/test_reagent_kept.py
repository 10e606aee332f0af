"""Apply keeps the chemist's reagent (issue 24): a tree that builds another reaction refuses it instead of
swapping in the template's example, a protect-first step keeps it as the next step, and `plan`'s answers
are checked against the tree (a typo is said, an answer that only gives advice is not offered).

Expected outcomes are a chemist's: acetyl chloride acylates, it does not take a reductive amination.
"""

from __future__ import annotations

import json

import pytest
from tests.substrates import SUBSTRATES

from dzp_planner import cli
from dzp_planner.core.io import storage

FUMARATE = ".OC(=O)/C=C/C(=O)O"


def run_cli(argv, capsys):
    code = cli.run(argv)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else err.strip())


@pytest.mark.parametrize(("tree", "reagent", "reaction"), [
    ("alkylation", "CC(=O)Cl", "acylation"),
    ("acylation", "O=Cc1ccccc1", "reductive amination"),
    ("buchwald-hartwig", "O=S(=O)(Cl)c1cccc2cnccc12", "sulfonylation"),
])
@pytest.mark.parametrize("substrate", ["1-Boc", "1-methyl", "1-phenyl"])
def test_a_tree_of_another_reaction_refuses_the_reagent_instead_of_swapping_it(tree, reagent, reaction, substrate, tmp_path, capsys):
    out = tmp_path / "p.dzp"
    answers = {"alkylation": ["--answer", "carbonyl-single=yes"], "acylation": [],
               "buchwald-hartwig": ["--answer", "activated=no", "--answer", "stalled=no", "--answer", "precatalyst=yes",
                                    "--answer", "base=none"]}[tree]
    code, err = run_cli(["plan", str(out), "--smiles", SUBSTRATES[substrate][0], "--tree", tree, "--reagent", reagent, *answers], capsys)
    assert code == 2 and reaction in err and "tree" in err, err
    assert not out.exists()


@pytest.mark.parametrize(("typed", "reagent", "name"), [
    ("C1CNCCNC1", "CC(=O)Cl", "acetyl chloride"),
    ("C1CNCCNC1.Cl.Cl", "O=S(=O)(Cl)c1cccc2cnccc12", "isoquinoline-5-sulfonyl chloride"),
    ("C1CNCCNC1" + FUMARATE, "O=C=Nc1ccccc1", "phenyl isocyanate"),
])
def test_protect_first_keeps_the_chemists_reagent_as_the_next_step(typed, reagent, name, tmp_path, capsys):
    out = tmp_path / "p.dzp"
    code, result = run_cli(["plan", str(out), "--smiles", typed, "--reagent", reagent, "--answer", "excess=no"], capsys)
    assert code == 0, result
    assert result["recommendation"] == "boc-first"
    plan = storage.load_plan(out)
    assert plan.reaction_type == "boc-protection"
    row = next(c for c in plan.components if c.slot == "electrophile")
    assert row.name == "Boc2O" and "Example" not in row.note  # prescribed by the protocol, not an example to replace
    assert "Next step" in plan.notes and name in plan.notes.casefold() and "remove the Boc" in plan.notes


def test_a_c2_substituted_ring_sent_to_selective_boc_keeps_the_aryl_bromide(tmp_path, capsys):
    out = tmp_path / "p.dzp"
    code, result = run_cli(["plan", str(out), "--smiles", SUBSTRATES["2-methyl"][0], "--tree", "buchwald-hartwig",
                            "--reagent", "Brc1ccccc1", "--answer", "activated=no"], capsys)
    assert code == 0 and result["recommendation"] == "protect-remote-n4", result
    notes = storage.load_plan(out).notes
    assert "Buchwald–Hartwig" in notes and "bromobenzene" in notes.casefold()


def test_answers_are_checked_against_the_trees(tmp_path, capsys):
    base = ["plan", str(tmp_path / "p.dzp"), "--smiles", "C1CNCCNC1", "--reagent", "CC(=O)Cl"]
    code, err = run_cli([*base, "--answer", "exces=yes"], capsys)
    assert code == 2 and "'exces'" in err and "excess" in err
    code, err = run_cli([*base, "--answer", "excess=maybe"], capsys)
    assert code == 2 and "yes|no|acid" in err
    # a question of another tree is let through: one answer list serves every tree
    code, result = run_cli([*base, "--answer", "excess=yes", "--answer", "stalled=no"], capsys)
    assert code == 0, result


def test_exit_2_offers_only_answers_plan_can_build(tmp_path, capsys):
    base = ["plan", str(tmp_path / "p.dzp"), "--smiles", "C1CNCCNC1", "--reagent", "CC(=O)Cl"]
    code, err = run_cli(base, capsys)
    assert code == 2 and err.endswith("--answer excess=yes|no")
    for offered in ("yes", "no"):
        code, result = run_cli([*base, "--answer", f"excess={offered}", "--force"], capsys)
        assert code == 0, result
    code, err = run_cli([*base, "--answer", "excess=acid", "--force"], capsys)  # advice: said, not built
    assert code == 2 and "advice" in err


@pytest.mark.parametrize("typed", ["C1CNCCNC1", "CN1CCCNCC1", "C1CNCCNC1.Cl.Cl"])
def test_the_plans_own_reagent_is_kept_unless_it_is_a_previous_protocols_example(typed, tmp_path, capsys):
    """The GUI's Apply (no --reagent): a chemist's benzoyl chloride is not swapped for benzaldehyde silently;
    a previous protocol's example reagent is."""
    from dzp_planner.core.guidance import protocols
    from dzp_planner.core.guidance.decisions import Recommendation

    out = tmp_path / "p.dzp"
    code, result = run_cli(["plan", str(out), "--smiles", typed, "--reagent", "O=C(Cl)c1ccccc1",
                            "--answer", "excess=yes"], capsys)
    assert code == 0, result
    plan = storage.load_plan(out)
    reductive = Recommendation(id="x", title="Reductive amination", reasoning="", protocol="reductive-mono-alkylation",
                               reaction_type="reductive-amination")
    with pytest.raises(protocols.ReagentOfAnotherReactionError, match="acylation"):
        protocols.build(plan, reductive, "alkylation")
    changes = protocols.build(plan, reductive, "alkylation", reagent_smiles="")  # the chemist said: use the example
    row = next(c for c in changes["components"] if c.slot == "electrophile")
    assert row.name.casefold() == "benzaldehyde" and protocols.EXAMPLE_NOTE in row.note
    plan.set_sections(changes)
    acylation = Recommendation(id="y", title="Acylation", reasoning="", protocol="acylation",
                               reaction_type="acylation")
    again = protocols.build(plan, acylation, "acylation")  # benzaldehyde was the example: it gives way silently
    assert next(c for c in again["components"] if c.slot == "electrophile").name.casefold() != "benzaldehyde"


@pytest.mark.parametrize(("typed", "reagent"), [("C1CNCCNC1", "O=C(Cl)c1ccccc1"), ("C1CNCCNC1.Cl.Cl", "O=S(=O)(Cl)c1ccccc1")])
def test_show_gives_each_steps_correction_and_checkpoint(typed, reagent, tmp_path, capsys):
    """`show` carries the procedure's corrections (the outcome the model expects at the plan's charge), one per
    step in the same order, so a tool reading the JSON gets what the GUI and the PDF print beside the step."""
    from tests.closed_form import exact_point

    from dzp_planner.cli.plans.show import show

    out = tmp_path / "p.dzp"
    code, result = run_cli(["plan", str(out), "--smiles", typed, "--reagent", reagent, "--answer", "excess=yes"], capsys)
    assert code == 0, result
    shown = show(storage.load_plan(out))
    assert len(shown["procedure_notes"]) == len(shown["procedure"])
    addition = next(i for i, text in enumerate(shown["procedure"]) if "dropwise" in text)
    note = shown["procedure_notes"][addition]
    equiv = next(c["equiv"] for c in shown["components"] if c["slot"] == "electrophile")
    k = shown["distribution"]["k2_k1"]
    sm, mono, bis = exact_point(equiv, k)
    assert f"{sm:.0%} / {mono:.0%} / {bis:.0%}" in note["correction"], note
    assert "[M+H]+" in note["checkpoint"]


@pytest.mark.parametrize("typed", ["C1CNCCNC1", "CC(C)(C)OC(=O)N1CCCNCC1", "CN1CCCNCC1", "C1CNCCNC1.Cl.Cl"])
@pytest.mark.parametrize(("reagent", "base"), [("O=C=Nc1ccccc1", False), ("CN(C)C(=O)Cl", True)])
def test_a_urea_charges_a_base_only_for_a_carbamoyl_chloride(typed, reagent, base, tmp_path, capsys):
    """An isocyanate gives off nothing: no TEA row of the protocol's own (a salt's freeing TEA stays); a carbamoyl
    chloride gives off HCl: the row, and a step that adds it."""
    from dzp_planner.cli.plans.show import show

    out = tmp_path / "u.dzp"
    code, result = run_cli(["plan", str(out), "--smiles", typed, "--reagent", reagent, "--answer", "excess=yes"], capsys)
    assert code == 0, result
    shown = show(storage.load_plan(out))
    assert shown["title"].startswith("Urea from ")
    protocol_base = [c for c in shown["components"] if c["slot"] == "base"]
    assert bool(protocol_base) == base
    assert any("take up the HCl" in step for step in shown["procedure"]) == base
    if typed.endswith(".Cl.Cl"):
        assert any("frees the 2HCl" in c["name"] for c in shown["components"])


@pytest.mark.parametrize("typed", ["CC(C)(C)OC(=O)N1CCCNCC1", "C1CNCCNC1"])
def test_the_urea_templates_own_example_isocyanate_gets_no_base_either(typed):
    """With no reagent given, the urea protocol's example is phenyl isocyanate: the base row it would only need for a
    carbamoyl chloride is left out for the example too (it was kept: the class was read from the absent reagent)."""
    from dzp_planner.core.chem import editing
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import Plan
    from dzp_planner.core.guidance import protocols
    from dzp_planner.core.guidance.decisions import Recommendation

    plan = Plan()
    plan.set_sections(plan_edits.substrate_changes(plan, typed, editing.from_smiles(typed)))
    urea = Recommendation(id="u", title="Urea", reasoning="", protocol="urea", reaction_type="urea")
    rows = protocols.build(plan, urea, "acylation")["components"]
    assert [r.name for r in rows if r.slot == "electrophile"] == ["Phenyl isocyanate"]
    assert not any(r.role == "base" for r in rows)
