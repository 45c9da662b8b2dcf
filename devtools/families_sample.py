"""Draw the sample of family joins to check by hand (README, "Indicator families: measured").

    .venv/bin/python -m devtools.families_sample [--size 60] [--seed 21] > rows.tsv

Reads Zhoushan and the corpus plans (../shared/corpus/plans), counts the targets and the
joins, and prints a seeded sample of the joins (all of them when there are fewer than
--size), in plan and indicator order, one TSV line each: plan, indicator number, family,
the quote (the target's sentence, line breaks removed), and empty verdict and why columns
for the reader. The counts go to stderr."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from plankg.loaders import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLANS = [ROOT / "data" / "plans" / "zhoushan-2021-2025.txt"]
CORPUS = ROOT.parent / "shared" / "corpus" / "plans"


def joins() -> tuple[int, list[tuple[str, int, str, str]]]:
    """(targets, joins as (plan, indicator number, family, quote))."""
    targets, found = 0, []
    for path in [*PLANS, *sorted(CORPUS.glob("*.txt"))]:
        plan = load_plan(path)
        number = {i.id: n for n, i in enumerate(plan.indicators, start=1)}
        quote = {i.id: " ".join(i.text.split()) for i in plan.indicators}
        targets += len(plan.indicators)
        found += [
            (plan.id, number[link.indicator], link.family, quote[link.indicator])
            for link in plan.family_links
        ]
    return targets, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args(argv)
    targets, found = joins()
    plans = len({plan for plan, *_ in found})
    print(f"{len(found)} of {targets} targets join a family, in {plans} plans", file=sys.stderr)
    sample = found if len(found) <= args.size else random.Random(args.seed).sample(found, args.size)
    print("plan\tindicator\tfamily\tquote\tverdict\twhy")
    for plan, number, family, quote in sorted(sample, key=lambda row: row[:2]):
        print(f"{plan}\t{number}\t{family}\t{quote}\t\t")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
