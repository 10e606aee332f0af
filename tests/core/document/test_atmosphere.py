"""The atmosphere of a recorded run (issue 27): kept in the plan file, and the fit says when it pools several."""

from __future__ import annotations

import pytest
from tests.closed_form import exact_point

from dzp_planner.core.document.derivation import derive
from dzp_planner.core.document.plan import TrialRun
from dzp_planner.core.errors import PlanFileError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import plan_format


def _run(equiv: float, atmosphere: str) -> TrialRun:
    sm, mono, bis = exact_point(equiv, 0.5)
    return TrialRun(equiv=equiv, sm=100 * sm, mono=100 * mono, bis=100 * bis, atmosphere=atmosphere)


def test_the_atmosphere_survives_the_plan_file_and_a_wrong_one_is_refused():
    plan = templates.plan_from_template("mono-boc-protection")
    plan.results = [_run(0.5, "N2"), _run(1.0, "CO2")]
    back = plan_format.loads(plan_format.dumps(plan))
    assert [r.atmosphere for r in back.results] == ["N2", "CO2"]
    raw = plan_format.plan_to_dict(plan)
    raw["results"]["runs"][0]["atmosphere"] = "helium"
    with pytest.raises(PlanFileError, match="atmosphere"):
        plan_format.plan_from_dict(raw)
    del raw["results"]["runs"][0]["atmosphere"]  # a run written before atmospheres were recorded
    assert plan_format.plan_from_dict(raw).results[0].atmosphere == ""


@pytest.mark.parametrize("atmospheres, warned", [
    (("N2", "N2", "N2"), False), (("air", "N2", "N2"), True), (("", "", ""), False), (("N2", "", "N2"), True),
])
def test_the_fit_says_when_runs_under_different_atmospheres_are_pooled(atmospheres, warned):
    plan = templates.plan_from_template("mono-boc-protection")
    plan.results = [_run(e, a) for e, a in zip((0.5, 1.0, 1.5), atmospheres, strict=True)]
    checks = [c.text for c in derive(plan).checks if "pools runs" in c.text]
    assert bool(checks) == warned
    assert derive(plan).fit.result.k2_k1 == pytest.approx(0.5, rel=1e-3)  # the exact data still fit k2/k1 = 0.5
