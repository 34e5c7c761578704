from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from activism.markup import render_markdown
from activism.models import BlogPost, City, Initiative, PublicationStatus

from .conftest import make_city, make_initiative, make_post, make_region

pytestmark = pytest.mark.django_db


def test_published_initiatives_leave_out_drafts():
    public = make_initiative("Public")
    make_initiative("Hidden", published=False)
    assert list(Initiative.objects.published()) == [public]


def test_published_posts_leave_out_drafts_and_scheduled_posts():
    past = make_post("Past")
    make_post("Draft", published=False)
    make_post("Future", published_at=timezone.now() + timedelta(minutes=5))
    assert list(BlogPost.objects.published()) == [past]


def test_a_scheduled_post_becomes_public_when_its_date_passes():
    post = make_post("Soon", published_at=timezone.now() + timedelta(hours=1))
    assert post.is_scheduled
    BlogPost.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert list(BlogPost.objects.published()) == [post]


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.ARCHIVED])
def test_only_the_published_state_is_public(status):
    make_initiative("One", published=False, publication_status=status)
    make_post("Post", published=False, publication_status=status)
    assert not Initiative.objects.published().exists()
    assert not BlogPost.objects.published().exists()


@pytest.mark.parametrize(("latitude", "longitude"), [("90.5", "10"), ("-91", "10"), ("45", "180.1"), ("45", "-181")])
def test_database_refuses_coordinates_out_of_range(latitude, longitude):
    region = make_region()
    with pytest.raises(IntegrityError):
        City.objects.create(
            name="Nowhere", slug="nowhere", region=region, latitude=Decimal(latitude), longitude=Decimal(longitude)
        )


def test_database_refuses_an_end_year_before_the_start_year():
    with pytest.raises(IntegrityError):
        make_initiative("Time Travel", year_started=2020, year_ended=2019)


def test_an_initiative_may_end_the_year_it_started():
    initiative = make_initiative("Short", year_started=2019, year_ended=2019)
    assert initiative.year_ended == 2019


def test_markdown_is_rendered():
    html = render_markdown("Some **bold** text and a [link](https://example.org).")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert('x')</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_markdown_drops_scripts_and_event_handlers(dangerous):
    html = render_markdown(f"Text before.\n\n{dangerous}\n\nText after.")
    assert "<script" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "Text after." in html


def test_absolute_urls_use_slugs():
    city = make_city("Semey")
    assert city.get_absolute_url() == "/en/cities/semey/"
    assert make_initiative("Oyan", cities=[city]).get_absolute_url() == "/en/initiatives/oyan/"
