"""Single sign-on with the district's accounts (OpenID Connect through django-allauth): a verified email from the
district's provider signs in the person with that email; nobody else gets in, and no account is made for a
stranger."""
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import render

from districtlab.org.models import Person


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False  # accounts come from the district's people, never from a sign-up page


def refuse(request, reason: str):
    """Stop the sign-in with a page that says why, in the site's look."""
    raise ImmediateHttpResponse(render(request, "accounts/sso_refused.html", {"reason": reason}, status=403))


def user_for_email(email: str):
    """The one active account whose person (or account) has ``email``: made for the person if they have none.

    Returns ``None`` when nobody has it, or when it names more than one account (people in two districts)."""
    users = get_user_model().objects.filter(Q(email__iexact=email) | Q(person__email__iexact=email)).distinct()
    if len(users) > 1:
        return None
    if users:
        return users[0]
    people = list(Person.objects.filter(email__iexact=email, user__isnull=True)[:2])
    if len(people) != 1:
        return None
    person = people[0]
    person.user = get_user_model().objects.create_user(username=email.lower(), email=email.lower())  # no password
    person.save(update_fields=["user"])
    return person.user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """Connect the provider's account to the person with its verified email, or refuse."""
        if not sociallogin.is_existing:
            verified = [a.email for a in sociallogin.email_addresses if a.verified]
            if not verified:
                refuse(request, "Your district's sign-in did not confirm an email address, so DistrictLab cannot "
                                "tell who you are. Ask your district's IT team.")
            user = user_for_email(verified[0])
            if user is None:
                refuse(request, f"No one in DistrictLab has the email {verified[0]}. Ask your district's "
                                "DistrictLab administrator to add you (with this email) to your school or office.")
            sociallogin.connect(request, user)
        if not sociallogin.user.is_active:
            refuse(request, "Your DistrictLab account is switched off. Ask your district's administrator.")
