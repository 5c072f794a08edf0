"""Tests of DistrictLab's file commands (``match``, ``reliability``...): a command refusing bad input."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def refused_by(command, *args) -> str:
    """``command`` (its class) run in this process (quicker than a process per case) on ``args``: its message,
    which must come with exit code 2."""
    with pytest.raises(CommandError) as caught:
        call_command(command(), *map(str, args))
    assert caught.value.returncode == 2
    return str(caught.value)
