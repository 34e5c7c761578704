"""The admin site: only for staff who logged in with their password and a code from their authenticator app."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from two_factor.admin import AdminSiteOTPRequired
from two_factor.utils import default_device


class AdminSite(AdminSiteOTPRequired):
    """Every admin page asks for a session that passed the second factor (django-two-factor-auth).

    Staff who are not logged in go to the login, which asks for the password and then the code. A staff member
    without an authenticator app yet is sent to set one up before any admin page opens.
    """

    def login(self, request, extra_context=None):
        user = request.user
        if user.is_active and user.is_staff and not user.is_verified() and default_device(user) is None:
            return redirect("two_factor:setup")
        return super().login(request, extra_context)

    def index(self, request, extra_context=None):
        if not request.user.staticdevice_set.filter(token_set__isnull=False).exists():
            messages.warning(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("You have no backup codes. They let you log in once each if you lose your phone."),
                    reverse("two_factor:backup_tokens"),
                    _("Create backup codes"),
                ),
            )
        return super().index(request, extra_context)
