"""The programme statistics page: official cohort figures beside the catalogue's own, as
accessible SVG charts with table alternatives; and the chart geometry behind them."""

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import translation

from products.models import Sector
from programme.charts import Series, bar_chart, format_number, nice_ticks
from programme.factories import CohortYearFactory, StatisticsPageFactory
from programme.models import CohortYear, StatisticsPage
from tests.content import make_company, make_product, publish

VI_URL = "/chuong-trinh/so-lieu/"
EN_URL = "/en/programme/statistics/"
ENGLISH = {"Số liệu chương trình": "Programme statistics", "so-lieu": "statistics"}
SOURCE_2018 = "https://example.vn/tin/2018-cong-nhan-61-san-pham"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page's figures are cached per tree version; the database rolls back between
    # tests but the cache does not.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def statistics_page(site_tree):
    page = StatisticsPageFactory(
        parent=site_tree.programme, intro="<p>Chương trình qua số liệu.</p>"
    )
    publish(page, ENGLISH)
    return page


@pytest.fixture
def cohorts(db):
    CohortYearFactory(
        year=2018,
        products_recognised=61,
        companies_recognised=36,
        revenue_vnd_billion=Decimal("40000"),
        exports_usd_million=None,
        source_url=SOURCE_2018,
        note="Xuất khẩu tăng 74 %.",
        note_en="Exports up 74 %.",
    )
    # The 2019 round published no count of companies and no money figures.
    CohortYearFactory(year=2019, products_recognised=30, companies_recognised=None)
    CohortYearFactory(
        year=2021,
        products_recognised=46,
        companies_recognised=30,
        revenue_vnd_billion=Decimal("1234.5"),
        exports_usd_million=Decimal("1000"),
    )


@pytest.fixture
def catalogue(site_tree):
    """Two products of one company recognised in 2021, one of another company in 2023."""
    electrical = Sector.objects.get(slug="dien-dien-tu")
    mechanical = Sector.objects.get(slug="co-khi-che-tao")
    lamps_maker = make_company(site_tree, title="Công ty Đèn", slug="cong-ty-den")
    engine_maker = make_company(site_tree, title="Công ty Máy", slug="cong-ty-may")
    for title, slug in (("Đèn LED", "den-led"), ("Đèn sợi đốt", "den-soi-dot")):
        make_product(
            site_tree,
            company=lamps_maker,
            title=title,
            slug=slug,
            sector=electrical,
            recognitions=[{"year": 2021}],
        )
    make_product(
        site_tree,
        company=engine_maker,
        title="Động cơ điện",
        slug="dong-co-dien",
        sector=mechanical,
        recognitions=[{"year": 2023}],
    )
    return {"companies": (lamps_maker, engine_maker), "sectors": (electrical, mechanical)}


def soup_of(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def chart(soup, chart_id):
    """(svg, table rows {label: [cell texts]}) of one chart."""
    svg = soup.find("svg", attrs={"aria-labelledby": f"{chart_id}-title"})
    assert svg is not None, chart_id
    figure = svg.find_parent("figure")
    table = figure.find("table")
    rows = {
        row.th.get_text(strip=True): [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }
    return svg, rows


def svg_values(svg) -> list[str]:
    """Every bar's text (value or "no published figure"), in drawing order."""
    return [
        text.get_text(strip=True)
        for text in svg.find_all("text", class_=["chart__value", "chart__unknown"])
    ]


# -- the page ------------------------------------------------------------------------------


def test_page_lives_under_the_programme_only_once(statistics_page, site_tree):
    assert StatisticsPage.can_exist_under(site_tree.programme)
    assert not StatisticsPage.can_create_at(site_tree.programme)  # one is there already
    assert not StatisticsPage.can_create_at(site_tree.home)


def test_official_figures_render_with_unknowns_as_unknown(
    client, statistics_page, cohorts, catalogue
):
    soup = soup_of(client, VI_URL)
    assert "Chương trình qua số liệu." in soup.get_text()
    svg, rows = chart(soup, "chart-official")
    assert rows["2018"][:2] == ["61", "36"]
    assert rows["2021"][:2] == ["46", "30"]
    # 2019's companies and all of 2020 were never published: shown as such, never as 0.
    assert rows["2019"][:2] == ["30", "Chưa công bố"]
    assert rows["2020"][:2] == ["Chưa công bố", "Chưa công bố"]
    assert rows["2025"][:2] == ["Chưa công bố", "Chưa công bố"]
    assert list(rows) == [str(year) for year in range(2018, 2026)]
    values = svg_values(svg)
    assert values[:6] == ["61", "36", "30", "chưa công bố số liệu", *["chưa công bố số liệu"] * 2]
    assert "0" not in values
    # The source of an official figure is linked from its row.
    table = svg.find_parent("figure").find("table")
    assert table.find("a", href=SOURCE_2018) is not None


def test_catalogue_figures_are_counted_from_live_products(
    client, statistics_page, cohorts, catalogue
):
    svg, rows = chart(soup_of(client, VI_URL), "chart-catalogue")
    assert rows["2021"] == ["2", "1"]  # two products, one company
    assert rows["2023"] == ["1", "1"]
    assert rows["2019"] == ["0", "0"]  # the catalogue holds none: a real zero
    assert "chưa công bố" not in svg.get_text()
    assert "Trong danh mục này" in svg.title.get_text()


def test_a_newly_published_product_grows_the_catalogue_chart(
    client, site_tree, statistics_page, cohorts, catalogue
):
    _, before = chart(soup_of(client, VI_URL), "chart-catalogue")
    assert before["2024"] == ["0", "0"]
    make_product(
        site_tree,
        company=catalogue["companies"][1],
        title="Máy bơm",
        slug="may-bom",
        sector=catalogue["sectors"][1],
        recognitions=[{"year": 2021}, {"year": 2024}],
    )
    soup = soup_of(client, VI_URL)
    _, after = chart(soup, "chart-catalogue")
    assert after["2021"] == ["3", "2"]
    assert after["2024"] == ["1", "1"]
    _, sectors = chart(soup, "chart-sectors")
    assert sectors["Công nghiệp cơ khí, chế tạo"] == ["2"]
    # The official figures do not move: they come from CohortYear only.
    _, official = chart(soup, "chart-official")
    assert official["2021"][:2] == ["46", "30"]


def test_an_edited_official_figure_shows_at_once(client, statistics_page, cohorts):
    soup_of(client, VI_URL)  # cache the figures
    cohort = CohortYear.objects.get(year=2019)
    cohort.companies_recognised = 22
    cohort.save()
    _, rows = chart(soup_of(client, VI_URL), "chart-official")
    assert rows["2019"][:2] == ["30", "22"]
    CohortYear.objects.get(year=2018).delete()
    _, rows = chart(soup_of(client, VI_URL), "chart-official")
    assert rows["2018"][:2] == ["Chưa công bố", "Chưa công bố"]


def test_unpublished_products_leave_the_catalogue_chart(
    client, statistics_page, cohorts, catalogue, site_tree
):
    from products.models import ProductPage

    ProductPage.objects.get(slug="den-led", locale__language_code="vi").unpublish()
    _, rows = chart(soup_of(client, VI_URL), "chart-catalogue")
    assert rows["2021"] == ["1", "1"]


def test_sector_breakdown_lists_every_sector_most_first_in_the_page_language(
    client, statistics_page, catalogue
):
    _, vietnamese = chart(soup_of(client, VI_URL), "chart-sectors")
    labels = list(vietnamese)
    assert labels[:2] == ["Điện, điện tử", "Công nghiệp cơ khí, chế tạo"]
    assert vietnamese["Điện, điện tử"] == ["2"]
    assert vietnamese["Thủ công mỹ nghệ"] == ["0"]
    assert len(labels) == Sector.objects.count()
    svg, english = chart(soup_of(client, EN_URL), "chart-sectors")
    assert english["Electrical and electronics"] == ["2"]
    # Long English names wrap onto several lines rather than run off the drawing.
    label_lines = [t.get_text() for t in svg.find_all("text", class_="chart__label")]
    assert "Chemicals, rubber, plastics and" in label_lines


def test_money_charts_show_published_figures_in_the_page_language(client, statistics_page, cohorts):
    soup = soup_of(client, VI_URL)
    svg, revenue = chart(soup, "chart-revenue")
    assert revenue["2018"][0] == "40.000"
    assert revenue["2021"][0] == "1.234,5"
    assert revenue["2019"][0] == "Chưa công bố"
    assert revenue["2018"][1] == "Xuất khẩu tăng 74 %."  # the cohort's note
    assert "tỷ đồng" in svg.get_text()
    _, exports = chart(soup, "chart-exports")
    assert exports["2018"] == ["Chưa công bố", "nguồn 2018"]
    assert exports["2021"][0] == "1.000"

    soup = soup_of(client, EN_URL)
    svg, revenue = chart(soup, "chart-revenue")
    assert revenue["2018"][:2] == ["40,000", "Exports up 74 %."]
    assert revenue["2021"][0] == "1,234.5"
    assert revenue["2019"][0] == "Not published"
    assert "billion VND" in svg.get_text()
    assert "1,234.5" in svg_values(svg)


def test_english_page_is_labelled_and_counted_in_english(
    client, statistics_page, cohorts, catalogue
):
    soup = soup_of(client, EN_URL)
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Programme statistics"
    svg, official = chart(soup, "chart-official")
    assert svg.title.get_text().startswith("Official figures")
    assert official["2019"][:2] == ["30", "Not published"]
    assert "no published figure" in svg_values(svg)
    svg, catalogue_rows = chart(soup, "chart-catalogue")
    assert svg.title.get_text().startswith("In this catalogue")
    assert catalogue_rows["2021"] == ["2", "1"]


def test_every_chart_is_an_accessible_image_with_the_same_numbers_as_its_table(
    client, statistics_page, cohorts, catalogue
):
    html = client.get(VI_URL).content.decode()
    assert "style=" not in html and "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    svgs = soup.find_all("svg")
    assert len(svgs) == 5
    for svg in svgs:
        chart_id = svg["aria-labelledby"].removesuffix("-title")
        assert svg["role"] == "img"
        assert svg.title["id"] == f"{chart_id}-title" and svg.title.get_text(strip=True)
        assert svg["aria-describedby"] == f"{chart_id}-desc"
        assert svg.desc["id"] == f"{chart_id}-desc"
        # Scales with its column down to a 320 px screen (html.parser lowercases attributes).
        assert svg["width"] == "100%" and svg["viewbox"].startswith("0 0 340 ")
        assert "," not in svg["viewbox"]
        figure = svg.find_parent("figure")
        assert figure.figcaption.get_text(strip=True)
        table = figure.find("details").find("table")
        assert table.caption.get_text(strip=True)
        assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
        assert all(row.th["scope"] == "row" for row in table.tbody.find_all("tr"))
        series = len(svg.find_parent("figure").find("thead").find_all("th", class_="num"))
        cells = [
            cell.get_text(strip=True)
            for row in table.tbody.find_all("tr")
            for cell in row.find_all("td")[:series]
        ]
        shown = [
            "Chưa công bố" if value == "chưa công bố số liệu" else value
            for value in svg_values(svg)
        ]
        assert shown == cells, chart_id


def test_description_summarises_the_data(client, statistics_page, cohorts):
    svg, _ = chart(soup_of(client, VI_URL), "chart-official")
    description = svg.desc.get_text()
    assert "Số sản phẩm: cao nhất 61 (2018), thấp nhất 30 (2019)." in description
    assert "Số doanh nghiệp, chưa công bố số liệu: 2019, 2020" in description


def test_the_programme_index_links_to_the_statistics_page(client, statistics_page):
    soup = soup_of(client, "/chuong-trinh/")
    assert soup.find("a", href=VI_URL) is not None


# -- chart geometry ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (61, [0, 20, 40, 60, 80]),
        (76800, [0, 20000, 40000, 60000, 80000]),
        (3600, [0, 1000, 2000, 3000, 4000]),
        (3, [0, 1, 2, 3]),
        (1, [0, 1]),
        (100, [0, 50, 100]),
        (0, [0]),
    ],
)
def test_nice_ticks_are_rounded_steps_from_zero_past_the_maximum(maximum, ticks):
    assert nice_ticks(maximum) == ticks


def test_nice_ticks_never_fall_short_and_stay_few():
    for maximum in [*range(1, 500), 999, 1000, 1001, 12345, Decimal("0.3")]:
        ticks = nice_ticks(maximum, whole=not isinstance(maximum, Decimal))
        step = ticks[1] - ticks[0]
        assert ticks[0] == 0 and ticks[-1] >= maximum > ticks[-2], maximum
        assert 2 <= len(ticks) <= 5, (maximum, ticks)
        assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
        assert step.normalize().as_tuple().digits[0] in (1, 2, 5), (maximum, step)


def test_fractional_ticks_only_when_asked():
    assert nice_ticks(Decimal("0.7"), whole=False) == [
        0,
        Decimal("0.2"),
        Decimal("0.4"),
        Decimal("0.6"),
        Decimal("0.8"),
    ]
    assert nice_ticks(Decimal("0.7")) == [0, 1]


def _chart(values, **kwargs):
    return bar_chart(
        id="c",
        title="T",
        categories=[str(2018 + index) for index in range(len(values))],
        series=[Series("products", "Số sản phẩm", tuple(values))],
        **kwargs,
    )


def test_bar_lengths_are_proportional_to_the_values():
    chart = _chart([10, 20, 40])
    widths = [group.bars[0].width for group in chart.groups]
    plot = chart.plot_right - chart.plot_left
    # 0–40 scale: each bar is value / 40 of the plot (coordinates are rounded to 0.1).
    assert widths == pytest.approx([plot / 4, plot / 2, plot], abs=0.1)
    # 40 on a 0–40 scale fills the plot exactly.
    assert chart.groups[2].bars[0].x + widths[2] == pytest.approx(chart.plot_right, abs=0.2)
    for group in chart.groups:
        bar = group.bars[0]
        assert bar.text_x > bar.x + bar.width  # the value sits just past the bar's end
        assert bar.text_x < chart.width


def test_a_shared_scale_makes_equal_lengths_mean_equal_numbers():
    small = _chart([10, 20], scale_max=61)
    large = _chart([61, 20], scale_max=61)
    assert small.ticks[-1].value == large.ticks[-1].value == 80
    assert small.groups[1].bars[0].width == large.groups[1].bars[0].width


def test_unknown_zero_and_empty_series():
    with translation.override("en"):
        chart = _chart([None, 0, 5])
        unknown, zero, five = (group.bars[0] for group in chart.groups)
        assert not unknown.known and unknown.width == 0 and unknown.text == "no published figure"
        assert zero.known and zero.width == 0 and zero.text == "0"
        assert five.width > 0
        assert chart.rows[0].cells == [("Not published", False)]
        assert chart.rows[1].cells == [("0", True)]

        empty = _chart([None, None])
        assert [tick.value for tick in empty.ticks] == [0]
        assert all(not group.bars[0].known for group in empty.groups)
        assert "no figures yet" in empty.description

        zeros = _chart([0, 0])
        assert [tick.value for tick in zeros.ticks] == [0]
        assert [group.bars[0].width for group in zeros.groups] == [0, 0]

        assert _chart([]).groups == []


def test_series_must_match_the_categories():
    with pytest.raises(ValueError):
        bar_chart(id="c", title="T", categories=["2018"], series=[Series("p", "P", (1, 2))])


def test_two_series_get_a_legend_and_the_second_a_pattern():
    chart = bar_chart(
        id="c",
        title="T",
        categories=["2018", "2019"],
        series=[Series("p", "Products", (61, 30)), Series("c", "Companies", (36, None), True)],
    )
    assert [item.series.label for item in chart.legend] == ["Products", "Companies"]
    assert chart.has_hatched
    top = chart.groups[0].bars
    assert top[1].y > top[0].y  # one bar per series, stacked in each group
    assert chart.groups[1].lines[0].text == "2019"


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("vi", Decimal("1234.5"), "1.234,5"),
        ("en", Decimal("1234.5"), "1,234.5"),
        ("vi", Decimal("76800.0"), "76.800"),
        ("en", 76800, "76,800"),
        ("vi", 35, "35"),
        ("en", Decimal("0.5"), "0.5"),
        ("vi", None, ""),
    ],
)
def test_numbers_are_formatted_for_the_language(language, value, text):
    with translation.override(language):
        assert format_number(value) == text


# -- the figures as CSV -------------------------------------------------------------------


def download_link(soup, table):
    link = soup.find("a", href=lambda href: href and f"table={table}" in href)
    assert link is not None, table
    return link["href"]


def csv_table(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_figures_per_year_download_as_csv_from_the_page(
    client, statistics_page, cohorts, catalogue
):
    rows = csv_table(client, download_link(soup_of(client, VI_URL), "years"))
    by_year = {row["Năm"]: row for row in rows}
    assert list(by_year) == [str(year) for year in range(2018, 2026)]
    assert by_year["2018"]["Sản phẩm được công nhận (công bố)"] == "61"
    assert by_year["2018"]["Doanh thu (tỷ đồng)"] == "40000"
    assert by_year["2018"]["Nguồn"] == SOURCE_2018
    assert by_year["2018"]["Ghi chú"] == "Xuất khẩu tăng 74 %."
    # Never published is empty, never 0; the catalogue's own counts beside them.
    assert by_year["2019"]["Doanh nghiệp được công nhận (công bố)"] == ""
    assert by_year["2020"]["Sản phẩm được công nhận (công bố)"] == ""
    assert by_year["2021"]["Doanh thu (tỷ đồng)"] == "1234.5"
    assert by_year["2021"]["Sản phẩm trong danh mục"] == "2"
    assert by_year["2021"]["Doanh nghiệp trong danh mục"] == "1"
    assert by_year["2023"]["Sản phẩm trong danh mục"] == "1"


def test_the_figures_per_sector_download_in_the_page_language(
    client, statistics_page, cohorts, catalogue
):
    soup = soup_of(client, EN_URL)
    rows = csv_table(client, download_link(soup, "sectors"))
    counts = {row["Sector"]: row["Products in the catalogue"] for row in rows}
    assert counts["Electrical and electronics"] == "2"
    assert list(counts.values())[:2] == ["2", "1"]  # most first, as the chart
    assert "Year" in csv_table(client, download_link(soup, "years"))[0]


def test_the_figures_download_as_xlsx_and_json_too(client, statistics_page, cohorts, catalogue):
    response = client.get("/api/statistics/export/", {"format": "json", "table": "years"})
    data = json.loads(b"".join(response.streaming_content))
    row = next(row for row in data["results"] if row["year"] == 2021)
    assert row["revenue"] == 1234.5 and row["catalogue_products"] == 2
    assert next(r for r in data["results"] if r["year"] == 2020)["products"] is None

    response = client.get("/api/statistics/export/", {"format": "xlsx", "table": "sectors"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).worksheets[0]
    header, *rows = list(sheet.values)
    assert header == ("Mã nhóm ngành", "Nhóm ngành", "Sản phẩm trong danh mục")
    assert ("dien-dien-tu", 2) in [(row[0], row[2]) for row in rows]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"table": "money"}, "Bảng phải là years hoặc sectors."),
        ({"table": "money", "lang": "en"}, "The table must be years or sectors."),
        ({"format": "pdf"}, "Định dạng tải về phải là csv, xlsx hoặc json."),
        ({"lang": "fr"}, "Ngôn ngữ phải là vi hoặc en."),
        ({"page": "2"}, "Tham số “page” không được hỗ trợ."),
    ],
)
def test_bad_download_parameters_are_explained(client, statistics_page, params, message):
    response = client.get("/api/statistics/export/", params)
    assert response.status_code == 400
    assert response.json() == {"errors": [message]}
