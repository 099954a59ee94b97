"""Bar charts as geometry: the positions and texts a template draws as accessible inline SVG.

The maths lives here, testable without a browser; `templates/programme/includes/
bar_chart.html` only writes out what it is given. Bars are horizontal because rows stack on
a 320 px screen where eight pairs of columns would not fit, and every bar carries its value
as text, so neither colour nor length alone tells the reader a figure. A missing value
(a figure that was never published) gets no bar and says so in words: it is not a zero.

Written by hand rather than with a charting library: pygal, the usual Python choice, builds
its SVG for interactive tooltips (a script fetched from a CDN unless told otherwise, an
embedded `<style>` block) rather than for screen readers and localised number formats, and
would be a dependency for what is, here, one chart type drawn five times.
"""

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext

Number = int | Decimal

# The drawing is 340 units wide: on a 320 px phone (288 px of content) one unit is 0.85 px,
# so 15-unit labels are still 12.7 px; CSS caps the width where the text would grow too big.
WIDTH = 340
LABEL_SIZE = 15
SMALL_SIZE = 14
BAR = 16
BAR_GAP = 4
GROUP_GAP = 12
LINE = 18
LEGEND_ROW = 22
SWATCH = 14
# Average advance of a glyph, in ems, to estimate text widths (no font metrics on the server).
TEXT_EM = 0.56
DIGIT_EM = 0.62


def text_width(text: str, size: float = LABEL_SIZE, em: float = TEXT_EM) -> float:
    return len(text) * size * em


def _round(value: float) -> float:
    return round(value, 1)


def format_number(value: Number | None) -> str:
    """*value* in the active language: 1.234,5 in Vietnamese, 1,234.5 in English.

    Whole numbers lose their ",0". Grouping is forced with groups of three, since Django's
    Vietnamese formats leave NUMBER_GROUPING unset (it would print 76800).
    """
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 1
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def nice_step(raw: Decimal, *, whole: bool = True) -> Decimal:
    """The smallest 1, 2 or 5 times a power of ten that is at least *raw*."""
    if raw <= 0:
        return Decimal(1)
    exponent = math.floor(math.log10(raw))
    magnitude = Decimal(10) ** exponent
    for factor in (1, 2, 5, 10):
        step = magnitude * factor
        if step >= raw:
            break
    if whole:
        step = max(step, Decimal(1))
    return step.normalize() if step != step.to_integral_value() else step.quantize(Decimal(1))


def nice_ticks(maximum: Number, *, intervals: int = 4, whole: bool = True) -> list[Decimal]:
    """Axis ticks from 0 in a "nice" step, the last one at or above *maximum*.

    About *intervals* steps (never more than intervals + 1); counts (*whole*) never get a
    fractional step. An empty or all-zero series gets the single tick 0.
    """
    maximum = Decimal(maximum or 0)
    if maximum <= 0:
        return [Decimal(0)]
    step = nice_step(maximum / intervals, whole=whole)
    count = math.ceil(maximum / step)
    return [step * index for index in range(count + 1)]


@dataclass(frozen=True)
class Series:
    """One row of values, one per category; None is a figure nobody published."""

    key: str
    label: str
    values: tuple
    # A hatched fill, so that in a chart of two series they differ by more than their colour.
    hatched: bool = False


@dataclass
class Bar:
    series: Series
    value: Number | None
    text: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass
class TextLine:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class Group:
    label: str
    lines: list[TextLine]
    bars: list[Bar]


@dataclass
class Tick:
    value: Decimal
    text: str
    x: float
    anchor: str


@dataclass
class LegendItem:
    series: Series
    x: float
    y: float
    text: TextLine


@dataclass
class TableRow:
    label: str
    cells: list[tuple[str, bool]]  # (text, known)
    source_url: str = ""
    note: str = ""


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    categories: list[str]
    series: list[Series]
    width: int
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    scale_max: Decimal
    tick_y: float
    groups: list[Group]
    ticks: list[Tick]
    legend: list[LegendItem]
    axis_label: TextLine | None
    rows: list[TableRow]
    category_heading: str = ""
    caption: str = ""

    @property
    def has_sources(self) -> bool:
        return any(row.source_url for row in self.rows)

    @property
    def has_notes(self) -> bool:
        return any(row.note for row in self.rows)

    @property
    def has_hatched(self) -> bool:
        return any(one.hatched for one in self.series)

    @property
    def hatch_id(self) -> str:
        return f"{self.id}-hatch"


def unknown_text() -> str:
    return gettext("chưa công bố số liệu")


def describe(categories: Sequence[str], series: Sequence[Series]) -> str:
    """A sentence or two per series: its highest and lowest value, and what is unknown."""
    parts = []
    for one in series:
        pairs = list(zip(categories, one.values, strict=True))
        known = [(category, value) for category, value in pairs if value is not None]
        missing = [category for category, value in pairs if value is None]
        if not known:
            parts.append(gettext("%(series)s: chưa có số liệu.") % {"series": one.label})
            continue
        high = max(known, key=lambda pair: pair[1])
        low = min(known, key=lambda pair: pair[1])
        if len(known) == 1:
            parts.append(
                gettext("%(series)s: %(value)s (%(at)s).")
                % {"series": one.label, "value": format_number(high[1]), "at": high[0]}
            )
        elif high[1] == low[1]:
            parts.append(
                gettext("%(series)s: %(value)s ở mọi mục có số liệu.")
                % {"series": one.label, "value": format_number(high[1])}
            )
        else:
            parts.append(
                gettext(
                    "%(series)s: cao nhất %(high)s (%(high_at)s), thấp nhất %(low)s (%(low_at)s)."
                )
                % {
                    "series": one.label,
                    "high": format_number(high[1]),
                    "high_at": high[0],
                    "low": format_number(low[1]),
                    "low_at": low[0],
                }
            )
        if missing:
            parts.append(
                gettext("%(series)s, chưa công bố số liệu: %(categories)s.")
                % {"series": one.label, "categories": ", ".join(missing)}
            )
    parts.append(gettext("Bảng số liệu ở ngay dưới biểu đồ."))
    return " ".join(parts)


def _legend(series: Sequence[Series], top: float) -> tuple[list[LegendItem], float]:
    """Legend entries flowing left to right, wrapping; returns them and the height they take."""
    if len(series) < 2:
        return [], 0
    items, x, y = [], 0.0, top
    for one in series:
        width = SWATCH + 6 + text_width(one.label) + 16
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        items.append(
            LegendItem(
                series=one,
                x=_round(x),
                y=_round(y),
                text=TextLine(_round(x + SWATCH + 6), _round(y + SWATCH - 2), one.label),
            )
        )
        x += width
    return items, y - top + LEGEND_ROW + 6


def bar_chart(
    *,
    id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str = "",
    scale_max: Number | None = None,
    whole: bool = True,
    category_heading: str = "",
    caption: str = "",
    sources: Sequence[str] | None = None,
    notes: Sequence[str] | None = None,
) -> BarChart:
    """The geometry of a horizontal bar chart, one group of bars per category.

    *scale_max* lets two charts share a scale (official figures beside the catalogue's), so
    equal lengths mean equal numbers across them.
    """
    categories = [str(category) for category in categories]
    series = list(series)
    for one in series:
        if len(one.values) != len(categories):
            raise ValueError(
                f"{one.key}: {len(one.values)} values for {len(categories)} categories"
            )
    known_values = [value for one in series for value in one.values if value is not None]
    top_value = max([Decimal(v) for v in known_values] + [Decimal(scale_max or 0), Decimal(0)])
    legend, legend_height = _legend(series, 0)
    plot_top = legend_height
    labels_left = all(len(category) <= 6 for category in categories)
    if labels_left:
        widest = max((text_width(c, LABEL_SIZE, DIGIT_EM) for c in categories), default=0)
        plot_left = widest + 14
    else:
        plot_left = 2
    # The largest value sets the room kept for labels, so charts sharing a scale line up.
    value_texts = [format_number(value) for value in [*known_values, top_value]]
    reserve = max([text_width(t, SMALL_SIZE, DIGIT_EM) for t in value_texts] + [16]) + 10
    # Fewer, wider steps when long tick labels ("80.000") would touch each other.
    for intervals in (4, 3, 2, 1):
        ticks = nice_ticks(top_value, intervals=intervals, whole=whole)
        tick_widths = [text_width(format_number(t), SMALL_SIZE, DIGIT_EM) for t in ticks]
        # The last tick's label is centred on the plot's end: keep room for its right half.
        plot_right = WIDTH - max(reserve, tick_widths[-1] / 2 + 2)
        spacing = (plot_right - plot_left) / max(len(ticks) - 1, 1)
        if spacing >= max(tick_widths) + 12:
            break
    scale = ticks[-1] if ticks[-1] > 0 else Decimal(1)
    plot_width = plot_right - plot_left

    def x_of(value) -> float:
        return plot_left + float(Decimal(value) / scale) * plot_width

    groups, y = [], plot_top + 4
    wrap_at = max(12, int((WIDTH - 4) / (LABEL_SIZE * TEXT_EM)))
    for index, category in enumerate(categories):
        bars_height = len(series) * BAR + (len(series) - 1) * BAR_GAP
        if labels_left:
            lines = [
                TextLine(_round(plot_left - 8), _round(y + bars_height / 2 + 5), category, "end")
            ]
            bars_top = y
        else:
            wrapped = textwrap.wrap(category, wrap_at) or [""]
            lines = [
                TextLine(2, _round(y + 13 + line * LINE), text) for line, text in enumerate(wrapped)
            ]
            bars_top = y + len(wrapped) * LINE + 2
        bars = []
        for number, one in enumerate(series):
            value = one.values[index]
            bar_y = bars_top + number * (BAR + BAR_GAP)
            end = x_of(value) if value is not None else plot_left
            bars.append(
                Bar(
                    series=one,
                    value=value,
                    text=format_number(value) if value is not None else unknown_text(),
                    x=_round(plot_left),
                    y=_round(bar_y),
                    width=_round(end - plot_left),
                    height=BAR,
                    text_x=_round(end + 4),
                    text_y=_round(bar_y + BAR / 2 + 5),
                )
            )
        groups.append(Group(label=category, lines=lines, bars=bars))
        y = bars_top + bars_height + GROUP_GAP
    plot_bottom = y - GROUP_GAP / 2

    tick_items = []
    for tick in ticks:
        x = x_of(tick)
        text = format_number(tick)
        half = text_width(text, SMALL_SIZE, DIGIT_EM) / 2
        anchor = "start" if x - half < 0 else ("end" if x + half > WIDTH else "middle")
        tick_items.append(Tick(value=tick, text=text, x=_round(x), anchor=anchor))
    height = plot_bottom + 20
    axis_label = None
    if unit:
        axis_label = TextLine(_round(plot_left), _round(height + 14), unit)
        height += 22

    rows = [
        TableRow(
            label=category,
            cells=[
                (format_number(one.values[index]), True)
                if one.values[index] is not None
                else (gettext("Chưa công bố"), False)
                for one in series
            ],
            source_url=(sources or [""] * len(categories))[index] or "",
            note=(notes or [""] * len(categories))[index] or "",
        )
        for index, category in enumerate(categories)
    ]
    description = describe(categories, series)
    return BarChart(
        id=id,
        title=title,
        description=description,
        categories=categories,
        series=series,
        width=WIDTH,
        height=_round(height + 4),
        plot_left=_round(plot_left),
        plot_right=_round(plot_right),
        plot_top=_round(plot_top),
        plot_bottom=_round(plot_bottom),
        scale_max=scale,
        tick_y=_round(plot_bottom + 15),
        groups=groups,
        ticks=tick_items,
        legend=legend,
        axis_label=axis_label,
        rows=rows,
        category_heading=category_heading,
        caption=caption,
    )


# -- the statistics page's charts ---------------------------------------------------------


def _is_english() -> bool:
    return (get_language() or "").startswith("en")


def statistics_charts(figures: dict) -> dict:
    """The StatisticsPage's charts, in the active language, from `statistics_figures()`."""
    english = _is_english()
    years = figures["years"]
    labels = [str(year) for year in years]
    official = {row["year"]: row for row in figures["official"]}
    catalogue = figures["catalogue"]
    span = {"first": years[0], "last": years[-1]}

    def yearly(source, key):
        return tuple((source.get(year) or {}).get(key) for year in years)

    products_label, companies_label = gettext("Số sản phẩm"), gettext("Số doanh nghiệp")
    official_series = [
        Series("products", products_label, yearly(official, "products")),
        Series("companies", companies_label, yearly(official, "companies"), hatched=True),
    ]
    catalogue_series = [
        Series("products", products_label, tuple(catalogue[y]["products"] for y in years)),
        Series(
            "companies",
            companies_label,
            tuple(catalogue[y]["companies"] for y in years),
            hatched=True,
        ),
    ]
    shared = max(
        [v for one in official_series + catalogue_series for v in one.values if v is not None] + [0]
    )
    year_heading = gettext("Năm")
    official_sources = [(official.get(year) or {}).get("source_url", "") for year in years]
    notes = [(official.get(year) or {}).get("note_en" if english else "note", "") for year in years]
    recognised_official = bar_chart(
        id="chart-official",
        title=gettext(
            "Số liệu chính thức: sản phẩm và doanh nghiệp được công nhận, %(first)s–%(last)s"
        )
        % span,
        categories=labels,
        series=official_series,
        scale_max=shared,
        category_heading=year_heading,
        caption=gettext("Theo số liệu công bố của từng đợt công nhận."),
        sources=official_sources,
    )
    recognised_catalogue = bar_chart(
        id="chart-catalogue",
        title=gettext(
            "Trong danh mục này: sản phẩm và doanh nghiệp theo năm công nhận, %(first)s–%(last)s"
        )
        % span,
        categories=labels,
        series=catalogue_series,
        scale_max=shared,
        category_heading=year_heading,
        caption=gettext(
            "Đếm từ các trang sản phẩm đang công bố trên trang này, nên tăng dần khi các đợt "
            "công nhận được nhập vào danh mục. Doanh nghiệp gồm cả doanh nghiệp chỉ có hồ sơ "
            "công nhận trên trang doanh nghiệp."
        ),
    )

    sectors = figures["sectors"]
    sector_labels = [(row["name_en"] or row["name"]) if english else row["name"] for row in sectors]
    sector_labels = [label or gettext("Chưa phân loại") for label in sector_labels]
    by_sector = bar_chart(
        id="chart-sectors",
        title=gettext("Sản phẩm trong danh mục theo nhóm ngành"),
        categories=sector_labels,
        series=[Series("products", products_label, tuple(row["products"] for row in sectors))],
        category_heading=gettext("Nhóm ngành"),
        caption=gettext("Số trang sản phẩm đang công bố trong từng nhóm ngành."),
    )

    revenue = bar_chart(
        id="chart-revenue",
        title=gettext("Doanh thu của các sản phẩm được công nhận theo đợt (tỷ đồng)"),
        categories=labels,
        series=[Series("revenue", gettext("Doanh thu"), yearly(official, "revenue"))],
        unit=gettext("tỷ đồng"),
        whole=False,
        category_heading=year_heading,
        caption=gettext(
            "Số liệu chính thức, theo công bố của từng đợt (thường là doanh thu năm trước)."
        ),
        sources=official_sources,
        notes=notes,
    )
    exports = bar_chart(
        id="chart-exports",
        title=gettext("Xuất khẩu của các sản phẩm được công nhận theo đợt (triệu USD)"),
        categories=labels,
        series=[Series("exports", gettext("Xuất khẩu"), yearly(official, "exports"))],
        unit=gettext("triệu USD"),
        whole=False,
        category_heading=year_heading,
        caption=gettext("Số liệu chính thức, theo công bố của từng đợt."),
        sources=official_sources,
    )
    return {
        "recognised_charts": [recognised_official, recognised_catalogue],
        "sector_chart": by_sector,
        "money_charts": [revenue, exports],
    }
