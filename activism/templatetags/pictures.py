from django import template

from ..images import picture as picture_of

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, alt="", sizes="100vw", css_class=""):
    """A stored image as a <picture>: resized copies in WebP and in the image's format, never the uploaded file.

    {% picture object.image alt=object.image_alt sizes="(min-width: 56rem) 46rem, 100vw" %}
    """
    return {"picture": picture_of(image), "alt": alt, "sizes": sizes, "css_class": css_class}


@register.simple_tag
def large_image_url(image):
    """The URL of the image's larger copy (for og:image), or "" when it has none."""
    found = picture_of(image)
    return found["large"] if found else ""
