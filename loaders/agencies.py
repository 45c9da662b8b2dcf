"""Bodies as (region, kind): the forms plans write (市发改委, 省商务厅, 教育部, 团市委 …) and
the Agency each names in a plan of a given region.

- A level prefix (省/市/县/区, 省委/市委 … for party bodies, 各市/相关市 for all the cities
  of the plan's region) gives the level; no prefix means the plan's own level; a national
  form (国家发展改革委, 教育部, 海关总署) is the national body.
- The body is the profile's own body of that kind and level when the plan's region has a
  profile (市发改委 in a Zhoushan plan: zs-fgw); else `<region>:<kind>` named after the
  region (anhui:sw, 安徽省商务厅); `cn:<kind>` for a national body; a lower level than the
  plan's (市 in a provincial plan) is the collective body of that level in the region
  (anhui:municipal-zf, 各市人民政府), named as the text names it.
- A body named with its division (合肥市人民政府, 芜湖市发展改革委) is that division's body of
  the kind (`named_division_body`); a region the gazetteer does not know names bodies only
  as the plan writes it as a place (澄州市), never as a word of the title.
- A body that fits no kind (合肥海关, 各基础电信企业, a working group) is taken from the text
  (`taken_from_text`): its id is the region's prefix and the pinyin of its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pypinyin import lazy_pinyin

from plankg.loaders import gazetteer
from plankg.loaders.catalogue import Catalogue, text_body_types
from plankg.loaders.model import Agency

LEVEL_PREFIXES = {
    "省": "provincial",
    "市": "municipal",
    "县": "county",
    "区": "county",
    "省级": "provincial",
    "市级": "municipal",
    "县级": "county",
    # the levels' other words: 自治区 (内蒙古, 广西 …), 州 of a 自治州, 盟, 旗
    "自治区": "provincial",
    "州": "municipal",
    "盟": "municipal",
    "旗": "county",
}
COLLECTIVE = ("各", "相关", "有关")  # 各市人民政府: every city of the plan's region
PARTY_PREFIXES = {
    "省委": "provincial",
    "市委": "municipal",
    "县委": "county",
    "区委": "county",
    "自治区党委": "provincial",
    "州委": "municipal",
    "盟委": "municipal",
    "旗委": "county",
}
RANK = {"national": 0, "provincial": 1, "municipal": 2, "county": 3}
LEVEL_PREFIX = {"provincial": "省", "municipal": "市", "county": "县"}
LEVEL_ZH = {"provincial": "省", "municipal": "市", "county": "县（市、区）"}
LEVEL_ZH_NATIONAL = {
    "provincial": "省（自治区、直辖市）",
    "municipal": "市（地、州、盟）",
    "county": "县（市、区、旗）",
}
LEVEL_EN = {"provincial": "province", "municipal": "municipal", "county": "county"}


@dataclass(frozen=True)
class BodyForm:
    kind: str | None  # None: a profile body's own name (profile_id holds it)
    level: str | None  # None: the plan's own level
    collective: bool = False
    profile_id: str | None = None


# By profile: the forms come from the kinds of bodies (the same everywhere) and the
# profile's own bodies, so every region without a profile shares one table.
_FORMS: dict[str | None, dict[str, BodyForm]] = {}


def body_forms(cat: Catalogue) -> dict[str, BodyForm]:
    """Every surface that names a body in plans of this catalogue's region (read-only)."""
    key = cat.profile.key if cat.profile else None
    if key not in _FORMS:
        _FORMS[key] = _kind_forms(cat)
    return _FORMS[key]


def _kind_forms(cat: Catalogue) -> dict[str, BodyForm]:
    forms: dict[str, BodyForm] = {}
    for kind in cat.kinds.values():
        for form in kind.national:
            forms[form] = BodyForm(kind.id, "national")
        prefixes = PARTY_PREFIXES if kind.party else LEVEL_PREFIXES
        for form in kind.forms:
            if kind.id != "zf":  # bare 政府 / 人民政府 is a word, not a body
                forms.setdefault(form, BodyForm(kind.id, None))
            for prefix, level in prefixes.items():
                forms[prefix + form] = BodyForm(kind.id, level)
                for word in COLLECTIVE:
                    if not kind.party:
                        forms[word + prefix + form] = BodyForm(kind.id, level, collective=True)
    for word, (kind, level) in cat.special_forms.items():
        forms.setdefault(word, BodyForm(kind, level))
    for agency in cat.agencies.values():  # the profile's own names win
        for surface in (agency.name, agency.short_name, *agency.aliases):
            forms[surface] = BodyForm(agency.body_kind, None, profile_id=agency.id)
    return forms


@cache
def _pinyin(text: str) -> tuple[str, ...]:
    """pypinyin's syllables, remembered: the same names come back in every plan."""
    return tuple(lazy_pinyin(text))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", "".join(_pinyin(text)).lower()).strip("-")


def _region_at(cat: Catalogue, level: str) -> str | None:
    """The division of the plan's region, or its ancestor, at that level; the city for
    市 bodies in a district of a province-level city (市商务局 in a 朝阳区 plan: 北京市)."""
    if not cat.region_code:
        return None
    wanted = {"provincial": "province", "municipal": "prefecture", "county": "county"}[level]
    chain = [cat.region_code, *gazetteer.ancestors(cat.region_code)]
    for code in chain:
        if gazetteer.divisions()[code].level == wanted:
            return code
    if level == "municipal":
        return next((c for c in chain if _is_municipality(c)), None)
    return None


def _is_municipality(code: str) -> bool:
    return gazetteer.divisions()[code].level == "province" and code[:2] in gazetteer.MUNICIPALITIES


def _kind_name(kind, level: str, city: bool = False) -> str:
    """The kind's name at a level: departments are 厅 of a province, 局 below, and 局 of a
    province-level city (北京市财政局)."""
    return kind.name.replace("厅", "局") if level != "provincial" or city else kind.name


def _full_name(kind, level: str, where: str, city: bool = False) -> str:
    if kind.party and where.endswith("自治区"):  # 内蒙古自治区党委组织部
        return f"{where}党委{kind.name if kind.id != 'dw' else ''}"
    if kind.party:
        return f"中共{where}委{kind.name if kind.id != 'dw' else ''}"
    if kind.id == "tw":
        return f"共青团{where}委员会"
    return where + _kind_name(kind, level, city)


def _level_word(place_name: str, level: str) -> str:
    """The word a division's plans put before its bodies: 省, 市, 县, and 自治区, 州 (of a
    自治州), 盟, 旗 where the division is one (州发展改革委 in a 阿坝藏族羌族自治州 plan)."""
    for ending, word in (("自治区", "自治区"), ("自治州", "州"), ("盟", "盟"), ("旗", "旗")):
        if place_name.endswith(ending) and LEVEL_PREFIXES[word] == level:
            return word
    return LEVEL_PREFIX[level]


def _short_name(kind, level: str, city: bool = False, place_name: str = "") -> str:
    """市发改委-like: the level's prefix and the kind's name, the same in every plan (a
    province-level city's own bodies are 市 bodies: 市财政局 in a Shanghai plan)."""
    prefix = "市" if city else _level_word(place_name, level)
    if prefix == "自治区" and kind.party:
        return "自治区党委" + (kind.name if kind.id != "dw" else "")
    if kind.id == "dw":
        return prefix + "委"
    if kind.id == "tw":
        return "团" + prefix + "委"
    return prefix + ("委" if kind.party else "") + _kind_name(kind, level, city)


def resolve(form: BodyForm, surface: str, cat: Catalogue) -> Agency:
    """The Agency a form names in a plan of this catalogue's region. Every property comes
    from (region, level, kind), never from the form, so a node is the same whichever
    plan or form (市政府, 市人民政府) names it."""
    if form.profile_id:
        return cat.agencies[form.profile_id]
    kind = cat.kinds[form.kind]
    level = form.level or cat.level
    if cat.municipality and level == "municipal":  # 市发改委 in a Beijing plan: Beijing's own
        level = "provincial"
    city = cat.municipality and level == "provincial"
    if level == "national":
        return Agency(
            id=f"cn:{kind.id}",
            name=kind.national_name or kind.name,
            short_name=(kind.national or (kind.name,))[0],
            name_en=f"{kind.name_en} (national)",
            level="national",
            kind=kind.type,
            remit=list(kind.remit),
            body_kind=kind.id,
        )
    if cat.profile and not form.collective:  # the profile's own body of that kind
        for agency in cat.agencies.values():
            if agency.body_kind == kind.id and agency.level == level:
                return agency
    national = cat.level == "national"
    lower = RANK[level] > RANK[cat.level]
    code = None if lower or form.collective else _region_at(cat, level)
    if code and _is_municipality(code):  # 北京市's own bodies are the same in every plan
        level, city = "provincial", True
    common = {"level": level, "kind": kind.type, "remit": list(kind.remit), "body_kind": kind.id}
    places, ids = cat.places, cat.division_ids
    region = ids[cat.region_code] if cat.region_code else None
    if lower or form.collective:  # every body of a lower level: 各市人民政府, 市发改委
        where = (LEVEL_ZH_NATIONAL if national else LEVEL_ZH)[level]
        short = f"各{where}{'委' if kind.party else ''}{_kind_name(kind, level)}"
        return Agency(
            id=f"{cat.region_id}:{level}-{kind.id}",
            # named after a division of the gazetteer, else the region as the plan writes
            # it as a place (澄州市), else as the kind names it (a national plan's region
            # is the country; a word of the title is never put in a body's name)
            name=(places[region].name if region else "" if national else cat.region_name) + short,
            short_name=short,
            name_en=f"{kind.name_en}, every one at {LEVEL_EN[level]} level",
            region=region,
            **common,
        )
    if code is None:  # a region the gazetteer does not know (a synthetic city)
        own = level == cat.level
        named = bool(own and cat.region_name)  # written as a place (澄州市) by the plan
        return Agency(
            id=f"{cat.region_id}:{kind.id if own else level + '-' + kind.id}",
            name=_full_name(kind, level, cat.region_name if named else LEVEL_PREFIX[level]),
            short_name=_short_name(kind, level),
            name_en=(
                f"{' '.join(_pinyin(cat.region_name)).title()} {kind.name_en}"
                if named
                else f"{kind.name_en} ({LEVEL_EN[level]}, of the plan's region)"
            ),
            **common,
        )
    place = places[ids[code]]
    return Agency(
        id=f"{cat.region_id if code == cat.region_code else place.id}:{kind.id}",
        name=_full_name(kind, level, place.name, city),
        short_name=_short_name(kind, level, city, place.name),
        name_en=f"{place.name_en} {kind.name_en}",
        region=place.id,
        **common,
    )


DIVISION_LEVELS = {"province": "provincial", "prefecture": "municipal", "county": "county"}


def named_division_body(name: str, cat: Catalogue) -> Agency | None:
    """A body a clause names with its division (合肥市人民政府, 芜湖市发展改革委, 朝阳区政府):
    the body of that kind of that division, the same node as the division's own plans
    make; None unless the name is a division's name (resolved as places are: inside the
    plan's region first, else the only one) followed by a kind's form, the party's or a
    government's (not 合肥海关: no kind)."""
    kinds = _kind_by_form(cat)
    for end in range(len(name) - 2, 1, -1):
        code = gazetteer.resolve(name[:end], cat.region_code)
        rest = name[end:]
        if code is None or not rest:
            continue
        division = gazetteer.divisions()[code]
        if rest.startswith(division.name[len(name[:end]) :]) and division.name != name[:end]:
            rest = rest[len(division.name) - end :]  # 合肥 + 市人民政府
        party = rest.startswith("委") and rest != "委"
        kind = kinds.get(rest[1:] if party else rest)
        if kind is None or kind.party != party:
            if rest in ("委", "委员会"):  # 合肥市委: the party committee
                kind = cat.kinds.get("dw")
            else:
                continue
        if kind is None:
            return None
        level = DIVISION_LEVELS[division.level]
        own = cat.region_code and code in (cat.region_code, *gazetteer.ancestors(cat.region_code))
        if own:  # the plan's own region or above it: as 市政府 / 省政府 (a profile's own)
            return resolve(BodyForm(kind.id, level), name, cat)
        city = level == "provincial" and code[:2] in gazetteer.MUNICIPALITIES
        place = cat.places.get(cat.division_ids.get(code, ""))
        if place is None:
            return None
        return Agency(
            id=f"{place.id}:{kind.id}",
            name=_full_name(kind, level, place.name, city),
            short_name=_short_name(kind, level, city, place.name),
            name_en=f"{place.name_en} {kind.name_en}",
            region=place.id,
            level=level,
            kind=kind.type,
            remit=list(kind.remit),
            body_kind=kind.id,
        )
    return None


_KIND_BY_FORM: dict[int, dict] = {}


def _kind_by_form(cat: Catalogue) -> dict:
    """Every local form of every kind (人民政府 and 政府 too) -> the kind; a kind with
    national forms only (海关, 人民银行) has none: 合肥海关 is no body of 合肥市."""
    key = id(cat.kinds)
    if key not in _KIND_BY_FORM:
        table = {}
        for kind in cat.kinds.values():
            for form in kind.forms:
                table.setdefault(form, kind)
                table.setdefault(form.replace("厅", "局"), kind)
        _KIND_BY_FORM[key] = table
    return _KIND_BY_FORM[key]


def taken_from_text(name: str, cat: Catalogue) -> Agency:
    """A body that fits no kind, as the text names it (合肥海关, 各基础电信企业), of the type
    its name's ending says (data/agencies.yaml `text_body_types`)."""
    level = cat.level
    for prefix, lv in sorted(LEVEL_PREFIXES.items(), key=lambda x: -len(x[0])):
        if name.startswith(prefix) or name.startswith(("各" + prefix, "相关" + prefix)):
            level = lv
            break
    return Agency(
        id=f"{cat.region_id}:{_slug(name)}",
        name=name,
        short_name=name,
        name_en=" ".join(_pinyin(name)).capitalize() + " (as named in the text)",
        level=level,
        kind=next((t for t, ends in text_body_types() if name.endswith(ends)), "other"),
        body_kind=None,
        region=cat.division_ids.get(cat.region_code) if cat.region_code else None,
    )
