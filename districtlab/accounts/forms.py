"""Forms for passwords and API tokens."""
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template import loader

from . import mail


def sign_in_email(user) -> str:
    """Where a user's sign-in emails go: their account's email, else their person's."""
    person = getattr(user, "person", None)
    return user.email or (person.email if person is not None else "")


class ResetTokens(PasswordResetTokenGenerator):
    """Django's reset tokens, bound to the email the link went to (the person's, where the account has none)."""

    def _make_hash_value(self, user, timestamp):
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}{user.password}{login}{timestamp}{sign_in_email(user)}"


reset_tokens = ResetTokens()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, finding a user by their account's or their person's email, sending through ``mail``."""

    def get_users(self, email):
        users = get_user_model().objects.filter(
            Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True).select_related("person")
        for user in users.distinct():
            if user.has_usable_password():
                user.email = sign_in_email(user)  # not saved: Django's form sends to ``user.email``
                yield user

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        mail.send(EmailMultiAlternatives(subject, loader.render_to_string(email_template_name, context),
                                         from_email, [to_email]))


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="What will use it?",
                           help_text='e.g. "Data office laptop" or "Nightly attendance import".')
