"""The `plankg` command: a thin layer that parses arguments and calls the library."""

from __future__ import annotations

import logging
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

# The loaders are imported where they are used: `plankg serve` started from a snapshot
# of the store never needs them (they cost a second and 150 MB).
if TYPE_CHECKING:
    from plankg.config import Settings
    from plankg.loaders.model import Plan

app = typer.Typer(help="Load a government plan into a knowledge graph and serve it.")
# Off a terminal (a pipe, a file), keep whole lines: nobody reads it at 80 columns.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False)

# readable=False: click's own check prints a box; loaders/files.py says it in one line.
PlanFile = Annotated[
    Path, typer.Argument(help="a plan as a text file", show_default=False, readable=False)
]
RegionOption = Annotated[
    str | None,
    typer.Option("--region", help="whose plan it is, when the text does not say (e.g. 宁波)"),
]
IdOption = Annotated[str | None, typer.Option("--id", help="the plan id, instead of the one read")]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="print every warning, not only the first few")
]
StrictOption = Annotated[
    bool,
    typer.Option("--strict", help="any warning is an error: exit 2, nothing written"),
]
# Warnings printed per plan without -v: enough to see what kind of trouble it is.
FIRST_WARNINGS = 3
TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        help="the plan's title, for a text without its title line (a database export)",
    ),
]


class Format(StrEnum):
    json = "json"  # the plan model: one plan
    graphml = "graphml"  # the graph of every plan given, for Gephi, yEd, networkx
    node_link = "node-link"  # the same as networkx's node-link JSON
    neo4j_csv = "neo4j-csv"  # a folder for `neo4j-admin database import full`


def _fail(message: object, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    """The settings (plankg/config.py), a variable that is not valid (NEO4J_TIMEOUT=0, or
    not a number) one line and exit 2."""
    from pydantic import ValidationError

    from plankg.config import Settings

    try:
        return Settings()
    except ValidationError as error:
        problem = error.errors()[0]
        name = "_".join(str(part) for part in problem["loc"][:1]).upper() or "a setting"
        _fail(f"{name}={problem.get('input')!r}: {problem['msg']}")


@contextmanager
def _plankg_errors_exit(prefix: str = "") -> Iterator[None]:
    """Any PlankgError (a bad plan or data file, an unreachable Neo4j, a failed load) and an
    unreadable path: one line on standard error, exit 2 (1 for a load Neo4j failed)."""
    from plankg.errors import PlankgError

    try:
        yield
    except PlankgError as error:
        _fail(f"{prefix}{error}".replace("\n", " "), code=error.exit_code)
    except OSError as error:
        _fail(f"{error.filename}: {error.strerror}")


class _Warned(Protocol):
    source: str
    warnings: list[str]


def report_warnings(plans: Sequence[_Warned], verbose: bool, strict: bool) -> None:
    """Each plan's warnings on standard error: a count and the first few (all with -v).
    With --strict a plan with any warning stops the command before it writes anything."""
    for plan in plans:
        if not plan.warnings:
            continue
        count = len(plan.warnings)
        if strict:
            _fail(
                f"{plan.source}: {count} warning{'s' if count != 1 else ''} with --strict "
                f"(first: {plan.warnings[0]}); nothing was written".replace("\n", " ")
            )
        shown = plan.warnings if verbose else plan.warnings[:FIRST_WARNINGS]
        more = "" if len(shown) == count else f" (first {len(shown)}; -v for all)"
        err.print(
            f"[yellow]{escape(plan.source)}: {count} warning{'s' if count != 1 else ''}[/]{more}",
            highlight=False,
            soft_wrap=True,
        )
        for warning in shown:
            err.print(f"  {escape(warning)}", highlight=False, soft_wrap=True)


def _load(
    path: Path, region: str | None = None, plan_id: str | None = None, title: str | None = None
) -> Plan:
    from plankg.loaders import load_plan

    with _plankg_errors_exit():
        return load_plan(path, region, plan_id, title)


@app.command()
def inspect(
    path: PlanFile,
    region: RegionOption = None,
    plan_id: IdOption = None,
    title: TitleOption = None,
) -> None:
    """Print the parsed outline: chapters, tasks, targets and warnings."""
    plan = _load(path, region, plan_id, title)
    out.print(heading_tree(plan), soft_wrap=True)
    out.print(outline_tree(plan), soft_wrap=True)
    for warning in plan.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False)


def heading_tree(plan: Plan) -> Tree:
    """The headings the loader found, nested by level, and the level it took as tasks."""
    root = Tree(
        f"[bold]headings[/] ({len(plan.headings)}); tasks are the [bold]{plan.task_level}[/] "
        f"items: {len(plan.tasks)}"
    )
    task_starts = sorted(t.span.start for t in plan.tasks)
    stack: list[tuple[int, Tree]] = [(-99, root)]
    for heading in plan.headings:
        while stack[-1][0] >= heading.level:
            stack.pop()
        # A task starting within the heading's first 12 characters (bisect: linear in all).
        at = bisect_left(task_starts, heading.span.start)
        is_task = at < len(task_starts) and task_starts[at] < heading.span.start + 12
        mark = " [green]task[/]" if is_task else ""
        node = stack[-1][1].add(
            f"{escape(heading.label + heading.title[:40])}  [dim]line {heading.line}[/]{mark}"
        )
        stack.append((heading.level, node))
    return root


def outline_tree(plan: Plan) -> Tree:
    from plankg.loaders.link import profile_report

    period = (
        f"{plan.period_start or '?'}-{plan.period_end or '?'}"
        if plan.period_start or plan.period_end
        else "no period"
    )
    root = Tree(
        f"[bold]{plan.title}[/] ({plan.region}, {period}, published {plan.published or '?'})\n"
        f"id {plan.id}  sha256 {plan.sha256[:12]}…  {len(plan.chapters)} chapters, "
        f"{len(plan.goals)} goals, {len(plan.tasks)} tasks, {len(plan.indicators)} targets\n"
        f"{escape(profile_report(plan))}"
    )
    targets: dict[tuple[str, int], int] = {}
    for indicator in plan.indicators:
        key = (indicator.scope, indicator.scope_number)
        targets[key] = targets.get(key, 0) + 1
    tasks_of: dict[int, list] = {}
    goals_of: dict[int, list] = {}
    for task in plan.tasks:
        tasks_of.setdefault(task.chapter, []).append(task)
    for goal in plan.goals:
        goals_of.setdefault(goal.chapter, []).append(goal)
    links = _links(plan)
    for chapter in plan.chapters:
        tasks = tasks_of.get(chapter.number, [])
        goals = goals_of.get(chapter.number, [])
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
            for line in links(task.number):
                twig.add(line)
    return root


def _links(plan: Plan) -> Callable[[int], list[str]]:
    """One line each for a task's places, agencies and themes, if it has any: the plan's
    links grouped by task once (asking every list per task was quadratic in the tasks)."""
    names = {p.id: p.name for p in plan.places}
    places: dict[int, dict[str, None]] = {}
    for m in plan.mentions:
        if m.scope == "task":
            places.setdefault(m.scope_number, {})[names[m.place]] = None
    agencies = {a.id: a.short_name for a in plan.agencies}
    roles: dict[int, list[str]] = {}
    for r in plan.responsibilities:
        roles.setdefault(r.task, []).append(
            f"{agencies[r.agency]} ({r.role}, {r.basis}"
            + (f" {r.score:.2f})" if r.basis == "inferred" else ")")
        )
    themes = {t.id: t.name for t in plan.themes}
    about: dict[int, list[str]] = {}
    for t in plan.theme_links:
        about.setdefault(t.task, []).append(f"{themes[t.theme]} {t.score:.2f}")

    def lines_of(task: int) -> list[str]:
        lines = [f"agencies: {'; '.join(roles.get(task, []))}"]
        if places.get(task):
            lines.append(f"places: {'、'.join(places[task])}")
        if about.get(task):
            lines.append(f"themes: {'; '.join(about[task])}")
        return [f"[dim]{line}[/]" for line in lines]

    return lines_of


@app.command()
def export(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="plan text files, or folders of them (*.txt)", show_default=False, readable=False
        ),
    ],
    region: RegionOption = None,
    plan_id: IdOption = None,
    title: TitleOption = None,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json: one plan's model; graphml, node-link: the graph of every plan given; "
            "neo4j-csv: a folder of CSV files for neo4j-admin database import (needs -o)",
        ),
    ] = Format.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="write here (a new folder for neo4j-csv) instead of standard output",
        ),
    ] = None,
    verbose: VerboseOption = False,
    strict: StrictOption = False,
) -> None:
    """Write the plan model as JSON (byte-identical for the same input), or the graph of
    several plans as GraphML, node-link JSON or CSV files for neo4j-admin; the reader's
    warnings go to standard error. Nothing is written unless all of it is."""
    files = _plan_paths(paths)
    if len(files) != 1 and (region or plan_id or title):
        _fail(f"--region, --id and --title name one plan: expected one plan file, got {len(files)}")
    if format == Format.json and len(files) != 1:
        _fail(
            f"--format json is one plan's model, and {len(files)} plans were given: "
            "expected --format graphml, node-link or neo4j-csv for several"
        )
    if format == Format.neo4j_csv and output is None:
        _fail("--format neo4j-csv writes a folder of files: expected -o FOLDER")
    if format == Format.neo4j_csv and output is not None and output.exists():
        _fail(f"{output}: already exists: expected the name of a new folder to write into")
    if format == Format.json:
        plan = _load(files[0], region, plan_id, title)
        report_warnings([plan], verbose, strict)
        # The JSON as pydantic's bytes (what model_dump_json decodes): a plan at the limits
        # is 140 MB of JSON, and a str of it, then its encoding, cost that twice more again.
        _write_out(output, type(plan).__pydantic_serializer__.to_json(plan, indent=2) + b"\n")
        return
    graph = _graph_of(files, region, plan_id, title, verbose, strict)
    from plankg.graph import exports

    with _plankg_errors_exit():
        if format == Format.graphml:
            _write_out(output, exports.graphml(graph))
        elif format == Format.node_link:
            _write_out(output, exports.node_link_json(graph) + b"\n")
        else:
            _write_folder(output, lambda folder: exports.write_neo4j_csv(graph, folder))


def _graph_of(
    files: list[Path],
    region: str | None,
    plan_id: str | None,
    title: str | None,
    verbose: bool,
    strict: bool,
):
    """The graph of these plans, as the embedded store holds it (one read, then built)."""
    from plankg.graph.build import build_graph, check_unique_ids
    from plankg.graph.memory import MemoryStore
    from plankg.loaders.batch import load_plans as read_plans

    if len(files) == 1:
        plans = [_load(files[0], region, plan_id, title)]
    else:
        with _plankg_errors_exit():
            plans = read_plans(files, console=err)
    with _plankg_errors_exit():
        check_unique_ids(plans)
    report_warnings(plans, verbose, strict)
    return MemoryStore(build_graph(plans)).export()


def _write_out(output: Path | None, document: bytes) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(document)
        sys.stdout.buffer.flush()
    else:
        _write_whole(output, document)


def _write_folder(output: Path, write: Callable[[Path], object]) -> None:
    """Whole or not at all: the files go into a fresh hidden folder beside `output`, which
    is renamed to `output` once all are written; on any failure it goes, and `output` is
    never made."""
    import shutil
    import tempfile

    try:
        partial = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    except OSError as error:
        _fail(f"{output}: cannot write there ({error.strerror}): expected a writable folder")
    try:
        write(partial)
        partial.chmod(0o755 & ~_umask())  # mkdtemp makes it private
        partial.rename(output)
    except OSError as error:
        _fail(f"{output}: cannot write it ({error.strerror})")
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _write_whole(output: Path, document: str | bytes) -> None:
    """Whole or not at all: write a temporary file beside the target, then rename it over
    the target; on any failure the temporary file goes and the target is untouched."""
    import os
    import tempfile

    if output.is_dir():
        _fail(f"{output}: is a directory: expected a file name to write the JSON to")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as error:
        _fail(f"{output}: cannot write there ({error.strerror}): expected a writable folder")
    partial = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(document.encode("utf-8") if isinstance(document, str) else document)
        os.chmod(partial, 0o644 & ~_umask())  # mkstemp makes it private
        partial.replace(output)
    except OSError as error:
        _fail(f"{output}: cannot write it ({error.strerror})")
    finally:
        partial.unlink(missing_ok=True)


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="PORT", help="port (PORT)")] = 8000,
    workers: Annotated[
        int,
        typer.Option(min=1, help="processes, each with its own copy of the graph"),
    ] = 1,
    access_log: Annotated[
        bool, typer.Option("--access-log", help="log one line per request (costs throughput)")
    ] = False,
) -> None:
    """Serve the REST API (embedded store, or Neo4j when NEO4J_URI is set)."""
    import uvicorn

    from plankg.api.server import uvicorn_options

    settings = _settings()  # a bad PLANKG_* value: one line, exit 2, before anything starts
    if settings.neo4j_uri:
        _check_neo4j(settings)
    # The factory by name, so that each worker process builds its own app and store.
    target: object = "plankg.api.app:create_app"
    if workers == 1:
        target = _embedded_app(settings) or target
    uvicorn.run(
        target,
        factory=isinstance(target, str),
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        # Header size and time, keep-alive, connections, backlog (PLANKG_*: api/server.py).
        **uvicorn_options(settings),
    )


def _check_neo4j(settings: Settings) -> None:
    """Before the server starts, as `plankg load` does: a URI that is not Bolt (http://), no
    server there, a port that does not answer within NEO4J_TIMEOUT, or a refused login is
    one line and exit 2 (in the app's start-up it would be a traceback and exit 3, or a
    server answering 503 to everything). Once started, the API outlives Neo4j going away."""
    from plankg.graph.neo4j_load import connect

    # The driver logs a failed routing lookup (neo4j://) besides raising: one line only.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    with _plankg_errors_exit():
        connect(
            settings.neo4j_uri or "",
            settings.neo4j_user,
            settings.neo4j_password.get_secret_value(),
            settings.neo4j_timeout,
        ).close()


def _embedded_app(settings: Settings):
    """The app with its embedded store built here, before the server starts, so that a bad
    plan file is one line and exit 2 (in the app's start-up the server would print a
    traceback and exit 3). None for Neo4j: its store connects in the app's start-up."""
    if settings.neo4j_uri:
        return None
    from plankg.api.app import build_store, create_app

    with _plankg_errors_exit():
        return create_app(settings, build_store(settings))


@app.command()
def load(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="plan text files, or folders of them (*.txt; default: PLANKG_PLANS, else "
            "the Zhoushan plan)",
            show_default=False,
            readable=False,
        ),
    ] = None,
    neo4j_uri: Annotated[
        str | None,
        typer.Option("--neo4j-uri", help="bolt://host:7687 or neo4j://… (default: NEO4J_URI)"),
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="user name (default: NEO4J_USER, else neo4j)")
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            help="password, none for no auth (default: NEO4J_PASSWORD)", show_default=False
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option(help="database (default: NEO4J_DATABASE, else the server's)"),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(help="seconds to wait for Neo4j to answer (default: NEO4J_TIMEOUT, else 10)"),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="first delete what earlier loads of each plan wrote")
    ] = False,
    verbose: VerboseOption = False,
    strict: StrictOption = False,
    title: TitleOption = None,
) -> None:
    """Load plans into Neo4j: the schema, then one transaction for all the files (up to
    40,000 nodes and relationships, about 45 plans like Zhoushan's; more go in groups of
    whole plans of that size), so a failed load writes nothing. Loading again changes
    nothing."""
    from neo4j.exceptions import DriverError, Neo4jError

    from plankg.graph.build import check_unique_ids
    from plankg.graph.neo4j_corrections import apply_kept as apply_kept_corrections
    from plankg.graph.neo4j_load import (
        LoadError,
        PartialLoad,
        check_uri,
        connect,
        load_plans,
        one_line,
        plan_rows,
        safe_uri,
    )
    from plankg.loaders.batch import load_plans as read_plans

    # The driver logs a failed routing lookup (neo4j://) as a warning besides raising: with
    # no handler of its own, Python would print it as a second line on standard error.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    # An option wins over the environment, which is read in one place (plankg/config.py).
    settings = _settings()
    paths = _plan_paths(files) if files else settings.plan_files()
    if title is not None and len(paths) != 1:
        _fail(f"--title names one plan: expected one plan file, got {len(paths)}")
    neo4j_uri = neo4j_uri or settings.neo4j_uri
    if not neo4j_uri:
        _fail("no Neo4j to load into: give --neo4j-uri or set NEO4J_URI")
    if timeout is not None and not 0 < timeout < float("inf"):
        _fail(f"--timeout {timeout:g}: expected a number of seconds above 0")
    with _plankg_errors_exit():
        check_uri(neo4j_uri)  # http:// and typos: said at once, before the files are read
    with _plankg_errors_exit():  # every file is read before anything is written
        # Each plan's Neo4j rows are built in the process that read it (plan_rows).
        plans = read_plans(paths, console=err, then=plan_rows, title=title)
        check_unique_ids(plans)
        report_warnings(plans, verbose, strict)
        driver = connect(
            neo4j_uri,
            user if user is not None else settings.neo4j_user,
            password if password is not None else settings.neo4j_password.get_secret_value(),
            timeout if timeout is not None else settings.neo4j_timeout,
        )
    where = f"Neo4j at {safe_uri(neo4j_uri)}"
    database = database if database is not None else settings.neo4j_database
    with driver, _write_progress() as advance, _plankg_errors_exit(prefix=f"{where}: "):
        try:
            report = load_plans(driver, plans, database, replace, on_batch=advance)
            corrected = apply_kept_corrections(driver, database, _kept_elsewhere(settings))
        except PartialLoad:  # larger than one transaction: it says what was written
            raise
        except (DriverError, Neo4jError, LoadError) as error:  # rolled back: nothing written
            _fail(f"{where}: {one_line(error)} (nothing was written)", code=1)
    out.print(report.summary())
    if corrected:
        out.print(f"{corrected} corrected facts applied (kept :Correction nodes)")


def _kept_elsewhere(settings: Settings) -> list:
    """The corrections the embedded store keeps (PLANKG_CORRECTIONS), if there are any."""
    if not settings.plankg_corrections.is_file():
        return []
    from plankg.graph.correction_store import SqliteCorrections

    kept = SqliteCorrections(settings.plankg_corrections)
    try:
        return kept.all()
    finally:
        kept.close()


def _plan_paths(paths: list[Path]) -> list[Path]:
    """The plan files named, a folder's plan texts in its place (sorted); each other entry
    of a folder one line on standard error; a folder with no plan: one line, exit 2."""
    from plankg.loaders.folders import plan_files

    with _plankg_errors_exit():
        files, skipped = plan_files(paths)
    for entry in skipped:
        err.print(escape(str(entry)), highlight=False, soft_wrap=True)
    return files


@contextmanager
def _write_progress():
    """Rows written to Neo4j so far, on a terminal (the load is one transaction, so there is
    no per-plan point to show)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    if not err.is_terminal:
        yield lambda name, rows: None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("writing to Neo4j: {task.completed:,.0f} rows"),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("load", total=None)
        yield lambda name, rows: progress.advance(task, rows)


@app.command("eval")
def evaluate(
    plans: Annotated[
        list[Path],
        typer.Argument(help="plan files or folders of *.txt", show_default=False),
    ],
    gold: Annotated[
        Path,
        typer.Option("--gold", help="folder of NN-name.gold.json readings", show_default=False),
    ],
    as_json: Annotated[
        Path | None, typer.Option("--json", help="also write the scores as JSON to this file")
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="list every miss and extra fact per plan")
    ] = False,
    held_out: Annotated[
        list[str] | None,
        typer.Option("--held-out", help="a plan (file stem) the rules were not written against"),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option("--check", help="exit 1 if any figure recorded in this file got worse"),
    ] = None,
    record: Annotated[
        Path | None,
        typer.Option("--record", help="rewrite this file with the figures (after --check passes)"),
    ] = None,
) -> None:
    """Score the loader against gold readings: precision, recall, F1 per kind of fact."""
    import json

    from plankg.evaluation import (
        evaluate as run,
    )
    from plankg.evaluation import (
        improvements,
        pair_files,
        recorded_figures,
        regressions,
        render_table,
    )

    with _plankg_errors_exit():
        report = run(pair_files(plans, gold))
    out.print(render_table(report, held_out or ()), soft_wrap=True, markup=False)
    if details:
        for score in report.plans:
            for kind, misses in score.misses.items():
                for miss in misses:
                    sys.stdout.write(f"{score.name}\t{kind}\t{miss}\n")
    if as_json is not None:
        _write_whole(as_json, json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n")
    if check is not None:
        try:
            recorded = json.loads(check.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            _fail(f"{check}: expected the JSON of recorded figures ({error})")
        worse = regressions(report, recorded)
        if worse:
            for line in worse:
                err.print(f"worse: {line}", highlight=False, markup=False, soft_wrap=True)
            _fail(f"{len(worse)} recorded figures got worse ({check})", code=1)
        better = improvements(report, recorded)
        if better and record is None:
            err.print(
                f"{len(better)} figures improved: `make eval-record` writes them to {check}",
                highlight=False,
            )
    if record is not None:
        figures = recorded_figures(report)
        document = json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True)
        _write_whole(record, document + "\n")
        err.print(f"recorded {len(figures)} figures in {record}", highlight=False)


editors_app = typer.Typer(help="Who may write corrections (PLANKG_EDITORS).")
corrections_app = typer.Typer(help="Corrections editors made (PLANKG_CORRECTIONS).")
app.add_typer(editors_app, name="editors")
app.add_typer(corrections_app, name="corrections")


@editors_app.command("add")
def add_editor(
    name: Annotated[str, typer.Argument(help="the editor's name, as corrections show it")],
    plan: Annotated[
        list[str],
        typer.Option("--plan", help="a plan id the editor may correct, or * for every plan"),
    ],
) -> None:
    """Add an editor (or give one a new key) and print the key, once: it is kept hashed."""
    from plankg.api.editors import add_editor as add

    path = _settings().plankg_editors
    with _plankg_errors_exit():
        key = add(path, name, plan)
    err.print(f"editor {name!r} may correct {', '.join(plan)} ({path}); their key, shown once:")
    sys.stdout.write(key + "\n")


@corrections_app.command("export")
def export_corrections(
    gold: Annotated[
        Path,
        typer.Option("--gold", help="folder to write NN-name.gold.json readings into"),
    ],
    plans: Annotated[
        list[Path] | None,
        typer.Argument(help="plan files or folders (default PLANKG_PLANS)", show_default=False),
    ] = None,
) -> None:
    """Write each corrected plan's reading, with its editors' corrections, in the corpus
    gold schema (`plankg eval --gold` reads it)."""
    import json

    from plankg.api.kept_corrections import apply_kept
    from plankg.graph.correction_store import SqliteCorrections
    from plankg.graph.gold_export import gold_reading
    from plankg.graph.snapshot import load_store

    settings = _settings()
    files = _plan_paths(plans) if plans else settings.plan_files()
    if not settings.plankg_corrections.is_file():
        _fail(f"{settings.plankg_corrections}: no corrections kept there (PLANKG_CORRECTIONS)")
    with _plankg_errors_exit():
        store = load_store(files, settings.plankg_snapshot_dir, settings.plankg_snapshot_key)
        kept = SqliteCorrections(settings.plankg_corrections)
        apply_kept(store, kept)
        readings = []
        for plan in store.plan_ids():
            sha256 = store.plan_text(plan)[1]
            reviewed = sorted(
                {
                    c.key
                    for c in kept.of_plan(plan)
                    if c.plan_sha256 == sha256 and c.status == "applied"
                }
            )
            if reviewed:
                source = Path(store.plan(plan).source).stem
                readings.append((source, gold_reading(store, plan, reviewed)))
        kept.close()
        if not readings:
            _fail("no loaded plan has a correction on its current text: nothing written")
        gold.mkdir(parents=True, exist_ok=True)
        for source, reading in readings:
            document = json.dumps(reading, ensure_ascii=False, indent=1) + "\n"
            _write_whole(gold / f"{source}.gold.json", document)
            err.print(f"wrote {gold / f'{source}.gold.json'} ({len(reading['reviewed'])} reviewed)")


if __name__ == "__main__":
    app()
