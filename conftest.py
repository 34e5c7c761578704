import os

# The test settings: local development defaults, so the suite runs without any configuration.
os.environ.setdefault("DJANGO_DEBUG", "1")
