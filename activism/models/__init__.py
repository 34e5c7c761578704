"""The records of the site, one module per kind: places and themes, initiatives, events, the blog, and the
back-office's own (search words, import jobs, suggestions); the bases they share are in shared.py."""

from .blog import Author, BlogPost, BlogPostQuerySet
from .events import Event, EventQuerySet, EventSource, years_with_data
from .imports import ImportJob, ImportJobQuerySet
from .initiatives import Initiative, InitiativeLink, InitiativeQuerySet, Source
from .places import City, CityQuerySet, Place, Region, RegionQuerySet, Theme, ThemeQuerySet
from .reviews import PendingChange, PendingChangeQuerySet, tell_submitter
from .search_words import SearchWord, close_search_words, search_terms
from .shared import (
    CHECKED_LANGUAGES,
    EDITOR_GROUP,
    FIRST_YEAR,
    LATITUDE_RANGE,
    LATITUDE_VALIDATORS,
    LONGITUDE_RANGE,
    LONGITUDE_VALIDATORS,
    CuratedRecord,
    PublicationStatus,
    PublishedRecord,
    PublishedRecordQuerySet,
    SearchIndexedRecord,
    casefold_words,
)
from .suggestions import Suggestion, SuggestionQuerySet

__all__ = [
    "CHECKED_LANGUAGES",
    "EDITOR_GROUP",
    "FIRST_YEAR",
    "LATITUDE_RANGE",
    "LATITUDE_VALIDATORS",
    "LONGITUDE_RANGE",
    "LONGITUDE_VALIDATORS",
    "Author",
    "BlogPost",
    "BlogPostQuerySet",
    "City",
    "CityQuerySet",
    "CuratedRecord",
    "Event",
    "EventQuerySet",
    "EventSource",
    "ImportJob",
    "ImportJobQuerySet",
    "Initiative",
    "InitiativeLink",
    "InitiativeQuerySet",
    "PendingChange",
    "PendingChangeQuerySet",
    "Place",
    "PublicationStatus",
    "PublishedRecord",
    "PublishedRecordQuerySet",
    "Region",
    "RegionQuerySet",
    "SearchIndexedRecord",
    "SearchWord",
    "Source",
    "Suggestion",
    "SuggestionQuerySet",
    "Theme",
    "ThemeQuerySet",
    "casefold_words",
    "close_search_words",
    "search_terms",
    "tell_submitter",
    "years_with_data",
]
