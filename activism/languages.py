"""The languages of the records' text, in one place for the models, the admin and the spreadsheets."""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname


def in_every_language(*names):
    """name_kk, name_ru, name_en, ...: the fields (and spreadsheet columns) holding a record's text in each language."""
    return [build_localized_fieldname(name, code) for name in names for code, _name in settings.LANGUAGES]


def default_language():
    """The site's main language (CAISS_DEFAULT_LANGUAGE): a record is published only with its name and summary in it."""
    return settings.LANGUAGE_CODE
