"""Settings for the CAISS Activist Map, read from the environment and safe by default."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV, XLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 for local development.")
    SECRET_KEY = "insecure-local-development-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, so translated fields show there
    "caiss.apps.AdminConfig",  # the admin, asking every staff member for a second factor (caiss/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "leaflet",
    "reversion",
    "reversion_compare",
    "import_export",
    "imagekit",  # the resized copies of images that pages show
    # Staff accounts: one-time codes from an authenticator app (TOTP) and backup codes, the login and setup
    # pages that ask for them, and the lockout after repeated failed logins.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    "django_tasks",
    "django_tasks_db",  # the queue of background work (large imports), in the database
    "csp",
    "activism",
]

MIDDLEWARE = [
    # First, so that their headers are on every response: redirects, static files and error pages included.
    "activism.middleware.PermissionsPolicyMiddleware",
    "activism.middleware.StaffPagesNotCachedMiddleware",
    # A revisit with the page's ETag or date gets 304 Not Modified, whether the page came from the cache or not.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages kept in the cache (CAISS_PAGE_CACHE_SECONDS). Before the others, so that it sees the cookies and
    # Vary headers they add before storing a page, and they add their headers to a page served from the cache.
    "activism.middleware.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed the second factor
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "activism.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, with the images' origin
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: answers a locked-out login with its page
]

ROOT_URLCONF = "caiss.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "activism.context_processors.site",
                "activism.context_processors.language_alternates",
            ],
        },
    },
]

WSGI_APPLICATION = "caiss.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A connection kept open is checked before each request reuses it: after a database restart, a dead one is
        # replaced instead of failing the request.
        conn_health_checks=True,
    )
}
# The same database through a connection of its own: a background import notes its progress there, so the admin sees
# it while the import's transaction is still open (PostgreSQL; SQLite lets one connection write at a time, see
# activism/tasks.py).
DATABASES["progress"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6's default: a typed "example.org" becomes https://

# Django's caches. "default" holds the public pages (activism/middleware.py, PublicPageCacheMiddleware) and the notes of
# django-imagekit on which resized images exist; "shared" holds the version of the public content those pages are kept
# under (activism/page_cache.py), which every process must read alike: a change made in one (the admin, the import
# worker) must reach the pages of all. With REDIS_URL (e.g. redis://127.0.0.1:6379/0) both live on that Redis server,
# shared by every process on every machine. Without it, each process keeps its pages in its own memory and the version
# in a folder on disk, shared by the processes of this machine (gunicorn's workers, the task worker): enough for one
# server, never stale; several servers need Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CAISS_SHARED_CACHE_DIR", BASE_DIR / ".cache"),
            # Room for the notes on every image's copies; past it, a third of the notes go and are made again.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }
# How long a public page is kept in the cache, in seconds; 0 keeps none. A change to any public record makes every
# cached page stale at once (activism/page_cache.py).
CAISS_PAGE_CACHE_SECONDS = int(os.environ.get("CAISS_PAGE_CACHE_SECONDS", "600"))

# Staff accounts (README, "Staff accounts"). Logging in takes a password and a code from an authenticator app;
# the admin refuses a session that has not passed both (caiss/admin.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the password is hashed
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
TWO_FACTOR_PATCH_ADMIN = False  # the admin site in caiss/admin.py does it, and checks the second factor too
OTP_TOTP_ISSUER = "CAISS Activist Map"  # the name authenticator apps show next to the code
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key

# A staff session ends after an hour without a request; each request starts the hour again. Anonymous visitors
# get no session and no cookie: an empty session is never saved.
SESSION_COOKIE_AGE = 60 * 60
SESSION_SAVE_EVERY_REQUEST = True

# Failed logins (django-axes). Five failures for one username from one address lock that pair out for 30
# minutes from the last try; the right password is refused too until then, or until a superuser runs
# `manage.py axes_reset_username <name>`. Locking by username alone would let anyone who knows a researcher's
# username lock her out from anywhere; by address alone would lock out a whole office behind one address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "activism.views.site.locked_out"
AXES_VERBOSE = False  # no banner on every manage.py command; failures are still logged, names and addresses masked
# What a failed login posted is kept for the admin, less these fields (the login form's carry its step name).
AXES_PASSWORD_FORM_FIELD = "auth-password"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "token-otp_token", "backup-otp_token", "csrfmiddlewaretoken"]
# The client's address. Directly on the internet it is the connection's own (a client can write any
# X-Forwarded-For). Behind the one reverse proxy of DJANGO_BEHIND_PROXY it is the last X-Forwarded-For entry,
# the one the proxy added (nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for).
if env_bool("DJANGO_BEHIND_PROXY"):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = 0  # entries after the client's: none, the proxy's own address is REMOTE_ADDR
    IPWARE_STRICT = False  # a client's own X-Forwarded-For entries come before the proxy's and are skipped
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Kazakh, Russian and English, for the interface and the records. URLs carry the language: /kk/, /ru/, /en/.
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
# The language for visitors whose browser prefers none of the three, and the one every record must have.
LANGUAGE_CODE = os.environ.get("CAISS_DEFAULT_LANGUAGE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"CAISS_DEFAULT_LANGUAGE must be one of {', '.join(dict(LANGUAGES))}.")
# locale/ is ours, written by makemessages from our sources. locale_overrides/ is kept by hand: Russian and Kazakh for
# msgids of Django and the libraries (the admin's messages in the case Russian and Kazakh need, django-import-export,
# django-reversion, reversion-compare and two-factor labels that have no Kazakh), which makemessages would mark
# obsolete in locale/. An earlier entry wins over a later one, and both over the libraries' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
FORMAT_MODULE_PATH = ["caiss.formats"]

# A record missing text in the visitor's language shows the closest other language (and says so on the page).
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "ru", "kk"),
    "en": ("ru", "kk"),
    "ru": ("en", "kk"),
    "kk": ("ru", "en"),
}
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The largest image file accepted (initiative images, post covers, author photos), in MB; see activism/images.py.
IMAGE_UPLOAD_MAX_BYTES = int(os.environ.get("CAISS_IMAGE_MAX_MB", "10")) * 1024 * 1024
# The most memory an image may take once decoded, in MB (width × height × bytes per pixel): 128 MB lets in a
# 33-megapixel photo, and keeps a small file of a huge plain image from taking seconds and gigabytes to process.
IMAGE_DECODED_MAX_BYTES = int(os.environ.get("CAISS_IMAGE_MAX_DECODED_MB", "128")) * 1024 * 1024
# Where replaced and deleted images go: a folder the web server must NOT serve. A version restored from the
# history brings its image back into MEDIA_ROOT. See activism/images.py.
RETIRED_MEDIA_ROOT = Path(os.environ.get("CAISS_RETIRED_MEDIA_ROOT", BASE_DIR / "retired-media"))
if RETIRED_MEDIA_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):
    raise ImproperlyConfigured("CAISS_RETIRED_MEDIA_ROOT must not be inside DJANGO_MEDIA_ROOT: it would be served.")


def media_storages(environ, retired_media_root):
    """STORAGES["default"], where uploaded images and their resized copies are kept and served from, and
    STORAGES["retired"], where replaced and deleted images are kept for the history and never served.

    On local disk (MEDIA_ROOT, retired_media_root) unless environ["DJANGO_MEDIA_STORAGE"] is "s3": then in an S3
    bucket (AWS, MinIO...) that every app server shares, named by the AWS_* variables of environ (README, "Media on
    object storage"). Objects get no ACL, so they are private but where the bucket policy lets anyone read the
    media/ prefix; images are linked without signatures, so a page's addresses stay the same from one view to the
    next and can be cached. Retired images are under retired/ (or in CAISS_RETIRED_MEDIA_BUCKET), read only with
    the keys or a signed address. No name is ever overwritten: two servers saving at once keep both files.
    """
    kind = environ.get("DJANGO_MEDIA_STORAGE", "local")
    if kind == "local":
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "retired": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": retired_media_root},
            },
        }
    if kind != "s3":
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be local or s3.")
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("Set AWS_STORAGE_BUCKET_NAME when DJANGO_MEDIA_STORAGE is s3.")
    connection = {
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,  # unset for AWS itself
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Unset: boto3 looks for credentials itself (its files, the machine's role).
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "default_acl": None,  # no ACL: buckets where ACLs are turned off accept the files too
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": bucket,
                "location": "media",
                "querystring_auth": False,
                "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                # An hour in browsers and a CDN: a removed image stops being shown within the hour.
                "object_parameters": {"CacheControl": "public, max-age=3600"},
            },
        },
        "retired": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": environ.get("CAISS_RETIRED_MEDIA_BUCKET") or bucket,
                "location": "retired",
                "querystring_auth": True,
                "custom_domain": None,  # a CDN address would not be signed
            },
        },
    }


STORAGES = {
    **media_storages(os.environ, RETIRED_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# django-imagekit makes the resized copies in STORAGES["default"], beside the images, and notes which exist in the
# "shared" cache: a process with notes of its own would go on linking the copies another one deleted when their image
# was replaced. With several app servers that is Redis (REDIS_URL).
IMAGEKIT_DEFAULT_FILE_STORAGE = "default"
IMAGEKIT_CACHE_BACKEND = "shared"
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Security: strict in production, relaxed only where DEBUG needs plain HTTP.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The public map: tiles are the only thing a page loads from another server.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get(
    "MAP_TILES_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
MAP_CENTER = (48.0, 67.5)
MAP_ZOOM = 5


def tile_origin(tiles_url):
    """The scheme and host of the map tile server, with Leaflet's {s} subdomains as a wildcard."""
    parts = urlsplit(tiles_url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


# The Content-Security-Policy of public pages (django-csp): nothing from other servers but map tiles and, on object
# storage, the uploaded images (their origin is added by activism.middleware.ContentSecurityPolicyMiddleware); no
# inline script or style; no framing by other sites, except the embeddable map (CAISS_EMBED_FRAME_ANCESTORS).
# The admin has none: django-leaflet's map widget writes inline script.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", tile_origin(MAP_TILES_URL)],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The sites that may show the embeddable map (/<lang>/embed/map/) in a frame: any (*), or their origins, e.g.
# "https://news.example.org https://ngo.example.kz". Every other page refuses to be framed.
CAISS_EMBED_FRAME_ANCESTORS = os.environ.get("CAISS_EMBED_FRAME_ANCESTORS", "*").split()

# The licence of the open data files (/data/): Creative Commons Attribution unless CAISS chooses another.
OPEN_DATA_LICENCE_NAME = os.environ.get("OPEN_DATA_LICENCE_NAME", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": MAP_CENTER,
    "DEFAULT_ZOOM": MAP_ZOOM,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 18,
    "TILES": [("OpenStreetMap", MAP_TILES_URL, {"attribution": MAP_TILES_ATTRIBUTION, "maxZoom": 18})],
    "RESET_VIEW": False,
}

# Import and export in the admin (django-import-export): CSV and XLSX only. Importing needs the "add" permission
# of the model, exporting the "view" one; an import with an error in any row writes nothing.
IMPORT_EXPORT_FORMATS = [CSV, XLSX]
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The site's own limits, checked before a file is read (stated on the import page). An XLSX file is a zip archive:
# its unpacked size is checked before it is opened, so a small file that unpacks to gigabytes is refused at once.
IMPORT_MAX_FILE_MB = int(os.environ.get("CAISS_IMPORT_MAX_FILE_MB", "20"))
IMPORT_MAX_UNPACKED_MB = int(os.environ.get("CAISS_IMPORT_MAX_UNPACKED_MB", "200"))
IMPORT_MAX_ROWS = int(os.environ.get("CAISS_IMPORT_MAX_ROWS", "20000"))
# A file of more rows than this is previewed, then imported, in the background, by the task worker (`manage.py
# db_worker`, started by `make run`); the admin shows the progress, the preview and the result.
IMPORT_BACKGROUND_ROWS = int(os.environ.get("CAISS_IMPORT_BACKGROUND_ROWS", "500"))
# A background preview not confirmed within this many hours is abandoned and its stored file deleted.
IMPORT_PREVIEW_HOURS = int(os.environ.get("CAISS_IMPORT_PREVIEW_HOURS", "24"))

# Background work (django-tasks, the backport of Django 6's tasks): queued in the database, no broker to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Suggestions from the public (/suggest/; README, "Suggestions"). The optional contact address a visitor leaves is
# blanked after this many days by `manage.py forget_suggestion_contacts` (run daily from cron); the form says so.
SUGGESTION_CONTACT_DAYS = int(os.environ.get("CAISS_SUGGESTION_CONTACT_DAYS", "90"))
# Spam without a third-party captcha: a form sent sooner than this after it was shown is refused, and one address may
# send this many an hour (counted in the "default" cache: per process without REDIS_URL, shared with it).
SUGGESTION_MIN_SECONDS = int(os.environ.get("CAISS_SUGGESTION_MIN_SECONDS", "5"))
SUGGESTIONS_PER_HOUR = int(os.environ.get("CAISS_SUGGESTIONS_PER_HOUR", "5"))
# The address the about page gives for reaching CAISS; not shown when empty.
CONTACT_EMAIL = os.environ.get("CAISS_CONTACT_EMAIL", "")

# E-mail: editors get a notice of each new suggestion. Printed to the console unless EMAIL_BACKEND says otherwise
# (django.core.mail.backends.smtp.EmailBackend with the EMAIL_HOST... variables below).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Whoever submitted a record or a change for review hears by e-mail when it is published, approved or sent back.
REVIEW_EMAILS = env_bool("CAISS_REVIEW_EMAILS", True)

# Shown on every page: the records are demonstration data until CAISS publishes its own.
SHOW_DEMO_NOTICE = env_bool("CAISS_SHOW_DEMO_NOTICE", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
