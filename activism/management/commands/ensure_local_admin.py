import io
import secrets
from base64 import b32encode
from pathlib import Path

import qrcode
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django_otp.plugins.otp_static.models import StaticToken

PASSWORD_FILE = settings.BASE_DIR / ".admin-password"


class Command(BaseCommand):
    help = (
        "Create a local admin account with a generated password and an authenticator-app key on first run, "
        "and say how to log in."
    )

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
        self.second_factor(User.objects.get(username=username))

    def second_factor(self, user):
        """The admin asks for a code from an authenticator app after the password: give the account its key,
        and a backup code for a developer without such an app at hand."""
        # "default" is the name django-two-factor-auth asks the code of at login.
        device, created = user.totpdevice_set.get_or_create(name="default", defaults={"confirmed": True})
        backup, _ = user.staticdevice_set.get_or_create(name="backup")
        token = backup.token_set.first() or backup.token_set.create(token=StaticToken.random_token())
        if created:
            self.stdout.write("Scan this with an authenticator app (FreeOTP, Aegis, Google Authenticator…):")
            qr = qrcode.QRCode(border=1)
            qr.add_data(device.config_url)
            picture = io.StringIO()
            qr.print_ascii(out=picture, invert=True)
            self.stdout.write(picture.getvalue())
        self.stdout.write(f"Second factor: add this key to an authenticator app: {b32encode(device.bin_key).decode()}")
        self.stdout.write(f"  (or open {device.config_url} on the phone)")
        self.stdout.write(f"  or, without an app, log in with the backup code {token.token}")
        self.stdout.write("  (each backup code works once; the next run prints an unused one).")
