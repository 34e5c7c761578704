import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from ..spreadsheets import safe_cell
from ..statistics import Numbers


@require_safe
def numbers(request):
    """Activism in numbers: charts of published events and initiatives over the years, by form, theme and region,
    each with its table. A fixed number of grouped queries (activism/statistics.py)."""
    numbers = Numbers()
    return render(request, "activism/numbers.html", {"charts": numbers.all_charts(), "this_year": numbers.this_year})


@require_safe
def numbers_csv(request, chart):
    """The table behind one chart of the numbers page, with its headings in the page's language."""
    try:
        table = Numbers().chart(chart).table
    except KeyError:
        raise Http404 from None
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # a byte order mark: Excel then reads the file as UTF-8, Cyrillic included
    writer = csv.writer(response)
    for row in table.csv_rows():
        writer.writerow([safe_cell(str(value)) if not isinstance(value, int) else value for value in row])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="caiss-{chart}-{timezone.localdate().isoformat()}.csv"'
    )
    return response
