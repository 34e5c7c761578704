from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def site(request):
    return {"SHOW_DEMO_NOTICE": settings.SHOW_DEMO_NOTICE}


def language_alternates(request):
    """This page in each language (same record, same filters): for the switcher and the hreflang links."""
    current = get_language()
    path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    default_url = next(item["url"] for item in alternates if item["code"] == settings.LANGUAGE_CODE)
    return {"language_alternates": alternates, "default_language_url": default_url}
