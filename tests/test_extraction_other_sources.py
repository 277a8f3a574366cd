"""Text the extractor was not tuned on: a web page in traditional characters from another city,
with navigation, a timestamp, a phone number and an e-mail address."""

from __future__ import annotations

import pytest

from jining_archive.documents.model import Article, Block, BlockKind
from jining_archive.extraction import extract_entities, extract_figures

PAGE = [
    "首頁 > 新聞中心 > 本地要聞",
    "發佈時間：2024-03-15 09:30 來源：蘇州日報",
    "2023年，蘇州工業園區實現地區生產總值3686億元，同比增長5.8%；進出口總額超過1000億美元。"
    "全年新增市場主體2.8萬戶，引進外資項目136個，其中總投資超10億元的重大項目12個。",
    "園區加快推進三星半導體封裝測試基地項目建設，推動蘇州納米城二期工程竣工投產，"
    "與新加坡凱德集團簽署合作協議。聯繫電話：0512-66681234，郵箱：news@sipac.gov.cn",
]


@pytest.fixture(scope="module")
def page() -> Article:
    """The web page as an article, one block per line."""
    blocks = []
    offset = 0
    for index, text in enumerate(PAGE, 1):
        blocks.append(Block(f"b{index}", BlockKind.PARAGRAPH, text, offset, offset + len(text)))
        offset += len(text) + 2
    return Article("web", "t", "\n\n".join(PAGE), blocks, [], date="2024-03")


def test_figures_of_a_traditional_web_page(page: Article) -> None:
    """Every quantity is read; texts stay in the page's characters, while units and qualifiers
    come from their closed, simplified vocabularies. Phone, e-mail and clock are not figures."""
    found = [(f.text, f.kind, f.value, f.unit, f.qualifier) for f in extract_figures(page)]
    assert found == [
        ("2024-03-15", "date", 2024, "", None),
        ("2023年", "date", 2023, "", None),
        ("3686億元", "money", pytest.approx(3.686e11), "元", None),
        ("5.8%", "percent", pytest.approx(5.8), "%", None),
        ("1000億美元", "money", pytest.approx(1e11), "美元", "超过"),
        ("2.8萬戶", "count", pytest.approx(28_000), "户", None),
        ("136個", "count", 136, "个", None),
        ("10億元", "money", 1e9, "元", "超"),
        ("12個", "count", 12, "个", None),
    ]


def test_measures_keep_the_page_characters(page: Article) -> None:
    """Measures are quoted from the page (traditional), not from the folded text."""
    measures = {f.text: f.measure for f in extract_figures(page)}
    assert measures["3686億元"] == "地區生產總值"
    assert measures["1000億美元"] == "進出口總額"
    assert measures["10億元"] == "總投資"


def test_projects_and_organisations_of_a_traditional_web_page(page: Article) -> None:
    """Projects and the company are found with their statuses; the site's 新聞中心 is not."""
    projects, organizations = extract_entities([page])
    mentions = {m.text: m.status for p in projects for m in p.mentions}
    assert mentions == {"三星半導體封裝測試基地項目": "在建", "蘇州納米城二期工程": "竣工"}
    assert [m.text for o in organizations for m in o.mentions] == ["凱德集團"]
