import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = settings.BASE_DIR / ".admin-password"


class Command(BaseCommand):
    help = "Create a local admin account with a generated password on first run, and say how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password-file", type=Path, default=PASSWORD_FILE)

    def handle(self, *args, username, password_file, **options):
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            password = secrets.token_urlsafe(16)
            User.objects.create_superuser(username=username, email="", password=password)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
            self.stdout.write(self.style.SUCCESS(f"Created the local admin account '{username}'."))
        if password_file.exists():
            password = password_file.read_text().strip()
            self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: {username}  password: {password}")
            self.stdout.write(f"(The password is kept in {password_file}; delete the user to generate a new one.)")
        else:
            self.stdout.write(f"Admin: http://127.0.0.1:8000/admin/  user: {username} (password set by hand).")
