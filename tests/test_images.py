import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from activism.models import Author, Initiative

from .conftest import image_upload, log_in, make_author, make_initiative, make_post

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
ROTATED_90 = 6  # the camera was held upright: the stored pixels lie on their side


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("researcher", "", "a-long-test-password")
    log_in(client, user)
    return client


def photo_with_location(size=(1600, 1000), image_format="JPEG"):
    """A camera photo as a phone writes it: GPS position, camera make, orientation, XMP and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = ROTATED_90
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 53.0, 10.0)})
    image = Image.effect_noise(size, 60).convert("RGB")  # noise: a file as big as a real photo
    buffer = io.BytesIO()
    extra = {"comment": b"taken at the protest"} if image_format == "JPEG" else {}
    image.save(buffer, image_format, exif=exif, xmp=b"<x:xmpmeta>GPSLatitude 43.25</x:xmpmeta>", **extra)
    data = buffer.getvalue()
    # The metadata is really there before the upload.
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(GPS_IFD)[2] == (43.0, 15.0, 30.0)
        assert check.getexif()[ORIENTATION] == ROTATED_90
    return data


def assert_no_metadata(file):
    file.open("rb")
    data = file.read()
    file.close()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
    assert b"Exif" not in data
    assert b"GPSLatitude" not in data
    assert b"PhoneMaker" not in data
    assert b"taken at the protest" not in data
    return data


def author_form(**overrides):
    return {"name_en": "Aigerim Demo", "slug": "aigerim-demo", "loaded_version": "", **overrides}


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def form_errors(response):
    return response.context["adminform"].form.errors


def test_a_photo_added_in_the_admin_is_stored_without_its_location(admin_client, media_root):
    data = photo_with_location()
    response = admin_client.post(
        reverse("admin:activism_author_add"), author_form(photo=SimpleUploadedFile("me.jpg", data, "image/jpeg"))
    )
    assert response.status_code == 302, form_errors(response)
    photo = Author.objects.get().photo
    assert photo.name.startswith("authors/") and photo.name.endswith(".jpg")
    assert_no_metadata(photo)
    with Image.open(photo.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (1000, 1600)  # turned upright, as the camera meant it, before the orientation went


def test_an_image_uploaded_on_the_change_form_is_stored_without_its_location(admin_client):
    initiative = make_initiative("Green Almaty")
    data = {
        "name_en": initiative.name,
        "slug": initiative.slug,
        "summary_en": initiative.summary,
        "themes": [theme.pk for theme in initiative.themes.all()],
        "form": initiative.form,
        "activity_status": initiative.activity_status,
        "publication_status": initiative.publication_status,
        "image": SimpleUploadedFile("march.webp", photo_with_location(image_format="WEBP"), "image/webp"),
        "image_alt_en": "People with banners",
        "loaded_version": initiative.version,
        **{f"{prefix}-{count}": "0" for prefix in ("links", "sources") for count in ("TOTAL_FORMS", "INITIAL_FORMS")},
    }
    response = admin_client.post(reverse("admin:activism_initiative_change", args=[initiative.pk]), data)
    assert response.status_code == 302, form_errors(response)
    initiative.refresh_from_db()
    assert initiative.image.name.endswith(".webp")
    assert_no_metadata(initiative.image)

    page = admin_client.get(reverse("admin:activism_initiative_change", args=[initiative.pk]))
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
    response = admin_client.post(reverse("admin:activism_author_add"), author_form(photo=upload))
    assert response.status_code == 200
    assert "too many pixels" in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


def test_an_image_over_the_pixel_limit_is_refused_even_when_pillow_only_warns(admin_client, media_root):
    upload = bomb((10000, 10000))  # 100 megapixels: over Pillow's limit, under twice it
    with pytest.warns(Image.DecompressionBombWarning):
        response = admin_client.post(reverse("admin:activism_author_add"), author_form(photo=upload))
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
    response = admin_client.post(reverse("admin:activism_author_add"), author_form(photo=upload))
    assert response.status_code == 200
    assert message in str(form_errors(response)["photo"])
    assert not Author.objects.exists()
    assert not stored_files(media_root)


def test_a_damaged_image_is_refused(admin_client, media_root):
    data = photo_with_location()
    upload = SimpleUploadedFile("cut.jpg", data[: len(data) // 2], "image/jpeg")
    response = admin_client.post(reverse("admin:activism_author_add"), author_form(photo=upload))
    assert response.status_code == 200
    assert "This file is not an image, or it is damaged" in str(form_errors(response)["photo"])
    assert not stored_files(media_root)


def test_a_file_over_the_size_limit_is_refused(admin_client, media_root, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 50_000
    upload = SimpleUploadedFile("big.jpg", photo_with_location(), "image/jpeg")
    assert upload.size > 50_000
    response = admin_client.post(reverse("admin:activism_author_add"), author_form(photo=upload))
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
