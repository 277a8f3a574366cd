"""Projects and organisations of a set of articles, grouped across them."""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

from jining_archive.documents.model import Article, Block
from jining_archive.documents.normalise import fold, fold_width
from jining_archive.extraction.names import Covered
from jining_archive.extraction.organizations import (
    REGION_IN_NAME_RE,
    BrandMatcher,
    brand_of,
    company_of_project,
    find_named_organizations,
    org_key,
)
from jining_archive.extraction.projects import (
    FoundName,
    Mention,
    NamedEntity,
    StatusReader,
    find_projects,
    group,
)

_GROUP_LEVEL = ("集团", "株式会社", "股份", "控股")
_REGISTERED = ("有限公司", "有限责任公司", "集团")


@dataclass(frozen=True, slots=True)
class _BlockNames:
    """What one block's text names, whatever else the archive holds."""

    folded: str
    projects: tuple[FoundName, ...]
    project_statuses: tuple[str | None, ...]
    organizations: tuple[FoundName, ...]
    brand_forms: tuple[tuple[str, str], ...]  # (brand, the name it is the brand of)


#: Names found per block text, kept between calls: after an article is added or
#: changed only its own blocks are searched again.
_BLOCK_NAMES: dict[str, _BlockNames] = {}
#: Each block's organisations with their grouping keys and statuses, tagged with the
#: brands and group-level brands they were keyed under (a generation): a block is keyed
#: again only when a brand its text holds, or a key of its names, came or went since.
_KEYED: dict[str, tuple[int, tuple[FoundName, ...], tuple[str | None, ...]]] = {}
_generations: dict[int, tuple[frozenset[str], frozenset[str]]] = {}
_GENERATIONS_KEPT = 16
_BLOCK_NAMES_MAX = 1_000_000
#: More brands changed than this and every block is keyed again (one regex of them all
#: would be slower than that).
_CHANGED_MAX = 2_000
_block_names_lock = threading.Lock()
_keyed_lock = threading.Lock()


@functools.lru_cache(maxsize=262_144)
def _brand_of(text: str, singles_only: bool = False) -> str | None:
    return brand_of(text, singles_only=singles_only)


def _names_in_block(text: str) -> _BlockNames:
    """The names in one block's text (kept for the next call)."""
    names = _BLOCK_NAMES.get(text)
    if names is not None:
        return names
    folded = fold(text)
    if folded == text:
        folded = text  # one string kept, not two equal ones
    organizations = tuple(find_named_organizations(folded))
    # A name found as an organisation (汇龙环保、矽盛电子等27个项目: companies listed
    # for their projects) is not also a project.
    spans = {(o.start, o.end) for o in organizations}
    projects = tuple(p for p in find_projects(folded) if (p.start, p.end) not in spans)
    organizations = _with_companies_of_projects(folded, organizations, projects)
    brand_forms: list[tuple[str, str]] = []
    for name in organizations:
        form = folded[name.start : name.end]
        if _is_company(form):
            brand = _brand_of(form)
        elif form.endswith(("研究院", "研究所")):
            brand = _brand_of(form, singles_only=True)
        else:
            brand = name.key
        if (brand and brand != form) or (brand and not _is_company(form)):
            brand_forms.append((brand, form))
    names = _BlockNames(
        folded=folded,
        projects=projects,
        project_statuses=_statuses(folded, projects),
        organizations=organizations,
        brand_forms=tuple(brand_forms),
    )
    with _block_names_lock:
        if len(_BLOCK_NAMES) >= _BLOCK_NAMES_MAX:
            _BLOCK_NAMES.clear()
        _BLOCK_NAMES[text] = names
    return names


def _with_companies_of_projects(
    folded: str, organizations: tuple[FoundName, ...], projects: tuple[FoundName, ...]
) -> tuple[FoundName, ...]:
    """``organizations`` and the companies that name a project on their own (西门子项目,
    杭萧钢构项目: the project of that company)."""
    covered = Covered((o.start, o.end) for o in organizations)
    added = []
    for project in projects:
        company = company_of_project(folded[project.start : project.end])
        if company is None:
            continue
        start, end = project.start, project.start + len(company)
        if covered.overlaps(start, end):
            continue
        added.append(FoundName(start, end, company))
    if not added:
        return organizations
    return tuple(sorted((*organizations, *added), key=lambda f: f.start))


def extract_entities(articles: list[Article]) -> tuple[list[NamedEntity], list[NamedEntity]]:
    """(projects, organizations) named in ``articles``, each grouped across articles."""
    blocks: list[tuple[Article, Block, _BlockNames]] = []
    projects: list[tuple[FoundName, Mention]] = []
    brands: dict[str, set[str]] = {}
    for article in articles:
        for block in article.blocks:
            names = _names_in_block(block.text)
            blocks.append((article, block, names))
            projects.extend(_mentions(article, block, names.projects, names.project_statuses))
            for brand, form in names.brand_forms:
                brands.setdefault(brand, set()).add(form)
    grouped = {brand for brand, forms in brands.items() if any(_is_group_level(f) for f in forms)}

    organizations: list[tuple[FoundName, Mention]] = []
    with _keyed_lock:
        generation = _generation(frozenset(brands), frozenset(grouped))
        changes: dict[int, _Changed | None] = {generation: None}
        matcher: BrandMatcher | None = None
        for article, block, names in blocks:
            entry = _KEYED.get(block.text)
            if entry is not None and entry[0] != generation:
                if entry[0] not in changes:
                    changes[entry[0]] = _changed_since(entry[0], generation)
                changed = changes[entry[0]]
                if changed is None or _touched(names, changed):
                    entry = None
                else:
                    entry = (generation, entry[1], entry[2])
                    _KEYED[block.text] = entry
            if entry is None:
                if matcher is None:
                    matcher = BrandMatcher(brands)
                entry = (generation, *_key_organizations(names, matcher, brands, grouped))
                if len(_KEYED) >= _BLOCK_NAMES_MAX:
                    _KEYED.clear()
                _KEYED[block.text] = entry
            organizations.extend(_mentions(article, block, entry[1], entry[2], True))
    return group(projects, "project", fuzzy=True), _named_after_full_forms(
        group(organizations, "organization", shortest=5)
    )


class _Changed:
    """The brands that came or went since the kept keys were made, as one pattern."""

    def __init__(self, strings: set[str]) -> None:
        self.strings = strings
        ordered = sorted(strings, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _generation(brands: frozenset[str], grouped: frozenset[str]) -> int:
    """The number of these brand sets (the newest is reused when they are the same).
    Called with _keyed_lock held."""
    newest = max(_generations, default=0)
    if newest and _generations[newest] == (brands, grouped):
        return newest
    _generations[newest + 1] = (brands, grouped)
    for old in sorted(_generations)[:-_GENERATIONS_KEPT]:
        del _generations[old]
    return newest + 1


def _changed_since(old: int, new: int) -> _Changed | None:
    """The brands that came or went between two generations; None when that is unknown
    (a generation no longer kept) or too much to look for."""
    if old not in _generations:
        return None
    (old_brands, old_grouped), (brands, grouped) = _generations[old], _generations[new]
    strings = set(old_brands ^ brands) | set(old_grouped ^ grouped)
    strings.discard("")
    if len(strings) > _CHANGED_MAX:
        return None
    return _Changed(strings)


def _touched(names: _BlockNames, changed: _Changed) -> bool:
    """True when a changed brand can change how this block's organisations are keyed: the
    brand is in its text (a mention of it, or the brand of a name), or is a name's key."""
    if changed.pattern is None:
        return False
    return changed.pattern.search(names.folded) is not None or any(
        found.key in changed.strings for found in names.organizations
    )


def _key_organizations(
    names: _BlockNames, matcher: BrandMatcher, brands: dict[str, set[str]], grouped: set[str]
) -> tuple[tuple[FoundName, ...], tuple[str | None, ...]]:
    folded = names.folded
    everything = list(names.organizations) + matcher.find(folded, list(names.organizations))
    everything.sort(key=lambda f: f.start)
    keyed = tuple(_org_found(folded, f, brands, grouped) for f in everything)
    return keyed, _statuses(folded, keyed)


def _statuses(folded: str, found: tuple[FoundName, ...]) -> tuple[str | None, ...]:
    if not found:
        return ()
    reader = StatusReader(folded)
    return tuple(reader.status(f.start, f.end) for f in found)


#: The mentions made last time per (article, block, kind), with what they were made from:
#: made again only when the block's text, place, the article's date or its names change.
_MENTIONS: dict[
    tuple[str, str, bool],
    tuple[str, int, str, tuple[FoundName, ...], list[tuple[FoundName, Mention]]],
] = {}


def _mentions(
    article: Article,
    block: Block,
    found_names: tuple[FoundName, ...],
    statuses: tuple[str | None, ...],
    organizations: bool = False,
) -> list[tuple[FoundName, Mention]]:
    """Mentions, with offsets into the article, for names found in one block."""
    if not found_names:
        return []
    key = (article.id, block.id, organizations)
    kept = _MENTIONS.get(key)
    if (
        kept is not None
        and kept[0] is block.text
        and kept[1] == block.start
        and kept[2] == article.date
        and kept[3] is found_names
    ):
        return kept[4]
    made = _make_mentions(article, block, found_names, statuses)
    with _block_names_lock:
        if len(_MENTIONS) >= _BLOCK_NAMES_MAX:
            _MENTIONS.clear()
        _MENTIONS[key] = (block.text, block.start, article.date, found_names, made)
    return made


def _make_mentions(
    article: Article,
    block: Block,
    found_names: tuple[FoundName, ...],
    statuses: tuple[str | None, ...],
) -> list[tuple[FoundName, Mention]]:
    text, base = block.text, block.start
    return [
        (
            found,
            Mention(
                article_id=article.id,
                block_id=block.id,
                text=text[found.start : found.end],
                start=base + found.start,
                end=base + found.end,
                status=status,
                date=article.date,
            ),
        )
        for found, status in zip(found_names, statuses, strict=True)
    ]


def _named_after_full_forms(entities: list[NamedEntity]) -> list[NamedEntity]:
    """Name each organisation by its registered form if the text gives one (株式会社小松制作所,
    …有限公司, …集团), else by its most frequent form of three characters or more."""
    for entity in entities:
        forms = [entity.name, *entity.aliases]
        counts = {form: 0 for form in forms}
        for mention in entity.mentions:
            form = fold_width(mention.text)
            if form in counts:
                counts[form] += 1
        registered = [f for f in forms if f.startswith("株式会社") or f.endswith(_REGISTERED)]
        longer = [f for f in forms if len(f) >= 3]
        pool = registered or longer or forms
        name = max(pool, key=lambda form: (counts.get(form, 0), len(form)))
        entity.aliases = sorted(form for form in forms if form != name)
        entity.name = name
    return entities


def _is_company(text: str) -> bool:
    return text.endswith(("公司", "集团")) or text.startswith("株式会社")


def _is_group_level(form: str) -> bool:
    return form.startswith(_GROUP_LEVEL) or form.endswith(_GROUP_LEVEL)


def _org_found(
    folded: str, found: FoundName, brands: dict[str, set[str]], grouped: set[str]
) -> FoundName:
    """The same name with its grouping key: its brand, unless it is a regional subsidiary."""
    text = folded[found.start : found.end]
    brand = _brand_of(text) if _is_company(text) else None
    if brand is None and found.key in brands:
        brand = found.key
    if brand is None:
        return FoundName(found.start, found.end, org_key(text))
    if REGION_IN_NAME_RE.search(text) and brand in grouped:
        return FoundName(found.start, found.end, org_key(text))
    return FoundName(found.start, found.end, "brand:" + brand)
