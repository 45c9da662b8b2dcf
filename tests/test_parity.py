"""Parity: every route of the API gives the same answer (status, content type and body,
byte for byte) on the embedded store and on Neo4j, for the Zhoushan plan alone and for
three plans sharing places, agencies and themes.

A mismatch names the request and the first key where the two bodies differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from devtools.neo4j_server import Neo4jServer
from plankg.api.app import create_app
from plankg.graph.build import build_graph
from plankg.graph.memory import MemoryStore
from plankg.graph.neo4j_load import load_plans
from plankg.graph.neo4j_store import Neo4jStore
from plankg.graph.records import ALL, Window
from plankg.loaders import load_plan

GENRE = Path(__file__).resolve().parent / "fixtures" / "plans"
SEARCHES = [
    "偏远海岛",
    "remote islands",
    "elderly care 养老",
    "养老服务",
    "嵊泗",
    "Shengsi",
    "海洋经济",
    "marine economy",
    "共同富裕",
    "common prosperity 共同富裕",
    "education 教育",
    "港口 ports",
    "Daishan County",
    "市发改委",
    "舟山市发展和改革委员会",
    "舟山市发改委",
    "岱山",
    "Daishan",
    "公共服务",
    "xyzzy",
    "的",
]


class Backends:
    """Two clients over one corpus: the memory store (the reference) and Neo4j."""

    def __init__(self, memory: TestClient, neo4j: TestClient, store: MemoryStore) -> None:
        self.memory, self.neo4j, self.store = memory, neo4j, store
        self.compared = 0

    def mismatches(self, requests: list[str]) -> list[str]:
        found = []
        for url in requests:
            self.compared += 1
            why = differ(self.memory.get(url), self.neo4j.get(url), url)
            if why:
                found.append(f"{url}: {why}")
        return found


@pytest.fixture(scope="module", params=["zhoushan", "three-plans"])
def backends(request, zhoushan, neo4j_server: Neo4jServer) -> Iterator[Backends]:
    plans = [zhoushan]
    if request.param == "three-plans":
        plans += [load_plan(GENRE / "genre-a.txt"), load_plan(GENRE / "genre-b.txt")]
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        load_plans(driver, plans)
    memory = MemoryStore(build_graph(plans))
    neo4j = Neo4jStore(neo4j_server.bolt_uri)
    with (
        TestClient(create_app(store=memory)) as a,
        TestClient(create_app(store=neo4j)) as b,
    ):
        pair = Backends(a, b, memory)
        yield pair
    print(f"\n{request.param}: {pair.compared} requests compared")


def differ(a, b, url: str) -> str | None:
    """Why two responses differ (status, content type, the first differing key), or None."""
    if a.status_code != b.status_code:
        return f"status {a.status_code} != {b.status_code}: {b.text[:300]}"
    if a.headers["content-type"] != b.headers["content-type"]:
        return f"content-type {a.headers['content-type']} != {b.headers['content-type']}"
    if not a.headers["content-type"].endswith("json"):
        return None if a.content == b.content else "bodies differ"
    left, right = a.json(), b.json()
    if url.startswith("/health"):
        left.pop("backend"), right.pop("backend")
    if a.content != b.content and left == right and not url.startswith("/health"):
        return "same JSON, different bytes (key order?)"
    return first_difference(left, right)


def first_difference(a, b, path: str = "body") -> str | None:
    if type(a) is not type(b):
        return f"{path}: {a!r} ({type(a).__name__}) != {b!r} ({type(b).__name__})"
    if isinstance(a, dict):
        if list(a) != list(b):
            missing = [k for k in a if k not in b] or [k for k in b if k not in a]
            return f"{path}: keys differ {missing or [list(a), list(b)]}"
        for key in a:
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return f"{path}: {len(a)} items != {len(b)}" if len(a) != len(b) else None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def url(path: str, **params) -> str:
    pairs = [
        (k, v)
        for k, value in params.items()
        if value is not None
        for v in (value if isinstance(value, list) else [value])
    ]
    return path + ("?" + urlencode(pairs) if pairs else "")


def plans_of(store: MemoryStore, every: bool = False) -> list[str | None]:
    """The plan parameters to ask with: none (the default plan) when one plan is loaded;
    else each plan by id, and (where the route takes it) * for every plan."""
    if len(store.plan_ids()) == 1:
        return [None]
    return [*store.plan_ids(), *(["*"] if every else [])]


def nodes(store: MemoryStore, label: str, plan: str | None = None) -> list[dict]:
    """The plan's nodes of a label (the default plan's for None; every plan's for *)."""
    plan = plan or store.plan_ids()[0]
    found = [
        {"id": n} | d
        for n, d in store.graph.nodes(data=True)
        if d["label"] == label
        and (plan == "*" or d.get("plan") == plan or plan in d.get("plans", []))
    ]
    return sorted(found, key=lambda d: (d.get("number", 0), d["id"]))


def sweep(store: MemoryStore, label: str, plan: str | None) -> list[dict]:
    """The nodes to ask about one by one: all of the plan's; a third of them for plan=*
    (each plan was swept by itself)."""
    found = nodes(store, label, plan)
    return found[::3] if plan == "*" else found


def check(backends: Backends, requests: list[str]) -> None:
    mismatches = backends.mismatches(requests)
    assert not mismatches, f"{len(mismatches)} of {len(requests)} differ:\n" + "\n".join(
        mismatches[:10]
    )


# -- the routes, family by family -----------------------------------------------------------


def test_health_and_plans(backends):
    store = backends.store
    check(
        backends,
        [
            "/health",
            "/plans",
            url("/plans", limit=1, offset=1),
            *[f"/plans/{p}" for p in store.plan_ids()],
            "/plans/nowhere-2020-2025",
        ],
    )


def test_chapters_and_goals(backends):
    store = backends.store
    requests = []
    for plan in plans_of(store):
        requests += [url("/chapters", plan=plan), url("/goals", plan=plan)]
        requests += [url("/chapters", plan=plan, limit=3, offset=2)]
        chapters = nodes(store, "Chapter", plan)
        goals = nodes(store, "Goal", plan)
        requests += [url(f"/chapters/{c['number']}", plan=plan) for c in chapters]
        requests += [url(f"/goals/{g['number']}", plan=plan) for g in goals]
        requests += [url(f"/chapters/{len(chapters) + 1}", plan=plan)]
        requests += [url(f"/goals/{len(goals) + 1}", plan=plan)]
    requests += ["/chapters/0", "/chapters?plan=nowhere", "/chapters?plan=*", "/goals/x"]
    check(backends, requests)


def test_every_task(backends):
    store = backends.store
    requests = []
    for plan in store.plan_ids():
        tasks = nodes(store, "Task", plan)
        requests += [url(f"/tasks/{t['number']}", plan=plan) for t in tasks]
        requests += [url(f"/tasks/{len(tasks) + 1}", plan=plan)]
    check(backends, [*requests, "/tasks/27", "/tasks/0"])


def test_task_filters(backends):
    store = backends.store
    requests = []
    for plan in plans_of(store, every=True):
        requests += [url("/tasks", plan=plan), url("/tasks", plan=plan, limit=500)]
        requests += [url("/tasks", plan=plan, chapter=n) for n in range(1, 11)]
        for label, key in (("Place", "place"), ("Agency", "agency"), ("Theme", "theme")):
            for node in sweep(store, label, plan):
                requests.append(url("/tasks", plan=plan, limit=500, **{key: node["id"]}))
        for q in ["慈善", "海岛", "island", "ISLAND", "养老", "zzz", "2025"]:
            requests.append(url("/tasks", plan=plan, q=q, limit=500))
    # By Chinese name, alias, short name and English name (any case): a few of each.
    for place in nodes(store, "Place")[:6]:
        for key in {place["name"], *place["aliases"][:1], place["name_en"]}:
            requests.append(url("/tasks", place=key))
    for agency in nodes(store, "Agency")[:4]:
        for key in {agency["short_name"], agency["name"], agency["name_en"].upper()}:
            requests.append(url("/tasks", agency=key))
    for theme in nodes(store, "Theme")[:4]:
        requests += [url("/tasks", theme=theme["name"]), url("/tasks", theme=theme["name_en"])]
    requests += [
        url("/tasks", chapter=5, place="岱山"),
        url("/tasks", theme="remote-islands", q="养老"),
        url("/tasks", agency="市教育局", chapter=4),
        url("/tasks", limit=10, offset=40),
        url("/tasks", limit=1, offset=0),
        url("/tasks", offset=500),
        url("/tasks", place="atlantis"),
        url("/tasks", agency="nobody"),
        url("/tasks", theme="no-such-theme"),
        url("/tasks", limit=0),
    ]
    check(backends, requests)


def test_indicators(backends):
    """The store gives a plan's targets; the route filters them (the same code for both
    stores), so each filter is asked once or twice per plan."""
    store = backends.store
    requests = []
    for plan in plans_of(store, every=True):
        indicators = nodes(store, "Indicator", plan)
        task = nodes(store, "Task", plan)[5]["number"]
        requests += [url("/indicators", plan=plan, limit=500), url("/indicators", plan=plan)]
        requests += [url("/indicators", plan=plan, task=n) for n in (task, 27, 99)]
        requests += [url("/indicators", plan=plan, goal=n) for n in (1, 5, 9)]
        requests += [url("/indicators", plan=plan, year=indicators[0]["year"], limit=500)]
        requests += [url("/indicators", plan=plan, unit=indicators[-1]["unit"], limit=500)]
        for q in ["污水", "城镇化率", "nothing"]:
            requests.append(url("/indicators", plan=plan, q=q, limit=500))
            requests.append(url("/indicators", plan=plan, name=q, limit=500))
    requests += [url("/indicators", year=2025, unit="%", limit=7, offset=3)]
    check(backends, requests)


def test_places(backends):
    store = backends.store
    requests = []
    for plan in plans_of(store):
        requests += [url("/places", plan=plan, limit=500)]
        requests += [url("/places", plan=plan, remote=r) for r in ("true", "false")]
        requests += [url(f"/places/{p['id']}", plan=plan) for p in nodes(store, "Place", plan)]
    for plan in plans_of(store, every=True):
        for place in sweep(store, "Place", plan):
            for parts in (None, "true"):
                path = f"/places/{place['id']}/tasks"
                requests.append(url(path, plan=plan, include_parts=parts, limit=500))
    for place in nodes(store, "Place", "*"):  # by name: in the default plan, or a 404
        requests += [f"/places/{place['name']}", f"/places/{place['name_en']}"]
    requests += [url("/places/putuo/tasks", include_parts="false")]
    requests += ["/places/atlantis", "/places/atlantis/tasks", url("/places", limit=5, offset=5)]
    check(backends, requests)


def test_agencies(backends):
    store = backends.store
    requests = []
    for plan in plans_of(store):
        requests += [url("/agencies", plan=plan, limit=500), url("/agencies", plan=plan)]
        requests += [url(f"/agencies/{a['id']}", plan=plan) for a in nodes(store, "Agency", plan)]
    for plan in plans_of(store, every=True):
        for agency in sweep(store, "Agency", plan):
            for role in (None, "lead", "partner"):
                path = f"/agencies/{agency['id']}/tasks"
                requests.append(url(path, plan=plan, role=role, limit=500))
    for agency in nodes(store, "Agency", "*"):
        requests += [f"/agencies/{agency['short_name']}", f"/agencies/{agency['name_en']}"]
    for plan in plans_of(store, every=True):  # a name several cities share, per plan
        requests += [
            url("/agencies/市财政局", plan=plan),
            url("/agencies/市财政局/tasks", plan=plan),
        ]
        requests += [url("/tasks", plan=plan, agency="市财政局")]
    requests += ["/agencies/nobody", "/agencies/nobody/tasks", "/agencies/zs-jyj/tasks?role=boss"]
    check(backends, requests)


def test_responsibility_tables(backends):
    """The table as JSON pages, CSV and XLSX (byte for byte: the file has no time in it), per
    plan and per agency, by id and by name, and with plan=*."""
    store = backends.store
    requests = []
    for plan in store.plan_ids():
        path = f"/plans/{plan}/responsibilities"
        requests += [path, url(path, limit=500), url(path, limit=5, offset=3)]
        requests += [url(path, format=f) for f in ("csv", "xlsx")]
    for plan in plans_of(store, every=True):
        for agency in sweep(store, "Agency", plan):
            path = f"/agencies/{agency['id']}/responsibilities"
            requests += [url(path, plan=plan, limit=500), url(path, plan=plan, format="csv")]
    for agency in nodes(store, "Agency", "*")[:3]:
        path = f"/agencies/{agency['short_name']}/responsibilities"
        requests += [path, url(path, plan="*", format="xlsx")]
    requests += [
        "/plans/nowhere-2020-2025/responsibilities",
        url(f"/plans/{store.plan_ids()[0]}/responsibilities", format="pdf"),
        "/agencies/nobody/responsibilities",
        url("/agencies/zs-jyj/responsibilities", plan="nowhere"),
    ]
    check(backends, requests)


def test_themes(backends):
    store = backends.store
    requests = []
    for plan in plans_of(store):
        requests += [url("/themes", plan=plan, limit=500), url("/themes", plan=plan)]
        requests += [url(f"/themes/{t['id']}", plan=plan) for t in nodes(store, "Theme", plan)]
    for plan in plans_of(store, every=True):
        for theme in sweep(store, "Theme", plan):
            requests.append(url(f"/themes/{theme['id']}/tasks", plan=plan, limit=500))
    for theme in nodes(store, "Theme", "*"):
        requests += [f"/themes/{theme['name']}", f"/themes/{theme['name_en'].upper()}/tasks"]
    requests += ["/themes/no-such-theme", "/themes/no-such-theme/tasks"]
    check(backends, requests)


def test_families(backends):
    """The families, and each one across plans: every plan, each plan, * and pages."""
    store = backends.store
    families = nodes(store, "IndicatorFamily", "*")
    assert families, "no target of these plans joins a family: nothing is compared"
    requests = ["/families", url("/families", limit=2, offset=1), "/families/no-such-family"]
    for plan in [*store.plan_ids(), "*"]:
        requests.append(url("/families", plan=plan, limit=500))
        for family in families:
            requests.append(url(f"/families/{family['key']}", plan=plan, limit=500))
    for family in families:
        requests += [
            f"/families/{family['key']}",
            url(f"/families/{family['key']}", limit=1, offset=1),
        ]
    requests += [url("/families", plan="nowhere"), url("/families/forest-coverage", plan="nowhere")]
    check(backends, requests)


def test_citations(backends):
    store = backends.store
    requests = []
    for plan in store.plan_ids():
        requests += [f"/plans/{plan}/citations", f"/plans/{plan}/cited-by"]
        requests += [url(f"/plans/{plan}/citations", limit=1, offset=1)]
    requests += ["/documents", url("/documents", limit=2, offset=1)]
    requests += [url("/documents", q=q) for q in ("共同富裕", "实施方案", "nothing")]
    requests += [f"/documents/{d['key']}" for d in nodes(store, "Document", "*")]
    requests += ["/documents/nothing", "/plans/nowhere/citations", "/plans/nowhere/cited-by"]
    check(backends, requests)


def test_search(backends):
    requests = []
    for plan in plans_of(backends.store, every=True):
        requests += [url("/search", plan=plan, q=q, limit=500) for q in SEARCHES]
    requests += [url("/search", q="海岛", limit=3, offset=2), url("/search", q="")]
    check(backends, requests)


def test_search_answers_as_the_pages_do_on_neo4j(backends):
    """Neo4j's search names the same entities with the same tasks as its own pages list
    (tests/test_search_consistency.py holds the memory store to it, with the counts read
    from the text)."""
    from tests.test_search_consistency import ZHOUSHAN_ENTITIES, search_agrees_with_page

    for query, kind, entity, count in ZHOUSHAN_ENTITIES:
        search_agrees_with_page(
            backends.neo4j, "zhoushan-gongtongfuyu-2021-2025", query, kind, entity, count
        )


def test_graph_neighbourhoods(backends):
    store = backends.store
    plan = "zhoushan-gongtongfuyu-2021-2025"  # in both corpora
    foci = [
        plan,
        f"{plan}-chapter-5",
        f"{plan}-goal-1",
        f"{plan}-task-27",
        nodes(store, "Indicator", plan)[0]["id"],
        "shengsi",
        "zs-jyj",
        "remote-islands",
    ]
    requests = []
    for focus in foci:
        for depth in (1, 2, 3):
            requests.append(url("/graph", focus=focus, depth=depth))
        requests.append(url("/graph", focus=focus, depth=2, type="Place", lang="en"))
        requests.append(url("/graph", focus=focus, type=["Task", "Agency"], lang="en"))
    requests += [url("/graph", focus="nothing"), url("/graph", focus=foci[3], depth=4)]
    requests += [url("/graph", focus=foci[3], type="Nothing")]
    check(backends, requests)


def test_graph_export(backends):
    requests = []
    for plan in plans_of(backends.store):
        requests += [url("/graph/export", plan=plan, format=f) for f in ("json", "graphml")]
    check(backends, [*requests, url("/graph/export", format="csv")])


# -- below the API: the store methods themselves ----------------------------------------------


def test_store_methods_agree(backends):
    """What the routes do not show directly: counts, every store method's own return value,
    the neighbourhood as a set, and export() as a networkx graph."""
    import networkx as nx

    memory = backends.store
    neo4j = backends.neo4j.app.state.store
    assert neo4j.counts() == memory.counts()
    assert neo4j.plan_ids() == memory.plan_ids()
    for plan in memory.plan_ids():
        assert neo4j.plan(plan) == memory.plan(plan)
        for method in ("chapters", "goals", "places", "agencies", "themes"):
            for window in (ALL, Window(limit=2, offset=1)):
                mine, theirs = (
                    getattr(neo4j, method)(plan, window),
                    getattr(memory, method)(plan, window),
                )
                assert mine == theirs, method
        for method in ("tasks", "indicators"):  # these take several plans
            for window in (ALL, Window(limit=3, offset=2)):
                mine, theirs = (
                    getattr(neo4j, method)([plan], window),
                    getattr(memory, method)([plan], window),
                )
                assert mine == theirs, method
        assert neo4j.search_corpus(plan) == memory.search_corpus(plan)
        for window in (ALL, Window(limit=3, offset=2)):
            assert neo4j.responsibilities([plan], window) == memory.responsibilities([plan], window)
        assert neo4j.families([plan], ALL) == memory.families([plan], ALL)
        exported, reference = neo4j.export(plan), memory.export(plan)
        assert nx.utils.graphs_equal(exported, reference)
        assert dict(exported.nodes(data=True)) == dict(reference.nodes(data=True))
    assert nx.utils.graphs_equal(neo4j.export(), memory.export())
    second = Window(limit=1, offset=1)
    assert neo4j.plans(second) == memory.plans(second)
    assert neo4j.plans(ALL).total == len(memory.plan_ids())
    focus = f"{memory.plan_ids()[-1]}-task-27"
    for depth in (1, 2, 3):
        mine, theirs = neo4j.neighbourhood(focus, depth), memory.neighbourhood(focus, depth)
        assert sorted(mine[0], key=lambda n: n.id) == sorted(theirs[0], key=lambda n: n.id)
        edge = lambda e: (e.source, e.type, e.target)  # noqa: E731
        assert sorted(mine[1], key=edge) == sorted(theirs[1], key=edge)
    assert neo4j.neighbourhood("nothing", 2) == memory.neighbourhood("nothing", 2) == ([], [])
    for label, key in [("Place", "岱山"), ("Place", "daishan county"), ("Agency", "市教育局")]:
        assert neo4j.resolve(label, key) == memory.resolve(label, key)
    assert neo4j.resolve("Theme", "nothing") is None


def test_json_bodies_carry_the_same_types(backends):
    """20.0 and 20 are equal in Python but not in JSON: the byte comparison above holds them
    apart; here is a direct look at a float, an int, a bool, a null and a list."""
    zhoushan = "plan=zhoushan-gongtongfuyu-2021-2025"
    body = backends.neo4j.get(f"/tasks/6?{zhoushan}").json()
    assert isinstance(body["indicators"][0]["value"], float)
    assert isinstance(body["number"], int)
    assert body == backends.memory.get(f"/tasks/6?{zhoushan}").json()
    unnumbered = next(p for p in nodes(backends.store, "Place", "*") if p["adcode"] is None)
    place = backends.neo4j.get(f"/places/{unnumbered['id']}?{zhoushan}")
    assert place.json()["adcode"] is None and isinstance(place.json()["remote"], bool)
    assert place.content == backends.memory.get(f"/places/{unnumbered['id']}?{zhoushan}").content
