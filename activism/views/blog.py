from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from ..models import Author, BlogPost, Initiative
from .shared import POSTS_PER_PAGE, NoIndexMixin, ShareAndCiteMixin, StaffPreviewMixin, paginate


class BlogPostListView(ListView):
    paginate_by = POSTS_PER_PAGE
    template_name = "activism/blogpost_list.html"

    def get_queryset(self):
        return BlogPost.objects.published().select_related("author")

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()


class BlogPostDetailView(ShareAndCiteMixin, NoIndexMixin, DetailView):
    def get_queryset(self):
        return self.any_state().published()

    def any_state(self):
        return BlogPost.objects.select_related("author").prefetch_related(
            "themes", Prefetch("initiatives", Initiative.objects.published())
        )


class BlogPostPreviewView(StaffPreviewMixin, BlogPostDetailView):
    pass


class AuthorDetailView(DetailView):
    model = Author

    def get_context_data(self, **kwargs):
        return super().get_context_data(posts=BlogPost.objects.published().filter(author=self.object), **kwargs)
