"""A plan's title, as the app writes it: "N-Sulfonylation of 1-Boc-1,4-diazepane with tosyl chloride".

Why a module: Apply to plan, a new reagent and a new substrate all rewrite a title the app wrote,
and must leave alone a title the chemist typed; both need the same answer to "what would the app
call this plan?", so it is worked out here once.
"""

from __future__ import annotations

from dzp_planner.core.document.plan import Component, Plan
from dzp_planner.core.guidance.templates import Template, all_templates

DEFAULT_TITLE = "Untitled plan"


def _with_article(name: str) -> str:
    return f"an {name}" if name[:1] in "aeiou" else f"a {name}"


def plan_title(template: Template, rows: list[Component]) -> str:
    """The template's plan title with the rows' names ("Reductive amination of 1-Boc-1,4-diazepane with benzaldehyde")."""
    if not template.plan_title:
        return template.title
    from dzp_planner.core.chem.naming import in_sentence

    names = {row.slot: in_sentence(row.name) if row.smiles or row.slot != "electrophile" else _with_article(in_sentence(row.name))
             for row in rows if row.slot}
    names.setdefault("substrate", "the substrate")
    names.setdefault("electrophile", "the electrophile")
    title = template.plan_title
    for slot, name in names.items():
        title = title.replace("{" + slot + "}", name)
    return title


def generated_title(plan: Plan) -> str:
    """The title the app would give the plan as it is now ("" when it has nothing to name)."""
    from dzp_planner.core.chem.naming import in_sentence
    from dzp_planner.core.reactions import registry

    template = all_templates().get(plan.template_id) if plan.template_id else None
    if template is not None and template.plan_title and template.reaction_type == plan.reaction_type:
        return plan_title(template, plan.components)
    kind = registry.find(plan.reaction_type)
    substrate = next((c for c in plan.components if c.slot == "substrate"), None)
    electrophile = next((c for c in plan.components if c.slot == "electrophile"), None)
    if kind is None or substrate is None:
        return ""
    title = f"{kind.title} of {in_sentence(substrate.name)}"
    if electrophile is not None and electrophile.name:
        title += f" with {in_sentence(electrophile.name)}"
    return title


def is_generated(plan: Plan) -> bool:
    """Whether the title is one the app wrote (or none at all): such a title follows the plan."""
    title = plan.title.strip()
    if not title or title == DEFAULT_TITLE:
        return True
    if title in {t.title for t in all_templates().values()}:
        return True
    return title == generated_title(plan)


def scheme_reagents(components: list[Component]) -> str:
    """The reagents over a scheme's arrow, the electrophile first and each once: a salt's freeing base is the protocol's base again
    ("TEA (frees the 2HCl salt)" and "TEA" are one TEA over the arrow)."""
    from dzp_planner.core.guidance.procedure import frees_a_salt

    names: list[str] = []
    for c in sorted(components, key=lambda c: c.slot != "electrophile"):  # the electrophile first, then the table's order
        if c.role in ("limiting", "solvent"):
            continue
        name = c.name.split(" (")[0].strip() if frees_a_salt(c) else c.name.strip()
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return ", ".join(names)


def scheme_conditions(conditions: str, reagents: str) -> str:
    """The conditions under a scheme's arrow without what is already over it ("HATU, DIPEA, DMF, RT" under
    "4-fluorobenzoic acid, HATU, DIPEA" is "DMF, RT")."""
    above = {name.strip().casefold() for name in reagents.split(",")}
    return ", ".join(part.strip() for part in conditions.split(",") if part.strip().casefold() not in above)
