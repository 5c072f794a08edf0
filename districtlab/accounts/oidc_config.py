"""Single sign-on providers from the environment (read by settings, so no Django imports here).

``DISTRICTLAB_OIDC_PROVIDERS`` names the providers, comma-separated (e.g. ``google,entra``); each NAME then has
``DISTRICTLAB_OIDC_<NAME>_ISSUER`` (the issuer URL, whose ``/.well-known/openid-configuration`` is read),
``DISTRICTLAB_OIDC_<NAME>_CLIENT_ID``, ``DISTRICTLAB_OIDC_<NAME>_CLIENT_SECRET`` and, optionally,
``DISTRICTLAB_OIDC_<NAME>_LABEL`` (the button's words, default "NAME").
"""
from collections.abc import Mapping


def oidc_providers(environ: Mapping[str, str]) -> list[dict]:
    """django-allauth ``openid_connect`` apps for the providers named in ``environ``.

    >>> apps = oidc_providers({"DISTRICTLAB_OIDC_PROVIDERS": "entra", "DISTRICTLAB_OIDC_ENTRA_ISSUER": "https://i/v2.0",
    ...                        "DISTRICTLAB_OIDC_ENTRA_CLIENT_ID": "c", "DISTRICTLAB_OIDC_ENTRA_CLIENT_SECRET": "s"})
    >>> apps[0]["provider_id"], apps[0]["name"], apps[0]["settings"]["server_url"]
    ('entra', 'entra', 'https://i/v2.0')
    """
    apps = []
    for name in filter(None, (n.strip() for n in environ.get("DISTRICTLAB_OIDC_PROVIDERS", "").split(","))):
        prefix = f"DISTRICTLAB_OIDC_{name.upper().replace('-', '_')}_"
        missing = [key for key in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET") if not environ.get(prefix + key)]
        if missing:
            raise ValueError(f"Single sign-on provider {name!r} needs {', '.join(prefix + k for k in missing)}.")
        apps.append({
            "provider_id": name.lower(),
            "name": environ.get(prefix + "LABEL", name),
            "client_id": environ[prefix + "CLIENT_ID"],
            "secret": environ[prefix + "CLIENT_SECRET"],
            "settings": {"server_url": environ[prefix + "ISSUER"], "fetch_userinfo": True},
        })
    return apps
