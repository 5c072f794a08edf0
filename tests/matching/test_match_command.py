"""`districtlab match FILE`: the networks as JSON (the issue's keys) or a table, from the same function the web app
will use, and every bad file or option refused with exit code 2 and its row and column, run as the real command."""
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from districtlab.analysis.matching import match
from districtlab.matching.applicants import read_applicants
from districtlab.matching.management.commands.match import Command
from tests.commands import refused_by

DISTRICTLAB = str(Path(sys.executable).parent / "districtlab")
HEADER = "school,role,grade_band,borough,lfa_1,lfa_2,lfa_3"
ROWS = [
    "P.S. 1,host,Elementary,Bronx,Literacy,,",
    "P.S. 2,partner,Elementary,Bronx,Literacy,,",
    "P.S. 3,partner,Middle,Bronx,Math,Literacy,",
    "P.S. 4,Partner,Elementary,Queens,Literacy,Math,Science",
    "P.S. 5,partner,Middle,Queens,Math,,",
    "I.S. 6,either,Middle,Queens,Math,Science,",
    "I.S. 7,partner,Middle,Queens,Science,Math,",
]


def write(tmp_path, rows=ROWS, header=HEADER, name="applicants.csv"):
    path = tmp_path / name
    path.write_bytes((header + "\n" + "".join(r + "\n" for r in rows)).encode() if isinstance(rows[0], str)
                     else rows[0])
    return path


def run(*args):
    """The real command, as an analyst runs it."""
    return subprocess.run([DISTRICTLAB, "match", *map(str, args)], capture_output=True, text=True, timeout=120)


refused = functools.partial(refused_by, Command)  # its message for bad input (exit code 2)


def test_the_json_is_the_issues_contract_and_the_functions_result(tmp_path):
    path = write(tmp_path)
    done = run(path, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"networks", "unplaced", "placed", "score", "optimal", "bound", "seconds"}
    assert {"host", "partners", "focus", "score"} <= set(data["networks"][0])
    expected = match(read_applicants(path)).as_dict()
    assert {k: v for k, v in data.items() if k != "seconds"} == {k: v for k, v in expected.items() if k != "seconds"}
    assert data["placed"] == 7 and data["unplaced"] == [] and data["optimal"] is True
    assert {n["host"]: n["focus"] for n in data["networks"]} == {"P.S. 1": "Literacy", "I.S. 6": "Math"}
    for network in data["networks"]:
        assert network["score"] == sum(p["score"] for p in network["parts"])
        assert [p["partner"] for p in network["parts"]] == network["partners"]


def test_the_readable_output_is_a_table_of_networks(tmp_path):
    done = run(write(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["Host", "Focus", "Partners", "Score"]
    assert any(line.startswith("I.S. 6") and "Math" in line for line in lines)
    assert lines[-1].startswith("7 of 7 schools placed in 2 networks; score ") and "(proved best)" in lines[-1]


def test_options_change_the_networks(tmp_path):
    path = write(tmp_path)
    one = json.loads(run(path, "--json", "--partners-min", "1", "--partners-max", "1").stdout)
    assert all(len(n["partners"]) == 1 for n in one["networks"]) and one["placed"] == 4
    no_focus = json.loads(run(path, "--json", "--weights", "lfa=0,grade=1,borough=0").stdout)
    assert all(p["lfa"] == 0 and p["borough"] == 0 for n in no_focus["networks"] for p in n["parts"])


def test_an_excel_file_reads_as_its_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *ROWS]:
        sheet.append(row.split(","))
    book.save(tmp_path / "applicants.xlsx")
    assert read_applicants(tmp_path / "applicants.xlsx") == read_applicants(write(tmp_path))


@pytest.mark.parametrize("rows,header,message", [
    (ROWS, "school,role,grade_band,borough", 'Row 1: the column "lfa_1" is missing'),
    (ROWS, HEADER + ",lfa_4", 'Row 1, column "lfa_4": not a column here'),
    (["P.S. 1,host school,Elementary,Bronx,Literacy,,"], HEADER,
     'Row 2, column "role": "host school" is not a role: use host, partner or either.'),
    ([*ROWS[:2], "P.S. 9,partner,Middle,Bronx,,Math,"], HEADER, 'Row 4, column "lfa_1": empty'),
    ([*ROWS[:3], "P.S. 2,partner,Middle,Bronx,Math,,"], HEADER,
     'Row 5, column "school": "P.S. 2" is already on row 3'),
    (['"=HYPERLINK(""http://evil.example"",""P.S. 1"")",host,Elementary,Bronx,Literacy,,'], HEADER,
     'Row 2, column "school": "=HYPERLINK("http://evil.example","P.S. …" looks like a spreadsheet formula'),
    (["P.S. 1,host,Elementary,Bronx,@SUM(A1),,"], HEADER, 'Row 2, column "lfa_1": "@SUM(A1)" looks like'),
    (["P.S. 1,host,Elementary,Bronx\x1b[31m,Literacy,,"], HEADER, 'Row 2, column "borough": contains a control'),
    (["P.S. 1,host,Elementary,Bronx,Literacy,,Math"], HEADER, 'Row 2, column "lfa_3": given while lfa_2 is empty'),
    ([("P.S. " + "1" * 201) + ",host,Elementary,Bronx,Literacy,,"], HEADER, 'Row 2, column "school": 206 characters'),
    ([HEADER.encode() + b"\nP.S. 1,host,\xe9l\xe9mentaire,Bronx,Literacy,,\n"], None,
     "The file is not UTF-8 text: byte 0xE9 on line 2"),
    (['P.S. 1,host,"Elementary,Bronx,Literacy,,'], HEADER, "Line 2: a value starts with a quote"),
])
def test_a_bad_file_exits_2_naming_row_and_column(tmp_path, rows, header, message):
    assert refused(write(tmp_path, rows, header)).startswith(f"applicants.csv: {message}")


def test_the_real_command_prints_only_the_problem(tmp_path):
    done = run(write(tmp_path, [*ROWS, "P.S. 8,partner,Middle,Queens,Math,,=1+1"]), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ('CommandError: applicants.csv: Row 9, column "lfa_3": "=1+1" looks like a spreadsheet '
                           "formula, not a name.\n")


def test_inf_is_a_name_in_a_cell(tmp_path):
    """Cells here are names (no column holds a number): "inf" is a school like any other."""
    done = run(write(tmp_path, [*ROWS, "inf,partner,Middle,Queens,Math,,"]), "--json")
    assert done.returncode == 0 and "inf" in done.stdout


@pytest.mark.parametrize("args,message", [
    (["--weights", "lfa=inf"], '--weights: The weight lfa must be a whole number from 0 to 1,000; it is "inf".'),
    (["--weights", "lfa10,grade=3"], 'pairs separated by commas, e.g. lfa=10,grade=3,borough=1; "lfa10" has no "="'),
    (["--weights", "lfa=-1"], "The weight lfa must be a whole number"),
    (["--weights", "lfa=2.5"], 'it is "2.5"'),
    (["--weights", "lfa=1,lfa=2"], "The weight lfa is given twice."),
    (["--weights", "size=2"], '"size" is not a weight: use lfa, grade or borough.'),
    (["--time-limit", "inf"], "--time-limit must be a positive number of seconds, not inf."),
    (["--time-limit", "0"], "--time-limit must be a positive number of seconds"),
    (["--partners-min", "4"], "the fewest (4) must be at least 0 and no more than the most (3)"),
    (["--partners-max", "three"], "argument --partners-max: invalid int value: 'three'"),
])
def test_bad_options_exit_2_with_a_message(tmp_path, args, message):
    if "invalid int value" in message:  # argparse's own refusal: only the real command line shows it
        done = run(write(tmp_path), *args)
        assert done.returncode == 2 and message in done.stderr and done.stdout == ""
    else:
        assert message in refused(write(tmp_path), *args)


def test_no_file_exits_2(tmp_path):
    done = run(tmp_path / "missing.csv")
    assert done.returncode == 2 and "There is no file at" in done.stderr
