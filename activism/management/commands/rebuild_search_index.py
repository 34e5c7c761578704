from django.core.management.base import BaseCommand

from activism.models import BlogPost, Initiative, SearchWord
from activism.search import refresh_search_index


class Command(BaseCommand):
    help = (
        "Compute the search index of every initiative and post again: after loading records in bulk (bulk_create "
        "and raw SQL skip save()), or after a change to how records are indexed."
    )

    def handle(self, *args, **options):
        SearchWord.objects.all().delete()  # words no record holds any more go too
        for model in (Initiative, BlogPost):
            pks = list(model.objects.values_list("pk", flat=True))
            refresh_search_index(model, pks)
            if options["verbosity"]:
                self.stdout.write(f"{model._meta.verbose_name_plural}: {len(pks)} indexed")
