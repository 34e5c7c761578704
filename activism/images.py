"""Uploaded images: JPEG, PNG or WebP only, within a size limit, stored without metadata, resized for pages.

The people in the photos may be at risk, so no photo may carry out of the site where, when or on what device it
was taken. A SafeImageField checks every new file (its validators, so forms show what is wrong) and stores it
re-encoded from its pixels alone, whatever saves it: the admin, a script or load_demo. The copies that pages show
(rendition() fields, made by django-imagekit on first use) are resized from that clean file.

Decoding is bounded before it starts: the pixel limit of Pillow and a memory budget (IMAGE_DECODED_MAX_BYTES).

Only the images records name are served: when a change is committed, a replaced, cleared or deleted image moves
from the served storage (STORAGES["default"]: MEDIA_ROOT, or the bucket's media/ prefix) to STORAGES["retired"]
(RETIRED_MEDIA_ROOT, a folder the web server does not serve, or a private prefix or bucket), and its copies are
deleted. The history (django-reversion) can restore a version naming it: that save brings the file back, and its
copies are made again on first use. Files are read and written through the storages only, never by path.
"""

import logging
import math
import os
import posixpath
from contextlib import suppress
from functools import partial
from io import BytesIO
from uuid import uuid4

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from imagekit.cachefiles import ImageCacheFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.models import ImageSpecField
from imagekit.models.fields.utils import ImageSpecFileDescriptor
from PIL import Image, ImageMode, ImageOps
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
TOO_MUCH_MEMORY = _(
    "This image would take %(needed)s of memory to process; the limit is %(limit)s. Make it at most "
    "%(width)d × %(height)d pixels and upload it again."
)


def decoded_size(image):
    """The bytes Pillow needs to hold the image decoded, read from its header: width × height × the bytes a pixel
    of its mode takes. Pillow keeps a one-band pixel in its own size (1 byte for black and white, grey and palette
    images, 2 or 4 for 16- and 32-bit ones) and a pixel of several bands (RGB, RGBA, CMYK...) in 4 bytes."""
    mode = ImageMode.getmode(image.mode)
    bytes_per_pixel = int(mode.typestr[2:]) if len(mode.bands) == 1 else 4
    return image.width * image.height * bytes_per_pixel


def check_decoded_size(image):
    """Refuse an image whose decoded pixels would not fit in IMAGE_DECODED_MAX_BYTES, before decoding it: a small
    file can hold a plain image of thousands of pixels on each side, which takes seconds and gigabytes to decode
    and process even under Pillow's pixel limit."""
    needed, limit = decoded_size(image), settings.IMAGE_DECODED_MAX_BYTES
    if needed <= limit:
        return
    scale = math.sqrt(limit / needed)  # the largest image of the same shape within the limit
    raise ValidationError(
        TOO_MUCH_MEMORY,
        code="too_much_memory",
        params={
            "needed": filesizeformat(needed),
            "limit": filesizeformat(limit),
            "width": math.floor(image.width * scale),
            "height": math.floor(image.height * scale),
        },
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
    # Pillow reads a copy of the bytes: it closes the file it reads a PNG from when the image is closed, and the
    # upload must stay open for Django's own checks and for saving.
    file.seek(0)
    data = BytesIO(file.read())
    file.seek(0)
    try:
        image = Image.open(data)
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
    check_decoded_size(image)
    try:
        image.load()
    except Exception as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    return image


def check_image(file):
    """Raise a ValidationError unless the file holds an image we accept; leave it ready to be read again."""
    open_image(file).close()


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
    """An ImageField that accepts only JPEG, PNG and WebP within IMAGE_UPLOAD_MAX_BYTES, Pillow's pixel limit and
    IMAGE_DECODED_MAX_BYTES, stores each new file without its metadata, and keeps in the served storage only the
    files records name: a replaced or deleted image moves to the retired storage (never served) and its resized
    copies are deleted; a version restored from the history brings its file back."""

    attr_class = SafeImageFieldFile
    default_validators = [*models.ImageField.default_validators, validate_image]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Signals, not save(): django-reversion restores a version with a raw save, which skips save() and the
            # field's pre_save() but still sends these.
            signals.pre_save.connect(self.record_saving, sender=cls)
            signals.post_delete.connect(self.record_deleted, sender=cls)

    def record_saving(self, instance, raw, using, update_fields, **kwargs):
        if update_fields is not None and self.name not in update_fields:
            return
        file = getattr(instance, self.attname)
        # A new upload is stored under a new name when the row is written: only the file it replaces matters.
        named = (file.name or "") if file._committed else ""
        stored = self.stored_name(instance, using)
        if named != stored:
            self.put_files_in_place_on_commit({named, stored}, using)

    def stored_name(self, instance, using):
        """The file the record's row names in the database, before this save writes it."""
        if instance.pk is None:
            return ""
        rows = self.model._base_manager.using(using).filter(pk=instance.pk)
        return rows.values_list(self.attname, flat=True).first() or ""

    def record_deleted(self, instance, using, **kwargs):
        self.put_files_in_place_on_commit({getattr(instance, self.attname).name}, using)

    def put_files_in_place_on_commit(self, names, using):
        # Once the change is committed: a save that fails, or a history page showing a version without restoring
        # it (reversion rolls that back), moves nothing.
        names = sorted(name for name in names if name)
        if names:
            transaction.on_commit(partial(self.put_files_in_place, names, using), using=using)

    def put_files_in_place(self, names, using):
        """Each file in the served storage if a record names it, else in the retired one without its copies."""
        for name in names:
            try:
                if self.model._base_manager.using(using).filter(**{self.attname: name}).exists():
                    self.bring_back(name)
                else:
                    self.retire(name)
            except Exception:
                logger.exception("The image %s could not be moved in or out of the retired storage.", name)

    def retire(self, name):
        if self.storage.exists(name):
            move_file(name, self.storage, storages["retired"])
        caches["shared"].delete(
            size_key(name)
        )  # picture() then finds no file, and makes no copies of it while it is away
        for copy in self.renditions(name):
            copy.storage.delete(copy.name)
            copy.cachefile_backend.set_state(copy, CacheFileState.DOES_NOT_EXIST)
            remove_empty_folder(copy.storage, posixpath.dirname(copy.name))

    def bring_back(self, name):
        retired = storages["retired"]
        if not self.storage.exists(name) and retired.exists(name):
            move_file(name, retired, self.storage)  # its copies are made again on first use

    def renditions(self, name):
        """The resized copies django-imagekit makes from the stored file `name` (rendition() fields naming this
        field as their source), whether made yet or not."""
        source = self.attr_class(None, self, name)
        for model in self.model.__mro__:
            for attribute in vars(model).values():
                if isinstance(attribute, ImageSpecFileDescriptor) and attribute.source_field_name == self.name:
                    yield ImageCacheFile(attribute.field.get_spec(source=source))


def move_file(name, source, target):
    """Move the stored file `name` from one storage to another, under the same name."""
    with source.open(name, "rb") as content:
        target.delete(name)  # an older copy of the same file
        saved = target.save(name, content)
    if saved != name:  # saved under another name: the record would not find it there
        target.delete(saved)
        raise OSError(f"{name} could not be saved under its own name.")
    source.delete(name)


def remove_empty_folder(storage, folder):
    """Remove a folder left empty on local disk; object storage has no folders (storage.path() raises)."""
    with suppress(NotImplementedError, OSError):  # not on this disk, not empty, or gone already
        os.rmdir(storage.path(folder))


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


def stored_size(image):
    """(width, height) of a stored image. Django reads them from the file, and on object storage opening a file
    downloads all of it: so each name's size is kept in the cache, with no end, since a name is random and never
    given to another file. retire() forgets it: a file away in the retired storage has no size to show."""
    cache = caches["shared"]  # one for every process: retire() in one must reach the others
    size = cache.get(size_key(image.name))
    if size is None:
        size = (image.width, image.height)
        if all(size):
            cache.set(size_key(image.name), size, timeout=None)
    return size


def size_key(name):
    return f"image-size:{name}"


def picture(image):
    """What a <picture> element needs for a stored image: the URLs of its copies with their widths, and the size
    of the larger one; None when there is no image or its file cannot be read (the page then shows none)."""
    if not image:
        return None
    record, name = image.instance, image.field.name
    try:
        width, height = stored_size(image)
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
