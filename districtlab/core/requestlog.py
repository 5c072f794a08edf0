"""Structured logs: one JSON line per record, and one record per request (method, path, status, time, user id).

``RequestLogMiddleware`` is DistrictLab's access log (``districtlab serve`` turns gunicorn's own off). Refusals and
pages not found are ordinary answers: logged here at INFO, while ``django.request`` (which would log them as
warnings, a 403 with its traceback) keeps only server errors (see ``LOGGING`` in the settings).
"""
import datetime as dt
import json
import logging
import time

from django.utils.functional import empty

logger = logging.getLogger("districtlab.request")

REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, the request fields it carries, and any
    traceback folded into the same line."""

    def format(self, record):
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({f: getattr(record, f) for f in REQUEST_FIELDS if hasattr(record, f)})
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def user_id(request):
    """The signed-in user's id, without loading a session the request itself never looked at."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class RequestLogMiddleware:
    """Logs each request once it is answered: INFO, or ERROR for a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        fields = {"method": request.method, "path": request.path, "status": response.status_code,
                  "duration_ms": round((time.monotonic() - started) * 1000, 1), "user_id": user_id(request)}
        logger.log(logging.ERROR if response.status_code >= 500 else logging.INFO,
                   "%(method)s %(path)s %(status)s", fields, extra=fields)
        return response
