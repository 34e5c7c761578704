from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The Django admin, with the site of caiss/admin.py as `admin.site`."""

    default_site = "caiss.admin.AdminSite"
