"""The `.dzp` plan file format: UTF-8 JSON, validated field by field, migrated forward.

A plan file is data only. It is parsed with `json` (never pickle, never eval) and every
field is checked for type and range before a `Plan` is built, so a hand-edited or hostile
file gives one clear sentence naming the key, never a half-built plan.

Versions: each `_UPGRADES[n]` turns a version-n dict into a version-(n+1) dict. Version 1
is the prototype layout (rows under `reagents`, with the amount as one of `mass_g`, `mmol`,
`volume_ml`, `equiv`); version 2 stores each row's typed quantity as one string, so units
survive a round trip as the chemist typed them; version 3 adds `results` (the measured runs
k2/k1 is fitted to). Old files are upgraded in memory; the file on
disk is only rewritten when the user saves.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from typing import Any

from dzp_planner.core.document.plan import (
    ANALYSES,
    ATMOSPHERES,
    K2_K1_SOURCES,
    MAX_COMPONENTS,
    MAX_RUNS,
    ROLES,
    SLOTS,
    Addition,
    Component,
    ModelSettings,
    Plan,
    TrialRun,
)
from dzp_planner.core.errors import PlanFileError

FORMAT_NAME = "dzp-plan"
FORMAT_VERSION = 4
MAX_FILE_BYTES = 8 * 1024 * 1024  # a real plan is a few kB; refuse junk before parsing it
MAX_TEXT = 100_000  # characters in any one string field


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON-ready dict of a plan, in the current format version."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "plan_id": plan.plan_id,
        "title": plan.title,
        "author": plan.author,
        "created": plan.created,
        "modified": plan.modified,
        "substrate": {"smiles": plan.substrate_smiles, "molblock": plan.substrate_molblock},
        "reaction": {
            "type": plan.reaction_type,
            "reagent_smiles": plan.reagent_smiles,
            "product_smiles": plan.product_smiles,
            "conditions": plan.conditions,
        },
        "components": [_component_to_dict(c) for c in plan.components],
        "decisions": {"active_tree": plan.active_tree, "answers": plan.decisions},
        "model": {
            "k2_k1": plan.model.k2_k1,
            "electrophile_equiv": plan.model.electrophile_equiv,
            "mixing_time_s": plan.model.mixing_time_s,
            "addition_time_s": plan.model.addition_time_s,
            "rate_constant_m_s": plan.model.rate_constant_m_s,
            "k2_k1_source": plan.model.k2_k1_source,
            "k2_k1_note": plan.model.k2_k1_note,
            "site_rate_ratio": plan.model.site_rate_ratio,
            "pka": plan.model.pka,
        },
        "template_id": plan.template_id,
        "addition": {
            "component": plan.addition.component,
            "volume": plan.addition.volume,
            "time": plan.addition.time,
            "solvent": plan.addition.solvent,
        },
        "notes": plan.notes,
        "results": {"runs": [dataclasses.asdict(run) for run in plan.results]},
    }


def _component_to_dict(c: Component) -> dict[str, Any]:
    return {
        "name": c.name,
        "role": c.role,
        "smiles": c.smiles,
        "quantity": c.quantity,
        "mw": c.mw,
        "density": c.density,
        "concentration": c.concentration,
        "loading": c.loading,
        "purity": c.purity,
        "salt": c.salt,
        "equiv_locked": c.equiv_locked,
        "note": c.note,
        "slot": c.slot,
    }


def dumps(plan: Plan) -> bytes:
    """Serialise a plan to the bytes of a `.dzp` file."""
    return (json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def loads(data: bytes, *, source: str = "plan file") -> Plan:
    """Parse, migrate and validate the bytes of a `.dzp` file into a `Plan`."""
    return plan_from_dict(decode(data, source=source), source=source)


def decode(data: bytes, *, source: str = "plan file") -> Any:
    """The JSON value of a plan file's bytes (size-, encoding- and nesting-checked), not yet validated."""
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError(f"{source} is {len(data) / 1e6:.1f} MB; a plan file is a few kB, so this is not a DZP plan")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"{source} is not UTF-8 text (byte {exc.start}); it is not a DZP plan") from None
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise PlanFileError(f"{source} nests too deeply to be a DZP plan") from None
    except json.JSONDecodeError as exc:
        # cut off: the error is at the very end, or a string (a MOL block, a note) runs into it
        cut = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        hint = " (the file looks truncated)" if cut else ""
        raise PlanFileError(f"{source} is not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}") from None
    except ValueError as exc:
        raise PlanFileError(f"{source}: {_number_too_long(text) or exc}") from None
    return raw


def _number_too_long(text: str) -> str:
    """Python's 4300-digit limit on integers says to call sys.set_int_max_str_digits: name the key instead."""
    import re

    found = re.search(r'"([^"\\]{1,80})"\s*:\s*-?\d{1000,}', text)
    if found is None:
        return ""
    return f"the number at '{found.group(1)}' has thousands of digits: no plan value is that long (the file is damaged)"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a plan can hold")


def plan_from_dict(raw: Any, *, source: str = "plan file") -> Plan:
    """Build a plan from a decoded JSON value, upgrading older versions first."""
    if not isinstance(raw, dict):
        raise PlanFileError(f"{source} is not a DZP plan: the top level is a {type(raw).__name__}, not an object")
    if raw.get("format") != FORMAT_NAME:
        raise PlanFileError(f"{source} is not a DZP plan: 'format' is {raw.get('format')!r}, expected {FORMAT_NAME!r}")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PlanFileError(f"{source}: 'version' must be a positive integer, found {version!r}")
    if version > FORMAT_VERSION:
        raise PlanFileError(
            f"{source} was written by a newer DZP Planner (plan format {version}; this version reads up to "
            f"{FORMAT_VERSION}). Update DZP Planner to open it; the file was not changed."
        )
    raw = migrate(raw)
    return _build(raw, source)


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Apply the upgrade chain from the file's version to `FORMAT_VERSION`."""
    while raw["version"] < FORMAT_VERSION:
        raw = _UPGRADES[raw["version"]](dict(raw))
    return raw


def _upgrade_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    """v1 kept `reagents` with one of `mass_g`, `mmol`, `volume_ml`, `equiv` as numbers."""
    rows = raw.pop("reagents", [])
    components = []
    if isinstance(rows, list):
        for row in rows:
            if not isinstance(row, dict):
                components.append(row)  # let validation name the bad row
                continue
            row = dict(row)
            quantity = ""
            for key, unit in (("mass_g", "g"), ("mmol", "mmol"), ("volume_ml", "mL"), ("equiv", "equiv")):
                value = row.pop(key, None)
                if value is not None and not quantity:
                    quantity = f"{value} {unit}"
            row["quantity"] = quantity
            components.append(row)
    raw["components"] = components
    raw["version"] = 2
    return raw


def _upgrade_2_to_3(raw: dict[str, Any]) -> dict[str, Any]:
    """v3 adds the measured runs (`results`); a v2 plan has none."""
    raw.setdefault("results", {"runs": []})
    raw["version"] = 3
    return raw


def _upgrade_3_to_4(raw: dict[str, Any]) -> dict[str, Any]:
    """v4 adds a row's resin loading (`loading`, mmol/g); a v3 row has none. The version goes up,
    although nothing is rewritten, because a v3 reader would ignore a loading and weigh the resin
    as if it were the pure reagent: it must refuse the file instead."""
    raw["version"] = 4
    return raw


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_1_to_2, 2: _upgrade_2_to_3, 3: _upgrade_3_to_4,
}


# -- validation ---------------------------------------------------------------------
class _Reader:
    """Reads typed fields out of a dict, naming the full key path in every error."""

    def __init__(self, data: Any, path: str, source: str) -> None:
        if not isinstance(data, dict):
            raise PlanFileError(f"{source}: '{path}' must be an object, found {type(data).__name__}")
        self.data, self.path, self.source = data, path, source

    def _key(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> PlanFileError:
        return PlanFileError(f"{self.source}: '{self._key(key)}' {problem}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, "is missing")
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, found {type(value).__name__}")
        if len(value) > MAX_TEXT:
            raise self.fail(key, f"is {len(value)} characters long (at most {MAX_TEXT})")
        return value

    def required_number(self, key: str, *, minimum: float = 0.0) -> float:
        """A number that must be there (no default, not optional)."""
        value = self.number(key, minimum=minimum)
        if value is None:
            raise self.fail(key, "is missing")
        return value

    def number(self, key: str, default: float | None = None, *, optional: bool = False, minimum: float = 0.0) -> float | None:
        value = self.data.get(key, default)
        if value is None:
            if optional:
                return None
            raise self.fail(key, "is missing")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"must be a number, found {type(value).__name__}")
        try:
            finite = math.isfinite(value)
        except OverflowError:  # a JSON integer of hundreds of digits
            finite = False
        if not finite or value < minimum:
            raise self.fail(key, f"must be a finite number ≥ {minimum:g}, found {value!r}")
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, found {type(value).__name__}")
        return value

    def child(self, key: str, default: Any = None) -> _Reader:
        value = self.data.get(key, default)
        if value is None:
            raise self.fail(key, "is missing")
        return _Reader(value, self._key(key), self.source)

    def list(self, key: str, limit: int) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list, found {type(value).__name__}")
        if len(value) > limit:
            raise self.fail(key, f"has {len(value)} entries (at most {limit})")
        return value


def _build(raw: dict[str, Any], source: str) -> Plan:
    top = _Reader(raw, "", source)
    substrate = top.child("substrate", {})
    reaction = top.child("reaction", {})
    reaction_type = reaction.text("type", "alkylation")
    from dzp_planner.core.reactions import registry

    if registry.find(reaction_type) is None:
        raise reaction.fail("type", f"is {reaction_type!r}; expected one of {', '.join(registry.ids())}")
    components = [_build_component(row, f"components[{i}]", source) for i, row in enumerate(top.list("components", MAX_COMPONENTS))]
    decisions = top.child("decisions", {})
    answers_raw = decisions.data.get("answers", {})
    answers = _string_map_of_maps(answers_raw, "decisions.answers", source)
    addition = top.child("addition", {})
    plan = Plan(
        title=top.text("title", "Untitled plan"),
        author=top.text("author", ""),
        plan_id=top.text("plan_id"),
        created=top.text("created"),
        modified=top.text("modified"),
        substrate_smiles=substrate.text("smiles", ""),
        substrate_molblock=substrate.text("molblock", ""),
        reaction_type=reaction_type,
        reagent_smiles=reaction.text("reagent_smiles", ""),
        product_smiles=reaction.text("product_smiles", ""),
        conditions=reaction.text("conditions", ""),
        components=components,
        decisions=answers,
        active_tree=decisions.text("active_tree", "alkylation"),
        model=_build_model(top.child("model", {})),
        template_id=top.text("template_id", ""),
        addition=Addition(
            component=addition.text("component", ""),
            volume=addition.text("volume", ""),
            time=addition.text("time", ""),
            solvent=addition.text("solvent", ""),
        ),
        notes=top.text("notes", ""),
        results=[_build_run(run, f"results.runs[{i}]", source) for i, run in enumerate(top.child("results", {}).list("runs", MAX_RUNS))],
    )
    if not plan.plan_id.strip():
        raise top.fail("plan_id", "is empty")
    _cross_check_substrate(plan, source)
    return plan


def _cross_check_substrate(plan: Plan, source: str) -> None:
    """The plan stores the substrate twice (SMILES for identity, MOL block for the drawing).
    When they describe different molecules the SMILES wins, the drawing is redrawn from it,
    and the plan says so (`load_warnings`); an unreadable MOL block is dropped the same way."""
    if not plan.substrate_smiles.strip() or not plan.substrate_molblock.strip():
        return
    from dzp_planner.core.chem.parsing import StructureError, canonical_smiles, parse_molblock, parse_smiles

    try:
        drawn = canonical_smiles(parse_molblock(plan.substrate_molblock))
    except StructureError:
        drawn = ""
    try:
        typed = canonical_smiles(parse_smiles(plan.substrate_smiles))
    except StructureError:
        return  # the SMILES itself is bad: the panels say so
    if drawn != typed:
        what = "an unreadable drawing" if not drawn else f"a drawing of another molecule ({drawn})"
        plan.load_warnings.append(
            f"{source}: the substrate's SMILES ({typed}) and {what} disagreed; the SMILES was kept and the drawing "
            "redrawn from it. Save the plan to keep the repaired drawing.")
        plan.substrate_molblock = ""


def _build_component(row: Any, path: str, source: str) -> Component:
    r = _Reader(row, path, source)
    role = r.text("role", "reagent")
    if role not in ROLES:
        raise r.fail("role", f"is {role!r}; expected one of {', '.join(ROLES)}")
    slot = r.text("slot", "")
    if slot and slot not in SLOTS:
        raise r.fail("slot", f"is {slot!r}; expected one of {', '.join(SLOTS)} or empty")
    purity = r.number("purity", 100.0)
    assert purity is not None
    if not 0 < purity <= 100:
        raise r.fail("purity", f"must be between 0 and 100 wt %, found {purity:g}")
    return Component(
        name=r.text("name"),
        role=role,
        smiles=r.text("smiles", ""),
        quantity=r.text("quantity", ""),
        mw=r.number("mw", optional=True),
        density=r.number("density", optional=True),
        concentration=r.number("concentration", optional=True),
        loading=r.number("loading", optional=True),
        purity=purity,
        salt=r.text("salt", ""),
        equiv_locked=r.boolean("equiv_locked", False),
        note=r.text("note", ""),
        slot=slot,
    )


def run_from_record(raw: Any, source: str) -> TrialRun:
    """A run read from elsewhere (the lab server's records) through the checks a plan file's run gets."""
    return _build_run(raw, "run", source)


def _build_run(raw: Any, path: str, source: str) -> TrialRun:
    r = _Reader(raw, path, source)
    analysis = r.text("analysis", "LCMS UV area")
    if analysis not in ANALYSES:
        raise r.fail("analysis", f"is {analysis!r}; expected one of {', '.join(ANALYSES)}")
    factors = []
    for key in ("rf_sm", "rf_mono", "rf_bis"):
        factor = r.number(key, 1.0)
        if not factor:
            raise r.fail(key, "must be greater than 0")
        factors.append(factor)
    sigma = r.number("sigma", 1.0)
    if not sigma:
        raise r.fail("sigma", "must be greater than 0")
    return TrialRun(
        equiv=r.number("equiv", optional=True), analysis=analysis,
        sm=r.number("sm", optional=True), mono=r.number("mono", optional=True), bis=r.number("bis", optional=True),
        rf_sm=factors[0], rf_mono=factors[1], rf_bis=factors[2], sigma=sigma,
        date=r.text("date", ""), note=r.text("note", ""), atmosphere=_atmosphere(r),
    )


def _atmosphere(r: _Reader) -> str:
    atmosphere = r.text("atmosphere", "")
    if atmosphere not in ATMOSPHERES:
        raise r.fail("atmosphere", f"is {atmosphere!r}; expected one of {', '.join(a for a in ATMOSPHERES if a)} (or empty)")
    return atmosphere


def _build_model(r: _Reader) -> ModelSettings:
    defaults = ModelSettings()
    pka_raw = r.data.get("pka", defaults.pka)
    if not isinstance(pka_raw, dict) or len(pka_raw) > 20:
        raise r.fail("pka", "must be an object of species → list of pKa values")
    pka: dict[str, list[float]] = {}
    for species, values in pka_raw.items():
        if not isinstance(values, list) or len(values) > 4:
            raise r.fail(f"pka.{species}", "must be a list of at most 4 numbers")
        pka_reader = _Reader({str(i): v for i, v in enumerate(values)}, f"{r.path}.pka.{species}", r.source)
        pka[str(species)] = [pka_reader.required_number(str(i), minimum=-5.0) for i in range(len(values))]
    k2_k1 = r.number("k2_k1", defaults.k2_k1)
    assert k2_k1 is not None
    from dzp_planner.core.models.presets import K2_K1_MAX, K2_K1_MIN, valid_k2_k1

    if valid_k2_k1(k2_k1) is None:
        raise r.fail("k2_k1", f"must be between {K2_K1_MIN:g} and {K2_K1_MAX:g}, found {k2_k1:g}")
    source = r.text("k2_k1_source", "assumed")
    if source not in K2_K1_SOURCES:
        raise r.fail("k2_k1_source", f"is {source!r}; expected one of {', '.join(K2_K1_SOURCES)}")
    site_ratio = r.number("site_rate_ratio", optional=True)
    if site_ratio is not None:
        from dzp_planner.core.models.two_sites import valid_ratio

        problem = valid_ratio(site_ratio)
        if problem:
            raise r.fail("site_rate_ratio", problem.removeprefix("the site-rate ratio "))
    return ModelSettings(
        k2_k1=k2_k1,
        electrophile_equiv=r.number("electrophile_equiv", optional=True),
        mixing_time_s=r.number("mixing_time_s", defaults.mixing_time_s) or defaults.mixing_time_s,
        addition_time_s=r.number("addition_time_s", defaults.addition_time_s) or 0.0,
        rate_constant_m_s=r.number("rate_constant_m_s", defaults.rate_constant_m_s) or defaults.rate_constant_m_s,
        k2_k1_source=source,
        k2_k1_note=r.text("k2_k1_note", ""),
        site_rate_ratio=site_ratio,
        pka=pka,
    )


def _string_map_of_maps(value: Any, path: str, source: str) -> dict[str, dict[str, str]]:
    if not isinstance(value, dict):
        raise PlanFileError(f"{source}: '{path}' must be an object of tree → answers")
    result: dict[str, dict[str, str]] = {}
    for tree, answers in value.items():
        if not isinstance(answers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
            raise PlanFileError(f"{source}: '{path}.{tree}' must map node ids to answer ids (text)")
        result[str(tree)] = dict(answers)
    return result
