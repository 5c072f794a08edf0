"""The busiest lists read one page in the order of an index, whatever the district's size: no sort of every row of the
district before the page is cut, no count of every team's members, no list of every network to find the program's.
Query counts cannot see this; the query plan can.

SQLite plans without statistics (none are kept), so its plan here is the one a district of any size gets. PostgreSQL
plans by the size of the tables, and for a test's handful of rows a sequential scan and a sort would do; it is asked
to avoid them (``enable_seqscan``, ``enable_bitmapscan`` and ``enable_sort`` off), so what is asserted is that the
index can serve the list, not what suits a few rows.
"""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from districtlab.demo.synthetic import build
from districtlab.org import models as m
from districtlab.org.filters import NetworkFilter

LISTS = {  # page: (its table, the index its rows are read by, in the list's order)
    "/teams/": ("org_team", "team_district_name_idx"),
    "/people/?page=2": ("org_person", "person_district_name_idx"),
    "/api/people/": ("org_person", "person_district_name_idx"),
    "/visits/": ("visits_meeting", "meeting_date_idx"),
    "/api/meetings/?page=2": ("visits_meeting", "meeting_date_idx"),
}


def plan(sql: str) -> str:
    """The plan the database chooses for ``sql`` (as Django ran it), as one text."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "\n".join(row[-1] for row in cursor.fetchall())
        for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")  # the test's transaction only
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def page_query(client, url: str, table: str) -> str:
    """The SQL that reads the rows of the page ``url`` lists (a SELECT from ``table``, ordered and cut to a page)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    found = [q["sql"] for q in ctx.captured_queries if f'FROM "{table}"' in q["sql"] and "ORDER BY" in q["sql"]
             and "LIMIT" in q["sql"] and not q["sql"].startswith("SELECT COUNT(")]  # (the paginator's count)
    assert found, url
    return found[-1]


@pytest.fixture
def signed_in(db):
    world = build(6)
    client = Client()
    client.force_login(world.user)
    return client


@pytest.mark.parametrize("url", LISTS)
def test_a_list_reads_its_page_in_the_order_of_an_index(signed_in, url):
    table, index = LISTS[url]
    sql = page_query(signed_in, url, table)
    chosen = plan(sql)
    assert index in chosen, chosen
    assert "TEMP B-TREE FOR ORDER BY" not in chosen, chosen  # SQLite: every row sorted to show a page
    assert f'GROUP BY "{table}"' not in sql  # counts (a team's members) are asked for the page's rows only


def test_the_facilitator_choices_come_from_the_facilitators_positions(db):
    sql = str(NetworkFilter(queryset=m.Network.objects.all()).filters["facilitator"].queryset.query)
    assert "position_kind_person_idx" in plan(sql.replace("= facilitator", "= 'facilitator'"))


def test_the_program_s_memberships_are_found_by_a_join_not_a_list_of_every_network(db):
    sql = str(m.NetworkMembership.objects.program().query)
    assert sql.count("SELECT") == 1, sql


def test_an_import_finds_the_people_its_rows_name_by_an_index_not_a_scan_of_the_district(world, tmp_path):
    """Each batch of an import looks its people up by lower-cased email and by lower-cased name: each query is
    served by an index on the district and that expression (a scan of every person per batch grew with the
    district)."""
    from .test_imports_at_scale import HEADER, people_rows, run
    with CaptureQueriesContext(connection) as ctx:
        assert run(tmp_path, HEADER + people_rows(3))[0] == 0
    look_ups = [q["sql"] for q in ctx.captured_queries
                if q["sql"].startswith('SELECT') and 'FROM "org_person"' in q["sql"] and "LOWER(" in q["sql"]]
    assert len(look_ups) == 2, look_ups
    chosen = [plan(sql) for sql in look_ups]
    assert "person_district_email_idx" in chosen[0] and "person_district_lname_idx" in chosen[1], chosen


def test_new_or_returning_members_are_counted_from_an_index_alone(signed_in):
    """The API's ``returning`` filter counts the district's new (or returning) schools network by network from the
    index on (network, returning), never reading the memberships themselves."""
    with CaptureQueriesContext(connection) as ctx:
        assert signed_in.get("/api/network-memberships/?returning=false").status_code == 200
    count = next(q["sql"] for q in ctx.captured_queries
                 if q["sql"].startswith("SELECT COUNT(") and 'FROM "org_networkmembership"' in q["sql"])
    chosen = plan(count)
    assert "org_netmember_returning" in chosen, chosen
    if connection.vendor == "sqlite":
        assert "COVERING INDEX org_netmember_returning" in chosen, chosen
    else:
        assert "Index Only Scan using org_netmember_returning" in chosen, chosen
