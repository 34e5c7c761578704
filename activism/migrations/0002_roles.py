"""The two curation roles. Researchers write and submit; editors publish, archive and delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATED = ["region", "city", "theme", "initiative", "initiativelink", "source", "author", "blogpost"]
RESEARCHER = [f"{action}_{model}" for model in CURATED for action in ("view", "add", "change")] + [
    # Only drafts and records in review: the admin refuses to delete what the public has seen.
    "delete_initiative",
    "delete_initiativelink",
    "delete_source",
    "delete_blogpost",
]
EDITOR = [
    *RESEARCHER,
    *(f"delete_{model}" for model in CURATED),
    "publish_initiative",
    "publish_blogpost",
]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Researcher", RESEARCHER), ("Editor", EDITOR)]:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="activism", codename__in=codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Researcher", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("activism", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
