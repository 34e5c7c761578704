"""The admin in Russian and in Kazakh, as an Editor who chose the language reads it: the app's name, the add button
and the titles with the record's name in its case, Django's messages, and the pages of import-export, django-reversion
and reversion-compare, and the two-factor pages, with no English left of what is translated."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import import_export
import polib
import pytest
import reversion
import reversion_compare
import two_factor
from django.conf import settings
from django.contrib import admin as django_admin
from django.urls import reverse
from django.utils.html import strip_tags
from reversion.models import Version

from .conftest import change_url, make_event, save_through_admin, submit_form

pytestmark = pytest.mark.django_db

OVERRIDES = Path(settings.BASE_DIR) / "locale_overrides"

APP_NAME = {"ru": "Карта активизма", "kk": "Белсенділік картасы"}
ADD_BUTTON = {
    "ru": {
        "initiative": "Добавить инициативу",
        "event": "Добавить событие",
        "blogpost": "Добавить публикацию в блоге",
        "city": "Добавить город",
    },
    "kk": {
        "initiative": "Бастама қосу",
        "event": "Оқиға қосу",
        "blogpost": "Блог жазбасы қосу",
        "city": "Қала қосу",
    },
}
CHANGE_TITLE = {
    "ru": {
        "initiative": "Изменить инициативу",
        "event": "Изменить событие",
        "blogpost": "Изменить публикацию в блоге",
        "city": "Изменить город",
    },
    "kk": {
        "initiative": "Бастаманы өзгерту",
        "event": "Оқиғаны өзгерту",
        "blogpost": "Блог жазбасын өзгерту",
        "city": "Қаланы өзгерту",
    },
}
LIST_TITLE = {"ru": "Выберите инициативу для изменения", "kk": "Өзгерту үшін бастаманы таңдаңыз"}


class VisibleText(HTMLParser):
    """The text a person reads on the page, with the titles and labels of its controls, one piece a line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self.hidden += 1
        for name, value in attrs:
            if name in {"title", "aria-label", "placeholder"} and value:
                self.pieces.append(value.strip())
            if name == "value" and tag == "input" and dict(attrs).get("type") in {"submit", "button"}:
                self.pieces.append(value.strip())

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"}:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.pieces.append(" ".join(data.split()))


def page_text(client, url, language):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    reader = VisibleText()
    reader.feed(response.content.decode())
    return "\n".join(reader.pieces)


def assert_no_english(text, *phrases):
    left = [phrase for phrase in phrases if phrase in text]
    assert left == [], left


@pytest.fixture
def event(site_data):
    return make_event("Rally in the park", city=site_data["almaty"], initiatives=[site_data["park"]])


def record_of(model, site_data, event):
    return {
        "initiative": site_data["park"],
        "event": event,
        "blogpost": site_data["post"],
        "city": site_data["almaty"],
    }[model]


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("model", ["initiative", "event", "blogpost", "city"])
def test_list_add_and_change_pages_name_the_app_and_the_record_in_its_case(editor, site_data, event, language, model):
    record = record_of(model, site_data, event)
    changelist = page_text(editor, reverse(f"admin:activism_{model}_changelist"), language)
    add = page_text(editor, reverse(f"admin:activism_{model}_add"), language)
    change = page_text(editor, change_url(record), language)
    for text in (changelist, add, change):
        assert APP_NAME[language] in text
        assert_no_english(text, "Activism", "ACTIVISM", "Activist map", "Toggle navigation", "View site")
    assert ADD_BUTTON[language][model] in changelist.splitlines()
    assert ADD_BUTTON[language][model] in add.splitlines()  # the add page's heading
    assert CHANGE_TITLE[language][model] in change.splitlines()
    assert_no_english(changelist + add + change, "Add ", "Change ", "Select ")


def test_the_russian_list_title_and_add_button_take_the_accusative(editor, site_data):
    text = page_text(editor, reverse("admin:activism_initiative_changelist"), "ru")
    assert "Добавить инициативу" in text.splitlines()
    assert LIST_TITLE["ru"] in text.splitlines()
    assert "Добавить инициатива" not in text
    assert "Выберите инициатива" not in text


def test_the_kazakh_list_title_puts_the_record_in_the_accusative(editor, site_data):
    assert LIST_TITLE["kk"] in page_text(editor, reverse("admin:activism_initiative_changelist"), "kk").splitlines()


def test_a_restored_version_keeps_its_own_title(editor, site_data):
    """A page that brings its title (restoring a version) is not given the model's change title."""
    draft = site_data["draft"]
    save_through_admin(editor, draft, name_en="Secret Draft, renamed")
    version = Version.objects.get_for_object(draft).get()
    text = page_text(editor, reverse("admin:activism_initiative_revision", args=[draft.pk, version.pk]), "ru")
    assert "Secret Draft, renamed" in text
    assert "Изменить инициативу" not in text.splitlines()


@pytest.mark.parametrize(
    ("language", "saved", "deleting"),
    [
        ("ru", "Запись «Secret Draft Initiative» (инициатива) изменена.", "удалить запись «Secret Draft Initiative»"),
        ("kk", "«Secret Draft Initiative» жазбасы (бастама) өзгертілді.", "«Secret Draft Initiative» жазбасын"),
    ],
)
def test_messages_and_the_delete_page_read_naturally(editor, site_data, language, saved, deleting):
    draft = site_data["draft"]
    editor.cookies["django_language"] = language
    response = submit_form(editor, change_url(draft), {"summary_en": "A quieter summary."})
    assert response.status_code == 302
    shown = [strip_tags(str(message)) for message in editor.get(response.url).context["messages"]]
    assert saved in shown
    delete = page_text(editor, reverse("admin:activism_initiative_delete", args=[draft.pk]), language)
    assert deleting in delete
    assert_no_english(delete, "Are you sure", "Yes, I’m sure", "No, take me back", "relationship", "object (")
    assert {"ru": "Инициативы: 1", "kk": "Бастамалар: 1"}[language] in delete.splitlines()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_import_export_history_and_recover_pages_show_no_english_labels(editor, site_data, event, language):
    park = site_data["park"]
    save_through_admin(editor, site_data["draft"], summary_en="Changed once.")
    pages = {
        "import": reverse("admin:activism_initiative_import"),
        "export": reverse("admin:activism_initiative_export"),
        "history": reverse("admin:activism_initiative_history", args=[park.pk]),
        "draft history": reverse("admin:activism_initiative_history", args=[site_data["draft"].pk]),
        "recover": reverse("admin:activism_initiative_recoverlist"),
        "event import": reverse("admin:activism_event_import"),
    }
    for name, url in pages.items():
        text = page_text(editor, url, language)
        assert_no_english(
            text,
            "This importer will import",
            "This exporter will export",
            "File to import",
            "Select all",
            "Submit",
            "Format:",
            "Resource",
            "Date/time",
            "Comment",
            "Recover deleted",
            "There are no deleted objects",
            "Choose a date from the list",
            "History",
            "Events, in this site's columns",
            "Events from a CSV file exported from ACLED",
            "Template (CSV)",
        )
        assert APP_NAME[language] in text, name
    export = page_text(editor, pages["export"], language)
    assert {"ru": "название [ru] (name_ru)", "kk": "атауы [ru] (name_ru)"}[language] in export.splitlines()
    recover = page_text(editor, pages["recover"], language)
    assert {
        "ru": "Восстановить удалённые записи: инициативы",
        "kk": "Өшірілген жазбаларды қалпына келтіру: бастамалар",
    }[language] in recover


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_account_security_page_speaks_the_language(editor, language):
    text = page_text(editor, reverse("two_factor:profile"), language)
    assert {"ru": "Безопасность учётной записи", "kk": "Тіркелгі қауіпсіздігі"}[language] in text
    assert_no_english(text, "Account Security", "Primary method", "Enter the token", "Backup Tokens", "Disable")


def test_the_admin_calendar_and_selectors_speak_kazakh(editor):
    """The admin's scripts (date picker, two-box selector) read their words from the JavaScript catalogue."""
    editor.cookies["django_language"] = "kk"
    script = editor.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["January"] == "Қаңтар"
    assert catalogue["Choose a Date"] == "Күнді таңдау"
    assert catalogue["Choose all %s"] == "Барлығын таңдау: %s"


def library_msgids(domain="django"):
    """Every msgid Django's admin, Django and the libraries translate, in any of their catalogues."""
    folders = [
        Path(django_admin.__file__).parent / "locale",
        Path(django_admin.__file__).parents[2] / "conf" / "locale",
        Path(import_export.__file__).parent / "locale",
        Path(reversion.__file__).parent / "locale",
        Path(reversion_compare.__file__).parent / "locale",
        Path(two_factor.__file__).parent / "locale",
    ]
    found = set()
    for folder in folders:
        for language in ["ru", "kk", "de"]:
            path = folder / language / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                found |= {entry.msgid for entry in polib.pofile(str(path))}
    return found


@pytest.mark.parametrize(("language", "domain"), [("ru", "django"), ("kk", "django"), ("kk", "djangojs")])
def test_the_overrides_catalogue_translates_library_messages_and_is_compiled(language, domain):
    folder = OVERRIDES / language / "LC_MESSAGES"
    source = polib.pofile(str(folder / f"{domain}.po"))
    assert source.metadata["Language"] == language
    # An override of a msgid no library has would never show: a typo, or a message the library has since changed.
    assert [entry.msgid for entry in source if entry.msgid not in library_msgids(domain)] == []
    assert source.untranslated_entries() == [] and source.fuzzy_entries() == []
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(folder / f"{domain}.mo"))
    }
    assert compiled == {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in source}, (
        "run: python manage.py compilemessages --ignore=.venv"
    )
    assert settings.LOCALE_PATHS[1] == OVERRIDES  # after our own catalogue, before the libraries'
