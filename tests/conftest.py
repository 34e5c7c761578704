import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.text import slugify
from PIL import Image

from activism.models import Author, BlogPost, City, Initiative, PublicationStatus, Region, Theme


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language: a request in another test leaves its language active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # django-imagekit notes in the cache which resized copies exist: forget those of the previous test's folder.
    cache.clear()
    return settings.MEDIA_ROOT


def make_region(name="Almaty Region", **fields):
    fields.setdefault("slug", slugify(name))
    return Region.objects.create(name=name, **fields)


def make_city(name="Almaty", region=None, latitude="43.238949", longitude="76.889709", **fields):
    fields.setdefault("slug", slugify(name))
    region = region or Region.objects.first() or make_region()
    return City.objects.create(
        name=name, region=region, latitude=Decimal(latitude), longitude=Decimal(longitude), **fields
    )


def make_theme(name="Ecology", **fields):
    fields.setdefault("slug", slugify(name))
    return Theme.objects.create(name=name, **fields)


def make_initiative(name="Green Almaty", cities=(), themes=(), published=True, **fields):
    fields.setdefault("slug", slugify(name))
    fields.setdefault("summary", f"Summary of {name}.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT)
    initiative = Initiative.objects.create(name=name, **fields)
    initiative.cities.set(cities)
    initiative.themes.set(themes or [Theme.objects.first() or make_theme()])
    return initiative


def make_author(name="Aigerim Demo", **fields):
    fields.setdefault("slug", slugify(name))
    return Author.objects.create(name=name, **fields)


def make_post(title="Notes from the field", author=None, published=True, published_at=None, **fields):
    fields.setdefault("slug", slugify(title))
    fields.setdefault("lead", f"Lead of {title}.")
    fields.setdefault("body", f"Body of {title}.")
    fields.setdefault("publication_status", PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT)
    return BlogPost.objects.create(
        title=title,
        author=author or Author.objects.first() or make_author(),
        published_at=published_at or timezone.now() - timedelta(days=1),
        **fields,
    )


def image_upload(name="photo.png", image_format="PNG", size=(40, 30)):
    """A real image made by Pillow, as the admin would receive it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "#3b6ea5").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


@pytest.fixture
def site_data(db):
    """A small public site with a draft and a scheduled post hidden among the published records."""
    almaty_region = make_region("Almaty", kind=Region.Kind.CITY)
    akmola = make_region("Akmola")
    empty_region = make_region("Ulytau")
    almaty = make_city("Almaty", almaty_region)
    kokshetau = make_city("Kokshetau", akmola, "53.283333", "69.383333")
    lonely = make_city("Zhezkazgan", empty_region, "47.783333", "67.766667")
    ecology = make_theme("Ecology", color="#2e8b57")
    feminism = make_theme("Gender and feminism", color="#8e44ad")
    park = make_initiative(
        "Save the Park", cities=[almaty], themes=[ecology], form=Initiative.Form.PROTEST, activity_status="active"
    )
    march = make_initiative(
        "Women's March", cities=[almaty, kokshetau], themes=[feminism], form=Initiative.Form.PROTEST
    )
    online = make_initiative("Online Petition", themes=[feminism], is_online=True, form="online_campaign")
    draft = make_initiative("Secret Draft Initiative", cities=[lonely], themes=[ecology], published=False)
    author = make_author("Aigerim Demo")
    post = make_post("Parks and people", author=author)
    post.initiatives.set([park, draft])
    scheduled = make_post("Scheduled Future Post", author=author, published_at=timezone.now() + timedelta(days=10))
    draft_post = make_post("Draft Hidden Post", author=author, published=False)
    return {
        "almaty": almaty,
        "kokshetau": kokshetau,
        "lonely": lonely,
        "almaty_region": almaty_region,
        "akmola": akmola,
        "empty_region": empty_region,
        "ecology": ecology,
        "feminism": feminism,
        "park": park,
        "march": march,
        "online": online,
        "draft": draft,
        "author": author,
        "post": post,
        "scheduled": scheduled,
        "draft_post": draft_post,
    }
