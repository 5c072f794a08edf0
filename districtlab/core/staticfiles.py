"""Static files for production: hashed, compressed names (WhiteNoise), collected again only when a source changed."""
import fcntl
import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from whitenoise.storage import CompressedManifestStaticFilesStorage

# collectstatic's own default, and the API documentation's second viewer (ReDoc), which no page offers
IGNORE = ["CVS", ".*", "*~", "drf_spectacular_sidecar/redoc/*"]


class StaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed files under hashed names (cached for a year) once ``collectstatic`` has run.

    A file not collected yet (the tests, a fresh checkout, a file added since) keeps its own name, which WhiteNoise
    serves from the apps' static folders (``WHITENOISE_USE_FINDERS``), so a page never fails for want of a copy.
    """

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name


def sources_signature() -> str:
    """A digest of every static source file's name, size and modification time."""
    entries = sorted(
        (path, os.stat(storage.path(path)))
        for finder in get_finders() for path, storage in finder.list(IGNORE))
    digest = hashlib.sha256()
    for path, st in entries:
        digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_needed() -> bool:
    """Run ``collectstatic`` unless ``STATIC_ROOT`` already holds these sources; True if it ran."""
    root = Path(settings.STATIC_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root.parent / ".collectstatic.lock", "w") as lock:  # two servers starting at once collect once
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp, signature = root / ".sources", sources_signature()
        if (root / "staticfiles.json").exists() and stamp.exists() and stamp.read_text() == signature:
            return False
        call_command("collectstatic", interactive=False, clear=True, verbosity=0, ignore_patterns=IGNORE,
                     use_default_ignore_patterns=False)
        stamp.write_text(signature)
        return True
