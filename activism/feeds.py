from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import BlogPost


class LatestPostsFeed(Feed):
    title = _("CAISS Activist Map: research blog")
    link = reverse_lazy("activism:post-list")
    description = _(
        "Research posts on citizen activism in Kazakhstan by the Central Asia Institute for Strategic Studies."
    )

    def items(self):
        return BlogPost.objects.published().select_related("author")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
