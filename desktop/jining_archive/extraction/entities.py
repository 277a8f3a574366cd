"""Projects and organisations of a set of articles, grouped across them."""

from __future__ import annotations

import hashlib
import threading

from jining_archive.documents.model import Article
from jining_archive.documents.normalise import fold, fold_width
from jining_archive.extraction.organizations import (
    REGION_IN_NAME_RE,
    brand_of,
    find_brand_mentions,
    find_named_organizations,
    org_key,
)
from jining_archive.extraction.projects import (
    FoundName,
    Mention,
    NamedEntity,
    find_projects,
    group,
    to_mentions,
)

_GROUP_LEVEL = ("集团", "株式会社", "股份", "控股")
_REGISTERED = ("有限公司", "有限责任公司", "集团")


#: Names found per block text, kept between calls: after an article is added or
#: changed only its own blocks are searched again (the grouping is redone whole).
_BLOCK_NAMES: dict[bytes, tuple[tuple[FoundName, ...], tuple[FoundName, ...]]] = {}
_BLOCK_NAMES_MAX = 1_000_000
_block_names_lock = threading.Lock()


def _names_in_block(folded: str) -> tuple[list[FoundName], list[FoundName]]:
    """(projects, named organisations) in one block's folded text."""
    key = hashlib.blake2b(folded.encode("utf-8"), digest_size=16).digest()
    names = _BLOCK_NAMES.get(key)
    if names is None:
        organizations = tuple(find_named_organizations(folded))
        # A name found as an organisation (汇龙环保、矽盛电子等27个项目: companies listed
        # for their projects) is not also a project.
        spans = {(o.start, o.end) for o in organizations}
        projects = tuple(p for p in find_projects(folded) if (p.start, p.end) not in spans)
        names = (projects, organizations)
        with _block_names_lock:
            if len(_BLOCK_NAMES) >= _BLOCK_NAMES_MAX:
                _BLOCK_NAMES.clear()
            _BLOCK_NAMES[key] = names
    return list(names[0]), list(names[1])


def extract_entities(articles: list[Article]) -> tuple[list[NamedEntity], list[NamedEntity]]:
    """(projects, organizations) named in ``articles``, each grouped across articles."""
    projects: list[tuple[FoundName, Mention]] = []
    named_orgs: list[tuple[Article, int, str, list[FoundName]]] = []
    brands: dict[str, set[str]] = {}
    for article in articles:
        for index, block in enumerate(article.blocks):
            folded = fold(block.text)
            in_projects, found = _names_in_block(folded)
            projects.extend(to_mentions(article, block, folded, in_projects))
            named_orgs.append((article, index, folded, found))
            for name in found:
                text = folded[name.start : name.end]
                if _is_company(text):
                    brand = brand_of(text)
                elif text.endswith(("研究院", "研究所")):
                    brand = brand_of(text, singles_only=True)
                else:
                    brand = name.key
                if (brand and brand != text) or (brand and not _is_company(text)):
                    brands.setdefault(brand, set()).add(text)

    grouped = {brand for brand, forms in brands.items() if any(_is_group_level(f) for f in forms)}
    organizations: list[tuple[FoundName, Mention]] = []
    for article, index, folded, found in named_orgs:
        block = article.blocks[index]
        everything = found + find_brand_mentions(folded, brands, found)
        everything.sort(key=lambda f: f.start)
        keyed = [_org_found(folded, f, brands, grouped) for f in everything]
        organizations.extend(to_mentions(article, block, folded, keyed))
    return group(projects, "project", fuzzy=True), _named_after_full_forms(
        group(organizations, "organization", shortest=5)
    )


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
    brand = brand_of(text) if _is_company(text) else None
    if brand is None and found.key in brands:
        brand = found.key
    if brand is None:
        return FoundName(found.start, found.end, org_key(text))
    if REGION_IN_NAME_RE.search(text) and brand in grouped:
        return FoundName(found.start, found.end, org_key(text))
    return FoundName(found.start, found.end, "brand:" + brand)
