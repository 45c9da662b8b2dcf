"""The domain data the linker needs, read and checked once: the gazetteer
(data/places.yaml), the agency catalogue (data/agencies.yaml) and the bilingual theme
lexicon (data/themes.yaml). A mistake in them is reported with the file and the entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import ValidationError

from loaders.model import Agency, Place, Theme
from loaders.resources import DataError, data_dir, load_yaml, read_data_text


class CatalogueError(DataError):  # the CLI reports it in one line, exit 2
    pass


@dataclass(frozen=True)
class Compound:
    """A phrase naming several places at once: 融沪接甬 -> 上海, 宁波."""

    text: str
    places: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    places: dict[str, Place]
    compounds: tuple[Compound, ...]
    not_mentions: tuple[str, ...]
    agencies: dict[str, Agency]
    default_lead: str
    themes: dict[str, Theme]
    stopwords: frozenset[str]

    def ancestors(self, place_id: str) -> list[str]:
        chain, seen = [], {place_id}
        parent = self.places[place_id].parent
        while parent and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.places[parent].parent
        return chain

    def user_words(self) -> list[str]:
        """Every name the segmenter must keep whole, in a stable order. A theme term that
        contains a place name (长三角一体化) is left out: as one token it would hide the
        place, and themes are matched as substrings anyway."""
        names: list[str] = []
        for place in self.places.values():
            names += [place.name, *place.aliases]
        names += [c.text for c in self.compounds] + list(self.not_mentions)
        for agency in self.agencies.values():
            names += [agency.name, agency.short_name, *agency.aliases]
        place_names = [n for p in self.places.values() for n in (p.name, *p.aliases)]
        terms = [
            term
            for theme in self.themes.values()
            for term in theme.terms
            if not any(name in term for name in place_names)
        ]
        return list(dict.fromkeys(w for w in names + terms if len(w) > 1))


def _entries(name: str, key: str, model: type) -> dict:
    entries: dict = {}
    for number, raw in enumerate(load_yaml(name).get(key) or [], start=1):
        try:
            entry = model.model_validate(raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise CatalogueError(
                f"{data_dir() / name}: {key} entry {number} ({raw.get('id', '?')}): "
                f"{where}: {first['msg']}"
            ) from None
        if entry.id in entries:
            raise CatalogueError(
                f"{data_dir() / name}: {key} entry {number}: id {entry.id!r} again"
            )
        entries[entry.id] = entry
    return entries


@cache
def catalogue() -> Catalogue:
    places = _entries("places.yaml", "places", Place)
    for place in places.values():
        if place.parent and place.parent not in places:
            raise CatalogueError(
                f"{data_dir() / 'places.yaml'}: place {place.id!r}: parent {place.parent!r} "
                "is not a place id"
            )
    gazetteer = load_yaml("places.yaml")
    compounds = []
    for raw in gazetteer.get("compounds") or []:
        missing = [p for p in raw["places"] if p not in places]
        if missing:
            raise CatalogueError(
                f"{data_dir() / 'places.yaml'}: compound {raw['text']!r}: unknown place ids "
                f"{missing}"
            )
        compounds.append(Compound(raw["text"], tuple(raw["places"])))
    agencies = _entries("agencies.yaml", "agencies", Agency)
    default_lead = load_yaml("agencies.yaml").get("default_lead") or next(iter(agencies))
    if default_lead not in agencies:
        raise CatalogueError(f"{data_dir() / 'agencies.yaml'}: default_lead {default_lead!r}")
    lines = read_data_text("stopwords.txt").splitlines()
    stopwords = [w for line in lines if not line.startswith("#") for w in line.split()]
    return Catalogue(
        places=places,
        compounds=tuple(compounds),
        not_mentions=tuple(gazetteer.get("not_mentions") or []),
        agencies=agencies,
        default_lead=default_lead,
        themes=_entries("themes.yaml", "themes", Theme),
        stopwords=frozenset(stopwords),
    )
