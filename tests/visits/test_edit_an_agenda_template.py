"""Central office edits one step of an agenda template: the page opens, saves and returns to the protocols."""
import pytest

from districtlab.core.views import crud_urls
from districtlab.visits import models as m


def test_editing_a_template_step_opens_and_saves(world, template):
    item = template.items.get(position=1)
    client = world.client("central")
    page = client.get(f"/visits/agenda-template-items/{item.pk}/edit/")
    assert page.status_code == 200
    assert 'href="/visits/protocols/"' in page.content.decode()  # "Cancel" goes back to the protocols
    saved = client.post(f"/visits/agenda-template-items/{item.pk}/edit/",
                        {"template": template.pk, "protocol": item.protocol_id, "position": 1, "minutes": 30})
    assert saved.status_code == 302 and saved["Location"] == "/visits/protocols/"
    item.refresh_from_db()
    assert item.minutes == 30


def test_a_model_without_a_page_cannot_have_edit_pages():
    bare = type("Bare", (), {"_meta": m.AgendaTemplateItem._meta})  # a model class with no get_absolute_url
    with pytest.raises(TypeError, match="get_absolute_url"):
        crud_urls("bare", bare, form=None)
