"""Plan files: round trip, migration from v1, and clear rejection of bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.errors import PlanFileError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format, storage

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "plans"


def sample_plan() -> Plan:
    plan = templates.plan_from_template("mono-boc-protection")
    plan.author = "Ana Chemist"
    plan.notes = "ünïcode notes, <b>markup</b> & ampersands"
    plan.decisions = {"regioselectivity": {"equivalent": "yes"}}
    return plan


def test_round_trip_through_file_keeps_every_field(tmp_path):
    plan = sample_plan()
    path = tmp_path / "p.dzp"
    storage.save_plan(plan, path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == "dzp-plan" and raw["version"] == plan_format.FORMAT_VERSION
    again = storage.load_plan(path)
    assert plan_format.plan_to_dict(again) == plan_format.plan_to_dict(plan)
    assert again.components[1] == Component(
        name="Boc2O", role="reagent", smiles="CC(C)(C)OC(=O)OC(=O)OC(C)(C)C", quantity="5.4 g",
        note=plan.components[1].note, slot="electrophile",
    )
    assert again.addition.component == "electrophile" and again.addition.time == "1 h"


def test_version_1_fixture_is_migrated():
    plan = storage.load_plan(FIXTURES / "v1-mono-boc.dzp")
    assert [c.quantity for c in plan.components] == ["5.0 g", "25 mmol", "100 mL"]
    assert plan.components[2].density == 1.33
    assert plan.decisions == {"regioselectivity": {"equivalent": "yes"}}
    assert plan.author == "A. Chemist"


def _bytes_of(plan: Plan) -> bytes:
    return plan_format.dumps(plan)


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d.update(version=99), "newer DZP Planner"),
        (lambda d: d.update(format="something-else"), "not a DZP plan"),
        (lambda d: d.update(version="2"), "'version' must be a positive integer"),
        (lambda d: d["components"][0].update(role="wizard"), "components[0].role"),
        (lambda d: d["components"][1].update(density="heavy"), "components[1].density"),
        (lambda d: d["components"][1].update(purity=150), "components[1].purity"),
        (lambda d: d["reaction"].update(type="photoredox"), "reaction.type"),
        (lambda d: d.update(title=42), "'title' must be text"),
        (lambda d: d["model"].update(k2_k1=-1), "model.k2_k1"),
        (lambda d: d.pop("plan_id"), "'plan_id' is missing"),
        (lambda d: d.update(components={"a": 1}), "'components' must be a list"),
    ],
)
def test_bad_fields_are_named_and_file_is_untouched(tmp_path, mutate, fragment):
    raw = plan_format.plan_to_dict(sample_plan())
    mutate(raw)
    path = tmp_path / "bad.dzp"
    data = json.dumps(raw).encode()
    path.write_bytes(data)
    with pytest.raises(PlanFileError) as err:
        storage.load_plan(path)
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    "content, fragment",
    [
        (None, "truncated"),  # filled below with the first half of a real plan
        (b'{"format": "dzp-plan", "version": 2, "notes": "cut in the middle of a no', "truncated"),
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"[1, 2, 3]", "top level is a list"),
        (b'{"format": "dzp-plan", "version": 1.5}', "positive integer"),
        (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
        (b'{"format": "dzp-plan", "version": 2, "x": NaN}', "NaN"),
        (b"", "not valid JSON"),
    ],
)
def test_corrupt_files_give_one_clear_line(tmp_path, content, fragment):
    if content is None:
        full = _bytes_of(sample_plan())
        content = full[: len(full) // 2]
    path = tmp_path / "corrupt.dzp"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as err:
        storage.load_plan(path)
    assert fragment in str(err.value)
    assert path.read_bytes() == content


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.dzp"
    with open(path, "wb") as handle:
        handle.truncate(plan_format.MAX_FILE_BYTES + 10)
    with pytest.raises(PlanFileError, match="MB"):
        storage.load_plan(path)


def test_missing_and_directory_paths(tmp_path):
    with pytest.raises(PlanFileError, match="does not exist"):
        storage.load_plan(tmp_path / "nope.dzp")
    with pytest.raises(PlanFileError, match="folder"):
        storage.load_plan(tmp_path)


def test_new_plans_get_distinct_128_bit_ids():
    from dzp_planner.core.document.plan import Plan

    ids = {Plan().plan_id for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 32 and int(i, 16) >= 0 and i == i.lower() for i in ids)


def test_the_largest_plan_every_section_allows_is_written_and_read_back(tmp_path):
    """Issue 25: 201 runs could be added but a plan of them never reopened. The limits are enforced
    where the data is made, and a plan at every limit round-trips."""
    from dzp_planner.core.document import plan_edits
    from dzp_planner.core.document.plan import MAX_COMPONENTS, MAX_RUNS, Component, TrialRun
    from dzp_planner.core.errors import UserInputError
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.io import storage

    plan = plan_from_template("mono-boc-protection")
    runs = [TrialRun(equiv=1.0, sm=25.0, mono=50.0, bis=25.0, note="n" * 500) for _ in range(MAX_RUNS)]
    plan.set_sections(plan_edits.result_changes(plan, runs))
    while len(plan.components) < MAX_COMPONENTS:
        plan.set_section("components", plan_edits.inserted_row(plan, len(plan.components),
                                                               Component(f"Row {len(plan.components)}", "additive", "O", "1 equiv")))
    with pytest.raises(UserInputError, match="at most 200 rows"):
        plan_edits.inserted_row(plan, 0)
    with pytest.raises(UserInputError, match="at most 200 runs"):
        plan_edits.result_changes(plan, [*plan.results, TrialRun()])
    storage.save_plan(plan, tmp_path / "largest.dzp")
    back = storage.load_plan(tmp_path / "largest.dzp")
    assert len(back.results) == MAX_RUNS and len(back.components) == MAX_COMPONENTS


def test_a_number_of_thousands_of_digits_is_a_message_naming_the_key():
    """Issue 25: Python's set_int_max_str_digits advice reached the chemist instead of the key."""
    from dzp_planner.core.errors import PlanFileError
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.io import plan_format

    text = plan_format.dumps(plan_from_template("mono-boc-protection")).decode()
    damaged = text.replace('"k2_k1": 0.5', '"k2_k1": ' + "9" * 4400, 1)
    assert damaged != text
    with pytest.raises(PlanFileError) as err:
        plan_format.loads(damaged.encode(), source="boc.dzp")
    assert "'k2_k1'" in str(err.value) and "set_int_max_str_digits" not in str(err.value)
