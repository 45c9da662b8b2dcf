"""Scoring the loader against gold readings (`plankg eval`, `make eval`).

A gold reading (`../shared/corpus/gold/NN-name.gold.json`, schema in its README) says what a
careful reader finds in one plan. This module compares a loaded `Plan` with it and counts,
per kind of fact, what the loader found that the reader also found (true positives), what
it found that the reader did not (false positives) and what it missed (false negatives):

- structure: a chapter (its title) or a task (its number and title); titles agree once
  spaces and full-width forms are folded, or when one begins the other (4 characters at least).
- region: the gold name begins with the loader's (安徽 / 安徽省), or both are 全国.
- period: [start, end] equal.
- leads, partners: a (task, body) pair of a responsibility clause; the body as written in the
  clause is one of the forms of an explicit agency link on the aligned task.
- places: a place the plan names, of the kinds divisions, countries, macro-regions, zones;
  one of the gold forms (`name`, `also`) is one of the loader's (its name, aliases, the
  surfaces it linked). places_other: towns, islands, seas, other named areas, apart.
- targets: value, upper value and unit equal, and the loader's match overlaps the gold
  quote in the text.

Besides the counts, `comparator` and `year` give how often a matched target's comparator
and year agree with the gold (accuracy over matched targets).

The rules are the README's; they are applied the same to every plan. Where a gold reading
covers only part of a plan's targets (`targets_scope` not "all"), a target the loader finds
outside the stretch of text from the first to the last gold quote is not counted against it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plankg.errors import PlankgError

# The kinds of fact, in the order the table shows them.
KINDS = ("structure", "region", "period", "leads", "partners", "places", "places_other", "targets")
ACCURACIES = ("comparator", "year")
# Gold place kinds scored as `places`; the rest (town, island, sea, other) as `places_other`.
SCORED_PLACE_KINDS = {"country", "province", "prefecture", "county", "zone", "region"}
LOADER_OTHER_PLACE_KINDS = {"town", "island", "archipelago"}
GOLD_SUFFIX = ".gold.json"


class GoldError(PlankgError):
    """A gold file that cannot be read: its path and what was expected."""


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Count) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0

    def add(self, other: Agreement) -> None:
        self.agree, self.total = self.agree + other.agree, self.total + other.total

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"agree": self.agree, "total": self.total, "accuracy": _round(self.accuracy)}


@dataclass
class PlanScore:
    """One plan's counts per kind, and the facts behind the misses (for `--details`)."""

    name: str
    counts: dict[str, Count] = field(default_factory=lambda: {k: Count() for k in KINDS})
    accuracies: dict[str, Agreement] = field(
        default_factory=lambda: {k: Agreement() for k in ACCURACIES}
    )
    misses: dict[str, list[str]] = field(default_factory=dict)

    def miss(self, kind: str, what: str) -> None:
        self.misses.setdefault(kind, []).append(what)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {k: c.as_dict() for k, c in self.counts.items()},
            "accuracies": {k: a.as_dict() for k, a in self.accuracies.items()},
        }


@dataclass
class Report:
    plans: list[PlanScore]

    def total(self, names: Iterable[str] | None = None) -> PlanScore:
        chosen = set(names) if names is not None else None
        total = PlanScore("total")
        for score in self.plans:
            if chosen is not None and score.name not in chosen:
                continue
            for kind, count in score.counts.items():
                total.counts[kind].add(count)
            for kind, agreement in score.accuracies.items():
                total.accuracies[kind].add(agreement)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total().as_dict(),
            "plans": {score.name: score.as_dict() for score in self.plans},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ---------------------------------------------------------------------------- reading gold


def read_gold(path: Path) -> dict[str, Any]:
    """A gold reading, checked for the fields the scorer reads (GoldError names what lacks)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise GoldError(f"{path}: expected UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}:{error.lineno}: expected JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: expected a JSON object")
    for key in ("region", "period", "chapters", "tasks", "places", "targets"):
        if key not in data:
            raise GoldError(f"{path}: expected the field {key!r}")
    for i, task in enumerate(data["tasks"]):
        for key in ("number", "title", "leads", "partners"):
            if key not in task:
                raise GoldError(f"{path}: tasks[{i}]: expected the field {key!r}")
    for i, place in enumerate(data["places"]):
        for key in ("name", "kind"):
            if key not in place:
                raise GoldError(f"{path}: places[{i}]: expected the field {key!r}")
    for i, target in enumerate(data["targets"]):
        for key in ("value", "unit", "quote"):
            if key not in target:
                raise GoldError(f"{path}: targets[{i}]: expected the field {key!r}")
    return data


def pair_files(plans: Sequence[Path], gold_dir: Path) -> list[tuple[Path, Path]]:
    """(plan file, gold file) pairs: a plan `NN-name.txt` with `gold_dir/NN-name.gold.json`.
    Folders given among the plans are read for `*.txt`; a plan without gold is left out."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: expected a folder of *{GOLD_SUFFIX} files")
    files: list[Path] = []
    for path in plans:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    pairs = []
    for path in files:
        gold = gold_dir / f"{path.stem}{GOLD_SUFFIX}"
        if gold.is_file():
            pairs.append((path, gold))
    if not pairs:
        raise GoldError(f"{gold_dir}: no *{GOLD_SUFFIX} file matches a plan given")
    return pairs


# ---------------------------------------------------------------------------- normalising


def comparable(text: str) -> str:
    """For comparing names and titles: NFKC (full-width forms half-width), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_TRAILING = "。：:；;，,.、"


def _title(text: str) -> str:
    return comparable(text).rstrip(_TRAILING)


def titles_agree(gold: str, loaded: str) -> bool:
    a, b = _title(gold), _title(loaded)
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _unit(text: str) -> str:
    return comparable(text).replace("％", "%")


# ---------------------------------------------------------------------------- scoring


def score_plan(plan: Any, gold: dict[str, Any], name: str) -> PlanScore:
    """Count one plan's facts against its gold reading (`plan` is a loaders.model.Plan)."""
    score = PlanScore(name)
    _score_metadata(plan, gold, score)
    pairs = _score_structure(plan, gold, score)
    _score_roles(plan, gold, pairs, score)
    _score_places(plan, gold, score)
    _score_targets(plan, gold, score)
    return score


def _score_metadata(plan: Any, gold: dict[str, Any], score: PlanScore) -> None:
    region = score.counts["region"]
    want, got = gold["region"], plan.region or ""
    if got and (
        comparable(want) == comparable(got) or comparable(want).startswith(comparable(got))
    ):
        region.tp += 1
    else:
        region.fn += 1
        if got:
            region.fp += 1
        score.miss("region", f"gold {want!r}, loaded {got!r}")
    period = score.counts["period"]
    want_period = list(gold["period"]) if gold["period"] else [None, None]
    got_period = [plan.period_start, plan.period_end]
    if want_period == got_period:
        period.tp += 1
    else:
        period.fn += 1
        if got_period != [None, None]:
            period.fp += 1
        score.miss("period", f"gold {want_period}, loaded {got_period}")


def _score_structure(plan: Any, gold: dict[str, Any], score: PlanScore) -> list[tuple[int, Any]]:
    """Chapters and tasks; returns the aligned (gold task index, loaded task) pairs."""
    count = score.counts["structure"]
    loaded_chapters = [c.title for c in plan.chapters]
    unmatched = list(loaded_chapters)
    for title in gold["chapters"]:
        hit = next((c for c in unmatched if titles_agree(title, c)), None)
        if hit is None:
            count.fn += 1
            score.miss("structure", f"chapter {title!r}")
        else:
            count.tp += 1
            unmatched.remove(hit)
    count.fp += len(unmatched)
    for title in unmatched:
        score.miss("structure", f"extra chapter {title!r}")

    # Tasks aligned in document order: each gold task with the next loaded task whose title
    # agrees (a monotone walk, so a repeated title cannot pair out of order).
    pairs: list[tuple[int, Any]] = []
    tasks = list(plan.tasks)
    start = 0
    for index, want in enumerate(gold["tasks"]):
        for j in range(start, len(tasks)):
            if titles_agree(want["title"], tasks[j].title):
                pairs.append((index, tasks[j]))
                start = j + 1
                break
    paired = {index: task for index, task in pairs}
    used = {id(task) for _, task in pairs}
    for index, want in enumerate(gold["tasks"]):
        task = paired.get(index)
        if task is not None and task.number == want["number"]:
            count.tp += 1
            continue
        count.fn += 1
        if task is None:
            score.miss("structure", f"task {want['number']} {want['title']!r}: not found")
        else:
            count.fp += 1
            score.miss(
                "structure", f"task {want['number']} {want['title']!r}: numbered {task.number}"
            )
    for task in tasks:
        if id(task) not in used:
            count.fp += 1
            score.miss("structure", f"extra task {task.number} {task.title[:30]!r}")
    return pairs


def _agency_forms(plan: Any) -> dict[str, set[str]]:
    forms: dict[str, set[str]] = {}
    for agency in plan.agencies:
        forms[agency.id] = {
            comparable(n) for n in (agency.name, agency.short_name, *agency.aliases)
        }
    return forms


def _score_roles(
    plan: Any, gold: dict[str, Any], pairs: list[tuple[int, Any]], score: PlanScore
) -> None:
    forms = _agency_forms(plan)
    by_task: dict[int, list[Any]] = {}
    for link in plan.responsibilities:
        if link.basis == "explicit":
            by_task.setdefault(link.task, []).append(link)
    paired = {index: task for index, task in pairs}
    seen_tasks = {task.number for _, task in pairs}
    for role, kind in (("lead", "leads"), ("partner", "partners")):
        count = score.counts[kind]
        for index, want in enumerate(gold["tasks"]):
            names = [comparable(n) for n in want[kind]]
            task = paired.get(index)
            links = [x for x in by_task.get(task.number, []) if x.role == role] if task else []
            remaining = list(links)
            for name in names:
                hit = next(
                    (
                        x
                        for x in remaining
                        if name in forms.get(x.agency, set()) | {comparable(t) for t in x.terms}
                    ),
                    None,
                )
                if hit is None:
                    count.fn += 1
                    score.miss(kind, f"task {want['number']}: {name} not found")
                else:
                    count.tp += 1
                    remaining.remove(hit)
            count.fp += len(remaining)
            for x in remaining:
                score.miss(kind, f"task {want['number']}: extra {x.agency} {x.terms}")
        # Explicit links on loaded tasks the gold has no task for.
        for number, links in by_task.items():
            if number not in seen_tasks:
                extra = [x for x in links if x.role == role]
                count.fp += len(extra)
                for x in extra:
                    score.miss(kind, f"loaded task {number} (not in gold): {x.agency}")


def _loaded_places(plan: Any) -> dict[str, tuple[str, set[str]]]:
    """The places the plan's text names (not the ancestors added for the graph): their
    kind and every form they go by."""
    places = {p.id: p for p in plan.places}
    named: dict[str, tuple[str, set[str]]] = {}
    for mention in plan.mentions:
        place = places.get(mention.place)
        if place is None:
            continue
        kind, forms = named.setdefault(
            place.id,
            (place.kind, {comparable(place.name), *(comparable(a) for a in place.aliases)}),
        )
        forms.add(comparable(mention.surface))
    return named


def _score_places(plan: Any, gold: dict[str, Any], score: PlanScore) -> None:
    loaded = _loaded_places(plan)
    matched: set[str] = set()
    for want in gold["places"]:
        kind = "places" if want["kind"] in SCORED_PLACE_KINDS else "places_other"
        forms = {comparable(want["name"]), *(comparable(a) for a in want.get("also") or [])}
        hit = next(
            (pid for pid, (_, got) in loaded.items() if pid not in matched and forms & got), None
        )
        if hit is None:
            score.counts[kind].fn += 1
            score.miss(kind, f"{want['name']} ({want['kind']}) not found")
        else:
            score.counts[kind].tp += 1
            matched.add(hit)
    for pid, (kind, forms) in loaded.items():
        if pid in matched:
            continue
        bucket = "places_other" if kind in LOADER_OTHER_PLACE_KINDS else "places"
        score.counts[bucket].fp += 1
        score.miss(bucket, f"extra {pid} ({kind}) {sorted(forms)}")


def _quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _score_targets(plan: Any, gold: dict[str, Any], score: PlanScore) -> None:
    count = score.counts["targets"]
    text = plan.text
    indicators = list(plan.indicators)
    wanted = [(t, _quote_spans(text, t["quote"])) for t in gold["targets"]]
    if gold.get("targets_scope", "all") != "all":
        ends = [s for _, spans in wanted for s in spans]
        if ends:
            first, last = min(s[0] for s in ends), max(s[1] for s in ends)
            indicators = [
                i for i in indicators if i.match_span.end > first and i.match_span.start < last
            ]
    remaining = list(indicators)
    for want, spans in wanted:
        value_max = want.get("value_max")

        def agrees(ind: Any, want: dict = want, spans: list = spans, value_max: Any = value_max):
            if ind.value != float(want["value"]):
                return False
            if (ind.value_max is None) != (value_max is None):
                return False
            if value_max is not None and ind.value_max != float(value_max):
                return False
            if _unit(ind.unit) != _unit(want["unit"]):
                return False
            at = (ind.match_span.start, ind.match_span.end)
            return any(at[0] < end and at[1] > start for start, end in spans)

        hit = next((ind for ind in remaining if agrees(ind)), None)
        if hit is None:
            count.fn += 1
            score.miss("targets", f"{want['name']} {want['value']}{want['unit']}: not found")
            continue
        count.tp += 1
        remaining.remove(hit)
        comparator = score.accuracies["comparator"]
        comparator.total += 1
        if hit.comparator == want.get("comparator", "="):
            comparator.agree += 1
        else:
            score.miss(
                "comparator",
                f"{want['name']}: gold {want.get('comparator')}, loaded {hit.comparator}",
            )
        year = score.accuracies["year"]
        year.total += 1
        if hit.year == want.get("year"):
            year.agree += 1
        else:
            score.miss("year", f"{want['name']}: gold {want.get('year')}, loaded {hit.year}")
    count.fp += len(remaining)
    for ind in remaining:
        score.miss("targets", f"extra {ind.name} {ind.value}{ind.unit} ({ind.text[:40]!r})")


# ---------------------------------------------------------------------------- running


def evaluate(pairs: Sequence[tuple[Path, Path]]) -> Report:
    """Load every plan (in parallel) and score it against its gold reading."""
    from plankg.loaders.batch import load_plans

    golds = [read_gold(gold) for _, gold in pairs]
    plans = load_plans([plan for plan, _ in pairs])
    return Report(
        [
            score_plan(plan, gold, path.stem)
            for plan, gold, (path, _) in zip(plans, golds, pairs, strict=True)
        ]
    )


def render_table(report: Report, held_out: Iterable[str] = ()) -> str:
    """The report as a Markdown table: P / R / F1 per kind, per plan and in total."""
    held = [s.name for s in report.plans if s.name in set(held_out)]
    header = "| plan | " + " | ".join(KINDS) + " | " + " | ".join(ACCURACIES) + " |"
    lines = [header, "|" + "---|" * (len(KINDS) + len(ACCURACIES) + 1)]
    rows = list(report.plans)
    totals = [("**total**", report.total())]
    if held:
        seen = [s.name for s in report.plans if s.name not in held]
        totals += [
            ("**written against**", report.total(seen)),
            ("**held out**", report.total(held)),
        ]
    for label, plan_score in [(s.name, s) for s in rows] + totals:
        cells = [_cell(plan_score.counts[k]) for k in KINDS]
        cells += [_accuracy_cell(plan_score.accuracies[k]) for k in ACCURACIES]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Each cell: precision / recall / F1 (true positives of the gold count); "
        "comparator and year: agreement over matched targets."
    )
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _cell(count: Count) -> str:
    if count.tp + count.fp + count.fn == 0:
        return "–"
    return (
        f"{_fmt(count.precision)} / {_fmt(count.recall)} / {_fmt(count.f1)} "
        f"({count.tp}/{count.tp + count.fn})"
    )


def _accuracy_cell(agreement: Agreement) -> str:
    if not agreement.total:
        return "–"
    return f"{_fmt(agreement.accuracy)} ({agreement.agree}/{agreement.total})"


# ---------------------------------------------------------------------------- the record


def recorded_figures(report: Report) -> dict[str, float]:
    """The figures `make test` holds the loader to: precision, recall and F1 of every kind,
    in total and per plan, and the accuracies (None, nothing to measure, is left out)."""
    figures: dict[str, float] = {}
    for score in [report.total(), *report.plans]:
        for kind, count in score.counts.items():
            for measure in ("precision", "recall", "f1"):
                value = getattr(count, measure)
                if value is not None:
                    figures[f"{score.name}/{kind}/{measure}"] = round(value, 4)
        for kind, agreement in score.accuracies.items():
            if agreement.accuracy is not None:
                figures[f"{score.name}/{kind}/accuracy"] = round(agreement.accuracy, 4)
    return figures


def regressions(report: Report, record: dict[str, float]) -> list[str]:
    """Every recorded figure the report falls below (a figure no longer measured counts)."""
    now = recorded_figures(report)
    worse = []
    for key, was in sorted(record.items()):
        value = now.get(key)
        # Not measured now: a precision or F1 with nothing found (then the recall, which
        # is measured while the gold has facts, says whether that is worse), or an
        # accuracy over no matched targets (the targets' recall says it).
        if value is not None and value < was - 1e-9:
            worse.append(f"{key}: was {was:.4f}, now {value:.4f}")
    return worse


def improvements(report: Report, record: dict[str, float]) -> list[str]:
    now = recorded_figures(report)
    return [
        f"{key}: was {record.get(key, 0):.4f}, now {value:.4f}"
        for key, value in sorted(now.items())
        if key not in record or value > record[key] + 1e-9
    ]
