"""Researchers and editors read and handle the suggestions sent through the public form; editors may also delete one
(spam, or abuse that should not be kept)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RESEARCHER = ["view_suggestion", "change_suggestion"]
EDITOR = [*RESEARCHER, "delete_suggestion"]


def add_permissions(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Researcher", RESEARCHER), ("Editor", EDITOR)]:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="activism", codename__in=codenames))


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Researcher", "Editor"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="activism", codename__in=EDITOR))


class Migration(migrations.Migration):
    dependencies = [
        ("activism", "0007_suggestion"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
