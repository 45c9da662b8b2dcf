"""Countries of the world with their Chinese names, from a kept library: `pycountry`
(pinned in pyproject.toml), whose ISO 3166-1 table ships gettext translations, zh_CN
among them (日本, 新加坡, 大韩民国 / 韩国, 越南社会主义共和国 / 越南).

Each country is a genre Place of kind `country` (parent none), named by its Chinese
short name, with its common and official names as aliases. What the library lacks or
gets wrong is kept as genre data (data/places.yaml `countries`): the short forms plans
write (印尼, 柬埔寨), and names that are ordinary words of plan texts or another place
(中非 is also "China-Africa"). China, Hong Kong, Macao and Taiwan are divisions of the
national gazetteer or genre places already, never countries here.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

from plankg.loaders.model import Place
from plankg.loaders.resources import load_yaml

NOT_COUNTRIES = {"CN", "HK", "MO", "TW"}  # the gazetteer's (and data/places.yaml's) places


def _slug(english: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")


@cache
def countries() -> dict[str, Place]:
    """Every country as a Place, by id (the slug of its English name: japan, singapore)."""
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    raw = load_yaml("places.yaml").get("countries") or {}
    extra = {str(k): list(v or []) for k, v in (raw.get("aliases") or {}).items()}
    excluded = set(raw.get("not_names") or [])
    out: dict[str, Place] = {}
    for country in pycountry.countries:
        if country.alpha_2 in NOT_COUNTRIES:
            continue
        english = getattr(country, "common_name", None) or country.name
        forms = [
            zh.gettext(v)
            for v in (
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            )
            if v
        ]
        # the translation of a name it lacks is the English itself: Chinese forms only
        forms = [f for f in dict.fromkeys(forms) if re.fullmatch(r"[\u4e00-\u9fff]{2,}", f)]
        forms = [f for f in forms if f not in excluded]
        if not forms:
            continue
        # the library's shortest form is the name plans write (韩国 over 大韩民国)
        name = min(forms, key=len)
        forms += [f for f in extra.get(country.alpha_2, []) if f not in forms]
        place_id = _slug(english)
        out[place_id] = Place(
            id=place_id,
            name=name,
            name_en=english,
            kind="country",
            adcode=None,
            parent=None,
            aliases=[f for f in forms if f != name],
        )
    return out
