from django.conf import settings


def site(request):
    return {"SHOW_DEMO_NOTICE": settings.SHOW_DEMO_NOTICE}
