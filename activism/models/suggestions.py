from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .initiatives import Initiative
from .shared import EDITOR_GROUP, PublicationStatus


class SuggestionQuerySet(models.QuerySet):
    def waiting(self):
        """Suggestions no one has handled yet: the admin's queue."""
        return self.filter(status=Suggestion.Status.NEW)

    def forget_contacts(self, days):
        """Blank the contact addresses left more than `days` ago (the text stays); returns how many were blanked."""
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(created_at__lt=cutoff).exclude(contact_email="").update(contact_email="")


class Suggestion(models.Model):
    """A new initiative, an event or a correction sent by a visitor through the public form (/suggest/).

    Never public: it lives in the admin's queue only, and in no export or open data file. The optional contact
    address is blanked after settings.SUGGESTION_CONTACT_DAYS (`manage.py forget_suggestion_contacts`). No
    get_absolute_url(): there is no public page to link to.
    """

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("A new initiative")
        EVENT = "event", _("An event")
        CORRECTION = "correction", _("A correction to a record")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DISMISSED = "dismissed", _("Dismissed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INITIATIVE)
    text = models.TextField(_("what"), max_length=5000)
    place = models.CharField(_("where"), max_length=200, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    sources = models.TextField(_("sources"), max_length=3000, blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("record concerned"),
        on_delete=models.SET_NULL,  # the suggestion stays in the queue when the record goes
        null=True,
        blank=True,
        related_name="suggestions",
    )
    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("Private: never shown in public nor exported, and deleted after the period the form states."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,  # leaving staff do not take the queue's record with them
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    draft = models.ForeignKey(
        Initiative,
        verbose_name=_("draft made from it"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="new", handled_at__isnull=True) | (~Q(status="new") & Q(handled_at__isnull=False)),
                name="suggestion_handled_when_not_new",
            ),
        ]

    def __str__(self):
        # Shown in the admin and its log: the text's start, never the contact address.
        return f"{self.get_kind_display()}: {Truncator(' '.join(self.text.split())).chars(60)}"

    def claim(self, status, user):
        """Move a new suggestion to `status` unless someone handled it meanwhile (two clicks, two researchers):
        returns whether it moved."""
        now = timezone.now()
        moved = Suggestion.objects.filter(pk=self.pk, status=self.Status.NEW).update(
            status=status, handled_by=user, handled_at=now
        )
        if moved:
            self.status, self.handled_by, self.handled_at = status, user, now
        return bool(moved)

    def accept(self, user):
        return self.claim(self.Status.ACCEPTED, user)

    def dismiss(self, user):
        return self.claim(self.Status.DISMISSED, user)

    def make_draft(self, user):
        """Accept the suggestion and make a draft initiative of it, its name and summary taken from the text (in the
        language it was written in): the new Initiative, or None if someone handled the suggestion meanwhile."""
        with transaction.atomic():
            if not self.accept(user):
                return None
            lines = [line.strip() for line in self.text.splitlines() if line.strip()] or [self.get_kind_display()]
            language = self.language or settings.LANGUAGE_CODE
            draft = Initiative(publication_status=PublicationStatus.DRAFT, slug=self.unique_slug(lines[0]))
            for field, text in [("name", lines[0]), ("summary", " ".join(" ".join(lines).split()))]:
                length = Initiative._meta.get_field(field).max_length
                setattr(draft, build_localized_fieldname(field, language), Truncator(text).chars(length))
            draft.save()
            self.draft = draft
            self.save(update_fields=["draft"])
        return draft

    def unique_slug(self, name):
        """A slug no initiative has: from the name in Latin letters, else from the suggestion's number."""
        room = Initiative._meta.get_field("slug").max_length - 10  # for a "-2", "-3"... when taken
        base = slugify(name)[:room].strip("-") or f"suggestion-{self.pk}"
        slug, number = base, 1
        while Initiative.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def send_notice_to_editors(self, admin_url):
        """Tell every active editor with an e-mail address that a suggestion arrived, with a link to it in the
        admin; never its text's details or the contact address, which stay behind the admin's login."""
        from django.contrib.auth import get_user_model

        recipients = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=EDITOR_GROUP)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        with translation.override(settings.LANGUAGE_CODE):
            subject = gettext("New suggestion on the CAISS Activist Map: %(kind)s") % {"kind": self.get_kind_display()}
            body = render_to_string("activism/suggestion_notice.txt", {"suggestion": self, "admin_url": admin_url})
        # One message each: editors do not see one another's addresses.
        messages = [(subject, body, None, [address]) for address in recipients]
        return send_mass_mail(messages) if messages else 0
