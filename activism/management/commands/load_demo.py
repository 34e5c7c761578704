"""Load the demonstration data from activism/demo_data.py and activism/demo_events.py.

Safe to run again: rows are created or updated by slug, relations are set to the listed values and images are
generated only when a record has none. Rows with other slugs (a researcher's own work) are never touched.

Translated text in demo_data.py is a dict by language code ({"kk": ..., "ru": ..., "en": ...}) and is written into
the per-language columns (name_kk, name_ru, name_en); a language left out, or a plain string (English only), leaves
the other columns empty.
"""

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname
from PIL import Image, ImageDraw, ImageFont

from activism import demo_data, demo_events
from activism.models import (
    Author,
    BlogPost,
    City,
    Event,
    EventSource,
    Initiative,
    InitiativeLink,
    PublicationStatus,
    Region,
    Source,
    Theme,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The language of a plain string in demo_data.py, and of the text drawn into the generated pictures.
SOURCE_LANGUAGE = "en"

BANNER_SIZE = (1200, 630)
AVATAR_SIZE = 400
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


class Command(BaseCommand):
    help = "Load demonstration regions, cities, themes, initiatives, events, authors and blog posts. Safe to run again."

    def handle(self, *args, **options):
        self.created = Counter()
        self.updated = Counter()
        self.images = 0
        # In the default language, so that new rows' untranslated base columns (name, title...) hold its text.
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            regions = self.load_regions()
            cities = self.load_cities(regions)
            themes = self.load_themes()
            initiatives = self.load_initiatives(themes, cities)
            self.load_events(regions, cities, themes, initiatives)
            authors = self.load_authors()
            self.load_posts(authors, initiatives, themes)
        self.report()

    # Rows

    def upsert(self, model, slug, create_defaults=None, **fields):
        """Create or update the demo row with this slug."""
        if create_defaults is not None:
            create_defaults = {**fields, **create_defaults}
        obj, created = model.objects.update_or_create(slug=slug, defaults=fields, create_defaults=create_defaults)
        (self.created if created else self.updated)[model.__name__] += 1
        return obj

    def upsert_named(self, model, slug, name, **fields):
        """Like upsert() for regions and themes, whose names identify them: a row a researcher already made under
        another slug with the same name in some language is used as it is, instead of adding a second one."""
        same_name = Q()
        for column, value in translated("name", name).items():
            if value:
                same_name |= Q(**{column: value})
        existing = model.objects.filter(same_name).exclude(slug=slug).first()
        if existing is not None:
            return existing
        return self.upsert(model, slug, **translated("name", name), **fields)

    def load_regions(self):
        regions = {}
        for slug, name, kind in demo_data.REGIONS:
            latitude, longitude = demo_data.REGION_CENTRES[slug]
            regions[slug] = self.upsert_named(
                Region, slug, name, kind=kind, latitude=Decimal(latitude), longitude=Decimal(longitude)
            )
        return regions

    def load_cities(self, regions):
        return {
            slug: self.upsert(
                City,
                slug,
                **translated("name", name),
                region=regions[region],
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                population=population,
            )
            for slug, name, region, latitude, longitude, population in demo_data.CITIES
        }

    def load_themes(self):
        return {
            slug: self.upsert_named(
                Theme, slug, name, **translated("description", description), color=color, display_order=order
            )
            for slug, name, description, color, order in demo_data.THEMES
        }

    def load_initiatives(self, themes, cities):
        initiatives = {}
        for entry in demo_data.INITIATIVES:
            initiative = self.upsert(
                Initiative,
                entry["slug"],
                **translated("name", entry["name"]),
                **translated("summary", entry["summary"]),
                **translated("description", with_note(entry["description"], demo_data.DEMO_NOTE)),
                form=entry["form"],
                is_nationwide=entry.get("is_nationwide", False),
                is_online=entry.get("is_online", False),
                year_started=entry.get("year_started"),
                year_ended=entry.get("year_ended"),
                activity_status=entry["activity_status"],
                is_sensitive=entry.get("is_sensitive", False),
                last_verified=date.fromisoformat(entry["last_verified"]) if "last_verified" in entry else None,
                publication_status=entry.get("publication_status", PublicationStatus.PUBLISHED),
            )
            initiative.themes.set([themes[slug] for slug in entry["themes"]])
            initiative.cities.set([cities[slug] for slug in entry.get("cities", [])])
            for kind, url in entry.get("links", []):
                InitiativeLink.objects.update_or_create(initiative=initiative, url=url, defaults={"kind": kind})
            for source in entry.get("sources", []):
                Source.objects.update_or_create(initiative=initiative, url=source["url"], defaults=source)
            title = texts(entry["name"])[SOURCE_LANGUAGE]
            self.attach_image(
                initiative,
                "image",
                f"demo-{entry['slug']}.png",
                alt_texts(demo_data.IMAGE_ALT, title),
                render_banner,
                title,
                themes[entry["themes"][0]].color,
            )
            initiatives[entry["slug"]] = initiative
        return initiatives

    def load_events(self, regions, cities, themes, initiatives):
        for entry in demo_events.EVENTS:
            city = cities[entry["city"]] if "city" in entry else None
            event = self.upsert(
                Event,
                entry["slug"],
                **translated("title", entry["title"]),
                **translated("summary", entry["summary"]),
                **translated("description", entry.get("description", "")),
                date=date.fromisoformat(entry["date"]),
                date_precision=entry.get("precision", Event.DatePrecision.DAY),
                kind=entry["kind"],
                city=city,
                region=city.region if city else regions.get(entry.get("region")),
                is_nationwide=entry.get("is_nationwide", False),
                is_online=entry.get("is_online", False),
                detained=entry.get("detained"),
                is_sensitive=entry.get("is_sensitive", False),
                publication_status=entry.get("publication_status", PublicationStatus.PUBLISHED),
            )
            event.themes.set([themes[slug] for slug in entry["themes"]])
            event.initiatives.set([initiatives[slug] for slug in entry.get("initiatives", [])])
            for source in entry.get("sources", []):
                EventSource.objects.update_or_create(event=event, title=source["title"], defaults=source)

    def load_authors(self):
        authors = {}
        for slug, name, bio, color in demo_data.AUTHORS:
            author = self.upsert(
                Author,
                slug,
                **translated("name", name),
                **translated("affiliation", demo_data.AFFILIATION),
                **translated("bio", bio),
            )
            initials_from = texts(name)[SOURCE_LANGUAGE]
            self.attach_image(author, "photo", f"demo-{slug}.png", None, render_avatar, initials_from, color)
            authors[slug] = author
        return authors

    def load_posts(self, authors, initiatives, themes):
        now = timezone.now()
        for entry in demo_data.POSTS:
            # The date is set once, when the post is created, so running the command again keeps it.
            published_at = now + timedelta(days=entry["days"])
            post = self.upsert(
                BlogPost,
                entry["slug"],
                create_defaults={"published_at": published_at},
                **translated("title", entry["title"]),
                author=authors[entry["author"]],
                **translated("lead", entry["lead"]),
                **translated("body", with_note(entry["body"], demo_data.POST_NOTE)),
                publication_status=PublicationStatus.PUBLISHED,
            )
            if entry["days"] > 0 and post.published_at <= now:
                # The scheduled post stays scheduled, however long ago the demo was first loaded.
                post.published_at = published_at
                post.save(update_fields=["published_at"])
            post.initiatives.set([initiatives[slug] for slug in entry["initiatives"]])
            post.themes.set([themes[slug] for slug in entry["themes"]])
            title = texts(entry["title"])[SOURCE_LANGUAGE]
            self.attach_image(
                post,
                "cover_image",
                f"demo-{entry['slug']}.png",
                alt_texts(demo_data.COVER_IMAGE_ALT, title),
                render_banner,
                title,
                themes[entry["themes"][0]].color,
            )

    # Images

    def attach_image(self, obj, field_name, filename, alt, render, *args):
        """Give obj a generated image, with its alt text in every language (alt: a dict by language, or None),
        unless it already has an image whose file exists. The alt text of an image generated earlier is kept up
        to date; an image someone else uploaded is left alone with its alt text."""
        current = getattr(obj, field_name)
        target = current.field.generate_filename(obj, filename)
        update_fields = set()
        if current and current.storage.exists(current.name):
            if current.name != target:
                return
        elif current.storage.exists(target):
            # Left by an earlier load into another database: reuse it rather than pile up copies.
            setattr(obj, field_name, target)
            update_fields.add(field_name)
        else:
            current.save(filename, ContentFile(render(*args)), save=False)
            self.images += 1
            update_fields.add(field_name)
        if alt is not None:
            for column, value in translated(f"{field_name}_alt", alt).items():
                if getattr(obj, column) != value:
                    setattr(obj, column, value)
                    update_fields.add(column)
        if update_fields:
            obj.save(update_fields=update_fields)

    # Summary

    def report(self):
        for model in (Region, City, Theme, Initiative, Event, Author, BlogPost):
            name = model.__name__
            self.stdout.write(
                f"{model._meta.verbose_name_plural.capitalize()}: {self.created[name]} created, "
                f"{self.updated[name]} updated"
            )
        published = Initiative.objects.published().count()
        not_public = Initiative.objects.exclude(pk__in=Initiative.objects.published()).count()
        scheduled = sum(post.is_scheduled for post in BlogPost.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {published} published and {not_public} unpublished initiatives in total, "
                f"{Event.objects.published().count()} published events, "
                f"{BlogPost.objects.published().count()} public posts and {scheduled} scheduled; "
                f"new images: {self.images}."
            )
        )


def texts(text):
    """Translated text as a dict by language code; a plain string is English only."""
    if isinstance(text, str):
        return {SOURCE_LANGUAGE: text}
    unknown = set(text) - set(LANGUAGES)
    if unknown:
        raise CommandError(f"Demo data has text in unknown languages: {', '.join(sorted(unknown))}.")
    return text


def translated(field, text):
    """The per-language columns of a translated field, e.g. {"name_kk": ..., "name_ru": ..., "name_en": ...}.
    A language without text gets an empty string."""
    text = texts(text)
    return {build_localized_fieldname(field, language): text.get(language) or "" for language in LANGUAGES}


def with_note(text, note):
    """The text with the note (a dict by language) added to the end, in each language that has text."""
    return {language: f"{value}\n\n{note[language]}" for language, value in texts(text).items() if value}


def alt_texts(template, title):
    """The alt text of a generated picture in each language, from a dict of templates with a {title} field."""
    return {language: pattern.format(title=title) for language, pattern in template.items()}


def hex_to_rgb(color):
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def mix(color, other, amount):
    return tuple(round(a + (b - a) * amount) for a, b in zip(color, other, strict=True))


def font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow before 10.1 has only the small bitmap font
        return ImageFont.load_default()


def wrap(draw, text, text_font, width):
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if draw.textlength(candidate, font=text_font) <= width or not lines[-1]:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def to_png(image):
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def render_banner(title, color):
    """An abstract 1200x630 picture in the theme colour with the title on a dark band."""
    width, height = BANNER_SIZE
    base = hex_to_rgb(color)
    rng = random.Random(title)  # the same title always gives the same picture
    image = Image.new("RGB", BANNER_SIZE, mix(base, WHITE, 0.2))
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(16):
        shade = mix(base, rng.choice([WHITE, BLACK]), rng.uniform(0.1, 0.55)) + (rng.randint(90, 180),)
        x, y, size = rng.randint(-150, width), rng.randint(-150, height - 150), rng.randint(60, 260)
        shape = rng.choice(["circle", "square", "triangle"])
        if shape == "circle":
            draw.ellipse((x, y, x + size, y + size), fill=shade)
        elif shape == "square":
            draw.rectangle((x, y, x + size, y + size), fill=shade)
        else:
            draw.polygon([(x, y + size), (x + size // 2, y), (x + size, y + size)], fill=shade)

    margin = 60
    title_font = font(60)
    lines = wrap(draw, title, title_font, width - 2 * margin)
    if len(lines) > 3:
        title_font = font(44)
        lines = wrap(draw, title, title_font, width - 2 * margin)
    text = "\n".join(lines)
    _, upper, _, lower = draw.multiline_textbbox((0, 0), text, font=title_font, spacing=12)
    top = height - margin - 50 - (lower - upper)
    draw.rectangle((0, top - margin // 2, width, height), fill=(20, 24, 28, 215))
    draw.multiline_text((margin, top - upper), text, font=title_font, fill=WHITE, spacing=12)
    label = "Demonstration image - CAISS Activist Map"
    draw.text((margin, height - margin - 24), label, font=font(24), fill=(220, 220, 220))
    return to_png(image)


def render_avatar(name, color):
    """A portrait-sized avatar: the initials on a coloured circle."""
    base = hex_to_rgb(color)
    image = Image.new("RGB", (AVATAR_SIZE, AVATAR_SIZE), mix(base, WHITE, 0.85))
    draw = ImageDraw.Draw(image)
    inset = 24
    draw.ellipse((inset, inset, AVATAR_SIZE - inset, AVATAR_SIZE - inset), fill=base)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    center = AVATAR_SIZE // 2
    draw.text((center, center), initials, font=font(150), fill=WHITE, anchor="mm")
    return to_png(image)
