"""The `plankg` command: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.tree import Tree

from loaders import PlanError, load_plan
from loaders.model import Plan

app = typer.Typer(help="Load a government plan into a knowledge graph and serve it.")
# Off a terminal (a pipe, a file), keep whole lines: nobody reads it at 80 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False)

PlanFile = Annotated[Path, typer.Argument(help="a plan as a text file", show_default=False)]


class Format(StrEnum):
    json = "json"


def _load(path: Path) -> Plan:
    """Load or exit with the loader's one-line message on standard error."""
    try:
        return load_plan(path)
    except PlanError as error:
        err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except OSError as error:
        err.print(f"[bold red]error:[/] {path}: {error.strerror}", highlight=False)
        raise typer.Exit(2) from None


@app.command()
def inspect(path: PlanFile) -> None:
    """Print the parsed outline: chapters, tasks, targets and warnings."""
    plan = _load(path)
    out.print(outline_tree(plan), soft_wrap=True)
    for warning in plan.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)


def outline_tree(plan: Plan) -> Tree:
    period = f"{plan.period_start}-{plan.period_end}" if plan.period_start else "no period"
    root = Tree(
        f"[bold]{plan.title}[/] ({plan.region}, {period}, published {plan.published or '?'})\n"
        f"id {plan.id}  sha256 {plan.sha256[:12]}…  {len(plan.chapters)} chapters, "
        f"{len(plan.goals)} goals, {len(plan.tasks)} tasks, {len(plan.indicators)} targets"
    )
    targets: dict[tuple[str, int], int] = {}
    for indicator in plan.indicators:
        key = (indicator.scope, indicator.scope_number)
        targets[key] = targets.get(key, 0) + 1
    for chapter in plan.chapters:
        tasks = [t for t in plan.tasks if t.chapter == chapter.number]
        goals = [g for g in plan.goals if g.chapter == chapter.number]
        count = sum(targets.get(("task", t.number), 0) for t in tasks) + sum(
            targets.get(("goal", g.number), 0) for g in goals
        )
        branch = root.add(
            f"{chapter.numeral}、{chapter.title}  [dim]{len(tasks)} tasks, "
            f"{len(goals)} goals, {count} targets[/]"
        )
        for goal in goals:
            branch.add(
                f"goal {goal.number} ({goal.year}): {goal.title[:30]}…  "
                f"[dim]{targets.get(('goal', goal.number), 0)} targets[/]"
            )
        for task in tasks:
            twig = branch.add(
                f"{task.number}. {task.title}  "
                f"[dim]{targets.get(('task', task.number), 0)} targets[/]"
            )
            for line in _links(plan, task.number):
                twig.add(line)
    return root


def _links(plan: Plan, task: int) -> list[str]:
    """One line each for the task's places, agencies and themes, if it has any."""
    names = {p.id: p.name for p in plan.places}
    places = list(
        dict.fromkeys(
            names[m.place] for m in plan.mentions if (m.scope, m.scope_number) == ("task", task)
        )
    )
    agencies = {a.id: a.short_name for a in plan.agencies}
    roles = [
        f"{agencies[r.agency]} ({r.role}, {r.basis}"
        + (f" {r.score:.2f})" if r.basis == "inferred" else ")")
        for r in plan.responsibilities
        if r.task == task
    ]
    themes = {t.id: t.name for t in plan.themes}
    about = [f"{themes[t.theme]} {t.score:.2f}" for t in plan.theme_links if t.task == task]
    lines = [f"agencies: {'; '.join(roles)}"]
    if places:
        lines.append(f"places: {'、'.join(places)}")
    if about:
        lines.append(f"themes: {'; '.join(about)}")
    return [f"[dim]{line}[/]" for line in lines]


@app.command()
def export(
    path: PlanFile,
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write here instead of standard output")
    ] = None,
) -> None:
    """Write the plan model as JSON (byte-identical for the same input)."""
    document = _load(path).model_dump_json(indent=2) + "\n"
    if output is None:
        sys.stdout.write(document)
    else:  # whole or not at all: write beside the target, then rename over it
        partial = output.with_name(output.name + ".tmp")
        partial.write_text(document, encoding="utf-8")
        partial.replace(output)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", help="port (PORT)")] = 8000,
) -> None:
    """Serve the REST API (embedded store, or Neo4j when NEO4J_URI is set)."""
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(), host=host, port=port)


if __name__ == "__main__":
    app()
