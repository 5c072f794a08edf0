"""Backup and restore problems as command errors with their exit codes."""
from contextlib import contextmanager

from django.core.management.base import CommandError

from districtlab.core.backup import BackupError, VerificationError


@contextmanager
def reported(command):
    try:
        yield
    except BackupError as exc:
        raise CommandError(str(exc), returncode=2) from exc
    except VerificationError as exc:
        raise CommandError(str(exc), returncode=1) from exc
