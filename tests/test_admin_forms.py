"""The admin's change forms as the server sends them: summaries on a few lines, the language tabs' scripts from the
site itself, the Markdown preview, and the version comparison without the site's internal fields."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from activism.markup import render_markdown

from .conftest import (
    change_url,
    form_errors,
    log_in,
    make_event,
    make_initiative,
    make_post,
    make_staff,
    read_form,
    save_through_admin,
    submit_form,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["kk", "ru", "en"]
DANGEROUS = (
    "<script>alert(1)</script>\n\n"
    '[a link](javascript:alert(2)) and <a href="javascript:alert(3)">another</a>\n\n'
    '<img src="x" onerror="alert(4)"> <style>body { display: none }</style>\n\n'
    '<p style="color: red" onclick="alert(5)">Styled</p> <iframe src="https://example.org"></iframe>'
)


class TagReader(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: "" if value is None else value for name, value in attrs}))


def tags(response, name):
    reader = TagReader()
    reader.feed(response.content.decode())
    return [attrs for tag, attrs in reader.tags if tag == name]


def field_tag(response, name):
    """The tag of the form control with this name, and its attributes."""
    reader = TagReader()
    reader.feed(response.content.decode())
    found = [(tag, attrs) for tag, attrs in reader.tags if attrs.get("name") == name]
    assert len(found) == 1, (name, found)
    return found[0]


@pytest.fixture
def records(db):
    return {
        "initiative": make_initiative("Green Almaty"),
        "event": make_event("Picket for the park", is_nationwide=True),
        "blogpost": make_post("Notes from the park"),
    }


SUMMARIES = [("initiative", "summary", 300), ("event", "summary", 300), ("blogpost", "lead", 600)]


@pytest.mark.parametrize(("kind", "field", "length"), SUMMARIES)
def test_the_summary_is_a_three_line_textarea_limited_to_its_length_in_every_language(
    editor, records, kind, field, length
):
    for page in [editor.get(change_url(records[kind])), editor.get(reverse(f"admin:activism_{kind}_add"))]:
        for language in LANGUAGES:
            tag, attrs = field_tag(page, f"{field}_{language}")
            assert tag == "textarea"
            assert attrs["rows"] == "3"
            assert attrs["maxlength"] == str(length)


@pytest.mark.parametrize(("kind", "field", "length"), SUMMARIES)
def test_a_summary_typed_on_several_lines_saves_and_one_too_long_is_refused(editor, records, kind, field, length):
    record = records[kind]
    save_through_admin(editor, record, **{f"{field}_ru": "Первая строка.\r\nВторая строка."})
    record.refresh_from_db()
    assert getattr(record, f"{field}_ru") == "Первая строка.\nВторая строка."  # kept with the line ends of the site

    response = submit_form(editor, change_url(record), {f"{field}_kk": "ә" * (length + 1)})
    assert response.status_code == 200
    assert f"{field}_kk" in form_errors(response)


@pytest.mark.parametrize("kind", ["initiative", "event", "blogpost"])
def test_the_language_tabs_load_nothing_from_other_servers(editor, records, kind):
    page = editor.get(change_url(records[kind]))
    scripts = [attrs["src"] for attrs in tags(page, "script") if "src" in attrs]
    styles = [attrs["href"] for attrs in tags(page, "link") if attrs.get("rel") == "stylesheet"]
    assert "/static/vendor/jquery-ui/jquery-ui.tabs.js" in scripts
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in scripts
    assert "/static/modeltranslation/css/tabbed_translation_fields.css" in styles
    assert "/static/admin-caiss/admin.css" in styles
    for address in scripts + styles:
        assert not urlsplit(address).netloc, address  # no other server, and no "//ajax.googleapis.com/…"
        if address.startswith("/static/"):
            assert finders.find(address.removeprefix("/static/")), address
    # Nothing runs inline: every script is a file.
    assert [
        attrs for attrs in tags(page, "script") if "src" not in attrs and attrs.get("type") != "application/json"
    ] == []
    # The tabs' jQuery UI comes with its licence.
    assert finders.find("vendor/jquery-ui/LICENSE.txt")


# The Markdown preview: the button under each Markdown field posts the text, with the form's CSRF token, to a
# staff-only view, as static/admin-caiss/markdown-preview.js does.

MARKDOWN_FIELDS = [("initiative", "description"), ("event", "description"), ("blogpost", "body")]


def preview(client, page, field, text):
    """What the "Preview" button under the field shows: the text posted as the page's script posts it."""
    _tag, attrs = field_tag(page, field)
    _action, data, _names = read_form(page)
    return client.post(attrs["data-markdown-preview"], {"text": text}, HTTP_X_CSRFTOKEN=data["csrfmiddlewaretoken"][0])


@pytest.fixture
def strict_editor(roles):
    """An Editor whose browser is held to the CSRF check, as a real one is."""
    return log_in(Client(enforce_csrf_checks=True), make_staff("strict-editor", "Editor"))


@pytest.mark.parametrize(("kind", "field"), MARKDOWN_FIELDS)
def test_the_preview_shows_the_markdown_rendered_in_every_language(strict_editor, records, kind, field):
    page = strict_editor.get(change_url(records[kind]))
    for language in LANGUAGES:
        response = preview(strict_editor, page, f"{field}_{language}", "## Aims\n\nA **park** for [all](https://a.kz).")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/html; charset=utf-8"
        html = response.content.decode()
        assert "<h2>Aims</h2>" in html
        assert "<strong>park</strong>" in html
        assert 'href="https://a.kz"' in html


def test_the_preview_drops_scripts_styles_and_javascript_links(strict_editor, records):
    page = strict_editor.get(change_url(records["initiative"]))
    response = preview(strict_editor, page, "description_en", DANGEROUS)
    assert response.status_code == 200
    html = response.content.decode().lower()
    for forbidden in ["<script", "javascript:", "onerror", "onclick", "<style", "style=", "<iframe", "<img"]:
        assert forbidden not in html, forbidden
    assert "styled" in html and "another" in html  # the text stays, without what could run
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_the_preview_matches_the_public_page(strict_editor, client, records):
    text = (
        "Started in **2011**.\n\n- a [petition](https://example.org/petition)\n- a picket\n\n> Quoted\n\n" + DANGEROUS
    )
    page = strict_editor.get(change_url(records["initiative"]))
    shown = preview(strict_editor, page, "description_en", text).content.decode()
    assert shown == render_markdown(text)

    save_through_admin(strict_editor, records["initiative"], description_en=text)
    public = client.get(records["initiative"].get_absolute_url())
    assert public.status_code == 200
    assert shown.strip() in public.content.decode()


def test_the_preview_refuses_a_post_without_the_csrf_token(strict_editor, records):
    page = strict_editor.get(change_url(records["initiative"]))
    _tag, attrs = field_tag(page, "description_en")
    response = strict_editor.post(attrs["data-markdown-preview"], {"text": "**bold**"})
    assert response.status_code == 403
    assert b"<strong>" not in response.content


def test_the_preview_is_for_staff_only(editor, client, records, django_user_model):
    page = editor.get(change_url(records["initiative"]))
    _tag, attrs = field_tag(page, "description_en")
    url = attrs["data-markdown-preview"]
    assert editor.get(url).status_code == 405  # the text is posted, never put in an address

    visitor = client.post(url, {"text": "**bold**"})  # not logged in
    assert visitor.status_code == 302
    assert b"<strong>" not in visitor.content

    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-test-password")
    log_in(client, member)  # logged in, but not staff
    response = client.post(url, {"text": "**bold**"})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path != url
    assert b"<strong>" not in response.content

    staff = log_in(Client(), make_staff("no-role"))  # staff, but may not edit initiatives
    response = staff.post(url, {"text": "**bold**"})
    assert response.status_code == 403
    assert b"<strong>" not in response.content


def test_the_version_comparison_leaves_out_the_internal_fields(editor, records):
    initiative = records["initiative"]
    save_through_admin(editor, initiative, summary_en="A first summary.")
    save_through_admin(editor, initiative, summary_en="A second summary, saved later.")

    history = editor.get(reverse("admin:activism_initiative_history", args=[initiative.pk]))
    action, data, _names = read_form(history, method="get")
    compare = editor.get(urljoin(history.wsgi_request.path, action), data)
    assert compare.status_code == 200
    headings = [field_diff["field"].name for field_diff in compare.context["compare_data"]]
    # The version counter, the last change's time and the search columns changed too, and are left out; so is the
    # untranslated summary, which mirrors the default language's.
    assert headings == ["summary_en"]
    assert "A <del>first</del><ins>second</ins> summary<ins>, saved later</ins>." in compare.content.decode()
    # Long lines wrap: the admin's stylesheet, with the rule for the comparison, is on the page.
    assert "/static/admin-caiss/admin.css" in [attrs.get("href") for attrs in tags(compare, "link")]
    with open(finders.find("admin-caiss/admin.css")) as stylesheet:
        assert "pre.highlight" in stylesheet.read()
