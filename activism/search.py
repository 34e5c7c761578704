"""The site's search: what a record is found by, how a query is read, how results are ranked and highlighted.

Every searchable record (initiatives and posts: SearchIndexedRecord in models.py) keeps three columns, filled by
refresh_search_index() whenever the record, its themes or its places change:

- search_names: the terms of its name (or title) in every language;
- search_words: the terms of all its text, with, for an initiative, the names of its themes and places;
- search_document (PostgreSQL): a weighted full-text document, each language read by its own configuration.

A term is a word folded for case, with its Latin transliteration and a rough stem (index_terms), so `oyan` finds
«Оян» and `protests` finds "protest" whatever the database. PostgreSQL adds its real stemmers (english, russian)
and typo matching with pg_trgm; SQLite corrects typos against the names of the public themes and places.
"""

import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_save
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modeltranslation.utils import build_localized_fieldname

MIN_QUERY_LENGTH = 2  # characters: a single letter would match nearly everything
MAX_QUERY_WORDS = 8  # the rest of a long query is ignored: each word adds to the SQL
TYPO_SIMILARITY = 0.8  # difflib's ratio above which a word counts as a typo of a known one
MIN_TYPO_LENGTH = 4  # shorter words are taken as typed: too many words are one letter away
REFRESH_CHUNK = 500  # records indexed at once

# Cyrillic (Kazakh and Russian) to Latin, as people type names in Latin letters: «Жаңаөзен» -> zhanaozen.
TRANSLITERATION = str.maketrans(
    {
        "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o",
        "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh",
        "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
        "ю": "yu", "я": "ya",
    }
)  # fmt: skip

# Endings stripped from a word, the longest first, when a stem of at least MIN_STEM letters remains: rough, but the
# same on both sides of the search. PostgreSQL's stemmers do better for English and Russian; none exists for Kazakh.
ENDINGS = sorted(
    [
        # English
        "s", "es", "ies", "ed", "ing", "ings",
        # Russian
        "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "ам", "ям", "ах", "ях", "ов", "ев", "ей", "ой", "ом", "ем",
        "ами", "ями", "ия", "ие", "ий", "ый", "ая", "ое", "ые", "ых", "их", "ую", "ого", "его", "ому", "ему", "ыми",
        "ими",
        # Kazakh
        "лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке",
        "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "лары", "лері", "дары", "дері", "тары",
        "тері",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
MIN_STEM = 4

WORD = re.compile(r"[^\W_]+")


def words(text):
    """The words of a text, folded for case in any script."""
    return WORD.findall((text or "").casefold())


def stem(word):
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def transliterate(word):
    return word.translate(TRANSLITERATION)


def word_forms(word):
    """A folded word, its stem, and both in Latin letters."""
    stemmed = stem(word)
    return {word, stemmed, transliterate(word), transliterate(stemmed)}


def index_terms(*texts):
    """The terms a text is found by, space-separated, each once, in their first order."""
    terms = {}
    for text in texts:
        for word in words(text):
            terms.update(dict.fromkeys(sorted(word_forms(word))))
    return " ".join(terms)


# The index.


@dataclass
class IndexSection:
    """Text of a record in its search document: its weight (A counts most, D least) and its configuration."""

    text: str
    weight: str
    config: str = "simple"


# The PostgreSQL text search configuration of each language that has one; every language is read with "simple" too.
LANGUAGE_CONFIGS = {"en": "english", "ru": "russian"}


def language_sections(record, names, weight, extra_texts=()):
    """The sections of the record's fields `names` (translated fields: name -> name_kk, name_ru, name_en), each
    language by its configuration, plus all of them (and extra_texts) as terms."""
    sections = []
    texts = list(extra_texts)
    for name in names:
        for code, _language in settings.LANGUAGES:
            text = getattr(record, build_localized_fieldname(name, code)) or ""
            texts.append(text)
            if code in LANGUAGE_CONFIGS:
                sections.append(IndexSection(text, weight, LANGUAGE_CONFIGS[code]))
    sections.append(IndexSection(index_terms(*texts), weight))
    return sections


def is_postgresql():
    return connection.vendor == "postgresql"


def search_document(sections):
    vector = None
    for section in sections:
        if not section.text:
            continue
        part = SearchVector(Value(section.text), config=section.config, weight=section.weight)
        vector = part if vector is None else vector + part
    return vector


def refresh_search_index(model, pks):
    """Compute the search columns of these records again (pks: ids of records of `model`), a chunk at a time."""
    pks = list(pks)
    for start in range(0, len(pks), REFRESH_CHUNK):
        records = list(
            model.objects.filter(pk__in=pks[start : start + REFRESH_CHUNK]).prefetch_related(*model.search_prefetch)
        )
        if not records:
            continue
        columns = ["search_names", "search_words"]
        for record in records:
            sections = record.search_sections()
            terms = [section for section in sections if section.config == "simple"]
            # Spaces around every term: a query word is looked for at the start of a term (" protest").
            record.search_names = f" {' '.join(section.text for section in terms if section.weight == 'A')} "
            record.search_words = f" {' '.join(section.text for section in terms)} "
            if is_postgresql():
                record.search_document = search_document(sections)
        if is_postgresql():
            columns.append("search_document")
        model.objects.bulk_update(records, columns)
        remember_words(record.search_words for record in records)


def remember_words(texts):
    """The Latin-letter words of these indexed texts, in SearchWord, where PostgreSQL corrects typos (SQLite does not
    use it)."""
    from .models import SearchWord

    if not is_postgresql():
        return
    latin = {word for text in texts for word in text.split() if MIN_TYPO_LENGTH <= len(word) <= 100 and word.isascii()}
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in sorted(latin)], ignore_conflicts=True)


_deferral = threading.local()


@contextmanager
def search_index_deferred():
    """Inside, saves leave the search index alone: an import indexes the records it wrote together, at its end."""
    previous = index_deferred()
    _deferral.active = True
    try:
        yield
    finally:
        _deferral.active = previous


def index_deferred():
    return getattr(_deferral, "active", False)


def refresh_search_index_of(model, pks):
    """Index again what these records (of any model) are found by or appear in: initiatives and posts themselves,
    the initiatives of themes, cities and regions (whose names they are found by)."""
    from .models import City, Initiative, Region, Theme

    pks = list(pks)
    if not pks:
        return
    if hasattr(model, "search_sections"):
        refresh_search_index(model, pks)
    elif model in (Theme, City, Region):
        related = {Theme: "themes__in", City: "cities__in", Region: "cities__region__in"}[model]
        initiatives = Initiative.objects.filter(**{related: pks}).values_list("pk", flat=True).distinct()
        refresh_search_index(Initiative, list(initiatives))


def names_changed(sender, instance, created=False, raw=False, **kwargs):
    """A theme, city or region saved: the initiatives found by its names are indexed again."""
    if not raw and not created and not index_deferred():
        refresh_search_index_of(sender, [instance.pk])


def related_records_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """An initiative's themes or cities changed, from either side."""
    from .models import Initiative

    if action not in {"post_add", "post_remove", "post_clear"} or index_deferred():
        return
    if not reverse:
        refresh_search_index(Initiative, [instance.pk])
    elif pk_set:
        refresh_search_index(Initiative, pk_set)


def connect_signals():
    from .models import City, Initiative, Region, Theme

    for model in (Theme, City, Region):
        post_save.connect(names_changed, sender=model, dispatch_uid=f"search-index-{model._meta.model_name}")
    for through in (Initiative.themes.through, Initiative.cities.through):
        m2m_changed.connect(related_records_changed, sender=through, dispatch_uid=f"search-index-{through.__name__}")


# Queries.


def words_of_query(text):
    return [word for word in words(text) if len(word) >= MIN_QUERY_LENGTH][:MAX_QUERY_WORDS]


@dataclass
class SearchTerms:
    """A visitor's query, read once: its words (at most MAX_QUERY_WORDS), and for each the forms it matches."""

    text: str
    words: list = field(default_factory=list)
    forms: list = field(default_factory=list)  # one set per word
    seen: dict = field(default_factory=dict, repr=False)  # word of a text -> whether it matches

    @classmethod
    def read(cls, text, vocabulary=()):
        """vocabulary: known words (names of themes and places) a misspelt query word is corrected to."""
        query_words = words_of_query(text)
        terms = cls(text, query_words)
        vocabulary = list(vocabulary)
        known = set(vocabulary)
        for word in query_words:
            forms = word_forms(word)
            # A known word is taken as typed: "protest" does not bring "protect".
            if vocabulary and len(word) >= MIN_TYPO_LENGTH and transliterate(word) not in known:
                for close in get_close_matches(transliterate(word), vocabulary, n=3, cutoff=TYPO_SIMILARITY):
                    forms |= word_forms(close)
            terms.forms.append({form for form in forms if len(form) >= MIN_QUERY_LENGTH})
        return terms

    def __bool__(self):
        return bool(self.words)

    def matches_word(self, word):
        """Whether a word of a text (folded) is one the query looks for: for the highlight and the small lists.
        Remembered per word: a text repeats its words, and the typo check is slow."""
        if word not in self.seen:
            self.seen[word] = any(self.form_matches(forms, word) for forms in self.forms)
        return self.seen[word]

    @staticmethod
    def form_matches(forms, word):
        word_terms = word_forms(word)
        if any(term.startswith(form) for term in word_terms for form in forms):
            return True
        if len(word) < 4:
            return False
        for term in word_terms:
            for form in forms:
                if len(form) >= 4 and abs(len(form) - len(term)) <= 2:
                    matcher = SequenceMatcher(None, form, term)
                    if matcher.quick_ratio() >= TYPO_SIMILARITY and matcher.ratio() >= TYPO_SIMILARITY:
                        return True
        return False

    def score(self, names, *other_texts):
        """How well a small record (theme, city, region) matches, read in Python: 0 when some word is missing,
        more when the words are in its names."""
        name_words = {word for text in names for word in words(text)}
        other_words = {word for text in other_texts for word in words(text)}
        score = 0
        for forms in self.forms:
            if any(self.form_matches(forms, word) for word in name_words):
                score += 2
            elif any(self.form_matches(forms, word) for word in other_words):
                score += 1
            else:
                return 0
        return score


def vocabulary_of(*querysets_of_names):
    """Latin-letter words of names (values_list rows), for correcting typos where PostgreSQL's trigrams are missing."""
    return sorted(
        {transliterate(word) for rows in querysets_of_names for row in rows for text in row for word in words(text)}
    )


def search_records(queryset, terms):
    """The records of a SearchIndexedRecord queryset holding every word of the query, annotated with `search_rank`
    and ordered by it, best first."""
    if not terms:
        return queryset.none()
    if is_postgresql():
        return search_records_postgresql(queryset, terms)
    condition = Q()
    rank = Value(1)
    for forms in terms.forms:
        condition &= any_of(Q(search_words__contains=f" {form}") for form in forms)
        in_names = any_of(Q(search_names__contains=f" {form}") for form in forms)
        rank = rank + Case(When(in_names, then=Value(2)), default=Value(0), output_field=IntegerField())
    return queryset.filter(condition).annotate(search_rank=rank).order_by("-search_rank", "pk")


def search_records_postgresql(queryset, terms):
    condition = Q()
    ranked = None
    for word, forms in zip(terms.words, terms.forms, strict=True):
        prefixes = " | ".join(f"{form}:*" for form in sorted(forms))
        query = (
            SearchQuery(word, config="english")
            | SearchQuery(word, config="russian")
            | SearchQuery(prefixes, config="simple", search_type="raw")
        )
        condition &= Q(search_document=query)
        ranked = query if ranked is None else ranked | query
    rank = Coalesce(SearchRank(F("search_document"), ranked), Value(0.0))
    return queryset.filter(condition).annotate(search_rank=rank).order_by("-search_rank", "pk")


def any_of(conditions):
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


# Highlighting.

SNIPPET_LENGTH = 220


def highlight(text, terms):
    """The text, escaped, with the words the query looks for in <mark>: safe whatever the text holds."""
    parts = []
    position = 0
    for match in WORD.finditer(text or ""):
        if terms.matches_word(match.group().casefold()):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape((text or "")[position:]))
    return mark_safe("".join(parts))  # noqa: S308  (every piece of the text went through escape())


MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKDOWN_MARKS = re.compile(r"[*_`]+|^\s*(?:#+|>+)", re.MULTILINE)


def plain_text(markdown):
    """Markdown as the reader sees it, near enough for a passage: link texts without their addresses, no marks."""
    return " ".join(MARKDOWN_MARKS.sub(" ", MARKDOWN_LINK.sub(r"\1", markdown or "")).split())


def snippet(texts, terms, length=SNIPPET_LENGTH):
    """A highlighted passage of the texts (Markdown read as plain text): around the first match in the first of them
    that has one, else the start of the first."""
    texts = [plain_text(text) for text in texts if text]
    if not texts:
        return ""
    for text in texts:
        for match in WORD.finditer(text):
            if terms.matches_word(match.group().casefold()):
                return highlight(excerpt(text, match.start(), length), terms)
    return highlight(excerpt(texts[0], 0, length), terms)


def excerpt(text, around, length):
    """About `length` characters of the text, starting a little before position `around`, cut at spaces."""
    if len(text) <= length:
        return text
    start = max(0, around - length // 4)
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
