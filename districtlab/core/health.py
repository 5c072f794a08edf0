"""Health (``/healthz``: the process answers) and readiness (``/readyz``: what it depends on answers) for load
balancers. Neither needs a sign-in; readiness names the part that failed."""
import logging
import secrets
from collections.abc import Callable

from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

READINESS_CHECKS: dict[str, Callable[[], None]] = {}


def readiness_check(name: str):
    """Register ``func`` as the readiness check ``name``: it returns if that part answers and raises if not."""
    def register(func):
        READINESS_CHECKS[name] = func
        return func
    return register


@readiness_check("database")
def database_answers():
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


@readiness_check("cache")
def cache_answers():
    for alias in caches:
        key, value = f"districtlab:readyz:{secrets.token_hex(8)}", secrets.token_hex(8)
        cache = caches[alias]
        cache.set(key, value, timeout=30)
        if cache.get(key) != value and "Dummy" not in type(cache).__name__:
            raise RuntimeError(f"cache {alias!r} did not return what was stored")
        cache.delete(key)


@never_cache
def healthz(request):
    """The process is up: no database, no cache."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """200 when every registered part answers; otherwise 503 naming each part that failed and why."""
    result, ready = {}, True
    for name, check in READINESS_CHECKS.items():
        try:
            check()
            result[name] = "ok"
        except Exception as exc:  # a readiness probe reports any failure rather than raising it
            logger.warning("Readiness check %s failed: %s: %s", name, type(exc).__name__, exc)
            result[name] = f"failed ({type(exc).__name__})"  # the details (hosts, paths) go to the log only
            ready = False
    return JsonResponse({"ready": ready, "checks": result}, status=200 if ready else 503)
