"""A synthetic corpus of plans of the Zhoushan genre, for scale tests (issue 6).

    .venv/bin/python -m bench.synth 100 --out /tmp/corpus --seed 0

`generate(count, out_dir, seed)` writes `count` plan files and `manifest.json`, which
says what was planted in each: id, title, region, period, published date, and the counts
of chapters, sections, tasks, goals, numeric targets and non-targets. Plans are
deterministic: the same seed gives byte-identical files, and plan i does not depend on
how many plans are asked for (generate(10) is a prefix of generate(100)).

The prose is the real plans': chapter titles, task titles and sentences come from the
Zhoushan plan (data/plans/zhoushan-2021-2025.txt) and from the two genre test plans,
with 舟山 replaced by the plan's invented region and every clause that holds a number
left out. Numbers go in only where this module puts them: numeric targets in the forms
data/indicators.yaml describes (each `{low-high}` in synth_tables.yaml is one target), and a few
numbers that are not targets (220千伏, 3岁以下, 15分钟, 5G), so the manifest knows how
many targets a correct reader finds. Places come from the Zhoushan profile: each plan names
its own subset of the archipelago's towns and islands.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import typer
import yaml

from plankg.errors import PlankgError
from plankg.loaders.catalogue import profile_gazetteer
from plankg.loaders.metadata import slug, topic_slug
from plankg.loaders.resources import SHIPPED_DATA, data_dir, load_yaml

SOURCE_PLAN = Path("plans") / "zhoushan-2021-2025.txt"
R = "@"  # the region in source sentences, until a plan fills it in
PERIODS = [(2021, 2025), (2022, 2026), (2023, 2027)]
NUMERALS = "一二三四五六七八九十"

# The text tables (names, sentences, targets, page chrome) are data, beside this file.
TABLES = yaml.safe_load((Path(__file__).parent / "synth_tables.yaml").read_text("utf-8"))
FIRST = TABLES["first"]
SECOND = TABLES["second"]
TASK_TARGETS = TABLES["task_targets"]
GOAL_TARGETS = TABLES["goal_targets"]
NON_TARGETS = TABLES["non_targets"]
PLACE_SENTENCES = TABLES["place_sentences"]
GENRE_CHAPTERS = TABLES["genre_chapters"]
TITLES = TABLES["titles"]
PREAMBLES = TABLES["preambles"]
GOAL_CHAPTERS = TABLES["goal_chapters"]
GOAL_SECTIONS = TABLES["goal_sections"]
GUIDING = TABLES["guiding"]
INTROS = TABLES["intros"]
GOAL_LEADS = TABLES["goal_leads"]
VISION_OPENERS = TABLES["vision_openers"]
VISION_PROSE = TABLES["vision_prose"]
SECTION_TITLES = TABLES["section_titles"]
SITES = TABLES["sites"]
NAVIGATION = TABLES["navigation"]
PAPERS = TABLES["papers"]
EDITORS = TABLES["editors"]
NEWS = TABLES["news"]
CITED_DOCUMENTS = TABLES["cited_documents"]
CITING_VERBS = TABLES["citing_verbs"]


# ---------------------------------------------------------------- parsed tables
@dataclass(frozen=True)
class Target:
    """A clause stating numeric targets: one per (low, high, decimals) in `specs`."""

    text: str  # with {} where the values go
    specs: tuple[tuple[float, float, int], ...]
    triggers: tuple[str, ...]


RANGE_RE = re.compile(r"\{([\d.]+)-([\d.]+)\}")


def _target(text: str, triggers: str = "") -> Target:
    specs = tuple(
        (float(low), float(high), len(low.partition(".")[2]))
        for low, high in RANGE_RE.findall(text)
    )
    return Target(RANGE_RE.sub("{}", text), specs, tuple(filter(None, triggers.split(","))))


def _rows(block: str) -> list[list[str]]:
    return [line.split("|") for line in block.strip().splitlines()]


TASK_TARGET_LIST = [_target(text, triggers) for text, triggers in _rows(TASK_TARGETS)]
GOAL_TARGET_LISTS: dict[str, list[Target]] = {}
for _topic, _text in _rows(GOAL_TARGETS):
    GOAL_TARGET_LISTS.setdefault(_topic, []).append(_target(_text))
NON_TARGET_LIST = [(text, tuple(t.split(","))) for text, t in _rows(NON_TARGETS)]
PLACE_SENTENCE_LIST = [(k, text, tuple(t.split(","))) for k, text, t in _rows(PLACE_SENTENCES)]
GOAL_LEAD_LIST = [(lead, topic) for topic, lead in _rows("\n".join(GOAL_LEADS))]


# ---------------------------------------------------------------- source material
@dataclass
class Unit:
    """A source task: title and sentences (region as @), and the words to match."""

    title: str
    sentences: list[str]
    words: str


@dataclass
class SourceChapter:
    title: str
    closing: bool  # a 保障措施 chapter, which plans put last
    units: list[Unit]


@dataclass
class Sources:
    chapters: list[SourceChapter]
    goal_prose: dict[str, list[str]]  # topic -> the real plan's goal sentences
    places: dict[str, list[str]]  # kind of place -> names as plans write them
    place_ids: dict[str, str]  # name as written -> gazetteer id
    excluded: frozenset[str]  # known names and terms a region name must not be part of


DIGIT_RE = re.compile(r"[0-9０-９]")
SENTENCE_RE = re.compile(r"[^。]+。")
TASK_LINE_RE = re.compile(r"^\d{1,2}\.([^。]+)。(.*)$")
CHAPTER_LINE_RE = re.compile(rf"^[{NUMERALS}]{{1,2}}、(.+)$")


def _prose(sentence: str, local: list[str]) -> str | None:
    """The sentence without its clauses that hold numbers, region as @; None if too
    little is left, if it names the source city in a compound (甬舟, 舟岱, 宁波舟山港), or
    if it names a place of the archipelago (those are planted per plan instead)."""
    kept = [c for c in sentence.removesuffix("。").split(",") if c and not DIGIT_RE.search(c)]
    text = ",".join(kept)
    if len(text) < 8 or "舟" in text.replace("舟山", "") or "宁波舟山" in text:
        return None
    if any(name in text for name in local):
        return None
    if text.count("“") != text.count("”") or text.count("(") != text.count(")"):
        return None
    return text.replace("舟山", R) + "。"


def _make_unit(title: str, sentences: list[str]) -> Unit:
    return Unit(title, sentences, title + "".join(sentences))


@cache
def sources() -> Sources:
    """The real plan's prose, the genre plans' prose and the gazetteer, read once."""
    gazetteer = profile_gazetteer("舟山")  # the real plan's places: its region profile
    by_id = {p["id"]: p for p in gazetteer["places"]}

    def in_city(place: dict) -> bool:
        while place.get("parent"):
            if place["parent"] == "zhoushan":
                return True
            place = by_id[place["parent"]]
        return False

    def surfaces(place: dict) -> list[str]:
        return [s for s in [place["name"], *place.get("aliases", [])] if len(s) >= 2]

    def short(place: dict) -> str:
        return min((s for s in surfaces(place) if "舟" not in s), key=len)

    in_zhoushan = [p for p in gazetteer["places"] if in_city(p)]
    # The FTZ and the high-tech zone have generic aliases (自贸区, 高新区): keep that text.
    local = [
        s
        for p in in_zhoushan
        if p["id"] not in {"zhoushan-ftz", "zhoushan-high-tech-zone"}
        for s in surfaces(p)
    ]
    usable = [p for p in in_zhoushan if any("舟" not in s for s in surfaces(p))]
    places = {
        "towns": [short(p) for p in usable if p["kind"] in ("town", "island")],
        "remote": [short(p) for p in usable if p["remote"]],
        "archipelagos": [p["name"] for p in usable if p["kind"] == "archipelago"],
        "counties": [short(p) for p in usable if p["kind"] == "county"],
        "districts": [short(p) for p in usable if p["kind"] == "district"],
        "cities": [
            short(p) for p in gazetteer["places"] if p["kind"] == "city" and p["id"] != "zhoushan"
        ],
    }

    path = data_dir() / SOURCE_PLAN
    if not path.exists():
        path = SHIPPED_DATA / SOURCE_PLAN
    chapters: list[SourceChapter] = []
    goals: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("(来源"):
            break
        if m := CHAPTER_LINE_RE.match(line):
            title = m.group(1).replace("舟山", R)
            chapters.append(SourceChapter(title, "保障" in title, []))
        elif (m := TASK_LINE_RE.match(line)) and chapters:
            kept = [p for s in SENTENCE_RE.findall(m.group(2)) if (p := _prose(s, local))]
            chapters[-1].units.append(_make_unit(m.group(1).replace("舟山", R), kept))
        elif line.startswith("——"):
            goal = SENTENCE_RE.findall(line.removeprefix("——"))[1:]
            goals.append([p for s in goal if (p := _prose(s, local))])
    chapters = [c for c in chapters if c.units]  # chapter 一 holds the goals
    for line in GENRE_CHAPTERS.strip().splitlines():
        if line.startswith("#"):
            chapters.append(SourceChapter(line.lstrip("#!"), line.startswith("#!"), []))
        else:
            title, *sentences = line.split("|")
            chapters[-1].units.append(_make_unit(title, sentences))
    goal_prose = dict(zip(["econ", "open", "urban", "social"], goals, strict=True))

    themes = load_yaml("themes.yaml")["themes"]
    agencies = gazetteer["agencies"]
    excluded = frozenset(
        [s for p in gazetteer["places"] for s in surfaces(p)]
        + [c["text"] for c in gazetteer.get("compounds", [])]
        + list(gazetteer.get("not_mentions", []))
        + [t for theme in themes for t in theme.get("terms", [])]
        + [
            s
            for a in agencies
            for s in [a["name"], a["short_name"], *a.get("aliases", []), *a.get("remit", [])]
        ]
    )
    place_ids = {name: p["id"] for p in gazetteer["places"] for name in surfaces(p)}
    return Sources(chapters, goal_prose, places, place_ids, excluded)


def regions(seed: int) -> Iterator[tuple[str, str]]:
    """(name, pinyin slug) in corpus order: a fixed shuffle of all pairs of characters,
    skipping a pair whose slug is taken or that is part of a known name or term."""
    rng = random.Random(f"plankg-synth/{seed}/regions")
    pairs = [a + b for a in dict.fromkeys(FIRST) for b in dict.fromkeys(SECOND)]
    rng.shuffle(pairs)
    excluded = sources().excluded
    taken: set[str] = set()
    for name in pairs:
        key = slug(name)
        if key in taken or any(name in word for word in excluded):
            continue
        taken.add(key)
        yield name, key


# ---------------------------------------------------------------- one plan
class Planter:
    """Draws values and counts what it planted."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.targets = 0
        self.non_targets = 0

    def fill(self, target: Target) -> str:
        self.targets += len(target.specs)
        values = []
        for low, high, decimals in target.specs:
            if decimals:
                values.append(f"{self.rng.uniform(low, high):.{decimals}f}")
            else:
                values.append(str(self.rng.randint(int(low), int(high))))
        return target.text.format(*values)

    def pick(self, pool: list[Target], used: set[int], suits: Callable[[Target], bool]) -> Target:
        """A target of pool, preferring ones that suit the task and are not used yet."""
        order = list(range(len(pool)))
        self.rng.shuffle(order)
        for want_suit, want_new in ((True, True), (True, False), (False, True), (False, False)):
            for k in order:
                if (not want_suit or suits(pool[k])) and (not want_new or k not in used):
                    used.add(k)
                    return pool[k]
        raise ValueError("no targets to pick from")


def _sizer(fullwidth: bool) -> Callable[[str], int]:
    """Bytes of text in UTF-8, as written: full-width forms take three bytes, not one."""
    if not fullwidth:
        return lambda text: len(text.encode("utf-8"))
    return lambda text: len(text.encode("utf-8")) + 2 * sum(c.isascii() for c in text)


def _section_title(rng: random.Random, text: str, available: list[str]) -> str:
    """The section title that shares most pairs of characters with its tasks."""
    scored = [
        (sum(t[i : i + 2] in text for i in range(len(t) - 1)), rng.random(), t) for t in available
    ]
    title = max(scored)[2]
    available.remove(title)
    return title


def citing(index: int, seed: int, earlier: Sequence[str]) -> tuple[str, list[str]]:
    """The sentence by which plan `index` cites some of the `earlier` plans' titles and one
    or two common documents, and the titles it cites. Earlier plans are drawn with a bias
    to the first ones (j = i·u³), as a province's plan is cited by its cities': plan 0 is
    cited by about a quarter of the corpus, most plans by a few. A generator of its own, so
    the rest of the plan is drawn as before."""
    rng = random.Random(f"plankg-synth/{seed}/cites/{index}")
    picked = sorted({int(len(earlier) * rng.random() ** 3) for _ in range(rng.randint(1, 3))})
    titles = [earlier[j] for j in picked if earlier]
    titles += rng.sample(CITED_DOCUMENTS, rng.randint(1, 2))
    verb = rng.choice(CITING_VERBS)
    named = "、".join(f"《{title}》" for title in titles)
    return f"{verb}{named},结合@实际推进各项任务。", titles


def build_plan(
    index: int,
    seed: int,
    region: str,
    key: str,
    fullwidth: bool = False,
    earlier: Sequence[str] = (),
) -> tuple[str, dict]:
    """Plan `index` of the corpus: the plan's text (LF, no page, no house style) and what
    was planted in it. `fullwidth` says how it will be written, for its size; `earlier`
    are the titles of the plans before it, some of which it cites."""
    src = sources()
    _size = _sizer(fullwidth)
    rng = random.Random(f"plankg-synth/{seed}/plan/{index}")
    planter = Planter(rng)
    start, end = rng.choice(PERIODS)
    year = start + rng.choice([0, 0, 1])
    published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    with_city = rng.random() < 0.4
    title = region + ("市" if with_city else "") + rng.choice(TITLES)
    doc = "本行动计划" if title.endswith("计划") else "本方案"
    with_sections = rng.random() < 0.35
    n_chapters = rng.randint(5, 10)
    n_tasks = rng.randint(max(20, 2 * (n_chapters - 1)), 60)
    target_bytes = rng.uniform(17000, 33000)

    period = f"({start}-{end}年)"
    body = [title, period] if rng.random() < 0.5 else [title + period]
    body.append(rng.choice(PREAMBLES).format(doc=doc))
    cites_sentence, cites = citing(index, seed, earlier)
    body[-1] += cites_sentence

    # Chapter 一: an opening paragraph, the —— goals, the 2035 vision.
    if with_sections:
        body += ["一、总体要求", "(一)指导思想", GUIDING, f"(二){rng.choice(GOAL_SECTIONS)}"]
    else:
        body.append(f"一、{rng.choice(GOAL_CHAPTERS)}")
    body.append(f"到{end}年," + rng.choice(INTROS))
    n_goals = rng.randint(3, 5)
    goal_used: dict[str, set[int]] = {}
    said: set[str] = set()  # each sentence of the real goals once per plan
    for lead, topic in rng.sample(GOAL_LEAD_LIST, n_goals):
        prose = [s for s in src.goal_prose[topic] if not s.startswith(lead) and s not in said]
        parts = rng.sample(prose, min(len(prose), rng.randint(2, 4)))
        said.update(parts)
        for _ in range(rng.randint(1, 3)):
            pool, used = GOAL_TARGET_LISTS[topic], goal_used.setdefault(topic, set())
            count = rng.randint(1, 2)
            clauses = [planter.fill(planter.pick(pool, used, bool)) for _ in range(count)]
            opener = rng.choice(["", "", f"到{end}年,"])
            parts.insert(rng.randint(0, len(parts)), opener + ",".join(clauses) + "。")
        body.append(f"——{lead}。" + "".join(parts))
    vision = [f"展望到2035年,{rng.choice(VISION_OPENERS)}。"]
    targets = rng.sample(GOAL_TARGET_LISTS["vision"], rng.randint(1, 2))
    vision.append(",".join(planter.fill(t) for t in targets) + "。")
    vision += rng.sample(VISION_PROSE, rng.randint(1, 2))
    body.append("".join(vision))

    # The task chapters: source chapters, a closing one last, tasks drawn from each and,
    # where a chapter runs short, from the rest.
    main = [c for c in src.chapters if not c.closing]
    closing = [c for c in src.chapters if c.closing]
    chosen = rng.sample(main, n_chapters - 2) + [rng.choice(closing)]
    sizes = [2] * len(chosen)
    for _ in range(n_tasks - 2 * len(chosen)):
        sizes[rng.randrange(len(sizes))] += 1
    spare_main = [u for c in main for u in c.units]
    spare_closing = [u for c in closing for u in c.units]
    rng.shuffle(spare_main)
    rng.shuffle(spare_closing)
    titles: set[str] = set()
    tasks: list[tuple[int, Unit, SourceChapter]] = []  # (chapter index, unit, its source)
    for k, (chapter, size) in enumerate(zip(chosen, sizes, strict=True)):
        own = [u for u in chapter.units if u.title not in titles]
        units = [own[j] for j in sorted(rng.sample(range(len(own)), min(size, len(own))))]
        titles.update(u.title for u in units)
        spares = [spare_closing, spare_main] if chapter.closing else [spare_main, spare_closing]
        while len(units) < size:
            fresh = [u for pool in spares for u in pool if u.title not in titles]
            unit = fresh[0] if fresh else rng.choice(spare_main)  # all titles taken: repeat
            titles.add(unit.title)
            units.append(unit)
        tasks += [(k, u, chapter) for u in units]

    # Besides its own prose, a task may get targets, places and non-targets.
    extras: list[list[str]] = [[] for _ in tasks]

    def fitting(triggers: tuple[str, ...]) -> list[int]:
        found = [n for n, (_, u, _) in enumerate(tasks) if any(w in u.words for w in triggers)]
        return found or list(range(len(tasks)))

    named: list[str] = []  # the places these sentences name, as written
    for kind, template, triggers in rng.sample(PLACE_SENTENCE_LIST, rng.randint(3, 6)):
        names = rng.sample(src.places[kind], min(3, len(src.places[kind])))
        if "{b}" in template and len(names) < 2:
            continue
        names = names[: sum(f"{{{slot}}}" in template for slot in "abc")]
        named += names
        sentence = template.format(**dict(zip("abc", names, strict=False)))
        extras[rng.choice(fitting(triggers))].append(sentence)
    for template, triggers in rng.sample(NON_TARGET_LIST, rng.randint(1, 4)):
        a, b = rng.sample(src.places["towns"], 2)
        named += [a, b] if "{a}" in template else []
        sentence = template.format(a=a, b=b)
        extras[rng.choice(fitting(triggers))].append(sentence)
        planter.non_targets += len(re.findall(r"\d+", sentence))
    task_used: set[int] = set()
    for n, (_, unit, _) in enumerate(tasks):
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 2])):

            def suits(target: Target, words: str = unit.words) -> bool:
                return any(w in words for w in target.triggers)

            count = 2 if rng.random() < 0.3 else 1
            clauses = [
                planter.fill(planter.pick(TASK_TARGET_LIST, task_used, suits)) for _ in range(count)
            ]
            opener = rng.choice(["", "", "", f"到{end}年,", f"到{end - 1}年,", "“十四五”期间,"])
            extras[n].append(opener + ",".join(clauses) + "。")

    # Each task's prose: its own sentences, then others of its source chapter, then any
    # other, each sentence used once in the plan, up to the task's share of the size.
    fixed = _size("\n".join(body)) + 3000  # the page and the headings
    share = min(1500, max(330, (target_bytes - fixed) / len(tasks)))
    reserved = {s for _, u, _ in tasks for s in u.sentences}
    spare: dict[int, list[str]] = {}
    for c in src.chapters:
        spare[id(c)] = [s for u in c.units for s in u.sentences if s not in reserved]
        rng.shuffle(spare[id(c)])
    anywhere = [s for c in src.chapters for s in spare[id(c)]]
    rng.shuffle(anywhere)
    used_sentences: set[str] = set()
    paragraphs_of: list[list[str]] = []
    for n, (_, unit, chapter) in enumerate(tasks):
        budget = share * rng.uniform(0.7, 1.3) - _size(unit.title) - sum(map(_size, extras[n]))
        text: list[str] = []
        total = 0
        for j, sentence in enumerate(unit.sentences):
            if total >= budget and text:
                break
            if sentence not in used_sentences and (j == 0 or rng.random() < 0.85):
                used_sentences.add(sentence)
                text.append(sentence)
                total += _size(sentence)
        for pool in (spare[id(chapter)], anywhere):
            while total < budget and pool:
                sentence = pool.pop()
                if sentence not in used_sentences:
                    used_sentences.add(sentence)
                    text.append(sentence)
                    total += _size(sentence)
        for extra in extras[n]:
            text.insert(rng.randint(1 if text else 0, len(text)), extra)
        first = f"{n + 1}.{unit.title}。"
        # Now and then a task runs on into a second, unnumbered paragraph.
        cuts = [j for j in range(2, len(text) - 1) if not DIGIT_RE.match(text[j])]
        if cuts and rng.random() < 0.12:
            cut = rng.choice(cuts)
            paragraphs_of.append([first + "".join(text[:cut]), "".join(text[cut:])])
        else:
            paragraphs_of.append([first + "".join(text)])

    n_sections = 2 if with_sections else 0
    section_titles = list(SECTION_TITLES)
    for k, chapter in enumerate(chosen):
        body.append(f"{NUMERALS[k + 1]}、{chapter.title}")
        mine = [p for (c, _, _), p in zip(tasks, paragraphs_of, strict=True) if c == k]
        if with_sections and len(mine) >= 2 and rng.random() < 0.85:
            count = rng.randint(2, min(3, len(mine)))
            bounds = [0, *sorted(rng.sample(range(1, len(mine)), count - 1)), len(mine)]
            for s in range(count):
                group = mine[bounds[s] : bounds[s + 1]]
                text = "".join(p for paragraphs in group for p in paragraphs)
                body.append(f"({NUMERALS[s]}){_section_title(rng, text, section_titles)}")
                body += [p for paragraphs in group for p in paragraphs]
            n_sections += count
        else:
            body += [p for paragraphs in mine for p in paragraphs]

    text = "\n".join(body).replace(R, region)
    # The loader reads the region from the title: the name before 市, or else the title
    # prefix the text repeats most (ties to the longer). Should a longer prefix win, the
    # title gets its 市.
    counts = {k: text.count(title[:k]) for k in (2, 3, 4)}
    if not with_city and any(k * counts[k] >= 2 * counts[2] for k in (3, 4) if counts[k] >= 3):
        plain, title = title, region + "市" + title[len(region) :]
        text = text.replace(plain, title)
    return text, {
        "id": f"{key}-{topic_slug(title[len(region) :].removeprefix('市'))}-{start}-{end}",
        "title": title,
        "region": region,
        "period": [start, end],
        "published": published,
        "chapters": n_chapters,
        "sections": n_sections,
        "tasks": len(tasks),
        "goals": n_goals + 1,
        "goal_years": [end] * n_goals + [2035],
        "targets": planter.targets,
        "non_targets": planter.non_targets,
        "places": list(dict.fromkeys(src.place_ids[name] for name in named)),
        "cites": cites,
    }


def _fullwidth(text: str) -> str:
    return "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text
    )


def house_style(rng: random.Random) -> dict:
    """How a site writes its pages: indents, blank lines, full-width forms, CRLF."""
    return {
        "indent": rng.choice(["", "  ", "\u3000\u3000"]),
        "blank_lines": rng.random() < 0.5,
        "fullwidth": rng.random() < 0.3,
        "crlf": rng.random() < 0.3,
    }


def render(rng: random.Random, plan: str, region: str, published: str, style: dict) -> str:
    """The web page around the plan (site, date, source, related news) in `style`."""
    before = [rng.choice(SITES)]
    if rng.random() < 0.6:
        before.append(rng.choice(NAVIGATION))
    year, month, day = published.split("-")
    if rng.random() < 0.3:  # a signing date too: the loader must prefer 发布日期
        before.append(f"成文日期:{year}年{int(month)}月{max(1, int(day) - 3)}日")
    if rng.random() < 0.5:
        before.append(f"发布日期:{published}")
    else:
        before.append(f"{rng.choice(['发布日期', '发布时间'])}:{year}年{int(month)}月{int(day)}日")
    after = [f"(来源:{rng.choice(PAPERS)})"]
    if rng.random() < 0.6:
        after += [f"责任编辑:{rng.choice(EDITORS)}", "相关新闻"]
        after += rng.sample(NEWS, rng.randint(1, 3))
    lines = plan.split("\n")
    head = 2 if lines[1].startswith("(") else 1  # the title and its period line
    lines = lines[:head] + [style["indent"] + line for line in lines[head:]]
    separator = "\n\n" if style["blank_lines"] else "\n"
    page = "\n".join(before) + "\n\n" + separator.join(lines) + "\n\n" + "\n".join(after) + "\n"
    page = page.replace(R, region)
    if style["fullwidth"]:
        page = _fullwidth(page)
    if style["crlf"]:
        page = page.replace("\n", "\r\n")
    return page


def generate(count: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Write `count` synthetic plans and `manifest.json` into out_dir; return the plans'
    paths in corpus order. Plan i depends only on (seed, i)."""
    if count < 0:
        raise ValueError("count must be at least 0")
    names = list(itertools.islice(regions(seed), count))
    if len(names) < count:  # before anything is written
        raise ValueError(f"there are only {len(names)} distinct region names: ask for fewer plans")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    manifest: list[dict] = []
    for index, (region, key) in enumerate(names):
        rng = random.Random(f"plankg-synth/{seed}/page/{index}")
        style = house_style(rng)
        earlier = [m["title"] for m in manifest]
        plan, entry = build_plan(index, seed, region, key, style["fullwidth"], earlier)
        page = render(rng, plan, region, entry["published"], style)
        data = page.encode("utf-8")
        path = out_dir / f"{entry['id']}.txt"
        path.write_bytes(data)
        paths.append(path)
        manifest.append({"file": path.name, **entry, "bytes": len(data), "style": style})
    document = {"seed": seed, "count": count, "plans": manifest}
    (out_dir / "manifest.json").write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return paths


def main(
    count: Annotated[int, typer.Argument(help="how many plans", min=0, show_default=False)],
    out_dir: Annotated[Path, typer.Option("--out", help="folder to write them into")],
    seed: Annotated[int, typer.Option(help="same seed, same plans")] = 0,
) -> None:
    """Write a synthetic corpus of plans of the genre, with manifest.json, for scale tests."""
    started = time.perf_counter()
    try:
        paths = generate(count, out_dir, seed)
    except (PlankgError, ValueError) as error:  # a broken data folder; more plans than names
        typer.echo(f"error: {error}".replace("\n", " "), err=True)
        raise typer.Exit(2) from None
    size = sum(path.stat().st_size for path in paths)
    print(
        f"wrote {len(paths)} plans ({size / 1e6:.1f} MB) and manifest.json to {out_dir} "
        f"in {time.perf_counter() - started:.1f} s (seed {seed})"
    )


if __name__ == "__main__":
    typer.run(main)
