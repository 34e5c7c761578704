"""The record text entered in each language (django-modeltranslation adds name_kk, name_ru, name_en and so on).

Slugs stay one per record, in Latin letters, so a permalink is the same in every language.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Author, BlogPost, City, Event, Initiative, Region, Theme


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ["name"]


@register(City)
class CityTranslation(TranslationOptions):
    fields = ["name"]


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ["name", "description"]


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ["name", "summary", "description", "image_alt"]


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ["name", "affiliation", "bio"]


@register(BlogPost)
class BlogPostTranslation(TranslationOptions):
    fields = ["title", "lead", "body", "cover_image_alt"]


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ["title", "summary", "description"]
