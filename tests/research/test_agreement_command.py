"""`districtlab agreement FILE --level ...`: Krippendorff's published worked examples through the command at every
level (JSON with the issue's keys, or a short summary), an Excel file read as its CSV, and every bad file refused
with exit code 2 naming its row and column."""
import functools
import io
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from districtlab.research.management.commands.agreement import Command
from tests.analysis.test_agreement import BINARY, KRIPPENDORFF, KRIPPENDORFF_ALPHA, PRINTED
from tests.commands import refused_by

KEYS = {"krippendorff_alpha", "units", "coders", "pairable_values", "level", "percent_agreement", "cohen_kappa"}
OBSERVERS = ["A", "B", "C", "D"]


def write(tmp_path, rows, coders=OBSERVERS, name="codes.csv"):
    """A CSV with a row per coder (``None`` is a blank cell) under a header naming units u1, u2...; ``rows`` as text
    is written as is."""
    path = tmp_path / name
    if isinstance(rows, str):
        path.write_text(rows)
        return path
    header = ["coder", *(f"u{j}" for j in range(1, len(rows[0]) + 1))]
    path.write_text("".join(",".join("" if v is None else str(v) for v in row) + "\n"
                            for row in [header, *([coder, *values] for coder, values in zip(coders, rows))]))
    return path


def run(*args):
    """The real command, as an analyst runs it."""
    return subprocess.run([sys.executable, "-m", "districtlab", "agreement", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def in_process(*args) -> dict:
    """The command's JSON, run in this process (quicker than a process per case)."""
    out = io.StringIO()
    call_command(Command(), *map(str, args), "--json", stdout=out)
    return json.loads(out.getvalue())


refused = functools.partial(refused_by, Command)  # its message for bad input (exit code 2)


def test_the_json_has_the_issues_keys_and_the_published_alpha(tmp_path):
    """Krippendorff (2011), 4 observers × 12 units (see tests/analysis/test_agreement.py): nominal alpha 0.743 over
    40 pairable values in 11 units, percent agreement 43/55 of the pairs; no kappa for four coders."""
    done = run(write(tmp_path, KRIPPENDORFF), "--level", "nominal", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stderr == ""
    data = json.loads(done.stdout)
    assert set(data) == KEYS
    assert data["krippendorff_alpha"] == pytest.approx(113 / 152)
    assert (data["units"], data["coders"], data["pairable_values"], data["level"]) == (11, 4, 40, "nominal")
    assert data["percent_agreement"] == pytest.approx(43 / 55) and data["cohen_kappa"] is None


@pytest.mark.parametrize("level", ["ordinal", "interval", "ratio"])
def test_the_published_alpha_at_each_level(tmp_path, level):
    data = in_process(write(tmp_path, KRIPPENDORFF), "--level", level)
    assert data["krippendorff_alpha"] == pytest.approx(KRIPPENDORFF_ALPHA[level], abs=PRINTED)
    assert (data["units"], data["pairable_values"], data["level"]) == (11, 40, level)


def test_two_coders_have_cohens_kappa(tmp_path):
    """The paper's binary example: alpha 2/21 (0.095); kappa 1/11 and 6 of 10 units agreeing, by hand in
    tests/analysis/test_agreement.py."""
    data = in_process(write(tmp_path, BINARY, ["Ana", "Ben"]), "--level", "nominal")
    assert data["krippendorff_alpha"] == pytest.approx(2 / 21) and data["cohen_kappa"] == pytest.approx(1 / 11)
    assert (data["units"], data["coders"], data["pairable_values"], data["percent_agreement"]) == (10, 2, 20, 0.6)


def test_categories_are_text_compared_as_written(tmp_path):
    words = {0: "no", 1: "yes"}
    data = in_process(write(tmp_path, [[words[v] for v in row] for row in BINARY], ["Ana", "Ben"]), "--level",
                      "nominal")
    assert data["krippendorff_alpha"] == pytest.approx(2 / 21) and data["cohen_kappa"] == pytest.approx(1 / 11)


def test_the_readable_summary(tmp_path):
    done = run(write(tmp_path, KRIPPENDORFF), "--level", "ordinal")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Krippendorff's alpha 0.815 (ordinal): 4 coders, 11 of 12 units compared (1 coded by fewer than two coders "
        "left out), 40 values.",
        "Percent agreement 78.2%: of the pairs of values two coders gave the same unit, the share that are equal."]
    two = run(write(tmp_path, BINARY, ["Ana", "Ben"], "two.csv"), "--level", "nominal").stdout.splitlines()
    assert two[0].startswith("Krippendorff's alpha 0.095 (nominal): 2 coders, 10 of 10 units compared, 20 values.")
    assert two[2] == "Cohen's kappa 0.091 (the two coders' shared units, as categories)."


def test_an_excel_file_reads_as_its_csv(tmp_path):
    """An Excel row ends at its last value: observer A's three blank units at the end are missing values there."""
    book = Workbook()
    sheet = book.active
    sheet.append(["coder", *(f"u{j}" for j in range(1, 13))])
    for coder, values in zip(OBSERVERS, KRIPPENDORFF):
        while values[-1] is None:
            values = values[:-1]
        sheet.append([coder, *values])
    book.save(tmp_path / "codes.xlsx")
    for level in ("nominal", "interval"):
        assert in_process(tmp_path / "codes.xlsx", "--level", level) == in_process(
            write(tmp_path, KRIPPENDORFF), "--level", level)


@pytest.mark.parametrize("text,level,message", [
    ("coder,u1,u2\nAna,1,2\nBen,2,1\nana,1,1\n", "nominal",
     'Row 4, column A: the coder "ana" already has row 2; give each coder one row.'),
    ("coder,u1,u2\nAna,1,2\n,2,1\n", "nominal", "Row 3, column A: no coder name"),
    ("coder,u1,u2\nAna,1,2\nBen,2,often\n", "interval",
     'Row 3, column C (unit "u2"): "often" is not a number, and the interval level needs numbers; use --level '
     "nominal for categories"),
    ("coder,u1,u2\nAna,1,high\nBen,2,1\n", "ordinal", 'Row 2, column C (unit "u2"): "high" is not a number, and the '
                                                      "ordinal level needs numbers"),
    ("coder,u1,u2\nAna,1,2\nBen,-2,1\n", "ratio", 'Row 3, column B (unit "u1"): -2 is below 0, and ratio values start '
                                                  "at 0; use --level interval"),
    ('coder,u1,u2\nAna,1,"=HYPERLINK(""http://evil.example"",""2"")"\nBen,2,1\n', "nominal",
     'Row 2, column C (unit "u2"): "=HYPERLINK("http://evil.example","2")" looks like a spreadsheet formula'),
    ("coder,u1,u2\nAna,1,2\nBen,2,inf\n", "interval", 'Row 3, column C (unit "u2"): "inf" is not a finite number'),
    ("coder,u1,u2\nAna,nan,2\nBen,2,1\n", "nominal", 'Row 2, column B (unit "u1"): "nan" is not a finite number'),
    ("coder,u1,u2\nAna,1,1e400\nBen,2,1\n", "interval", 'Row 2, column C (unit "u2"): "1e400" is too large'),
    ("", "nominal", "The file is empty"),
    ("coder,u1,u2\n", "nominal", "The file has a header row but no data rows."),
    ("coder\nAna\nBen\n", "nominal", "Row 1 names no units: column A holds the coders' names"),
    ("coder,u1,,u3\nAna,1,2,3\nBen,1,2,3\n", "nominal", "Row 1, column C: no unit name"),
    ("coder,u1,U1\nAna,1,2\nBen,1,2\n", "nominal", 'The column "U1" appears twice in the header row.'),
    ("coder,u1,u2\nAna,1,2\n", "nominal", "Agreement needs at least 2 coders, a row each; the file has 1."),
    ("coder,u1,u2\nAna,1,2\nBen,1\n", "nominal", "Row 3: 2 values, but the header row has 3 columns"),
    ("coder,u1,u2\nAna,1,\nBen,,2\n", "nominal", "Krippendorff's alpha needs at least one unit with values from two "
                                                 "coders; there are 2 coders and no unit coded by two of them."),
    ("coder,u1,u2\nAna,3,3\nBen,3,3\n", "interval", "Every value in the units compared is the same (4 values in 2 "
                                                    "units)"),
])
def test_a_bad_file_exits_2_naming_row_and_column(tmp_path, text, level, message):
    assert refused(write(tmp_path, text), "--level", level).startswith(f"codes.csv: {message}")


def test_the_real_command_prints_only_the_problem(tmp_path):
    done = run(write(tmp_path, "coder,u1,u2\nAna,1,2\nBen,2,=1+1\n"), "--level", "nominal", "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ('CommandError: codes.csv: Row 3, column C (unit "u2"): "=1+1" looks like a spreadsheet '
                           "formula, not a value; give the value itself.\n")
    missing = run(tmp_path / "missing.csv", "--level", "nominal")
    assert missing.returncode == 2 and missing.stdout == "" and "There is no file at" in missing.stderr
    assert "There is no file at" in refused(tmp_path / "missing.csv", "--level", "nominal")
    no_level = run(write(tmp_path, KRIPPENDORFF), "--level", "metric")
    assert no_level.returncode == 2 and "invalid choice: 'metric'" in no_level.stderr


def test_a_file_of_many_units_is_read_whole(tmp_path):
    """One column a unit: an analyst's file has no column limit (an upload's 200 does not apply)."""
    units = 5_000
    text = "coder," + ",".join(f"u{j}" for j in range(units)) + "\n"
    text += "Ana," + ",".join(str(j % 3) for j in range(units)) + "\n"
    text += "Ben," + ",".join(str(j % 3 if j % 10 else (j + 1) % 3) for j in range(units)) + "\n"
    out = json.loads(subprocess.run([sys.executable, "-m", "districtlab", "agreement", str(write(tmp_path, text)),
                                     "--level", "nominal", "--json"], capture_output=True, text=True,
                                    check=True).stdout)
    assert out["units"] == units and out["pairable_values"] == 2 * units
    assert out["percent_agreement"] == 0.9  # every tenth unit differs
