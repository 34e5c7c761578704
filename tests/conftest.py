import csv
import importlib
import io
import json
import time
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.cache import cache, caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from PIL import Image

from activism.models import Author, BlogPost, City, Event, Initiative, PublicationStatus, Region, Theme
from caiss.settings import media_storages


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language: a request in another test leaves its language active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the project; replaced and deleted images to another. On local
    disk, whatever DJANGO_MEDIA_STORAGE says (tests/test_media_storage.py tests the bucket)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.RETIRED_MEDIA_ROOT = tmp_path / "retired-media"
    settings.STORAGES = {**settings.STORAGES, **media_storages({}, settings.RETIRED_MEDIA_ROOT)}
    # django-imagekit notes in the cache which resized copies exist: forget those of the previous test's folder.
    cache.clear()
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def shared_cache_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(autouse=True)
def no_page_cache(settings, shared_cache_folder):
    """Tests read pages as rendered: a test runs in a transaction never committed, so the cached pages would never go
    stale. tests/test_page_cache.py turns the cache on, in tests that commit. The caches are the ones the settings make
    without REDIS_URL, the shared one in a folder of the test session's, emptied for each test."""
    settings.CAISS_PAGE_CACHE_SECONDS = 0
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": shared_cache_folder},
    }
    caches["shared"].clear()


def make_region(name="Almaty Region", **fields):
    fields.setdefault("slug", slugify(name))
    return Region.objects.create(name=name, **fields)


def make_city(name="Almaty", region=None, latitude="43.238949", longitude="76.889709", **fields):
    fields.setdefault("slug", slugify(name))
    region = region or Region.objects.first() or make_region()
    return City.objects.create(
        name=name, region=region, latitude=Decimal(latitude), longitude=Decimal(longitude), **fields
    )


def geojson_point(longitude, latitude):
    """The city map's point as django-leaflet's PointField reads it (the hidden "location" input): GeoJSON."""
    return json.dumps({"type": "Point", "coordinates": [longitude, latitude]})


def placed_on_the_map(latitude, longitude):
    """What the city map's script (static/admin-caiss/city-map.js) writes when the map is clicked or the marker dragged
    to this point: the latitude and longitude inputs, six decimals, and the hidden GeoJSON point with the same numbers.
    Changes for submit_form."""
    latitude, longitude = f"{latitude:.6f}", f"{longitude:.6f}"
    return {"latitude": latitude, "longitude": longitude, "location": geojson_point(float(longitude), float(latitude))}


def make_theme(name="Ecology", **fields):
    fields.setdefault("slug", slugify(name))
    return Theme.objects.create(name=name, **fields)


def make_initiative(name="Green Almaty", cities=(), themes=(), published=True, sources=None, **fields):
    """An initiative, published unless told otherwise. A published one rests on a source, as the publication rules
    require (Initiative.check_publishable): it has one unless `sources` says how many."""
    fields.setdefault("slug", slugify(name))
    fields.setdefault("summary", f"Summary of {name}.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT)
    initiative = Initiative.objects.create(name=name, **fields)
    initiative.cities.set(cities)
    initiative.themes.set(themes or [Theme.objects.first() or make_theme()])
    if sources is None:
        sources = 1 if initiative.publication_status == PublicationStatus.PUBLISHED else 0
    give_sources(initiative, sources)
    return initiative


def give_sources(record, count=1):
    """Sources of an initiative or an event, as a researcher would cite them."""
    for number in range(1, count + 1):
        record.sources.create(
            title=f"Report {number} on {record}", url=f"https://news.example.org/{record.slug}/{number}"
        )


def make_event(
    title="March for clean air",
    date="2019-06-12",
    kind=Event.Kind.PROTEST,
    city=None,
    initiatives=(),
    themes=(),
    published=True,
    sources=1,
    **fields,
):
    """An event (published, with one source, unless told otherwise) on a date given as "YYYY-MM-DD"."""
    fields.setdefault("slug", slugify(title))
    fields.setdefault("summary", f"Summary of {title}.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT)
    event = Event.objects.create(title=title, date=date, kind=kind, city=city, **fields)
    event.refresh_from_db()  # the date as a date, and the region filled from the city
    event.initiatives.set(initiatives)
    event.themes.set(themes)
    give_sources(event, sources)
    return event


def make_sourced_initiative(name="Green Almaty", **fields):
    """A published initiative as the publication rules want one: its name and summary in the default language, and a
    public source."""
    fields.setdefault("sources", 0)
    initiative = make_initiative(name, **fields)
    initiative.sources.create(title=f"Report on {name}", url=f"https://news.example.org/{initiative.slug}")
    return initiative


def make_author(name="Aigerim Demo", **fields):
    fields.setdefault("slug", slugify(name))
    return Author.objects.create(name=name, **fields)


def make_post(title="Notes from the field", author=None, published=True, published_at=None, **fields):
    fields.setdefault("slug", slugify(title))
    fields.setdefault("lead", f"Lead of {title}.")
    fields.setdefault("body", f"Body of {title}.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT)
    return BlogPost.objects.create(
        title=title,
        author=author or Author.objects.first() or make_author(),
        published_at=published_at or timezone.now() - timedelta(days=1),
        **fields,
    )


def queries_for(client, url):
    """How many database queries a GET of the page makes (it must answer 200): compared at two data sizes, a page's
    number of queries must not grow with the records."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def image_upload(name="photo.png", image_format="PNG", size=(40, 30), mode="RGB"):
    """A real image made by Pillow, as the admin would receive it: mode "RGB", "RGBA" (its left half transparent)
    or "P" (a palette of a few colours, as many PNG graphics are)."""
    image = Image.new("RGBA" if mode == "RGBA" else "RGB", size, "#3b6ea5")
    if mode == "RGBA":
        image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    elif mode == "P":
        image.paste("#f2c14e", (0, 0, size[0] // 2, size[1]))
        image = image.quantize(colors=4)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROTATED_90 = 6  # the camera was held upright: the stored pixels lie on their side


def photo_with_location(size=(1600, 1000), image_format="JPEG"):
    """A camera photo as a phone writes it: GPS position, camera make, orientation, XMP and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = ROTATED_90
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 53.0, 10.0)})
    image = Image.effect_noise(size, 60).convert("RGB")  # noise: a file as big as a real photo
    buffer = io.BytesIO()
    extra = {"comment": b"taken at the protest"} if image_format == "JPEG" else {}
    image.save(buffer, image_format, exif=exif, xmp=b"<x:xmpmeta>GPSLatitude 43.25</x:xmpmeta>", **extra)
    data = buffer.getvalue()
    # The metadata is really there before the upload.
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(GPS_IFD)[2] == (43.0, 15.0, 30.0)
        assert check.getexif()[ORIENTATION] == ROTATED_90
    return data


def assert_no_metadata(file):
    file.open("rb")
    data = file.read()
    file.close()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    assert b"Exif" not in data
    assert b"GPSLatitude" not in data
    assert b"PhoneMaker" not in data
    assert b"taken at the protest" not in data
    return data


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file())


@pytest.fixture
def site_data(db):
    """A small public site with a draft and a scheduled post hidden among the published records."""
    almaty_region = make_region("Almaty", kind=Region.Kind.CITY)
    akmola = make_region("Akmola")
    empty_region = make_region("Ulytau")
    almaty = make_city("Almaty", almaty_region)
    kokshetau = make_city("Kokshetau", akmola, "53.283333", "69.383333")
    lonely = make_city("Zhezkazgan", empty_region, "47.783333", "67.766667")
    ecology = make_theme("Ecology", color="#2e8b57")
    feminism = make_theme("Gender and feminism", color="#8e44ad")
    park = make_initiative(
        "Save the Park", cities=[almaty], themes=[ecology], form=Initiative.Form.PROTEST, activity_status="active"
    )
    march = make_initiative(
        "Women's March", cities=[almaty, kokshetau], themes=[feminism], form=Initiative.Form.PROTEST
    )
    online = make_initiative("Online Petition", themes=[feminism], is_online=True, form="online_campaign")
    # A draft ready to publish: it passes the publication rules (a source).
    draft = make_initiative("Secret Draft Initiative", cities=[lonely], themes=[ecology], published=False, sources=1)
    author = make_author("Aigerim Demo")
    post = make_post("Parks and people", author=author)
    post.initiatives.set([park, draft])
    scheduled = make_post("Scheduled Future Post", author=author, published_at=timezone.now() + timedelta(days=10))
    draft_post = make_post("Draft Hidden Post", author=author, published=False)
    return {
        "almaty": almaty,
        "kokshetau": kokshetau,
        "lonely": lonely,
        "almaty_region": almaty_region,
        "akmola": akmola,
        "empty_region": empty_region,
        "ecology": ecology,
        "feminism": feminism,
        "park": park,
        "march": march,
        "online": online,
        "draft": draft,
        "author": author,
        "post": post,
        "scheduled": scheduled,
        "draft_post": draft_post,
    }


# Staff accounts and the admin as a browser uses it.

PASSWORD = "a-long-test-password"


def make_staff(username, group=None, superuser=False):
    """A staff account: in the "Researcher" or "Editor" group, or a superuser."""
    from django.contrib.auth.models import Group, User

    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def log_in(client, user):
    """Log the user in on this client as the staff login does: password and authenticator-app code both passed.

    The admin refuses a session that passed the password alone; this marks the session verified, as django-otp
    does after the code, with an authenticator-app device it gives the user if it has none."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def authenticator_code(device):
    """The code an authenticator app shows now for this device, as the person would type it."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def logged_in_client(user):
    """A browser of its own, logged in as the user: a test can hold several roles at once."""
    return log_in(Client(), user)


def committing(client, django_capture_on_commit_callbacks):
    """The client, each request's changes committed as on a real server: the tests run inside a transaction, and
    images move in and out of the served storage once a change is committed."""
    request = client.request

    def committing_request(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return request(**kwargs)

    client.request = committing_request
    return client


@pytest.fixture
def admin_client(db):
    return logged_in_client(make_staff("admin", superuser=True))


@pytest.fixture
def roles(db):
    """The Researcher and Editor groups, as their migration makes them: a test that commits (transaction=True) starts
    from a database emptied of them."""
    from django.contrib.auth.models import Group, Permission

    migration = importlib.import_module("activism.migrations.0002_roles")
    suggestions = importlib.import_module("activism.migrations.0008_suggestion_roles")
    for name, codenames in [
        ("Researcher", migration.RESEARCHER + suggestions.RESEARCHER),
        ("Editor", migration.EDITOR + suggestions.EDITOR),
    ]:
        group, _created = Group.objects.get_or_create(name=name)
        if not group.permissions.exists():
            group.permissions.set(Permission.objects.filter(content_type__app_label="activism", codename__in=codenames))


@pytest.fixture
def researcher(roles):
    return logged_in_client(make_staff("researcher", "Researcher"))


@pytest.fixture
def editor(roles):
    return logged_in_client(make_staff("editor", "Editor"))


class FormReader(HTMLParser):
    """The forms of a page as a browser sees them: every input, select and textarea with the value it would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.select = None
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: "" if value is None else value for name, value in attrs}
        if tag == "form":
            self.form = {"attrs": attrs, "fields": [], "selects": [], "names": set()}
            self.forms.append(self.form)
        elif self.form is None:
            return
        if tag in {"input", "select", "textarea", "button"} and attrs.get("name"):
            self.form["names"].add(attrs["name"])  # every control a person can fill or press, files and boxes too
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            name = attrs.get("name")
            if not name or kind in {"submit", "button", "reset", "image", "file"} or "disabled" in attrs:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.form["fields"].append((name, attrs.get("value", "on" if kind in {"checkbox", "radio"} else "")))
        elif tag == "select" and attrs.get("name") and "disabled" not in attrs:
            self.select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
            self.form["selects"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
            self.select["options"].append(self.option)
        elif tag == "textarea" and attrs.get("name") and "disabled" not in attrs:
            self.textarea = {"name": attrs["name"], "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option":
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the newline that follows <textarea>, and sends each line ended with CR LF.
            text = self.textarea["text"].removeprefix("\r\n").removeprefix("\n")
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
            self.form["fields"].append((self.textarea["name"], text))
            self.textarea = None


def read_form(response, form_id=None, method="post"):
    """The data a browser would post back, unchanged, for the form on this page: the one with this id, else the
    first form posted to the page itself (the admin's logout and search forms are left out); method="get" reads a
    form sent by GET instead. Returns (action, data, names): data maps each name to a list of values; names are all
    the controls, unticked boxes and files too."""
    assert response.status_code == 200, response.status_code
    reader = FormReader()
    reader.feed(response.content.decode())
    forms = [form for form in reader.forms if form["attrs"].get("method", "get").lower() == method]
    if form_id is not None:
        forms = [form for form in forms if form["attrs"].get("id") == form_id]
    else:
        forms = [form for form in forms if form["attrs"].get("id") != "logout-form"]
    assert forms, "no such form on the page"
    form = forms[0]
    data = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    for select in form["selects"]:
        chosen = [option for option in select["options"] if option["selected"]]
        if not chosen and not select["multiple"] and select["options"]:
            chosen = select["options"][:1]  # a browser sends the first option of a single select
        values = [option["value"] if option["value"] is not None else option["text"].strip() for option in chosen]
        if values or not select["multiple"]:
            data.setdefault(select["name"], []).extend(values)
    action = form["attrs"].get("action") or response.wsgi_request.get_full_path()
    return action, data, form["names"]


def fill_form(page, changes=None, form_id=None):
    """The form of a page already loaded, filled in as a person would (see submit_form): (action, data) to POST, so
    that a test can hold an old page, like a browser tab left open, and send it later."""
    action, data, names = read_form(page, form_id)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
            continue
        assert name in names or name.startswith("_"), f"{name!r} is not a field the page renders: {sorted(names)}"
        data[name] = value if isinstance(value, list) else [value]
    return action, {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def submit_form(client, url, changes=None, form_id=None, page=None, **extra):
    """GET the page, read its form as rendered, apply what a person would change, POST it and return the answer.

    `changes` maps a field name to its new value: a string, a list for several values, a file to upload, or None to
    leave the field out (an unticked box). Names the page does not render are refused: a person cannot fill them.
    `page` is a response already on screen, for the next step of a form in steps (a new GET would restart it).
    """
    page = client.get(url, **extra) if page is None else page
    return client.post(*fill_form(page, changes, form_id))


def change_url(record):
    return reverse(f"admin:activism_{record._meta.model_name}_change", args=[record.pk])


def pending_url(record):
    """The review page of the record's change for review."""
    return reverse(f"admin:activism_{record._meta.model_name}_pending", args=[record.pk])


def review_change(client, record, decision, note=""):
    """On the review page of the record's change, write the note and press a button: "_approve", "_send_back" or
    "_discard", as an Editor would."""
    return submit_form(client, pending_url(record), {"note": note, decision: "on"}, form_id="review-form")


def save_through_admin(client, record, **changes):
    """Change the record on its admin page as a person would, and check that it saved."""
    response = submit_form(client, change_url(record), changes)
    assert response.status_code == 302, form_errors(response)
    return response


def run_action(client, model, action, records):
    """Tick these records on the model's admin list, choose the action and press Go, as a person would."""
    url = reverse(f"admin:activism_{model._meta.model_name}_changelist")
    changes = {"action": action, "_selected_action": [str(record.pk) for record in records]}
    return submit_form(client, url, changes, form_id="changelist-form")


def with_source(**changes):
    """A source typed into the empty row of a record's sources on its admin page (an initiative's or an event's, with no
    source yet), as a person adds one: the publication rules want one."""
    return {"sources-0-title": "Report in the press", "sources-0-url": "https://news.example.org/picket", **changes}


def sources_errors(response):
    """The errors shown above a record's sources on its admin page: the publication rules' reasons, when refused."""
    assert response.status_code == 200, response.status_code
    formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.prefix == "sources"
    )
    return " ".join(formset.non_form_errors())


def list_messages(response):
    """The messages an admin page shows at its top (a list action's outcome)."""
    return [str(message) for message in response.context["messages"]] if response.context else []


def form_errors(response):
    """The errors an admin page shows, for an assertion message."""
    context = response.context or {}
    form = context.get("adminform")
    return form.form.errors if form is not None else response.status_code


# Imports from a spreadsheet, through the admin's import pages.

CSV_FORMAT, XLSX_FORMAT = "0", "1"  # their places in IMPORT_EXPORT_FORMATS


def csv_file(header, *rows, name="records.csv"):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode("utf-8"), content_type="text/csv")


def upload(client, model, file, file_format=CSV_FORMAT):
    """The first step of an import, through the import page's form: the dry run that shows the preview, or the
    errors."""
    response = submit_form(
        client, reverse(f"admin:activism_{model}_import"), {"import_file": file, "format": file_format}
    )
    assert response.status_code == 200
    return response


def confirm(client, model, preview):
    """The second step: the confirm form as the preview page renders it, posted as it is."""
    action, data, _names = read_form(preview)
    assert action == reverse(f"admin:activism_{model}_process_import")
    return client.post(action, {name: values[0] if len(values) == 1 else values for name, values in data.items()})


# The public suggestion form.


class Clock:
    """The time as the suggestion form reads it (activism/forms.py), moved on by hand: a test takes as long as a person
    to fill the form without waiting for it."""

    def __init__(self):
        self.offset = 0

    def time(self):
        return time.time() + self.offset

    def wait(self, seconds):
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr("activism.forms.time", clock)
    return clock


SUGGESTION = {
    "text": "Tree planting on Abai Avenue\nNeighbours planted forty elms where the old ones were cut.",
    "place": "Almaty",
    "when": "April 2024",
    "sources": "https://example.org/news/elms",
}


def send_suggestion(client, clock, changes=None, url=None, seconds=30, **extra):
    """Open the suggestion form, fill it in (SUGGESTION, then `changes`) for `seconds` as a person would, send it."""
    page = client.get(url or reverse("activism:suggest"), **extra)
    clock.wait(seconds)
    return client.post(*fill_form(page, {**SUGGESTION, **(changes or {})}, form_id="suggestion-form"), **extra)
