from difflib import SequenceMatcher

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order
from reversion.models import Version

from ..languages import default_language, in_every_language
from ..search import (
    index_deferred,
    refresh_search_index,
)
from .reviews import tell_submitter

LATITUDE_RANGE = (-90, 90)
LONGITUDE_RANGE = (-180, 180)
LATITUDE_VALIDATORS = [MinValueValidator(LATITUDE_RANGE[0]), MaxValueValidator(LATITUDE_RANGE[1])]
LONGITUDE_VALIDATORS = [MinValueValidator(LONGITUDE_RANGE[0]), MaxValueValidator(LONGITUDE_RANGE[1])]
FIRST_YEAR = 1900
LAST_YEAR = 2100  # as an initiative's years: a later date is a typing slip, and 9999 has no day after it
# The languages the review desk checks a record's text in, besides the default one (English).
CHECKED_LANGUAGES = ["kk", "ru"]
# The group whose members publish, and hear of each new suggestion (activism/migrations/0002_roles.py).
EDITOR_GROUP = "Editor"


def with_similar_text(records, field, texts, threshold=0.8):
    """The records whose `field` (a translated one), in any language, is close to one of these texts: a likely
    duplicate of a record being written."""
    wanted = [casefold_words(text) for text in texts if text and text.strip()]
    columns = in_every_language(field)
    similar = []
    for record in records.only("pk", "slug", *columns):
        theirs = [casefold_words(getattr(record, column)) for column in columns if getattr(record, column)]
        if any(
            mine == their or SequenceMatcher(None, mine, their).ratio() >= threshold
            for mine in wanted
            for their in theirs
        ):
            similar.append(record)
    return similar


def casefold_words(text):
    """Text folded for case-insensitive search in any script: SQLite's own LIKE folds only ASCII letters."""
    return " ".join((text or "").casefold().split())


class CuratedRecord(models.Model):
    """A record researchers curate: its text in Kazakh, Russian and English (see activism/translation.py), and a
    version number that refuses a save based on an older copy (two people editing at once)."""

    # The fields a page shows as the record's text; a missing one falls back to another language.
    displayed_text_fields = ["name"]

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            # Counted from the stored row, not this copy, so an old copy (or a restored version) cannot reuse a number.
            stored = type(self).objects.filter(pk=self.pk).values_list("version", flat=True).first()
            self.version = (stored or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def fallback_language(self):
        """The language shown instead of the page's own when some displayed text is missing in it, else None."""
        current = get_language() or settings.LANGUAGE_CODE
        for field in self.displayed_text_fields:
            if getattr(self, build_localized_fieldname(field, current), None):
                continue
            for language in resolution_order(current):
                if language != current and getattr(self, build_localized_fieldname(field, language), None):
                    return language
        return None


class SearchIndexedRecord(models.Model):
    """A record the site's search finds (activism/search.py): its search columns are computed again on every save,
    and when what it is found by changes elsewhere (an initiative's themes and places)."""

    # The related records search_sections() reads: prefetched when many records are indexed at once.
    search_prefetch = []
    # Long columns no page shows: lists leave them in the database (QuerySet.defer).
    search_columns = ["search_names", "search_words", "search_document"]

    # The terms of its name in every language, then of all its text, each between spaces (search.index_terms).
    search_names = models.TextField(editable=False, blank=True, default="")
    search_words = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL's weighted full-text document; left empty on SQLite.
    search_document = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not index_deferred():
            refresh_search_index(type(self), [self.pk])

    def search_sections(self):
        """The record's text in its search document (search.IndexSection), the weightiest first."""
        raise NotImplementedError


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishedRecordQuerySet(models.QuerySet):
    """What the review desk asks of initiatives, events and posts alike (their querysets build on this one)."""

    def missing_language(self, language=None):
        """Records whose name (or title) or summary (or lead) is empty in this language, or in any of CHECKED_LANGUAGES
        when none is named."""
        languages = [language] if language else CHECKED_LANGUAGES
        empty = Q()
        for field in self.model.checked_text_fields():
            for code in languages:
                column = build_localized_fieldname(field, code)
                empty |= Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
        return self.filter(empty)

    def worked_on_by(self, user):
        """Records the user saved at least once: their history (django-reversion) has a version saved by them."""
        versions = Version.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), CharField()),
            revision__user=user,
        )
        return self.filter(Exists(versions))

    def sent_back(self):
        """Drafts an editor sent back with a note, not submitted again since."""
        return self.filter(publication_status=PublicationStatus.DRAFT).exclude(review_note="")

    def with_open_change(self, changes):
        """Records with one of these pending changes (a PendingChange queryset) of their published text."""
        changes = changes.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=Cast(OuterRef("pk"), CharField())
        )
        return self.filter(Exists(changes))


class PublishedRecord(models.Model):
    """The review workflow of initiatives and posts: draft -> in review -> published -> archived.

    Researchers move their drafts to review and back; editors (the publish permission) make any move.
    """

    EDITOR_MOVES = {
        PublicationStatus.DRAFT: {PublicationStatus.REVIEW, PublicationStatus.PUBLISHED},
        PublicationStatus.REVIEW: {PublicationStatus.DRAFT, PublicationStatus.PUBLISHED},
        PublicationStatus.PUBLISHED: {PublicationStatus.ARCHIVED, PublicationStatus.DRAFT},
        PublicationStatus.ARCHIVED: {PublicationStatus.PUBLISHED, PublicationStatus.DRAFT},
    }
    RESEARCHER_MOVES = {
        PublicationStatus.DRAFT: {PublicationStatus.REVIEW},
        PublicationStatus.REVIEW: {PublicationStatus.DRAFT},
    }
    # States a researcher may still edit and delete: the ones the public has not seen.
    UNPUBLISHED_STATES = {PublicationStatus.DRAFT, PublicationStatus.REVIEW}

    publication_status = models.CharField(
        _("publication status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    # Who last submitted the record for review and when; the review desk lists it under them.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    # The reviewer's note when the record was last sent back to draft, shown to its author until it is submitted again;
    # every note is kept in the record's history too (the comment of its version).
    review_note = models.TextField(_("reviewer's note"), blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def can_publish(cls, user):
        return user.has_perm(f"{cls._meta.app_label}.publish_{cls._meta.model_name}")

    def allowed_statuses(self, user):
        """The states this user may give the record, its current one included."""
        current = self.publication_status if self.pk else PublicationStatus.DRAFT
        moves = self.EDITOR_MOVES if self.can_publish(user) else self.RESEARCHER_MOVES
        return {current, *moves.get(current, set())}

    def can_be_edited_by(self, user):
        return self.can_publish(user) or self.publication_status in self.UNPUBLISHED_STATES

    # The publication rules (check_publishable): the text fields a record must have in the site's default language,
    # and, for a kind of record that rests on sources (its reverse relation "sources"), what to say when it has none.
    required_text_fields = []
    no_source_message = None

    def check_publishable(self, source_count=None):
        """Raise one ValidationError listing every reason the record may not be public as it stands: each text field of
        required_text_fields empty in the site's default language, and no source where the kind of record needs one.
        The errors are keyed by field ("name_kk", "sources"), so that a form or an import shows each where it belongs.

        The one place of the publication rules: publishing from the change form, the list's action, a restored version,
        an import and the approval of a pending change all call it. source_count: the sources as they are about to be
        saved (a form's inline, a file's column); else those stored."""
        errors = {}
        language = default_language()
        for name in self.required_text_fields:
            field = build_localized_fieldname(name, language)
            if not str(getattr(self, field) or "").strip():
                errors[field] = ValidationError(
                    _(
                        "Fill in “%(field)s” in the site's main language (%(language)s): a record is published only "
                        "with it."
                    ),
                    code="no_default_language_text",
                    params={
                        "field": capfirst(self._meta.get_field(name).verbose_name),
                        "language": dict(settings.LANGUAGES)[language],
                    },
                )
        if self.no_source_message is not None:
            if source_count is None:
                source_count = self.sources.count() if self.pk else 0
            if not source_count:
                errors["sources"] = ValidationError(self.no_source_message, code="no_source")
        if errors:
            raise ValidationError(errors)

    def move_to(self, status, user):
        """Give the record a new state, if the user may; returns whether it changed. Publishing a record that may not
        be public as it stands raises ValidationError (check_publishable)."""
        if status == self.publication_status or status not in self.allowed_statuses(user):
            return False
        if status == PublicationStatus.PUBLISHED:
            self.check_publishable()
        if status == PublicationStatus.REVIEW:
            self.mark_submitted(user)
        self.publication_status = status
        self.save()
        return True

    @classmethod
    def checked_text_fields(cls):
        """The text the review desk wants in every language: the first two displayed fields, the record's name (or
        title) and its summary (or lead), which lists, the map and feeds show."""
        return cls.displayed_text_fields[:2]

    def missing_languages(self):
        """The CHECKED_LANGUAGES this record's name or summary is empty in (see PublishedRecordQuerySet)."""
        return [
            code
            for code in CHECKED_LANGUAGES
            if not all(getattr(self, build_localized_fieldname(field, code)) for field in self.checked_text_fields())
        ]

    def mark_submitted(self, user):
        """Note who submitted the record for review, and when (saved with the record's next save); the reviewer's note
        of an earlier review is done with."""
        self.submitted_by = user
        self.submitted_at = timezone.now()
        self.review_note = ""

    def send_back(self, user, note, change_url):
        """An editor returns the record in review to draft with a note saying why. The note stays on the record until it
        is submitted again, and in its history as the comment of this save (the caller's reversion revision); the
        submitter hears by e-mail, with a link to the record's admin page. Returns whether it moved."""
        if self.publication_status != PublicationStatus.REVIEW or not self.can_publish(user):
            return False
        self.publication_status = PublicationStatus.DRAFT
        self.review_note = note
        self.save()
        self.tell_submitter_later(
            user,
            _("Sent back to draft on the CAISS Activist Map: %(record)s"),
            "activism/review_sent_back.txt",
            {"record": self, "note": note, "url": change_url, "reviewer": user},
        )
        return True

    def tell_published(self, user, page_url):
        """E-mail whoever submitted the record that it is now public, with a link to its page; not the editor who
        published it when they submitted it themselves."""
        self.tell_submitter_later(
            user,
            _("Published on the CAISS Activist Map: %(record)s"),
            "activism/review_published.txt",
            {"record": self, "url": page_url},
        )

    def tell_submitter_later(self, user, subject, template_name, context):
        """The e-mail to the submitter (reviews.tell_submitter), sent once the change is committed, in the site's
        default language; none when the user acting is the submitter. `subject` names the record as %(record)s."""
        submitter = self.submitted_by
        if submitter is None or submitter.pk == user.pk:
            return
        with translation.override(settings.LANGUAGE_CODE):
            subject = str(subject) % {"record": self}
            body = render_to_string(template_name, context)
        transaction.on_commit(lambda: tell_submitter(submitter, subject, body))


class CitedSource(models.Model):
    """A public source a record rests on: an article, a report, a dataset's record. Initiatives and events each have
    their own table of them (Source, EventSource)."""

    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("URL"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.title
