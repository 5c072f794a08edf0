"""What someone locked out after too many wrong passwords sees (django-axes calls ``locked_out``)."""
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone


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
