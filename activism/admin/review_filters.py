"""The list filters the review desk links to (on the initiatives', events' and posts' lists), and the list column of
the languages a record's text is missing in. A value typed into the address that is no choice lists nothing."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import PendingChange


class ReviewListFilter(admin.SimpleListFilter):
    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value not in dict(self.lookup_choices):
            return queryset.none()
        return self.filtered(request, queryset, value)

    def filtered(self, request, queryset, value):
        raise NotImplementedError


class MissingLanguageFilter(ReviewListFilter):
    title = _("missing language")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            ("kk", _("Kazakh text missing")),
            ("ru", _("Russian text missing")),
            ("any", _("Kazakh or Russian text missing")),
        ]

    def filtered(self, request, queryset, value):
        return queryset.missing_language(None if value == "any" else value)


class MineFilter(ReviewListFilter):
    title = _("my records")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("Saved by me"))]

    def filtered(self, request, queryset, value):
        return queryset.worked_on_by(request.user)


class SentBackFilter(ReviewListFilter):
    title = _("sent back")
    parameter_name = "sent_back"

    def lookups(self, request, model_admin):
        return [("1", _("Drafts sent back with a note"))]

    def filtered(self, request, queryset, value):
        return queryset.sent_back()


class PendingChangeFilter(ReviewListFilter):
    """Published records with an open change of their text (activism/models/reviews.py)."""

    title = _("change for review")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("Awaiting review")),
            ("sent_back", _("Sent back")),
            ("sent_back_to_me", _("Sent back to me")),
        ]

    def filtered(self, request, queryset, value):
        if value == "pending":
            changes = PendingChange.objects.awaiting_review()
        else:
            changes = PendingChange.objects.sent_back()
            if value == "sent_back_to_me":
                changes = changes.filter(submitted_by=request.user)
        return queryset.with_open_change(changes)


# Appended to the list_filter of the initiatives, events and posts.
REVIEW_FILTERS = [
    MissingLanguageFilter,
    MineFilter,
    SentBackFilter,
    PendingChangeFilter,
    ("submitted_by", admin.RelatedOnlyFieldListFilter),
]


@admin.display(description=_("missing languages"))
def missing_languages(record):
    """The languages the record's name or summary is missing in, "kk, ru", or a dash."""
    return ", ".join(record.missing_languages()) or "—"
