"""A chart drawn by one process of the server is read by the others: ``districtlab serve`` runs several processes,
each with a cache of its own, so a drawing is also kept as a file named by its data (issue 13)."""
import os
import time

import pytest
from django.core.cache import cache

from districtlab.core import charts
from districtlab.practices import lineage as lineage_module
from districtlab.practices import models as m
from tests.chart_cache import empty_cache  # noqa: F401  (the fixture)


@pytest.fixture
def practice(world):
    return m.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name="Turn-and-talk anchor chart", kind="routine",
        description="Sentence starters", origin_school=world.host)


def lineage_svg_of(page: str) -> str:
    start = page.index("<?xml")
    return page[start:page.index("</svg>", start) + len("</svg>")]


def page(world, practice):
    r = world.client("facilitator").get(practice.get_absolute_url())
    assert r.status_code == 200
    return r.content.decode()


def cannot_draw(*args, **kwargs):
    raise AssertionError("the chart was drawn again")


def test_another_process_reads_the_drawing_instead_of_drawing_again(world, practice, settings, monkeypatch):
    drawn = lineage_svg_of(page(world, practice))
    assert list(settings.DISTRICTLAB_CHART_DIR.glob("*.svg")), "the drawing was not kept as a file"
    cache.clear()  # another process: its own cache has never seen this chart
    monkeypatch.setattr(lineage_module, "draw_lineage", cannot_draw)
    assert lineage_svg_of(page(world, practice)) == drawn


def test_a_new_event_is_drawn_anew_whatever_the_files_hold(world, practice, monkeypatch):
    page(world, practice)
    cache.clear()
    m.Practice.objects.filter(pk=practice.pk).update(name="Turn-and-talk, revised")
    monkeypatch.setattr(lineage_module, "draw_lineage", cannot_draw)
    with pytest.raises(AssertionError, match="drawn again"):  # new data: no file answers for it
        page(world, practice)


def test_a_folder_that_cannot_be_written_only_means_drawing_again(world, practice, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.DISTRICTLAB_CHART_DIR = blocked
    assert lineage_svg_of(page(world, practice)).startswith("<?xml")
    cache.clear()
    assert lineage_svg_of(page(world, practice)).startswith("<?xml")  # drawn again: nothing was kept
    assert blocked.read_text() == ""


def test_drawings_nobody_read_for_a_week_are_removed(settings):
    folder = settings.DISTRICTLAB_CHART_DIR
    charts._write_file("chart:lineage:1:3:old", "<svg>old</svg>")
    charts._write_file("chart:lineage:1:3:read", "<svg>read</svg>")
    week_ago = time.time() - charts.CACHE_SECONDS - 60
    for name in ("old", "read"):
        os.utime(charts.chart_file(f"chart:lineage:1:3:{name}"), (week_ago, week_ago))
    assert charts._read_file("chart:lineage:1:3:read") == "<svg>read</svg>"  # reading keeps it another week
    assert charts.prune_chart_files() == 1
    assert list(folder.iterdir()) == [charts.chart_file("chart:lineage:1:3:read")]


def test_each_kind_of_chart_and_each_version_of_the_drawing_has_a_file_of_its_own():
    keys = [charts.chart_key("lineage", [1]), charts.chart_key("measure", [1]), charts.chart_key("lineage", [2])]
    charts._write_file(keys[0], "<svg>lineage</svg>")
    assert [charts._read_file(key) for key in keys] == ["<svg>lineage</svg>", None, None]
    assert charts._read_file(keys[0].replace(f":{charts.VERSION}:", f":{charts.VERSION + 1}:", 1)) is None
