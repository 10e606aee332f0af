"""Site analysis of 1,000 varied SMILES (budget 2 s), cold cache. Never asserts."""

from __future__ import annotations

import itertools
import statistics
import time


def corpus(n: int = 1000) -> list[str]:
    """Substituted diazepanes, look-alikes and oxidised forms, all distinct."""
    n_groups = ["", "C", "CC", "C(=O)C", "C(=O)OC(C)(C)C", "S(=O)(=O)C", "Cc1ccccc1", "c1ccccc1", "C(=O)c1ccccc1"]
    c_groups = ["", "C", "CC", "C#N", "C(=O)O", "F", "OC", "c1ccncc1"]
    out = []
    for a, b, c, length in itertools.product(n_groups, n_groups, c_groups, range(1, 6)):
        chain = "C" * length
        n1 = f"N({a})" if a else "N"
        n4 = f"N({b})" if b else "N"
        sub = f"({c})" if c else ""
        out.append(f"C1C{sub}{n1}CC{n4}C1{chain}")  # C7-C(sub)-N1-C-C-N4-C: a 7-ring
        if len(out) >= n:
            break
    return out[:n]


def main(rounds: int = 5) -> None:
    from dzp_planner.core import chem

    smiles = corpus()
    chem.analyze("C1CNCCNC1")  # import RDKit outside the timing
    times = []
    for _ in range(rounds):
        chem._analyze_cached.cache_clear()
        started = time.perf_counter()
        for s in smiles:
            try:
                chem.analyze(s)
            except Exception:  # noqa: BLE001 - a refusal is part of what is timed
                pass
        times.append(time.perf_counter() - started)
    print(f"| 1,000 analyses ({len(set(smiles))} distinct SMILES) | median {statistics.median(times) * 1000:.0f} ms | "
          f"min {min(times) * 1000:.0f} ms | max {max(times) * 1000:.0f} ms | budget 2000 ms |")


if __name__ == "__main__":
    main()
