"""Genre vs region knowledge: the national gazetteer, region profiles, and the rule that a
plan never receives another region's place or body (issue 10)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plankg.loaders import load_plan
from plankg.loaders.catalogue import catalogue_for, profiles
from plankg.loaders.clauses import find_clauses
from plankg.loaders.clean import fold
from plankg.loaders.gazetteer import divisions, resolve, surfaces
from plankg.loaders.link import matchers, read_scope
from plankg.loaders.model import Span
from tests.conftest import FIXTURES
from tests.corpus import require_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "plans"
PLANS = sorted(CORPUS.glob("*.txt")) + sorted((FIXTURES / "plans").glob("*.txt"))
PLANS.append(ROOT / "data" / "plans" / "zhoushan-2021-2025.txt")


def places_in(sentence: str, region: str) -> list[str]:
    cat = catalogue_for(region)
    m = matchers(cat)
    reading = read_scope(sentence, Span(start=0, end=len(sentence)), m)
    return [p for s in reading.sentences for h in s.names for p in m.place_ids.get(h.surface, ())]


def test_every_county_level_division_with_its_code_and_parent():
    d = divisions()
    assert len(d) > 3000
    assert (d["330212"].name, d["330212"].parent, d["330200"].parent) == (
        "鄞州区",
        "330200",
        "330000",
    )
    assert d["330110"].name == "余杭区" and d["330113"].name == "临平区"  # 2021 division
    assert d["110105"].parent == "110000"  # a municipality's district: its parent is the city
    assert "鄞州" in surfaces() and "萧山" in surfaces() and "余杭" in surfaces()


def test_ambiguous_names_resolve_within_the_plans_region():
    assert resolve("朝阳区", "110000") == "110105"  # Beijing
    assert resolve("朝阳区", "220100") == "220104"  # Changchun
    assert resolve("朝阳区", "340000") is None  # a plan of Anhui: which one? not said
    assert resolve("普陀区", "330900") == "330903" and resolve("普陀区", "310000") == "310107"


@pytest.mark.parametrize("word", ["和平", "新城", "港口", "资源", "城区", "路桥", "滨海"])
def test_ordinary_words_are_not_short_forms(word):
    assert word not in surfaces()


def test_places_link_with_codes_in_any_plan():
    sentence = "支持鄞州、余杭、萧山建设数字经济示范区，推动合肥、芜湖联动发展。"
    ids = places_in(sentence, "宁波")
    cat = catalogue_for("宁波")
    assert [(cat.places[p].name, cat.places[p].adcode) for p in ids] == [
        ("鄞州区", "330212"),
        ("余杭区", "330110"),
        ("萧山区", "330109"),
        ("合肥市", "340100"),
        ("芜湖市", "340200"),
    ]
    assert cat.ancestors(cat.division_ids["330212"]) == ["ningbo", "zhejiang", "china"]


def test_short_forms_count_only_as_whole_words():
    assert places_in("完善综合交通州际通道，推进和平发展。", "北京") == []
    assert places_in("通州区建设城市副中心。", "北京") == ["tongzhou-110112"]


def test_a_profile_is_chosen_by_the_plans_region():
    assert catalogue_for("舟山").profile.key == "zhoushan"
    assert catalogue_for("舟山市").profile.key == "zhoushan"
    assert catalogue_for("宁波").profile is None and catalogue_for("宁波").region_id == "ningbo"
    # Zhoushan's towns and islands exist only for Zhoushan plans.
    assert places_in("培育金塘、六横、衢山等海岛小城市", "舟山") == ["jintang", "liuheng", "qushan"]
    assert places_in("培育金塘、六横、衢山等海岛小城市", "宁波") == []


def _profile_of(region: str) -> str | None:
    profile = catalogue_for(region).profile
    return profile.key if profile else None


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_no_plan_receives_another_regions_place_or_body(path):
    plan = load_plan(path)  # every plan of the corpus loads (tests/test_corpus_outline.py)
    own = _profile_of(plan.region)
    others = {key for key in profiles() if key != own}
    other_ids = {i for key in others for i in (*profiles()[key].places, *profiles()[key].agencies)}
    for place in plan.places:
        assert place.profile in (None, own), (path.name, place.id)
        assert place.id not in other_ids
    for agency in plan.agencies:
        assert agency.profile in (None, own), (path.name, agency.id)
        assert agency.id not in other_ids
        if not own:
            assert not agency.id.startswith("zs-"), (path.name, agency.id)
    for place in plan.places:  # every division is linked with its GB/T 2260 code
        if place.kind in ("province", "district", "county") or place.id in {"ningbo", "hefei"}:
            assert place.adcode and len(place.adcode) == 6, place.id


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_clause_becomes_explicit_leads_and_partners(path):
    plan = load_plan(path)
    for task in plan.tasks:
        clauses = find_clauses(fold(plan.text), task.span.start, task.span.end)
        links = [r for r in plan.responsibilities if r.task == task.number]
        if not clauses:
            continue
        assert all(r.basis == "explicit" and r.duty for r in links), (path.name, task.number)
        assert any(r.role == "lead" for r in links)
        listed = {(b.start, b.end) for c in clauses for b in c.bodies}
        assert {(r.match_span.start, r.match_span.end) for r in links} <= listed
        for r in links:
            assert plan.text[r.span.start : r.span.end] == r.evidence
            # the evidence is the clause: a bracketed note of any kind, or a line of its own
            assert (r.span.start, r.span.end) in {(c.start, c.end) for c in clauses}
            assert r.terms[0] in r.evidence


def test_the_anhui_plan_reads_its_clauses():
    path = CORPUS / "01-anhui-rcep.txt"
    require_corpus()
    plan = load_plan(path)
    leads = {(r.task, r.agency) for r in plan.responsibilities if r.role == "lead"}
    assert ("anhui:sw", 2) in {(a, t) for t, a in leads}
    assert all(r.basis == "explicit" for r in plan.responsibilities if r.agency == "anhui:sw")
    assert {a.id: a.name for a in plan.agencies}["anhui:sw"] == "安徽省商务厅"
    assert {"anhui", "hefei"} <= {m.place for m in plan.mentions}


def test_the_readmes_worked_example_adds_a_region(tmp_path):
    """The Ningbo profile of the README, in a copy of data/, changes Ningbo plans only."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Adding a region profile") :]
    blocks = re.findall(r"```yaml\n(# (data/regions/ningbo/\S+).*?\n.*?)```", section, re.S)
    assert [path for _, path in blocks] == [
        "data/regions/ningbo/profile.yaml",
        "data/regions/ningbo/places.yaml",
        "data/regions/ningbo/agencies.yaml",
    ]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for text, path in blocks:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    probe = (
        "from plankg.loaders.catalogue import catalogue_for as c\n"
        "from loaders.link import matchers, read_scope, _body\n"
        "from loaders.model import Span\n"
        "s = '支持梅山、前湾建设（前湾新区管委会牵头，市发改委配合）。'\n"
        "for region in ('宁波', '杭州'):\n"
        "    cat = c(region); m = matchers(cat)\n"
        "    r = read_scope(s, Span(start=0, end=len(s)), m)\n"
        "    print(region, [p for x in r.sentences for h in x.names"
        " for p in m.place_ids.get(h.surface, ())],"
        " _body('前湾新区管委会', cat, m, {}).id, _body('市发改委', cat, m, {}).id)\n"
    )
    env = {**os.environ, "PLANKG_DATA_DIR": str(data)}
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "宁波 ['ningbo-meishan', 'ningbo-qianwan'] ningbo-qianwan-gwh ningbo:fgw",
        "杭州 [] hangzhou:qianwanxinquguanweihui hangzhou:fgw",
    ]


def test_a_mistake_in_a_profile_is_one_line_and_exit_2(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    places = data / "regions" / "zhoushan" / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8").replace('"330903": {id: putuo}', '"999999": {}'),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "plankg.cli",
            "inspect",
            str(ROOT / "data/plans/zhoushan-2021-2025.txt"),
        ],
        env={**os.environ, "PLANKG_DATA_DIR": str(data)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"error: {places}: division '999999' is not a GB/T 2260 code of the national gazetteer"
    ]


@pytest.mark.parametrize(
    ("region", "form", "agency", "name", "short"),
    [
        # A province's departments are 厅 and its cities' bodies are 市 bodies of every city.
        ("安徽", "省商务厅", "anhui:sw", "安徽省商务厅", "省商务厅"),
        ("安徽", "市财政局", "anhui:municipal-cz", "安徽省各市财政局", "各市财政局"),
        # A province-level city's own bodies are 市 bodies named 局 (北京市财政局, not 财政厅).
        ("北京", "市财政局", "beijing:cz", "北京市财政局", "市财政局"),
        ("上海", "市发改委", "shanghai:fgw", "上海市发展和改革委员会", "市发展和改革委员会"),
        ("上海", "市委宣传部", "shanghai:xcb", "中共上海市委宣传部", "市委宣传部"),
    ],
)
def test_bodies_are_named_as_their_level_names_them(region, form, agency, name, short):
    from plankg.loaders import agencies

    cat = catalogue_for(region)
    found = agencies.resolve(agencies.body_forms(cat)[form], form, cat)
    assert (found.id, found.name, found.short_name) == (agency, name, short)
