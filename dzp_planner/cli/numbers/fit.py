"""`dzp-planner fit`: k2/k1 from a trial's SM / mono / bis (or mono:bis ratio), with a 95 % interval."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dzp_planner.core.errors import UserInputError

HELP = (
    "Fit k2/k1 to a measured result: --sm A --mono B --bis C (areas or amounts, each divided by its "
    "response factor), or --mono-bis-ratio R --equiv E (electrophile assumed consumed), or '-' for "
    '{"runs": [{"equiv", "sm", "mono", "bis", "rf_sm"?, "rf_mono"?, "rf_bis"?}, ...], "sigma": S} on stdin.'
)
MAX_STDIN = 1_000_000
MAX_RUNS = 200


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("stdin", nargs="?", choices=["-"], help="read the runs as JSON from stdin")
    parser.add_argument("--sm", type=float, help="SM area or amount")
    parser.add_argument("--mono", type=float, help="mono area or amount")
    parser.add_argument("--bis", type=float, help="bis area or amount")
    parser.add_argument("--equiv", type=float, help="equivalents of electrophile charged")
    parser.add_argument("--rf-sm", type=float, default=1.0, help="response factor of SM (default 1)")
    parser.add_argument("--rf-mono", type=float, default=1.0, help="response factor of mono (default 1)")
    parser.add_argument("--rf-bis", type=float, default=1.0, help="response factor of bis (default 1)")
    parser.add_argument("--sigma", type=float, default=1.0, help="uncertainty of each number, area-%% points (default 1)")
    parser.add_argument("--mono-bis-ratio", type=float, help="mono:bis ratio in moles (with --equiv)")


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UserInputError(f"{what} must be a number, not {json.dumps(value)[:40]}")
    try:
        return float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise UserInputError(f"{what} is too large to be a measured number") from None


def _runs_from_stdin() -> tuple[list[Any], float]:
    from dzp_planner.core.models.fitting import Run

    text = sys.stdin.read(MAX_STDIN + 1)
    if len(text) > MAX_STDIN:
        raise UserInputError(f"the JSON on stdin is larger than {MAX_STDIN // 1000} kB")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise UserInputError(f"stdin is not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("runs"), list) or not data["runs"]:
        raise UserInputError('stdin must be {"runs": [{"equiv", "sm", "mono", "bis"}, ...], "sigma": S}')
    if len(data["runs"]) > MAX_RUNS:
        raise UserInputError(f"at most {MAX_RUNS} runs")
    runs = []
    for i, raw in enumerate(data["runs"], start=1):
        if not isinstance(raw, dict):
            raise UserInputError(f"run {i} must be an object with sm, mono and bis")
        missing = [k for k in ("sm", "mono", "bis") if k not in raw]
        if missing:
            raise UserInputError(f"run {i} has no {', '.join(missing)}")
        equiv = raw.get("equiv")
        runs.append(Run(
            _number(raw["sm"], f"run {i} sm"), _number(raw["mono"], f"run {i} mono"), _number(raw["bis"], f"run {i} bis"),
            None if equiv is None else _number(equiv, f"run {i} equiv"),
            *(_number(raw.get(k, 1.0), f"run {i} {k}") for k in ("rf_sm", "rf_mono", "rf_bis")),
        ))
    sigma = _number(data.get("sigma", 1.0), "sigma")
    return runs, sigma


def run(args: argparse.Namespace) -> dict[str, Any]:
    from dzp_planner.core.models import fitting

    given_runs = [f"--{k}" for k in ("sm", "mono", "bis") if getattr(args, k) is not None]
    if args.stdin == "-" and (given_runs or args.mono_bis_ratio is not None):
        raise UserInputError(f"'-' (runs as JSON on stdin) and {', '.join(given_runs) or '--mono-bis-ratio'} were both given: use one")
    if args.mono_bis_ratio is not None and given_runs:
        raise UserInputError(f"--mono-bis-ratio and {', '.join(given_runs)} were both given: use one way to give the run")
    if args.stdin == "-":
        runs, sigma = _runs_from_stdin()
        return fitting.fit_runs(runs, sigma, predict_equiv=runs[0].equiv).as_dict()
    if args.mono_bis_ratio is not None:
        if args.equiv is None:
            raise UserInputError("--mono-bis-ratio needs --equiv (the equivalents charged, assumed consumed)")
        return fitting.fit_mono_bis_ratio(args.mono_bis_ratio, args.equiv, args.sigma).as_dict()
    given = {k: getattr(args, k) for k in ("sm", "mono", "bis")}
    missing = [f"--{k}" for k, v in given.items() if v is None]
    if missing:
        raise UserInputError(f"give {', '.join(missing)} (or --mono-bis-ratio with --equiv, or '-' for JSON on stdin)")
    one = fitting.Run(args.sm, args.mono, args.bis, args.equiv, args.rf_sm, args.rf_mono, args.rf_bis)
    return fitting.fit_runs([one], args.sigma, predict_equiv=args.equiv).as_dict()
