"""The review desk on the admin index (templates/admin/index.html): for the person logged in, what awaits their review,
their drafts and what was sent back to them, the initiatives not verified for a year, the records missing Kazakh or
Russian text and the new public suggestions. Each line counts the records, links to the admin list filtered to
exactly those (activism/admin/review_filters.py) and names the latest few. A fixed number of queries, at most two a
line, whatever the number of records."""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import BlogPost, Event, Initiative, PendingChange, PublicationStatus, Suggestion

# The kinds of record that go through review, in the order the desk lists them.
WORKFLOW_MODELS = [Initiative, Event, BlogPost]
# The latest lines shown under each count; the whole list is one link away.
LATEST = 5


@dataclass
class DeskItem:
    text: str
    url: str
    who: object = None  # a user
    when: object = None  # a datetime
    note: str = ""
    detail: str = ""


@dataclass
class DeskLine:
    label: str
    count: int
    url: str
    items: list


@dataclass
class DeskSection:
    key: str
    title: str
    empty: str
    lines: list = field(default_factory=list)


def may_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def changelist_url(model, **params):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def change_url(model, pk):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])


def counted(queryset):
    """The latest few records and how many there are: one query when they are few, two otherwise."""
    latest = list(queryset[:LATEST])
    return latest, len(latest) if len(latest) < LATEST else queryset.count()


def line(label, queryset, url, item):
    """A line of the desk, or None when it would count nothing. `item` makes a DeskItem of a record."""
    latest, count = counted(queryset)
    if not count:
        return None
    return DeskLine(label=label, count=count, url=url, items=[item(record) for record in latest])


def records(model):
    """The model's records without the long search columns no line shows."""
    return model.objects.defer(*getattr(model, "search_columns", [])).select_related("submitted_by")


def record_item(model, note=False, detail=None, submission=True):
    """A record of the line: who submitted it and when (unless `submission` is False), the reviewer's note if `note`,
    and what `detail` says of it."""

    def item(record):
        return DeskItem(
            text=str(record),
            url=change_url(model, record.pk),
            who=record.submitted_by if submission else None,
            when=record.submitted_at if submission else None,
            note=record.review_note if note else "",
            detail=detail(record) if detail else "",
        )

    return item


def pending_item(model, review_page):
    """A change of a published record: to its review page (the pending changes' admin view) for a reviewer, to the
    record's own page for its author."""

    opts = model._meta

    def item(change):
        url = change_url(model, change.object_id)
        if review_page:
            with suppress(NoReverseMatch):
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[change.object_id])
        return DeskItem(
            text=change.object_repr,
            url=url,
            who=change.submitted_by,
            when=change.submitted_at,
            note="" if review_page else change.note,
        )

    return item


def pending_changes(model):
    """The changes of the model's published records (ContentType keeps the model's row in its cache)."""
    return PendingChange.objects.filter(content_type=ContentType.objects.get_for_model(model))


def awaiting_review(user):
    section = DeskSection("review", _("Awaiting my review"), _("Nothing awaits your review."))
    for model in WORKFLOW_MODELS:
        if not model.can_publish(user):
            continue
        name = model._meta.verbose_name_plural
        in_review = records(model).filter(publication_status=PublicationStatus.REVIEW)
        section.lines.append(
            line(
                _("%(records)s: submitted for review") % {"records": name},
                in_review.order_by(F("submitted_at").desc(nulls_last=True), "-pk"),
                changelist_url(model, publication_status__exact=PublicationStatus.REVIEW),
                record_item(model),
            )
        )
        section.lines.append(
            line(
                _("%(records)s: changes awaiting review") % {"records": name},
                pending_changes(model).awaiting_review().select_related("submitted_by"),
                changelist_url(model, pending="pending"),
                pending_item(model, review_page=True),
            )
        )
    return section


def my_drafts(user):
    section = DeskSection("drafts", _("My drafts"), _("You have no drafts."))
    for model in WORKFLOW_MODELS:
        if not may_view(user, model):
            continue
        name = model._meta.verbose_name_plural
        drafts = records(model).filter(publication_status=PublicationStatus.DRAFT)
        section.lines.append(
            line(
                _("%(records)s: drafts I saved") % {"records": name},
                drafts.worked_on_by(user).order_by("-updated_at", "-pk"),
                changelist_url(model, publication_status__exact=PublicationStatus.DRAFT, mine="1"),
                record_item(model, submission=False),
            )
        )
        section.lines.append(
            line(
                _("%(records)s: sent back to me") % {"records": name},
                records(model).sent_back().filter(submitted_by=user).order_by("-updated_at", "-pk"),
                changelist_url(model, sent_back="1", submitted_by__id__exact=user.pk),
                record_item(model, note=True),
            )
        )
        section.lines.append(
            line(
                _("%(records)s: changes sent back to me") % {"records": name},
                pending_changes(model).sent_back().filter(submitted_by=user).select_related("submitted_by"),
                changelist_url(model, pending="sent_back_to_me"),
                pending_item(model, review_page=False),
            )
        )
    return section


def not_verified(user):
    if not may_view(user, Initiative):
        return None
    section = DeskSection(
        "stale", _("Not verified for 12 months"), _("Every initiative was verified in the last 12 months.")
    )
    year_ago = timezone.localdate() - timedelta(days=365)

    def item(initiative):
        return DeskItem(
            text=str(initiative),
            url=change_url(Initiative, initiative.pk),
            detail=initiative.last_verified or _("never verified"),
        )

    section.lines.append(
        line(
            Initiative._meta.verbose_name_plural,
            records(Initiative).unverified_since(year_ago).order_by(F("last_verified").asc(nulls_first=True), "pk"),
            changelist_url(Initiative, verified="stale"),
            item,
        )
    )
    return section


def missing_language(user):
    section = DeskSection(
        "languages", _("Missing Kazakh or Russian text"), _("Every record has its Kazakh and Russian text.")
    )
    for model in WORKFLOW_MODELS:
        if not may_view(user, model):
            continue
        section.lines.append(
            line(
                model._meta.verbose_name_plural,
                records(model).missing_language().order_by("-updated_at", "-pk"),
                changelist_url(model, missing="any"),
                record_item(model, detail=lambda record: ", ".join(record.missing_languages()), submission=False),
            )
        )
    return section


def new_suggestions(user):
    if not may_view(user, Suggestion):
        return None
    section = DeskSection("suggestions", _("New public suggestions"), _("No new suggestions."))

    def item(suggestion):
        return DeskItem(text=str(suggestion), url=change_url(Suggestion, suggestion.pk), when=suggestion.created_at)

    section.lines.append(
        line(
            Suggestion._meta.verbose_name_plural,
            Suggestion.objects.waiting().order_by("-created_at", "-pk"),
            changelist_url(Suggestion, status=Suggestion.Status.NEW),
            item,
        )
    )
    return section


def desk_sections(user):
    """The desk's sections this user may see, each with its lines that count something."""
    sections = []
    if any(model.can_publish(user) for model in WORKFLOW_MODELS):
        sections.append(awaiting_review(user))
    if any(may_view(user, model) for model in WORKFLOW_MODELS):
        sections.append(my_drafts(user))
    sections.append(not_verified(user))
    if any(may_view(user, model) for model in WORKFLOW_MODELS):
        sections.append(missing_language(user))
    sections.append(new_suggestions(user))
    sections = [section for section in sections if section is not None]
    for section in sections:
        section.lines = [desk_line for desk_line in section.lines if desk_line is not None]
    return sections
