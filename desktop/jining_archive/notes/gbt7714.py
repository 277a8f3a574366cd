"""References to newspaper articles by GB/T 7714-2015 (信息与文献 参考文献著录规则).

Our articles are newspaper articles, that is 连续出版物中的析出文献 (§4.4); the
standard's form for them (§4.4.2, §8.8) is::

    主要责任者. 题名: 其他题名信息[N]. 报纸名, 出版日期(版次).
    主要责任者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取和访问路径.

The rules applied:

- Authors (§8.1.2): up to three are all given; of more, the first three and
  ", 等". With no author (§8.1.3) the item is left out, as the standard allows
  for numbered reference lists, and the reference starts with the title.
- Other title information (§8.2.4), a subtitle here, follows the title after a
  colon (full-width after Chinese, as in the standard's Chinese examples).
- Dates (§8.4.3.2): a newspaper's date is YYYY-MM-DD; a date known only to the
  month or year is given as far as it is known (2020-01, 2020).
- An estimated date (§8.4.3.3: 估计的出版年应置于方括号内) is given as its year
  in square brackets, "[2020]": the month of an estimated date is our guess,
  not the paper's, and the standard has a form only for an estimated year.
- The page (版次) follows the date in parentheses (§8.8), and is left out when
  unknown (our articles do not record it).
- An article read online adds the carrier "/OL", the date it was consulted in
  square brackets after the date (§8.4.4.2, YYYY-MM-DD) and its URL (§8.6).

Punctuation is the standard's ASCII ". ", ", " and brackets, as in its examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_AUTHORS = 3
ET_AL = "等"
_CJK = re.compile("[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


def authors_part(authors: Sequence[str]) -> str:
    """The authors as §8.1.2 writes them: all of up to three, else three and 等."""
    names = [name.strip() for name in authors if name.strip()]
    if len(names) > MAX_AUTHORS:
        names = [*names[:MAX_AUTHORS], ET_AL]
    return ", ".join(names)


def date_part(date: str, estimated: bool = False) -> str:
    """The date as far as it is known (YYYY[-MM[-DD]]); an estimated one as "[YYYY]"."""
    date = date.strip()
    if not date:
        return ""
    if estimated:
        year = date[:4]
        return f"[{year}]" if year.isdigit() else ""
    return date


def title_part(title: str, subtitle: str = "") -> str:
    """The title with its other title information (a subtitle) after a colon."""
    title, subtitle = title.strip(), subtitle.strip()
    if not subtitle:
        return title
    colon = "：" if _CJK.search(title[-1:] + subtitle[:1]) else ": "
    return f"{title}{colon}{subtitle}"


def newspaper_reference(
    *,
    authors: Sequence[str],
    title: str,
    paper: str,
    date: str = "",
    date_estimated: bool = False,
    subtitle: str = "",
    page: str = "",
    url: str = "",
    accessed: str = "",
) -> str:
    """The GB/T 7714-2015 reference of a newspaper article (see the module docstring).

    ``accessed`` is the date the online article was consulted (YYYY-MM-DD); it is
    written only with a ``url``.
    """
    head = authors_part(authors)
    kind = "N/OL" if url else "N"
    parts = [f"{head}. " if head else "", f"{title_part(title, subtitle)}[{kind}]"]
    source = ", ".join(p for p in (paper.strip(), date_part(date, date_estimated)) if p)
    if page.strip():
        source += f"({page.strip()})"
    if url and accessed:
        source += f"[{accessed}]"
    if source:
        parts.append(f". {source}")
    parts.append(".")
    if url:
        parts.append(f" {url.strip()}.")
    return "".join(parts)
