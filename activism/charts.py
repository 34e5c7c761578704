"""Charts drawn on the server as SVG, for the numbers page (templates/includes/chart_svg.html): readable without
JavaScript, printable, in every language. This module places the shapes in the units of the SVG's viewBox; the
colours come from site.css ("Activism in numbers"), so they follow the dark scheme and print.

Colour is never the only cue: each style pairs an Okabe–Ito colour (safe for colour-blind readers) with a pattern of
its own, the legend shows both, and the table under every chart gives each number.
"""

import math
from dataclasses import dataclass, field

# A series' style, 1 to 5, is a colour (--chart-1 to --chart-5 in site.css) and a pattern
# (templates/includes/chart_patterns.html).
# Longer names are cut short in the drawing (the table and the bar's tooltip give them whole).
MAX_LABEL_LENGTH = 48


@dataclass
class Series:
    """The numbers drawn in one style, in the order of the chart's years or categories."""

    label: str
    values: list
    style: int = 1
    # In a year chart: a line with a mark on each year, instead of bars.
    as_line: bool = False


@dataclass
class Shape:
    """A bar, or a mark on a line (x and y its centre); its title is the tooltip and what a screen reader may read."""

    x: float
    y: float
    width: float = 0
    height: float = 0
    style: int = 1
    title: str = ""


@dataclass
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class Line:
    style: int
    path: str
    marks: list = field(default_factory=list)


def nice_scale(maximum, steps=4):
    """The top of the value axis and its step: a step of 1, 2 or 5 times a power of ten, about `steps` of them."""
    if maximum <= 0:
        return 1, 1
    rough = maximum / steps
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)
    step = max(1, round(step))
    return math.ceil(maximum / step) * step, step


def short_label(text):
    text = str(text)
    return text if len(text) <= MAX_LABEL_LENGTH else text[: MAX_LABEL_LENGTH - 1].rstrip() + "…"


def number_text(value, percent=False):
    return f"{value}%" if percent else str(value)


class YearChart:
    """Values per year: bars (several series stacked in one bar, or standing side by side) and lines.

    `columns` lists the bars of each year, side by side, each a list of the series stacked in it; `lines` the series
    drawn as lines over them. The value axis starts at zero; with `percent`, it runs to 100.
    """

    kind = "years"
    width = 560
    height = 280
    left = 48
    right = 8
    top = 30
    bottom = 28
    # A year label needs about this many units, so that labels never overlap.
    label_room = 44

    def __init__(self, years, columns=(), lines=(), axis_label="", percent=False):
        self.years = list(years)
        self.columns = [list(column) for column in columns]
        self.lines = list(lines)
        self.axis_label = axis_label
        self.percent = percent
        self.series = [series for column in self.columns for series in column] + self.lines
        self.plot_right = self.width - self.right
        self.plot_width = self.plot_right - self.left
        self.plot_height = self.height - self.top - self.bottom
        self.slot = self.plot_width / max(1, len(self.years))
        highest = max(
            [sum(series.values[index] for series in column) for column in self.columns for index in range(len(years))]
            + [value for series in self.lines for value in series.values]
            + [0]
        )
        self.axis_top, self.axis_step = (100, 25) if percent else nice_scale(highest)

    def y(self, value):
        return round(self.top + self.plot_height * (1 - value / self.axis_top), 1)

    def x(self, index):
        """The centre of a year's slot."""
        return self.left + self.slot * (index + 0.5)

    def value_ticks(self):
        return [
            Text(self.left - 6, self.y(value) + 4, number_text(value, self.percent), anchor="end")
            for value in range(0, self.axis_top + 1, self.axis_step)
        ]

    def grid(self):
        return [self.y(value) for value in range(0, self.axis_top + 1, self.axis_step)]

    def year_labels(self):
        every = next((step for step in (1, 2, 5, 10, 20, 25, 50) if self.slot * step >= self.label_room), 100)
        labelled = [year for year in self.years if year % every == 0] or self.years[:1]
        return [Text(self.x(self.years.index(year)), self.height - 8, str(year)) for year in labelled]

    def bars(self):
        group_width = self.slot * (0.7 if len(self.columns) == 1 else 0.84)
        bar_width = group_width / max(1, len(self.columns))
        shapes = []
        for index, year in enumerate(self.years):
            start = self.x(index) - group_width / 2
            for position, column in enumerate(self.columns):
                base = 0
                for series in column:
                    value = series.values[index]
                    if not value:
                        continue
                    top = self.y(base + value)
                    shapes.append(
                        Shape(
                            x=round(start + position * bar_width, 1),
                            y=top,
                            width=round(bar_width, 1),
                            height=round(self.y(base) - top, 1),
                            style=series.style,
                            title=f"{year} · {series.label}: {number_text(value, self.percent)}",
                        )
                    )
                    base += value
        return shapes

    def totals(self):
        """The height of each single stacked bar written above it, where there is room."""
        if len(self.columns) != 1 or self.slot < 22:
            return []
        labels = []
        for index in range(len(self.years)):
            total = sum(series.values[index] for series in self.columns[0])
            if total:
                labels.append(Text(round(self.x(index), 1), self.y(total) - 4, str(total)))
        return labels

    def drawn_lines(self):
        drawn = []
        for series in self.lines:
            marks = [
                Shape(
                    x=round(self.x(index), 1),
                    y=self.y(value),
                    style=series.style,
                    title=f"{year} · {series.label}: {number_text(value, self.percent)}",
                )
                for index, (year, value) in enumerate(zip(self.years, series.values, strict=True))
            ]
            path = " ".join(f"{'M' if number == 0 else 'L'}{mark.x},{mark.y}" for number, mark in enumerate(marks))
            drawn.append(Line(series.style, path, marks))
        return drawn


class CategoryChart:
    """Horizontal bars, one row per category (its name above its bars) and one bar per series, each with its number
    written at its end: names in any language fit the width of a phone.

    With `totals`, a bar's length is its share of the series' total (the number written after the count), so that
    series of different sizes (initiatives and events) compare on one scale; otherwise the counts share the scale.
    """

    kind = "categories"
    width = 400
    name_height = 21
    bar_height = 13
    bar_gap = 3
    row_gap = 10
    # Room at the end of the longest bar for its number.
    number_room = 80

    def __init__(self, categories, series, totals=None):
        self.categories = [short_label(category) for category in categories]
        self.series = list(series)
        self.totals = totals  # one per series: the bars show shares of these
        self.row_height = self.name_height + len(self.series) * (self.bar_height + self.bar_gap) + self.row_gap
        self.height = max(1, len(self.categories)) * self.row_height
        self.scales = [max(1, total) for total in totals] if totals else [1] * len(self.series)
        scaled = zip(self.series, self.scales, strict=True)
        lengths = [value / scale for series, scale in scaled for value in series.values]
        self.longest = max(lengths, default=0) or 1

    def share(self, value, position):
        return round(100 * value / self.scales[position]) if self.totals else None

    def rows(self):
        """For each category: its name, then its bars and their numbers."""
        rows = []
        usable = self.width - self.number_room
        for index, name in enumerate(self.categories):
            top = index * self.row_height
            bars, numbers = [], []
            for position, series in enumerate(self.series):
                value = series.values[index]
                length = usable * (value / self.scales[position]) / self.longest
                y = top + self.name_height + position * (self.bar_height + self.bar_gap)
                share = self.share(value, position)
                text = f"{value} ({share}%)" if share is not None else str(value)
                bars.append(
                    Shape(
                        x=0,
                        y=y,
                        width=round(max(length, 1 if value else 0), 1),
                        height=self.bar_height,
                        style=series.style,
                        title=f"{name} · {series.label}: {text}",
                    )
                )
                numbers.append(Text(round(length + 4, 1), y + self.bar_height - 2, text, anchor="start"))
            rows.append({"name": Text(0, top + 15, name, anchor="start"), "bars": bars, "numbers": numbers})
        return rows
