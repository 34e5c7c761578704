from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import TrigramSimilarity
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from ..languages import in_every_language
from ..search import (
    MIN_TYPO_LENGTH,
    SearchTerms,
    is_postgresql,
    transliterate,
    vocabulary_of,
    words_of_query,
)
from .places import City, Region, Theme


def search_terms(query, place_and_theme_names=None):
    """A visitor's query read for search_records(), a misspelt word corrected: on PostgreSQL against every word of the
    index (SearchWord, by trigrams, one query); on SQLite against the names of the public themes and places
    (place_and_theme_names, rows of names, if the page has them; else three small queries)."""
    if is_postgresql():
        vocabulary = close_search_words(words_of_query(query))
    elif place_and_theme_names is not None:
        vocabulary = vocabulary_of(place_and_theme_names)
    else:
        vocabulary = vocabulary_of(
            Theme.objects.public().values_list(*in_every_language("name")),
            City.objects.public().values_list(*in_every_language("name")),
            Region.objects.public().values_list(*in_every_language("name")),
        )
    return SearchTerms.read(query, vocabulary)


def close_search_words(query_words):
    """Words of the index near enough to these (pg_trgm's similarity, through the trigram index), a few per word."""
    candidates = [transliterate(word) for word in query_words if len(word) >= MIN_TYPO_LENGTH]
    if not candidates:
        return []
    similar = Q()
    for word in candidates:
        similar |= TrigramSimilar(F("word"), Value(word))
    similarities = [TrigramSimilarity("word", Value(word)) for word in candidates]
    closest = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    words = SearchWord.objects.filter(similar).annotate(similarity=closest).order_by("-similarity")
    return list(words.values_list("word", flat=True)[: 20 * len(candidates)])


class SearchWord(models.Model):
    """A word of the search index in Latin letters (search.index_terms), once: where PostgreSQL looks, by trigram
    similarity, for the word a misspelt query word was meant to be. Filled as records are indexed; emptied and filled
    again by rebuild_search_index."""

    word = models.CharField(_("word"), max_length=100, unique=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word
