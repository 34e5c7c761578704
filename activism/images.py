"""Uploaded images: JPEG, PNG or WebP only, within a size limit, stored without metadata, resized for pages.

The people in the photos may be at risk, so no photo may carry out of the site where, when or on what device it
was taken. A SafeImageField checks every new file (its validators, so forms show what is wrong) and stores it
re-encoded from its pixels alone, whatever saves it: the admin, a script or load_demo. The copies that pages show
(rendition() fields, made by django-imagekit on first use) are resized from that clean file.
"""

import logging
from io import BytesIO
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from PIL import Image, ImageOps
from pilkit.processors import ResizeToFit

logger = logging.getLogger(__name__)

# The format Pillow reads -> the format the file is stored in. MPO is the JPEG that many phone cameras write.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": [".jpg", ".jpeg"], "PNG": [".png"], "WEBP": [".webp"]}
SAVE_OPTIONS = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {}, "WEBP": {"quality": 85}}

# The widths of the resized copies pages show: one for cards and small screens, one for wide screens.
SMALL_WIDTH = 480
LARGE_WIDTH = 1200
RENDITION_OPTIONS = {"quality": 85}

IMAGE_HELP_TEXT = _(
    "JPEG, PNG or WebP. The location, date and camera details in the file are removed when it is saved."
)
NOT_AN_IMAGE = _("This file is not an image, or it is damaged. Upload a JPEG, PNG or WebP image.")
TOO_MANY_PIXELS = _(
    "This image has too many pixels to be processed safely (the limit is about %(megapixels)d megapixels). "
    "Make it smaller and upload it again."
)


def open_image(file):
    """The image in a file not stored yet, decoded; a ValidationError saying what is wrong if we do not accept it."""
    if file.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s; the largest accepted is %(limit)s. Make the image smaller and upload it again."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES)},
        )
    limit = Image.MAX_IMAGE_PIXELS  # None switches Pillow's check off
    too_many_pixels = ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"megapixels": (limit or 0) // 10**6}
    )
    file.seek(0)
    try:
        image = Image.open(file)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels from error
    except Exception as error:  # whatever Pillow raises on a file it cannot read
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP image."),
            code="format_not_accepted",
            params={"format": image.format},
        )
    # Pillow only warns between its limit and twice that: refused here all the same.
    if limit and image.width * image.height > limit:
        raise too_many_pixels
    try:
        image.load()
    except Exception as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    return image


def check_image(file):
    """Raise a ValidationError unless the file holds an image we accept; leave it ready to be read again."""
    open_image(file).close()
    file.seek(0)


def validate_image(value):
    """The field's validator: a new file must be an image we accept. A stored file was checked when it came in."""
    if not getattr(value, "_committed", False):
        check_image(value)


def without_metadata(image):
    """The image's pixels the right way up, without EXIF (GPS, date, camera), XMP, ICC profile, comments or text."""
    upright = ImageOps.exif_transpose(image)  # always a new image
    transparency = upright.info.get("transparency")  # part of the pixels: kept
    upright.info = {} if transparency is None else {"transparency": transparency}
    return upright


def clean_copy(file):
    """(format, content): the image in the file re-encoded from its pixels alone, in its own format."""
    with open_image(file) as image:
        image_format = ACCEPTED_FORMATS[image.format]
        clean = without_metadata(image)
    buffer = BytesIO()
    clean.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return image_format, ContentFile(buffer.getvalue())


class SafeImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        # Every way of storing a file comes here: a form's upload (through pre_save), a script, load_demo.
        # The stored name is random: an uploaded name can carry a person's name, a place or a date.
        image_format, content = clean_copy(content)
        super().save(uuid4().hex + EXTENSIONS[image_format][0], content, save)


class SafeImageFormField(forms.ImageField):
    def to_python(self, data):
        # Before Django's own check, which would call a decompression bomb just "not a valid image".
        if data not in self.empty_values and getattr(data, "size", 0):
            check_image(data)
        return super().to_python(data)


class SafeImageField(models.ImageField):
    """An ImageField that accepts only JPEG, PNG and WebP within IMAGE_UPLOAD_MAX_BYTES and Pillow's pixel limit,
    and stores each new file without its metadata."""

    attr_class = SafeImageFieldFile
    default_validators = [*models.ImageField.default_validators, validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})


class StripMetadata:
    """An imagekit processor, so that a copy carries no metadata even from a file stored before SafeImageField."""

    def process(self, image):
        return without_metadata(image)


def rendition(source, width, image_format=None):
    """A copy of the image in the field named `source`, at most `width` pixels wide, in the source's format unless
    image_format says otherwise. A model names them <source>_small, <source>_large, <source>_small_webp and
    <source>_large_webp, the four that picture() looks for."""
    return ImageSpecField(
        source=source,
        processors=[StripMetadata(), ResizeToFit(width=width, upscale=False)],
        format=image_format,
        options=RENDITION_OPTIONS,
    )


def picture(image):
    """What a <picture> element needs for a stored image: the URLs of its copies with their widths, and the size
    of the larger one; None when there is no image or its file cannot be read (the page then shows none)."""
    if not image:
        return None
    record, name = image.instance, image.field.name
    try:
        width, height = image.width, image.height
        if not width or not height:
            raise ValueError("not an image")
        small_width, large_width = min(SMALL_WIDTH, width), min(LARGE_WIDTH, width)
        sources = {}
        for suffix in ["", "_webp"]:
            small = getattr(record, f"{name}_small{suffix}").url
            large = getattr(record, f"{name}_large{suffix}").url
            srcset = [f"{small} {small_width}w"]
            if large_width > small_width:
                srcset.append(f"{large} {large_width}w")
            sources[suffix] = {"small": small, "large": large, "srcset": ", ".join(srcset)}
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("No copies of the image %s could be made.", image.name, exc_info=True)
        return None
    return {
        "src": sources[""]["small"],
        "srcset": sources[""]["srcset"],
        "large": sources[""]["large"],
        "webp_srcset": sources["_webp"]["srcset"],
        "width": large_width,
        "height": max(1, round(height * large_width / width)),
    }
