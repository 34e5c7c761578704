"""Images on S3-compatible object storage (DJANGO_MEDIA_STORAGE=s3), against a real local S3 server: moto's."""

import io
import json
import logging
import re
import socket
import urllib.error
import urllib.request
from uuid import uuid4

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image
from reversion.models import Version

from caiss.settings import media_storages

from .conftest import (
    assert_no_metadata,
    committing,
    form_errors,
    image_upload,
    make_initiative,
    photo_with_location,
    save_through_admin,
    stored_files,
    submit_form,
)

pytestmark = pytest.mark.django_db

KEYS = {"AWS_ACCESS_KEY_ID": "caiss-test", "AWS_SECRET_ACCESS_KEY": "caiss-test-secret"}
REGION = "us-east-1"


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture(scope="module")
def s3_endpoint():
    """A local S3 server (moto's) on a free port of 127.0.0.1, for the tests of this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        # start() would wait for ever on a server that cannot listen: check first that a port can be had.
        socket.create_server(("127.0.0.1", 0)).close()
        server.start()
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        s3_client(endpoint).list_buckets()
    except Exception as error:  # whatever keeps the server from starting or answering
        pytest.skip(f"moto's S3 server could not start on 127.0.0.1: {error!r}")
    yield endpoint
    server.stop()


class Bucket:
    """A bucket set up as README ("Media on object storage") tells: anyone may read what is under media/."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.name = f"caiss-media-{uuid4().hex[:12]}"
        self.client = s3_client(endpoint)
        self.client.create_bucket(Bucket=self.name)
        public_images = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{self.name}/media/*",
        }
        policy = {"Version": "2012-10-17", "Statement": [public_images]}
        self.client.put_bucket_policy(Bucket=self.name, Policy=json.dumps(policy))

    def objects(self):
        """The keys of the objects in the bucket."""
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def download(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def public_url(self, key):
        """The object's address without a signature, as anyone on the internet would ask for it."""
        return f"{self.endpoint}/{self.name}/{key}"


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A bucket of its own for the test, and the site's settings for it, as settings.py builds them from these
    environment variables."""
    bucket = Bucket(s3_endpoint)
    environment = {
        "DJANGO_MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket.name,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
        **KEYS,
    }
    settings.STORAGES = {**settings.STORAGES, **media_storages(environment, settings.RETIRED_MEDIA_ROOT)}
    return bucket


@pytest.fixture
def editor_committing(editor, django_capture_on_commit_callbacks):
    return committing(editor, django_capture_on_commit_callbacks)


def fetch(url):
    """(status, body) of a plain GET, with no credentials: what a visitor's browser gets."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def copies(bucket, image_name):
    """The keys of the resized copies django-imagekit made of the stored image."""
    stem = image_name.rsplit(".", 1)[0]
    return [key for key in bucket.objects() if key.startswith(f"media/CACHE/images/{stem}/")]


def image_addresses(bucket, page):
    """The addresses in the page that lead to the bucket."""
    return set(re.findall(re.escape(bucket.public_url("")) + r"[^\s\"',]+", page.content.decode()))


def assert_served_copies(client, bucket, initiative, image_format):
    """The public page links the four resized copies of the initiative's image, in the bucket, and each of them
    opens for anyone: two widths, in the image's format and in WebP."""
    page = client.get(initiative.get_absolute_url())
    assert page.status_code == 200
    made = copies(bucket, initiative.image.name)
    assert len(made) == 4, bucket.objects()
    addresses = image_addresses(bucket, page)
    assert addresses == {bucket.public_url(key) for key in made}
    assert bucket.public_url(f"media/{initiative.image.name}") not in page.content.decode()  # never the original
    formats, widths = set(), set()
    for address in addresses:
        status, data = fetch(address)
        assert status == 200, address
        with Image.open(io.BytesIO(data)) as copy:
            formats.add(copy.format)
            widths.add(copy.width)
    assert formats == {image_format, "WEBP"}
    assert widths == {480, 1000}
    return page


def upload_banner(editor, initiative):
    """The editor gives the initiative a PNG image through its admin page; returns the stored name."""
    save_through_admin(
        editor,
        initiative,
        image=image_upload("banner.png", "PNG", size=(1000, 700)),
        image_alt_en="People with banners",
    )
    initiative.refresh_from_db()
    return initiative.image.name


def test_images_an_editor_uploads_are_stored_in_the_bucket_without_their_location(
    editor_committing, client, bucket, media_root, settings, caplog
):
    caplog.set_level(logging.INFO, logger="werkzeug")  # the S3 server's log of the requests it answers
    initiative = make_initiative("Green Almaty")
    png = upload_banner(editor_committing, initiative)
    assert png.startswith("initiatives/") and png.endswith(".png")
    assert f"media/{png}" in bucket.objects()
    with Image.open(io.BytesIO(bucket.download(f"media/{png}"))) as stored:
        assert (stored.format, stored.size) == ("PNG", (1000, 700))

    photo = SimpleUploadedFile("march.jpg", photo_with_location(size=(1600, 1000)), "image/jpeg")
    save_through_admin(editor_committing, initiative, image=photo)
    initiative.refresh_from_db()
    jpeg = initiative.image.name
    assert jpeg.endswith(".jpg")
    data = assert_no_metadata(ContentFile(bucket.download(f"media/{jpeg}")))
    with Image.open(io.BytesIO(data)) as stored:
        assert (stored.format, stored.size) == ("JPEG", (1000, 1600))  # upright, as the camera meant it

    page = assert_served_copies(client, bucket, initiative, "JPEG")
    for address in image_addresses(bucket, page):
        assert_no_metadata(ContentFile(fetch(address)[1]))
    # Once the copies are made, showing the page again downloads nothing from the bucket, the original least of all.
    caplog.clear()
    assert client.get(initiative.get_absolute_url()).content == page.content
    assert not [record for record in caplog.records if bucket.name in record.getMessage()]
    image_sources = page["Content-Security-Policy"].split("img-src ")[1].split(";")[0].split()
    assert bucket.endpoint in image_sources  # the browser may load the images from the bucket

    assert not stored_files(media_root)  # nothing on the app server's disk
    assert not stored_files(settings.RETIRED_MEDIA_ROOT)


def test_a_replaced_image_is_kept_private_and_restoring_the_version_brings_it_back(
    editor_committing, client, bucket, media_root, settings
):
    initiative = make_initiative("Green Almaty")
    png = upload_banner(editor_committing, initiative)
    assert_served_copies(client, bucket, initiative, "PNG")

    photo = SimpleUploadedFile("march.jpg", photo_with_location(size=(1600, 1000)), "image/jpeg")
    save_through_admin(editor_committing, initiative, image=photo)
    initiative.refresh_from_db()
    jpeg = initiative.image.name
    assert_served_copies(client, bucket, initiative, "JPEG")

    # The PNG left the public prefix, its copies are gone, and it is kept where only the site's keys reach it.
    assert f"media/{png}" not in bucket.objects()
    assert not copies(bucket, png)
    assert f"retired/{png}" in bucket.objects()
    assert fetch(bucket.public_url(f"retired/{png}"))[0] == 403
    assert fetch(bucket.public_url(f"media/{png}"))[0] != 200
    status, data = fetch(storages["retired"].url(png))  # a signed address, made with the keys
    assert status == 200
    with Image.open(io.BytesIO(data)) as retired:
        assert retired.format == "PNG"

    oldest = Version.objects.get_for_object(initiative).order_by("pk").first()
    revision_url = reverse("admin:activism_initiative_revision", args=[initiative.pk, oldest.pk])
    response = submit_form(editor_committing, revision_url)
    assert response.status_code == 302, form_errors(response)
    initiative.refresh_from_db()
    assert initiative.image.name == png
    keys = bucket.objects()
    assert f"media/{png}" in keys and f"retired/{png}" not in keys
    assert f"retired/{jpeg}" in keys and f"media/{jpeg}" not in keys
    assert not copies(bucket, jpeg)
    assert fetch(bucket.public_url(f"retired/{jpeg}"))[0] == 403
    assert_served_copies(client, bucket, initiative, "PNG")  # made again from the restored file

    assert not stored_files(media_root)
    assert not stored_files(settings.RETIRED_MEDIA_ROOT)
