"""Where a sign-in comes from (django-axes calls ``client_address``), and what someone locked out after too many
wrong passwords sees (it calls ``locked_out``)."""
import ipaddress

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone


def client_address(request) -> str | None:
    """The address of the client signing in. Directly (``DISTRICTLAB_PROXY_COUNT`` 0) it is ``REMOTE_ADDR``. Behind
    N trusted proxies each appends the address it got the request from to ``X-Forwarded-For``, so the client is the
    N-th entry from the right; entries further left came from the client and may be forged, so they are never read.
    A request with fewer entries did not come through the proxies, and is known by ``REMOTE_ADDR`` too."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.DISTRICTLAB_PROXY_COUNT
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if not count or len(hops) < count:
        return remote
    return _address(hops[-count]) or remote


def _address(text: str) -> str | None:
    """``text`` as an IP address (a port, as some proxies write, left off), or None when it is not one."""
    for candidate in (text, text.rsplit(":", 1)[0].strip("[]")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def unlocks_at(username: str, ip_address: str):
    """When the lockout of ``username`` from ``ip_address`` ends: the cool-off after its latest failure."""
    last = AccessAttempt.objects.filter(username=username, ip_address=ip_address).aggregate(t=Max("attempt_time"))["t"]
    return (last or timezone.now()) + get_cool_off()


def locked_out(request, original_response=None, credentials=None):
    """A page in the site's look (JSON for the API) saying the account is locked and when to try again; 429."""
    username = get_client_username(request, credentials) or ""
    until = unlocks_at(username, request.axes_ip_address)
    text = (f"Too many wrong passwords: signing in as {username or 'this user'} from here is locked until "
            f"{timezone.localtime(until):%H:%M on %b %d} ({timezone.get_current_timezone_name()}). Try again then, "
            "reset your password by email, or ask an administrator to unlock it.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": text, "retry_after": until.isoformat()}, status=429,
                            headers={"Retry-After": str(max(0, int((until - timezone.now()).total_seconds())))})
    return render(request, "accounts/locked_out.html", {"message": text, "until": until}, status=429)
