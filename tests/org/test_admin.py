"""Django admin has every model, for a superuser, and keeps private drafts private there too."""
import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from districtlab.core.history import is_history


@pytest.fixture
def root(world, django_user_model):
    c = Client()
    c.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    return c


def test_every_model_is_in_the_admin_and_its_pages_open(root):
    for model in apps.get_app_config("org").get_models():
        if is_history(model):  # the history of the records, shown on their History pages, edited by nobody
            continue
        assert admin.site.is_registered(model), model
        meta = model._meta
        assert root.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200, meta.model_name
        assert root.get(f"/admin/{meta.app_label}/{meta.model_name}/add/").status_code == 200, meta.model_name


def test_admin_note_list_hides_others_private_drafts(root, private_note):
    body = root.get("/admin/org/note/").content.decode()
    assert "My private draft" not in body
    assert root.get(f"/admin/org/note/{private_note.pk}/change/").status_code == 302  # "doesn't exist" redirect
