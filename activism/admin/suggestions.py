import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    Initiative,
    Suggestion,
)
from .base import RecordPhrasesMixin, record_phrases


class SuggestionStatusFilter(admin.SimpleListFilter):
    """The queue shows the new suggestions unless another status is chosen: the handled ones stay out of the way."""

    title = _("status")
    parameter_name = "status"
    EVERY = "all"

    def lookups(self, request, model_admin):
        return [*Suggestion.Status.choices, (self.EVERY, _("All"))]

    def chosen(self):
        return self.value() or Suggestion.Status.NEW

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.chosen() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queryset if self.chosen() == self.EVERY else queryset.filter(status=self.chosen())


@admin.register(Suggestion)
class SuggestionAdmin(RecordPhrasesMixin, admin.ModelAdmin):
    phrases = record_phrases(
        add=_("Add suggestion"),
        change=_("Change suggestion"),
        view=_("View suggestion"),
        select_change=_("Select suggestion to change"),
        select_view=_("Select suggestion to view"),
    )
    """The queue of what visitors sent through the public form. Nothing here is editable: a suggestion is read, then
    made into a draft initiative or dismissed. No export: the contact addresses must leave the admin in no file."""

    list_display = ["__str__", "kind", "status", "initiative", "has_contact", "created_at"]
    list_filter = [SuggestionStatusFilter, "kind", "language"]
    list_select_related = ["initiative"]
    search_fields = ["text", "place", "when", "sources"]
    date_hierarchy = "created_at"
    fields = [
        "kind",
        "initiative",
        "text",
        "place",
        "when",
        "sources",
        "contact_email",
        "language",
        "created_at",
        "status",
        "handled_by",
        "handled_at",
        "draft",
    ]
    readonly_fields = fields
    actions = ["dismiss_selected", "accept_selected"]
    change_form_template = "admin/activism/suggestion/change_form.html"
    view_on_site = False

    def has_add_permission(self, request):
        return False  # suggestions come from the public form only

    def save_model(self, request, obj, form, change):
        # Nothing on the page is editable, and saving the copy loaded with the page could write back a status someone
        # changed since; the buttons below go through Suggestion.claim(), which checks the stored one.
        pass

    @admin.display(description=_("contact address given"), boolean=True)
    def has_contact(self, suggestion):
        return bool(suggestion.contact_email)

    def response_change(self, request, obj):
        if "_make_draft" in request.POST:
            return self.make_draft(request, obj)
        if "_dismiss" in request.POST:
            if obj.dismiss(request.user):
                self.message_user(request, _("The suggestion was dismissed."))
            else:
                self.message_user(request, _("Someone handled this suggestion already."), messages.WARNING)
            return redirect("admin:activism_suggestion_changelist")
        return super().response_change(request, obj)

    def make_draft(self, request, suggestion):
        """Make a draft initiative of the suggestion, and open it to be completed."""
        if not self.admin_site.get_model_admin(Initiative).has_add_permission(request):
            raise PermissionDenied
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(gettext("Draft made from a suggestion"))
            draft = suggestion.make_draft(request.user)
        if draft is None:
            self.message_user(request, _("Someone handled this suggestion already."), messages.WARNING)
            return redirect("admin:activism_suggestion_change", suggestion.pk)
        self.message_user(
            request,
            _(
                "A draft initiative was made from the suggestion. Check its name and summary in every language, add "
                "its themes, places and sources, then save it."
            ),
        )
        return redirect("admin:activism_initiative_change", draft.pk)

    @admin.action(description=_("Dismiss the selected suggestions"), permissions=["change"])
    def dismiss_selected(self, request, queryset):
        count = sum(suggestion.dismiss(request.user) for suggestion in queryset.waiting())
        self.message_user(request, ngettext("%d suggestion dismissed.", "%d suggestions dismissed.", count) % count)

    @admin.action(description=_("Mark the selected suggestions accepted (handled by hand)"), permissions=["change"])
    def accept_selected(self, request, queryset):
        count = sum(suggestion.accept(request.user) for suggestion in queryset.waiting())
        self.message_user(
            request, ngettext("%d suggestion marked accepted.", "%d suggestions marked accepted.", count) % count
        )
