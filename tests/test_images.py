import io
import re
import struct

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from reversion.models import Version

from activism.images import SafeImageField
from activism.models import Author, BlogPost, Initiative

from .conftest import (
    assert_no_metadata,
    change_url,
    committing,
    form_errors,
    image_upload,
    make_author,
    make_initiative,
    make_post,
    make_theme,
    photo_with_location,
    stored_files,
    submit_form,
)

pytestmark = pytest.mark.django_db

# The admin pages that take an image: the model, the image field and its add page's required fields.
IMAGE_FORMS = {
    "author": (Author, "photo"),
    "initiative": (Initiative, "image"),
    "post": (BlogPost, "cover_image"),
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def add_page(kind, upload):
    """The admin add page of a record of this kind, and what a person fills in there to add one with the image."""
    model, field = IMAGE_FORMS[kind]
    changes = {field: upload}
    if kind == "author":
        changes |= {"name_en": "Aigerim Demo", "slug": "aigerim-demo"}
    elif kind == "initiative":
        theme = make_theme()
        changes |= {"name_en": "Green Almaty", "slug": "green-almaty", "summary_en": "Trees for the city."}
        changes |= {"themes": [str(theme.pk)], "image_alt_en": "People with banners"}
    else:
        author = make_author("Post Author")
        changes |= {"title_en": "Notes from the field", "slug": "notes", "lead_en": "A lead.", "body_en": "A body."}
        changes |= {"author": str(author.pk), "cover_image_alt_en": "A street"}
    return reverse(f"admin:activism_{model._meta.model_name}_add"), changes


def add_record(client, kind, upload):
    """Add a record with this image through its admin page; the record."""
    model, _field = IMAGE_FORMS[kind]
    response = submit_form(client, *add_page(kind, upload))
    assert response.status_code == 302, form_errors(response)
    return model.objects.get(**({"slug": "aigerim-demo"} if kind == "author" else {}))


def image_of(record):
    """The record's image: its photo, image or cover image."""
    (field,) = [field for field in record._meta.fields if isinstance(field, SafeImageField)]
    return getattr(record, field.name)


# JPEG, PNG and WebP, through every admin page that takes an image.

IMAGE_KINDS = [
    ("JPEG", "RGB"),
    ("PNG", "RGB"),
    ("PNG", "RGBA"),  # transparent
    ("PNG", "P"),  # a palette
    ("WEBP", "RGB"),
    ("WEBP", "RGBA"),
]


@pytest.mark.parametrize("kind", IMAGE_FORMS)
@pytest.mark.parametrize(("image_format", "mode"), IMAGE_KINDS)
def test_every_admin_page_with_an_image_accepts_jpeg_png_and_webp(admin_client, kind, image_format, mode):
    upload = image_upload(f"upload.{EXTENSIONS[image_format]}", image_format, size=(640, 480), mode=mode)
    record = add_record(admin_client, kind, upload)

    image = image_of(record)
    assert image.name.endswith("." + EXTENSIONS[image_format])
    with Image.open(image.path) as stored:
        assert stored.format == image_format
        assert stored.size == (640, 480)
        if mode == "RGBA":  # the transparent half is still transparent, the other still opaque
            assert stored.mode == "RGBA"
            assert stored.getpixel((10, 10))[3] == 0
            assert stored.getpixel((630, 10))[3] == 255
        if mode == "P":  # both colours of the palette are there
            colours = stored.convert("RGB")
            assert colours.getpixel((10, 10)) == (0xF2, 0xC1, 0x4E)
            assert colours.getpixel((630, 10)) == (0x3B, 0x6E, 0xA5)
    page = admin_client.get(change_url(record))
    assert f'<img src="{getattr(record, image.field.name + "_small").url}"' in page.content.decode()


@pytest.mark.parametrize("kind", IMAGE_FORMS)
def test_a_png_replacing_an_image_on_the_change_page_is_stored(admin_client, kind):
    record = add_record(admin_client, kind, image_upload("first.jpg", "JPEG"))
    field = image_of(record).field.name
    response = submit_form(admin_client, change_url(record), {field: image_upload("second.png", "PNG", mode="RGBA")})
    assert response.status_code == 302, form_errors(response)
    record.refresh_from_db()
    with Image.open(image_of(record).path) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")


def test_a_png_large_enough_to_be_uploaded_to_a_temporary_file_is_stored(admin_client, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # larger uploads are written to a temporary file
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, "PNG")
    assert len(buffer.getvalue()) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    author = add_record(admin_client, "author", SimpleUploadedFile("big.png", buffer.getvalue(), "image/png"))
    with Image.open(author.photo.path) as stored:
        assert (stored.format, stored.size) == ("PNG", (400, 300))


def test_a_script_stores_png_and_webp_with_transparency(media_root):
    author = make_author()
    author.photo.save("portrait.png", ContentFile(image_upload("p.png", "PNG", mode="RGBA").read()))
    with Image.open(Author.objects.get().photo.path) as stored:
        assert (stored.format, stored.getpixel((0, 0))[3]) == ("PNG", 0)
    initiative = make_initiative(image=image_upload("banner.webp", "WEBP", mode="RGBA"))
    with Image.open(initiative.image.path) as stored:
        assert (stored.format, stored.getpixel((0, 0))[3]) == ("WEBP", 0)


def test_a_photo_added_in_the_admin_is_stored_without_its_location(admin_client, media_root):
    url, changes = add_page("author", SimpleUploadedFile("me.jpg", photo_with_location(), "image/jpeg"))
    response = submit_form(admin_client, url, changes)
    assert response.status_code == 302, form_errors(response)
    photo = Author.objects.get().photo
    assert photo.name.startswith("authors/") and photo.name.endswith(".jpg")
    assert_no_metadata(photo)
    with Image.open(photo.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1000, 1600)  # turned upright, as the camera meant it, before the orientation went


def test_an_image_uploaded_on_the_change_form_is_stored_without_its_location(admin_client):
    initiative = make_initiative("Green Almaty")
    url = reverse("admin:activism_initiative_change", args=[initiative.pk])
    upload = SimpleUploadedFile("march.webp", photo_with_location(image_format="WEBP"), "image/webp")
    response = submit_form(admin_client, url, {"image": upload, "image_alt_en": "People with banners"})
    assert response.status_code == 302, form_errors(response)
    initiative.refresh_from_db()
    assert initiative.image.name.endswith(".webp")
    assert_no_metadata(initiative.image)

    page = admin_client.get(url)
    preview = f'<img src="{initiative.image_small.url}"'
    assert preview in page.content.decode()  # the preview is the small copy


def test_a_script_or_load_demo_saving_a_file_stores_it_clean_too(media_root):
    author = make_author()
    author.photo.save("portrait.jpg", ContentFile(photo_with_location()))  # what load_demo does
    assert_no_metadata(Author.objects.get().photo)

    initiative = make_initiative(image=SimpleUploadedFile("banner.jpg", photo_with_location()))
    assert_no_metadata(initiative.image)


def test_a_multi_picture_jpeg_from_a_phone_is_stored_as_one_plain_jpeg():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    second = Image.new("RGB", (64, 48), "blue")
    Image.new("RGB", (64, 48), "red").save(buffer, "MPO", save_all=True, append_images=[second], exif=exif)
    with Image.open(buffer) as check:
        assert (check.format, check.n_frames) == ("MPO", 2)

    author = make_author(photo=SimpleUploadedFile("portrait.jpg", buffer.getvalue()))
    data = assert_no_metadata(author.photo)
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert getattr(stored, "n_frames", 1) == 1
        assert stored.getpixel((10, 10))[0] > 200  # the red picture, the first one


def test_a_file_is_stored_under_a_random_name_with_the_extension_of_what_it_holds():
    author = make_author(photo=image_upload("Aigerim-at-the-march-2024-03-08.png", "JPEG"))
    assert re.fullmatch(r"authors/[0-9a-f]{32}\.jpg", author.photo.name)
    other = make_author("Second Author", photo=image_upload("Aigerim-at-the-march-2024-03-08.png", "JPEG"))
    assert other.photo.name != author.photo.name


def test_a_script_cannot_store_a_file_that_the_form_refuses(media_root):
    author = make_author()
    with pytest.raises(ValidationError, match="GIF images are not accepted"):
        author.photo.save("animation.gif", ContentFile(image_upload("a.gif", "GIF").read()))
    assert not stored_files(media_root)


def bomb(size):
    """A PNG of a few kilobytes that would take gigabytes of memory to decode."""
    buffer = io.BytesIO()
    Image.new("1", size).save(buffer, "PNG")
    return SimpleUploadedFile("bomb.png", buffer.getvalue(), "image/png")


def test_a_decompression_bomb_is_refused_with_a_clear_error(admin_client, media_root):
    upload = bomb((20000, 20000))  # 400 megapixels, more than twice Pillow's limit: Pillow raises an error
    assert upload.size < 200_000
    response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert "too many pixels" in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


def test_an_image_over_the_pixel_limit_is_refused_even_when_pillow_only_warns(admin_client, media_root):
    upload = bomb((10000, 10000))  # 100 megapixels: over Pillow's limit, under twice it
    with pytest.warns(Image.DecompressionBombWarning):
        response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert "too many pixels" in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("photo.jpg", b"Not a photo, only text.", "image/jpeg"), "This file is not an image"),
        (image_upload("animation.gif", "GIF"), "GIF images are not accepted. Upload a JPEG, PNG or WebP image."),
        (image_upload("scan.tiff", "TIFF"), "TIFF images are not accepted"),
    ],
)
def test_files_that_are_not_jpeg_png_or_webp_are_refused(admin_client, media_root, upload, message):
    response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert message in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


def test_a_damaged_image_is_refused(admin_client, media_root):
    data = photo_with_location()
    upload = SimpleUploadedFile("cut.jpg", data[: len(data) // 2], "image/jpeg")
    response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert "This file is not an image, or it is damaged" in str(form_errors(response)["photo"])
    assert not stored_files(media_root)


def test_a_file_over_the_size_limit_is_refused(admin_client, media_root, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    upload = SimpleUploadedFile("big.jpg", photo_with_location(), "image/jpeg")
    assert upload.size > 50_000
    response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert "the largest accepted is 48.8\xa0KB" in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


@pytest.mark.parametrize(
    ("rendition", "width", "image_format"),
    [
        ("image_small", 480, "JPEG"),
        ("image_large", 1200, "JPEG"),
        ("image_small_webp", 480, "WEBP"),
        ("image_large_webp", 1200, "WEBP"),
    ],
)
def test_the_resized_copies_are_smaller_than_the_original_and_carry_no_metadata(rendition, width, image_format):
    initiative = make_initiative(image=SimpleUploadedFile("banner.jpg", photo_with_location(size=(2400, 1600))))
    original = initiative.image.size
    copy = getattr(Initiative.objects.get(), rendition)
    data = assert_no_metadata(copy)
    assert len(data) < original
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == image_format
        assert image.size == (width, width * 3 // 2)  # upright: 1600 wide, 2400 high


def test_a_small_image_is_not_enlarged():
    initiative = make_initiative(image=image_upload("small.png", "PNG", size=(300, 200)))
    with Image.open(initiative.image_large.file) as image:
        assert image.size == (300, 200)
        assert image.format == "PNG"


def public_pages_with_images():
    initiative = make_initiative(image=image_upload("banner.jpg", "JPEG", size=(1600, 900)), image_alt="A banner")
    author = make_author(photo=image_upload("portrait.png", "PNG", size=(600, 600)))
    post = make_post(author=author, cover_image=image_upload("cover.webp", "WEBP", size=(1400, 700)))
    return [
        (initiative.get_absolute_url(), initiative.image, initiative.image_small, initiative.image_large_webp),
        (post.get_absolute_url(), post.cover_image, post.cover_image_small, post.cover_image_large_webp),
        (author.get_absolute_url(), author.photo, author.photo_small, author.photo_large_webp),
    ]


def test_public_pages_send_resized_copies_never_the_uploaded_file(client):
    for url, original, small, large_webp in public_pages_with_images():
        content = client.get(url).content.decode()
        assert "<picture>" in content, url
        assert '<source type="image/webp" srcset="' in content, url
        assert f'src="{small.url}"' in content, url
        assert large_webp.url in content, url
        assert 'loading="lazy"' in content and 'decoding="async"' in content, url
        assert " sizes=" in content, url
        assert original.url not in content, url


def test_the_initiative_page_sends_both_sizes_and_the_large_copy_as_og_image(client):
    initiative = make_initiative(image=image_upload("banner.jpg", "JPEG", size=(1600, 900)), image_alt="A banner")
    content = client.get(initiative.get_absolute_url()).content.decode()
    assert f'srcset="{initiative.image_small.url} 480w, {initiative.image_large.url} 1200w"' in content
    assert 'width="1200" height="675" alt="A banner"' in content
    assert f'<meta property="og:image" content="http://testserver{initiative.image_large.url}">' in content


def test_a_page_whose_image_file_is_missing_still_shows(client, admin_client):
    initiative = make_initiative(image=image_upload("gone.jpg", "JPEG"))
    initiative.image.storage.delete(initiative.image.name)
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()
    assert admin_client.get(reverse("admin:activism_initiative_change", args=[initiative.pk])).status_code == 200


# A memory budget on the decoded image: a small file can hold a huge plain image.


def plain_webp(width, height, colour=(59, 110, 165)):
    """A real lossless WebP of one colour, written by hand: a few dozen bytes whatever its size, since each of its
    five prefix codes holds a single symbol and so takes no bits a pixel (the WebP lossless bitstream format)."""
    fields = [(width - 1, 14), (height - 1, 14), (0, 1), (0, 3)]  # size, no alpha, version 0
    fields += [(0, 1), (0, 1), (0, 1)]  # no transform, no colour cache, no meta prefix codes
    red, green, blue = colour
    for symbol in (green, red, blue, 255, 0):  # green, red, blue, alpha, distance
        fields += [(1, 1), (0, 1), (1, 1), (symbol, 8)]  # a simple code of one 8-bit symbol
    bits, length = 0, 0
    for value, count in fields:  # packed from the least significant bit
        bits |= value << length
        length += count
    data = b"\x2f" + bits.to_bytes((length + 7) // 8 + 1, "little")  # + 1: chunks have an even length
    chunk = b"VP8L" + struct.pack("<I", len(data)) + data
    return SimpleUploadedFile("wall.webp", b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk, "image/webp")


def test_a_plain_webp_of_the_right_size_is_a_real_image(admin_client):
    author = add_record(admin_client, "author", plain_webp(64, 48))
    with Image.open(author.photo.path) as stored:
        assert (stored.format, stored.size) == ("WEBP", (64, 48))
        assert all(abs(got - sent) <= 3 for got, sent in zip(stored.getpixel((5, 5)), (59, 110, 165), strict=True))


def test_a_small_webp_of_a_huge_image_is_refused_with_the_largest_size_accepted(admin_client, media_root):
    upload = plain_webp(9400, 9400)  # under Pillow's pixel limit, 337 MB once decoded
    assert upload.size < 1000
    assert Image.MAX_IMAGE_PIXELS > 9400 * 9400
    response = submit_form(admin_client, *add_page("author", upload))
    assert response.status_code == 200
    assert form_errors(response)["photo"] == [
        "This image would take 337.1\xa0MB of memory to process; the limit is 128.0\xa0MB. "
        "Make it at most 5792 × 5792 pixels and upload it again."
    ]
    assert not Author.objects.exists()
    assert not stored_files(media_root)


@pytest.mark.parametrize(
    ("upload", "refused"),
    [
        (image_upload("wide.webp", "WEBP", size=(1000, 800)), "Make it at most 572 × 457 pixels"),
        (image_upload("wide.jpg", "JPEG", size=(1000, 800)), "Make it at most 572 × 457 pixels"),
        (image_upload("smaller.webp", "WEBP", size=(572, 457)), None),
        (image_upload("palette.png", "PNG", size=(1000, 800), mode="P"), None),  # one byte a pixel: 0.8 MB
    ],
)
def test_the_memory_budget_counts_the_bytes_a_pixel_takes(admin_client, settings, upload, refused):
    settings.IMAGE_DECODED_MAX_BYTES = 1024 * 1024
    response = submit_form(admin_client, *add_page("initiative", upload))
    if refused:
        assert response.status_code == 200
        assert refused in str(form_errors(response)["image"])
        assert not Initiative.objects.exists()
    else:
        assert response.status_code == 302, form_errors(response)
        assert Initiative.objects.get().image


def test_a_script_cannot_store_an_image_over_the_memory_budget(media_root):
    author = make_author()
    with pytest.raises(ValidationError, match="Make it at most 5792 × 5792 pixels"):
        author.photo.save("wall.webp", plain_webp(9400, 9400))
    assert not stored_files(media_root)


# Replaced and deleted images leave the served MEDIA_ROOT; restoring a version from the history brings its image back.


def served_files(media_root, image):
    """The files under MEDIA_ROOT (served at /media/) that are this stored image or one of its resized copies."""
    stem = image.name.rsplit(".", 1)[0]
    return [
        path
        for path in stored_files(media_root)
        if path == media_root / image.name or (media_root / "CACHE" / "images" / stem) in path.parents
    ]


def with_copies(client, media_root, record):
    """The record's image and the resized copies its admin page preview makes, all under MEDIA_ROOT."""
    assert client.get(change_url(record)).status_code == 200
    files = served_files(media_root, image_of(record))
    assert len(files) == 5, files  # the image, then a small and a large copy in its format and in WebP
    return files


@pytest.fixture
def staff(admin_client, django_capture_on_commit_callbacks):
    """admin_client, each request's changes committed as on a real server."""
    return committing(admin_client, django_capture_on_commit_callbacks)


@pytest.mark.parametrize("kind", IMAGE_FORMS)
def test_replaced_images_and_their_copies_are_no_longer_served(staff, media_root, settings, kind):
    record = add_record(staff, kind, image_upload("first.png", "PNG", size=(900, 600)))
    field = image_of(record).field.name
    replaced, replaced_names = [], []
    for number, image_format in enumerate(["JPEG", "WEBP", "PNG"]):
        replaced += with_copies(staff, media_root, record)
        replaced_names.append(image_of(record).name)
        upload = image_upload(f"next-{number}.{EXTENSIONS[image_format]}", image_format, size=(900, 600))
        response = submit_form(staff, change_url(record), {field: upload})
        assert response.status_code == 302, form_errors(response)
        record.refresh_from_db()

    current = with_copies(staff, media_root, record)
    assert stored_files(media_root) == sorted(current)  # only the image in use and its copies are served
    assert not set(replaced) & set(stored_files(media_root))
    # Kept out of reach for the history, without their copies.
    retired_root = settings.RETIRED_MEDIA_ROOT
    assert stored_files(retired_root) == sorted(retired_root / name for name in replaced_names)


@pytest.mark.parametrize("kind", IMAGE_FORMS)
def test_clearing_an_image_takes_it_off_media_root(staff, media_root, kind):
    record = add_record(staff, kind, image_upload("first.jpg", "JPEG", size=(900, 600)))
    with_copies(staff, media_root, record)
    response = submit_form(staff, change_url(record), {f"{image_of(record).field.name}-clear": "on"})
    assert response.status_code == 302, form_errors(response)
    record.refresh_from_db()
    assert not image_of(record)
    assert not stored_files(media_root)


def test_restoring_an_older_version_from_the_history_serves_its_image_again(staff, client, media_root, settings):
    author = add_record(staff, "author", image_upload("first.png", "PNG", size=(900, 600)))
    first = author.photo.name
    with_copies(staff, media_root, author)
    response = submit_form(staff, change_url(author), {"photo": image_upload("second.jpg", "JPEG")})
    assert response.status_code == 302, form_errors(response)
    author.refresh_from_db()
    second = author.photo.name
    assert not (media_root / first).exists()
    assert (settings.RETIRED_MEDIA_ROOT / first).exists()

    oldest = Version.objects.get_for_object(author).order_by("pk").first()
    revision_url = reverse("admin:activism_author_revision", args=[author.pk, oldest.pk])
    staff.get(revision_url)  # looking at the old version does not put its image back online
    assert not (media_root / first).exists()
    assert (media_root / second).exists()

    response = submit_form(staff, revision_url)
    assert response.status_code == 302, form_errors(response)
    author.refresh_from_db()
    assert author.photo.name == first
    assert (media_root / first).exists()
    assert not (media_root / second).exists()
    assert (settings.RETIRED_MEDIA_ROOT / second).exists()
    page = client.get(author.get_absolute_url()).content.decode()
    assert f'src="{author.photo_small.url}"' in page
    assert (media_root / author.photo_small.name).exists()  # the copy was made again from the restored file


@pytest.mark.parametrize("kind", IMAGE_FORMS)
def test_a_deleted_records_image_and_its_copies_are_no_longer_served(staff, media_root, settings, kind):
    record = add_record(staff, kind, image_upload("first.webp", "WEBP", size=(900, 600)))
    name = image_of(record).name
    with_copies(staff, media_root, record)
    delete_url = reverse(f"admin:activism_{record._meta.model_name}_delete", args=[record.pk])
    response = submit_form(staff, delete_url, {"post": "yes"})
    assert response.status_code == 302
    assert not type(record).objects.filter(pk=record.pk).exists()
    assert not stored_files(media_root)
    assert stored_files(settings.RETIRED_MEDIA_ROOT) == [settings.RETIRED_MEDIA_ROOT / name]


def test_a_recovered_record_brings_its_image_back(staff, media_root):
    author = add_record(staff, "author", image_upload("first.png", "PNG"))
    name = author.photo.name
    submit_form(staff, reverse("admin:activism_author_delete", args=[author.pk]), {"post": "yes"})
    assert not (media_root / name).exists()

    version = Version.objects.get_deleted(Author).get(object_id=str(author.pk))
    response = submit_form(staff, reverse("admin:activism_author_recover", args=[version.pk]))
    assert response.status_code == 302, form_errors(response)
    assert Author.objects.get().photo.name == name
    assert (media_root / name).exists()


def test_a_script_replacing_an_image_retires_the_old_one(media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        author = make_author(photo=image_upload("first.png", "PNG"))
        first = author.photo.name
        author.photo.save("second.png", ContentFile(image_upload("second.png", "PNG").read()))
    assert stored_files(media_root) == [media_root / author.photo.name]
    assert first != author.photo.name
