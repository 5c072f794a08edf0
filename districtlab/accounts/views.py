"""Sign-in pages: password change and reset (Django's views, our templates), the API tokens page, and the API's
token endpoint."""
from axes.utils import reset as unlock
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.response import Response

from .forms import ApiTokenForm, PasswordResetForm, reset_tokens
from .models import ApiToken


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    token_generator = reset_tokens
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the emailed link also lifts a lockout: the owner has proved who they are."""

    success_url = reverse_lazy("password_reset_complete")
    token_generator = reset_tokens

    def form_valid(self, form):
        response = super().form_valid(form)
        unlock(username=form.user.get_username())
        return response


def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """A new API token for ``user``, expiring after the configured lifetime; the key is returned only here."""
    return ApiToken.objects.create(user=user, name=name[:100])


def tokens_for(user):
    """The tokens ``user`` may see and revoke: their own; a superuser's are everyone's."""
    tokens = ApiToken.objects.select_related("user")
    return tokens if user.is_superuser else tokens.filter(user=user)


@login_required
def api_tokens(request):
    """List one's API tokens and make a new one, whose key is shown this once."""
    form, key = ApiTokenForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        _, key = issue_token(request.user, form.cleaned_data["name"])
    return render(request, "accounts/api_tokens.html", {
        "form": form, "key": key, "tokens": tokens_for(request.user), "ttl_days": knox_settings.TOKEN_TTL.days,
        "everyone": request.user.is_superuser})


@login_required
@require_POST
def revoke_api_token(request, token_key):
    token = get_object_or_404(tokens_for(request.user), token_key=token_key)
    token.delete()
    messages.success(request, f"Token “{token.name or token.token_key}” revoked: it no longer opens the API.")
    return redirect("accounts:api-tokens")


@extend_schema(
    request=inline_serializer("TokenRequest", {"username": serializers.CharField(),
                                               "password": serializers.CharField(), "name": serializers.CharField(
                                                   required=False)}),
    responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField(),
                                                        "expiry": serializers.DateTimeField()}),
               400: inline_serializer("TokenError", {"non_field_errors": serializers.ListField()}),
               429: inline_serializer("TokenLockout", {"detail": serializers.CharField(),
                                                       "retry_after": serializers.DateTimeField()})},
    auth=[], summary="Exchange a username and password for an expiring API token")
@api_view(["POST"])
@authentication_classes([])
@permission_classes([])
@throttle_classes([])
def obtain_token(request):
    """A new expiring token for a username and password; wrong passwords count towards the sign-in lockout."""
    username, password = request.data.get("username", ""), request.data.get("password", "")
    # Django's request, not DRF's: the lockout middleware reads what the lockout backend marks on it.
    user = authenticate(request._request, username=username, password=password) if username and password else None
    if user is None or not user.is_active:
        return Response({"non_field_errors": ["Unable to sign in with those credentials."]},
                        status=status.HTTP_400_BAD_REQUEST)
    token, key = issue_token(user, request.data.get("name") or "API sign-in")
    return Response({"token": key, "expiry": token.expiry})

