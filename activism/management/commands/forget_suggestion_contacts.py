from django.conf import settings
from django.core.management.base import BaseCommand

from activism.models import Suggestion


class Command(BaseCommand):
    help = (
        "Delete the contact addresses of suggestions older than CAISS_SUGGESTION_CONTACT_DAYS (90 days by default), "
        "as the suggestion form promises; the suggestions themselves stay. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.SUGGESTION_CONTACT_DAYS,
            help="Keep the addresses of the last DAYS days (default: %(default)s, from CAISS_SUGGESTION_CONTACT_DAYS).",
        )

    def handle(self, *args, days, **options):
        forgotten = Suggestion.objects.forget_contacts(days)
        self.stdout.write(f"Deleted {forgotten} contact address(es) of suggestions older than {days} days.")
