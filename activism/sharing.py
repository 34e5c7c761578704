"""Links that share a page on messengers and social networks, or by e-mail.

Plain links only: the page loads nothing from these services (no script, frame or image), so they learn of a visitor
only when that visitor follows one.
"""

from urllib.parse import quote, urlencode

from django.utils.translation import gettext


def encoded(**params):
    # %20 for spaces, not the + of web forms, which a mailto: link would show as it is.
    return urlencode(params, quote_via=quote)


def share_links(url, title):
    """(service, address) pairs that share the page at `url` (absolute) under its `title`."""
    return [
        ("Telegram", f"https://t.me/share/url?{encoded(url=url, text=title)}"),
        ("WhatsApp", f"https://wa.me/?{encoded(text=f'{title} {url}')}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{encoded(u=url)}"),
        ("X", f"https://twitter.com/intent/tweet?{encoded(url=url, text=title)}"),
        ("VK", f"https://vk.com/share.php?{encoded(url=url)}"),
        (gettext("E-mail"), f"mailto:?{encoded(subject=title, body=url)}"),
    ]
