"""A real OpenID Connect provider for the single sign-on test: django-oauth-toolkit with OIDC on, in its own
process and its own SQLite database.

Run as ``python oidc_provider.py PORT DATA_DIR CLIENT_ID CLIENT_SECRET REDIRECT_URI USER:PASSWORD:EMAIL[:unverified]
...``; it serves ``http://127.0.0.1:PORT/o`` as the issuer, with one confidential client and the given users.
"""
import sys
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def sign_in(request):
    """The provider's own sign-in page: a bare form (the district's identity provider in real life)."""
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.POST.get("next") or "/")
        return HttpResponse("wrong password", status=400)
    return HttpResponse(f'<form method="post"><input name="username"><input name="password" type="password">'
                        f'<input name="next" value="{request.GET.get("next", "")}"></form>')


def claims_validator():
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class Validator(OAuth2Validator):
        def get_additional_claims(self, request):
            user = request.user
            return {"email": user.email, "email_verified": not user.last_name == "unverified",
                    "name": user.get_username()}

    return Validator


def main(port, data_dir, client_id, secret, redirect_uri, *users):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    settings.configure(
        DEBUG=False, SECRET_KEY="provider-only", ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
                        "oauth2_provider"],
        MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware",
                    "django.contrib.auth.middleware.AuthenticationMiddleware"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": Path(data_dir) / "provider.sqlite3"}},
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
        LOGIN_URL="/login/", USE_TZ=True, DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        OAUTH2_PROVIDER={"OIDC_ENABLED": True, "OIDC_RSA_PRIVATE_KEY": key, "PKCE_REQUIRED": True,
                         "SCOPES": {"openid": "OpenID Connect", "email": "Email", "profile": "Profile"},
                         "OAUTH2_VALIDATOR_CLASS": f"{__name__}.Validator"},
    )
    django.setup()
    this = sys.modules[__name__]  # the URLconf and the claims, once the apps are ready
    this.urlpatterns = [path("login/", sign_in), path("o/", include("oauth2_provider.urls"))]
    this.Validator = claims_validator()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for spec in users:
        username, password, email, *flags = spec.split(":", 3)
        User.objects.create_user(username, email, password, last_name="unverified" if flags else "")
    Application.objects.create(
        name="DistrictLab", client_id=client_id, client_secret=secret, redirect_uris=redirect_uri,
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True)
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, skip_checks=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
