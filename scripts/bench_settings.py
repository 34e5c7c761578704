"""The site's settings for `make bench` (scripts/benchmark.py): the same, plus a hello-world page to compare with."""

import os
import tempfile
from pathlib import Path

from caiss.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
# With DEBUG off the static files come from collectstatic's manifest; the benchmark collects them here, outside the
# working tree.
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", Path(tempfile.gettempdir()) / "caiss-bench-static"))
