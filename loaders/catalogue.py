"""The knowledge the linker uses for one plan: the genre data that holds for any plan
(data/places.yaml, data/agencies.yaml kinds of bodies, data/themes.yaml), the national
gazetteer (loaders/gazetteer.py), and the region profile of the plan's region
(data/regions/<region>/: profile.yaml, places.yaml, agencies.yaml), if there is one.

A profile is chosen by the plan's region (Plan.region) being one of its `names`; a plan of
a region without a profile uses the genre data and the national gazetteer alone, so it can
never receive another region's towns, zones or bodies. A mistake in a data file is
reported with the file and the entry."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ahocorasick_rs import AhoCorasick
from pydantic import ValidationError

from plankg.loaders import gazetteer
from plankg.loaders.countries import countries
from plankg.loaders.model import Agency, Place, Theme
from plankg.loaders.resources import DataError, data_dir, load_yaml, load_yaml_file, read_data_text


def _slug(text: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z0-9]+", "-", "".join(lazy_pinyin(text)).lower()).strip("-")


LEVEL_WORDS = {"province": "provincial", "prefecture": "municipal", "county": "county"}


class CatalogueError(DataError):  # the CLI reports it in one line, exit 2
    pass


@dataclass(frozen=True)
class Compound:
    """A phrase naming several places at once: 融沪接甬 -> 上海, 宁波."""

    text: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """A kind of body (data/agencies.yaml): 发改委, 教育厅, 组织部 …"""

    id: str
    name: str
    name_en: str
    type: str
    party: bool
    forms: tuple[str, ...]
    national: tuple[str, ...]
    national_name: str | None
    remit: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    key: str  # the folder name under data/regions/
    id: str
    names: tuple[str, ...]
    adcode: str | None
    places: dict[str, Place]
    compounds: tuple[Compound, ...]
    not_mentions: tuple[str, ...]
    division_aliases: dict[str, tuple[str, ...]]  # code -> local aliases
    agencies: dict[str, Agency]
    theme_terms: dict[str, tuple[str, ...]]  # theme id -> the region's own terms


@dataclass(frozen=True)
class Catalogue:
    profile: Profile | None
    region_code: str | None  # the plan's region in the national gazetteer
    region_id: str  # prefix of the ids of bodies built from kinds: anhui, zhoushan, cn
    region_name: str  # the region's full name (安徽省), or as the plan writes it as a place
    # (澄州市), or "" (a region the gazetteer does not know that the plan never writes so)
    level: str  # the plan's level: national | provincial | municipal | county
    places: dict[str, Place]  # genre places, the profile's, and every national division
    division_ids: dict[str, str]  # GB/T 2260 code -> place id
    compounds: tuple[Compound, ...]
    not_mentions: tuple[str, ...]
    agencies: dict[str, Agency]  # the profile's own bodies
    kinds: dict[str, Kind]
    special_forms: dict[str, tuple[str, str]]  # 团市委 -> (tw, municipal), 省委 -> (dw, …)
    themes: dict[str, Theme]  # the genre's: a Theme node is the same in every plan
    local_theme_terms: dict[str, tuple[str, ...]]  # the profile's terms, matched too
    stopwords: frozenset[str] = field(default_factory=frozenset)

    @property
    def municipality(self) -> bool:
        """北京 天津 上海 重庆: a province-level city, whose own bodies are 市 bodies (市财政局)."""
        code = self.region_code
        return bool(code) and self.level == "provincial" and code[:2] in gazetteer.MUNICIPALITIES

    def ancestors(self, place_id: str) -> list[str]:
        chain, seen = [], {place_id}
        parent = self.places[place_id].parent
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.places[parent].parent
        return chain


def _validate(path: Path, key: str, raw_entries: list, model: type, extra: dict) -> dict:
    entries: dict = {}
    for number, raw in enumerate(raw_entries or [], start=1):
        try:
            entry = model.model_validate({**raw, **extra})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CatalogueError(
                f"{path}: {key} entry {number} ({raw.get('id', '?')}): {where}: {first['msg']}"
            ) from None
        if entry.id in entries:
            raise CatalogueError(f"{path}: {key} entry {number}: id {entry.id!r} again")
        entries[entry.id] = entry
    return entries


def _read(path: Path) -> dict:
    """A profile's YAML file, checked as every data file is; absent, it is empty."""
    return load_yaml_file(path) if path.exists() else {}


def _compounds(path: Path, raw: list, known: set[str]) -> tuple[Compound, ...]:
    out = []
    for entry in raw or []:
        missing = [p for p in entry["places"] if p not in known]
        if missing:
            raise CatalogueError(f"{path}: compound {entry['text']!r}: unknown place ids {missing}")
        out.append(Compound(entry["text"], tuple(entry["places"])))
    return tuple(out)


@cache
def profile_files() -> dict[str, dict]:
    """Every profile's raw files, by folder name."""
    root = data_dir() / "regions"
    out = {}
    for folder in sorted(root.iterdir()) if root.exists() else []:
        meta = _read(folder / "profile.yaml")
        if not meta:
            continue
        if not meta.get("names"):
            raise CatalogueError(f"{folder / 'profile.yaml'}: `names` is missing or empty")
        out[folder.name] = {
            "meta": meta,
            "places": _read(folder / "places.yaml"),
            "agencies": _read(folder / "agencies.yaml"),
            "themes": _read(folder / "themes.yaml"),
            "folder": folder,
        }
    return out


@cache
def national_places() -> tuple[dict[str, Place], dict[str, str]]:
    """Every division as a Place, and code -> id. Profiles may give the divisions of their
    own territory other ids, English names and the `remote` flag (kept the same in every
    plan, so a node is the same node whichever plan names it)."""
    divisions = gazetteer.divisions()
    ids = dict(gazetteer.default_ids())
    overrides: dict[str, dict] = {}
    for files in profile_files().values():
        for code, change in (files["places"].get("divisions") or {}).items():
            code = str(code)
            if code not in divisions:
                raise CatalogueError(
                    f"{files['folder'] / 'places.yaml'}: division {code!r} is not a GB/T 2260 "
                    "code of the national gazetteer"
                )
            overrides[code] = change or {}
            if "id" in (change or {}):
                ids[code] = change["id"]
    # A profile's own place keeps its id: a division whose pinyin is the same (金堂县,
    # jintang, against Zhoushan's 金塘镇) gets its code appended.
    reserved = set(
        load_yaml("places.yaml").get("places")
        and [p["id"] for p in load_yaml("places.yaml")["places"]]
    )
    for files in profile_files().values():
        reserved |= {p["id"] for p in files["places"].get("places") or []}
    pinned = {str(c) for f in profile_files().values() for c in f["places"].get("divisions") or {}}
    ids = {c: f"{i}-{c}" if i in reserved and c not in pinned else i for c, i in ids.items()}
    places = {}
    kinds = {"province": "province", "prefecture": "city"}
    for code, d in divisions.items():
        change = overrides.get(code, {})
        kind = kinds.get(d.level) or (
            "district" if d.name.endswith("区") else "city" if d.name.endswith("市") else "county"
        )
        if d.level == "province" and code[:2] in gazetteer.MUNICIPALITIES:
            kind = "city"
        places[ids[code]] = Place(
            id=ids[code],
            name=d.name,
            name_en=change.get("name_en", d.name_en),
            kind=kind,
            adcode=code,
            parent=ids[d.parent] if d.parent else "china",
            aliases=list(d.short_forms),
            remote=bool(change.get("remote", False)),
        )
    return places, ids


@cache
def profiles() -> dict[str, Profile]:
    genre = genre_places()
    national, _ = national_places()
    out = {}
    for key, files in profile_files().items():
        folder, meta = files["folder"], files["meta"]
        raw_places = files["places"]
        places = _validate(
            folder / "places.yaml", "places", raw_places.get("places"), Place, {"profile": key}
        )
        known = {**genre, **national, **places}
        for place in places.values():
            if place.parent and place.parent not in known:
                raise CatalogueError(
                    f"{folder / 'places.yaml'}: place {place.id!r}: parent {place.parent!r} "
                    "is not a place id"
                )
        raw_agencies = files["agencies"]
        agencies = _validate(
            folder / "agencies.yaml",
            "agencies",
            raw_agencies.get("agencies"),
            Agency,
            {"profile": key},
        )
        kind_table, _ = kinds()
        for raw in raw_agencies.get("agencies") or []:  # no remit of its own: the kind's
            kind = raw.get("body_kind")
            if "remit" not in raw and kind:
                if kind not in kind_table:
                    raise CatalogueError(
                        f"{folder / 'agencies.yaml'}: {raw['id']}: body_kind {kind!r} is not a kind"
                    )
                agency = agencies[raw["id"]]
                agencies[agency.id] = agency.model_copy(
                    update={"remit": list(kind_table[kind].remit)}
                )
        out[key] = Profile(
            key=key,
            id=meta.get("id", key),
            names=tuple(meta["names"]),
            adcode=str(meta["adcode"]) if meta.get("adcode") else None,
            places=places,
            compounds=_compounds(folder / "places.yaml", raw_places.get("compounds"), set(known)),
            not_mentions=tuple(raw_places.get("not_mentions") or []),
            division_aliases={
                str(code): tuple((change or {}).get("aliases", []))
                for code, change in (raw_places.get("divisions") or {}).items()
            },
            agencies=agencies,
            theme_terms=_theme_terms(folder, files["themes"]),
        )
    return out


def _theme_terms(folder: Path, raw: dict) -> dict[str, tuple[str, ...]]:
    known = genre_themes()
    out = {}
    for theme, terms in (raw.get("terms") or {}).items():
        if theme not in known:
            raise CatalogueError(f"{folder / 'themes.yaml'}: {theme!r} is not a theme id")
        out[theme] = tuple(terms)
    return out


@cache
def genre_themes() -> dict[str, Theme]:
    path = data_dir() / "themes.yaml"
    return _validate(path, "themes", load_yaml("themes.yaml").get("themes"), Theme, {})


def profile_for(region: str) -> Profile | None:
    return next((p for p in profiles().values() if region in p.names), None)


@cache
def genre_places() -> dict[str, Place]:
    """data/places.yaml's places, and the countries of the world (loaders/countries.py)."""
    places = _validate(
        data_dir() / "places.yaml", "places", load_yaml("places.yaml").get("places"), Place, {}
    )
    _, ids = national_places()
    taken = set(ids.values())
    for place in countries().values():
        if place.id not in places and place.name not in _names_of(places):
            pid = place.id if place.id not in taken else f"{place.id}-country"
            places[pid] = place.model_copy(update={"id": pid})
    return places


def _names_of(places: dict[str, Place]) -> set[str]:
    return {n for p in places.values() for n in (p.name, *p.aliases)}


@cache
def kinds() -> tuple[dict[str, Kind], dict[str, tuple[str, str]]]:
    raw = load_yaml("agencies.yaml")
    out = {}
    for entry in raw.get("kinds") or []:
        out[entry["id"]] = Kind(
            id=entry["id"],
            name=entry["name"],
            name_en=entry["name_en"],
            type=entry["type"],
            party=bool(entry.get("party")),
            forms=tuple(entry.get("forms") or []),
            national=tuple(entry.get("national") or []),
            national_name=entry.get("national_name"),
            remit=tuple(entry.get("remit") or []),
        )
    levels = {"province": "provincial", "city": "municipal", "county": "county"}
    special = {w: ("tw", levels[lv]) for w, lv in (raw.get("youth_league") or {}).items()}
    special.update({"省委": ("dw", "provincial"), "市委": ("dw", "municipal")})
    special.update({"县委": ("dw", "county"), "区委": ("dw", "county")})
    special.update({"自治区党委": ("dw", "provincial"), "州委": ("dw", "municipal")})
    special.update({"盟委": ("dw", "municipal"), "旗委": ("dw", "county")})
    return out, special


TEXT_BODY_TYPES = ("government", "enterprise", "working_group", "role")


@cache
def text_body_types() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(type, name endings) of data/agencies.yaml's `text_body_types`, in order: the type
    of a body a plan names that fits no kind (loaders/agencies.taken_from_text)."""
    out = []
    for rule in load_yaml("agencies.yaml").get("text_body_types") or []:
        ends = rule["ends"]
        if rule["type"] not in TEXT_BODY_TYPES or not isinstance(ends, list):
            raise CatalogueError(
                f"{data_dir() / 'agencies.yaml'}: text_body_types: type {rule['type']!r} "
                f"(expected one of {', '.join(TEXT_BODY_TYPES)}) with a list of `ends`"
            )
        out.append((rule["type"], tuple(str(end) for end in ends)))
    return tuple(out)


NATIONAL_REGIONS = {
    "国务院",
    "国务院办公厅",
    "全国",
    "国家",
    "中国",
    "中华人民共和国",
    "中央",
    "中共中央",
}


def plan_catalogue(plan) -> Catalogue:
    """The catalogue of a plan: of its region, or the national one for a national plan
    (the loader reads that from the title or the issuer: data/genre.yaml's
    national_issuers; a --region such as 国务院 says it too)."""
    national = plan.region_level == "national" or plan.region in NATIONAL_REGIONS
    if national:
        return catalogue_for("全国")
    return catalogue_for(plan.region, _written_as_place(plan.region, plan.text))


PLACE_SUFFIXES = ("省", "市", "自治区", "自治州", "地区", "盟", "县", "区", "旗")


def _written_as_place(region: str | None, text: str) -> str | None:
    """How the plan writes, as a place, a region the gazetteer does not find by itself
    (澄州 -> 澄州市; 包头, 路桥: short forms that are ordinary words -> 包头市, 路桥区): the
    first such full name its text holds. A word of the title (数字政府, 平安) is written so
    nowhere, and then gives no region's name to anything."""
    if not region or region in NATIONAL_REGIONS or gazetteer.region_division(region):
        return None
    for name in (*(region + s for s in PLACE_SUFFIXES), region):
        # a whole name: not 澄州市场 (市场) or 澄州区域 (区域)
        if name.endswith(PLACE_SUFFIXES) and re.search(re.escape(name) + "(?![场域])", text):
            return name
    return None


def _region_code(region: str, written: str | None) -> str | None:
    """The division a plan's region names; else the one division of the full name the
    plan writes it as (路桥区); a name several divisions share (和平区) names none."""
    code = gazetteer.region_division(region)
    if code is None and written:
        found = [
            c
            for c in gazetteer.surfaces().get(written, ())
            if gazetteer.divisions()[c].name == written
        ]
        code = found[0] if len(found) == 1 else None
    return code


@cache
def catalogue_for(region: str, written: str | None = None) -> Catalogue:
    """The catalogue for a plan of this region (Plan.region); `written`: how the plan
    writes a region the gazetteer does not know as a place (澄州市), if it does."""
    profile = profile_for(region)
    _, ids = national_places()
    code = profile.adcode if profile and profile.adcode else None
    if code is None and region not in NATIONAL_REGIONS:
        code = _region_code(region, written)
    if code:
        level = LEVEL_WORDS[gazetteer.divisions()[code].level]
        region_id = profile.id if profile else ids[code]
    elif region in NATIONAL_REGIONS or not region:
        level, region_id = "national", profile.id if profile else "cn"
    else:  # a region the gazetteer does not know: its own ids; a city plan, most likely
        level = "municipal"
        region_id = profile.id if profile else _slug(region)
    kind_table, special = kinds()
    places, compounds, not_mentions = _profile_places(profile.key if profile else None)
    return Catalogue(
        profile=profile,
        region_code=code,
        region_id=region_id,
        region_name=(
            gazetteer.divisions()[code].name
            if code
            else region
            if region in NATIONAL_REGIONS or not region
            else written or ""
        ),
        level=level,
        places=places,
        division_ids=ids,
        compounds=compounds,
        not_mentions=not_mentions,
        agencies=dict(profile.agencies) if profile else {},
        kinds=kind_table,
        special_forms=special,
        themes=genre_themes(),
        local_theme_terms=profile.theme_terms if profile else {},
        stopwords=_stopwords(),
    )


@cache
def _profile_places(
    key: str | None,
) -> tuple[dict[str, Place], tuple[Compound, ...], tuple[str, ...]]:
    """Places, compounds and not-mentions of the catalogues of a profile (or of none):
    they depend on the profile alone, so every region without a profile shares one copy
    (a synthetic corpus has a thousand such regions). Read-only, like the catalogue."""
    profile = profiles()[key] if key else None
    national, ids = national_places()
    genre_raw = load_yaml("places.yaml")
    places = {**national, **genre_places(), **(profile.places if profile else {})}
    if profile:  # local aliases of the profile's divisions (岱山岛)
        for div_code, aliases in profile.division_aliases.items():
            place = places[ids[div_code]]
            places[place.id] = place.model_copy(update={"aliases": [*place.aliases, *aliases]})
    genre_compounds = _compounds(
        data_dir() / "places.yaml", genre_raw.get("compounds"), set(places)
    )
    return (
        places,
        genre_compounds + (profile.compounds if profile else ()),
        tuple(genre_raw.get("not_mentions") or []) + (profile.not_mentions if profile else ()),
    )


@cache
def _stopwords() -> frozenset[str]:
    lines = read_data_text("stopwords.txt").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def catalogue() -> Catalogue:
    """The national catalogue: genre data only, no region."""
    return catalogue_for("")


@cache
def all_user_words() -> list[str]:
    """Every name the segmenter must keep whole, in a stable order: genre places, every
    profile's places and bodies, division names, forms of bodies, theme terms. A theme
    term containing a place name (长三角一体化) is left out: as one token it would hide
    the place, and themes are matched as substrings anyway. Words of other regions only
    shape the segmentation; they never link anything into a plan."""
    names: list[str] = []
    place_names: list[str] = []
    for place in genre_places().values():
        place_names += [place.name, *place.aliases]
    for profile in profiles().values():
        for place in profile.places.values():
            place_names += [place.name, *place.aliases]
        names += [c.text for c in profile.compounds] + list(profile.not_mentions)
        for agency in profile.agencies.values():
            names += [agency.name, agency.short_name, *agency.aliases]
        place_names += [a for aliases in profile.division_aliases.values() for a in aliases]
    divisions = list(gazetteer.surfaces())
    place_names += divisions
    names += place_names
    names += list(load_yaml("places.yaml").get("not_mentions") or [])
    kind_table, special = kinds()
    for kind in kind_table.values():
        names += [*kind.forms, *kind.national]
    names += list(special)
    all_terms = [t for theme in genre_themes().values() for t in theme.terms]
    all_terms += [t for p in profiles().values() for ts in p.theme_terms.values() for t in ts]
    holds_a_place = _finder(place_names)
    terms = [term for term in all_terms if not holds_a_place(term)]
    return list(dict.fromkeys(w for w in names + terms if len(w) > 1))


def _finder(names: list[str]) -> Callable[[str], bool]:
    """Does a text hold any of the names? One automaton over the ~10,000 place names
    instead of testing each name against each text."""
    if "" in names:  # the empty name is in every text
        return lambda text: True
    automaton = AhoCorasick(sorted(set(names)))
    return lambda text: bool(automaton.find_matches_as_indexes(text))


def profile_gazetteer(region: str) -> dict:
    """A profile's places as plain data, with the divisions of its territory and those its
    compounds name (for the synthetic corpus, which rewrites a real plan's places)."""
    cat = catalogue_for(region)
    if not cat.profile:
        return {"places": [], "compounds": [], "not_mentions": []}
    named = {p for c in cat.profile.compounds for p in c.places}
    territory = cat.profile.adcode[:4] if cat.profile.adcode else None
    places = [
        p
        for p in cat.places.values()
        if p.profile
        or p.id in named
        or p.id in genre_places()
        or (territory and p.adcode and len(p.adcode) == 6 and p.adcode.startswith(territory))
    ]
    return {
        "places": [p.model_dump() for p in places],
        "compounds": [{"text": c.text, "places": list(c.places)} for c in cat.profile.compounds],
        "not_mentions": list(cat.profile.not_mentions),
        "agencies": [a.model_dump() for a in cat.profile.agencies.values()],
    }
