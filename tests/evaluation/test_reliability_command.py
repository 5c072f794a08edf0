"""`districtlab reliability FILE`: Cronbach's alpha as JSON (the issue's keys) or a short table, from the published
worked example to a file of 100,000 respondents, and every bad file or option refused with exit code 2 and its row
and column, run as the real command."""
import functools
import json
import subprocess
import sys

import numpy as np
import pytest
from openpyxl import Workbook

from districtlab.analysis.reliability import cronbach_alpha
from districtlab.evaluation.management.commands.reliability import Command
from tests.analysis.test_reliability import DENIS, DENIS_ITEMS, DENIS_PRINTED, as_printed
from tests.commands import refused_by

KEYS = {"alpha", "standardized_alpha", "n", "items", "item_total", "alpha_if_deleted"}
# Five respondents on a 1-5 scale; "rushed" is worded the other way ("I felt rushed"), so a calm respondent answers
# it low. Reversed by hand, 6 - answer: 5,4,2,1,4 -> 1,2,4,5,2.
LIKERT_ITEMS = ["calm", "focused", "rushed"]
LIKERT = [[1, 2, 5], [2, 2, 4], [4, 3, 2], [5, 5, 1], [2, 1, 4]]
LIKERT_REVERSED = [[1, 2, 1], [2, 2, 2], [4, 3, 4], [5, 5, 5], [2, 1, 2]]


def same(result: dict) -> dict:
    """``result`` with each figure compared to a relative 1e-12: another process may add the same numbers in
    another order."""
    def close(v):
        return pytest.approx(v, rel=1e-12) if isinstance(v, float) else v

    return {k: {i: close(v) for i, v in value.items()} if isinstance(value, dict) else close(value)
            for k, value in result.items()}


def write(tmp_path, rows, items=DENIS_ITEMS, name="answers.csv"):
    """A CSV of ``rows`` under a header of ``items`` (``None`` is a blank cell); ``rows`` as text is written as is."""
    path = tmp_path / name
    text = rows if isinstance(rows, str) else "".join(
        ",".join("" if v is None else str(v) for v in row) + "\n" for row in [items, *rows])
    path.write_text(text)
    return path


def run(*args):
    """The real command, as an analyst runs it."""
    return subprocess.run([sys.executable, "-m", "districtlab.cli", "reliability", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


refused = functools.partial(refused_by, Command)  # its message for bad input (exit code 2)


def test_the_json_has_the_issues_keys_and_the_published_figures(tmp_path):
    """The worked example of Denis (2016; see tests/analysis/test_reliability.py) through the command: the figures
    the book prints, and exactly what the analysis function gives."""
    done = run(write(tmp_path, DENIS), "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and done.stderr == ""
    data = json.loads(done.stdout)
    assert set(data) == KEYS
    assert as_printed(data) == DENIS_PRINTED
    assert data == same(cronbach_alpha(DENIS, DENIS_ITEMS).as_dict())
    assert list(data["item_total"]) == list(data["alpha_if_deleted"]) == data["items"] == DENIS_ITEMS


def test_the_readable_output_is_a_sentence_and_a_line_per_item(tmp_path):
    done = run(write(tmp_path, [*DENIS, [9, None, 6, 11, 12]]))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("Cronbach's alpha 0.633 (standardized 0.691): 5 items, 10 of 11 respondents (1 left out for a "
                        "missing answer).")
    assert lines[2].split() == ["Item", "Item-total", "r", "Alpha", "if", "deleted"]
    assert lines[3].split() == ["Item_1", "0.712", "0.478"] and lines[7].split() == ["Item_5", "-0.228", "0.824"]


def test_blank_cells_are_missing_answers_left_out_listwise(tmp_path):
    rows = [*DENIS, [None, 3, 4, 5, 6], [1, 2, 3, 4, None]]
    data = json.loads(run(write(tmp_path, rows), "--json").stdout)
    assert data["n"] == 10 and as_printed(data) == DENIS_PRINTED


def test_reverse_coding_on_the_scale(tmp_path):
    path = write(tmp_path, LIKERT, LIKERT_ITEMS)
    done = run(path, "--json", "--max", "5", "--reverse", "Rushed")  # item names in any case
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == same(cronbach_alpha(LIKERT_REVERSED, LIKERT_ITEMS).as_dict())
    assert json.loads(done.stdout)["alpha"] > cronbach_alpha(LIKERT, LIKERT_ITEMS).alpha
    from_zero = write(tmp_path, [[v - 1 for v in row] for row in LIKERT], LIKERT_ITEMS, "from-zero.csv")
    on_zero_to_4 = run(from_zero, "--json", "--min", "0", "--max", "4", "--reverse", "rushed")
    assert json.loads(on_zero_to_4.stdout) == same(json.loads(done.stdout))  # the same answers from 0: the same alpha


def test_what_cannot_be_computed_is_null_and_a_dash(tmp_path):
    path = write(tmp_path, [[1, 3, 2], [1, 4, 3], [1, 5, 5]], ["same", "up", "upper"])
    data = json.loads(run(path, "--json").stdout)
    assert data["standardized_alpha"] is None and data["item_total"]["same"] is None
    text = run(path).stdout
    assert "(standardized –)" in text and "–: cannot be computed" in text


def test_an_excel_file_reads_as_its_csv(tmp_path):
    """An Excel row ends at its last answer: a blank last cell is a missing answer there, not a short row."""
    rows = [*DENIS, [9, 5, 6, 11, None]]
    book = Workbook()
    sheet = book.active
    for row in [DENIS_ITEMS, *rows]:
        sheet.append(row)
    book.save(tmp_path / "answers.xlsx")
    from_excel = run(tmp_path / "answers.xlsx", "--json")
    assert from_excel.returncode == 0, from_excel.stderr
    assert json.loads(from_excel.stdout) == same(json.loads(run(write(tmp_path, rows), "--json").stdout))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "answers.csv"
    path.write_text(write(tmp_path, DENIS).read_text(), encoding=encoding)
    assert as_printed(json.loads(run(path, "--json").stdout)) == DENIS_PRINTED


def test_100000_respondents(tmp_path):
    rng = np.random.default_rng(15)
    trait = rng.normal(size=(100_000, 1))
    answers = np.clip(np.rint(3 + trait + rng.normal(size=(100_000, 6))), 1, 5).astype(int)
    items = [f"q{j}" for j in range(1, 7)]
    path = tmp_path / "survey.csv"
    with path.open("w") as file:
        file.write(",".join(items) + "\n")
        np.savetxt(file, answers, fmt="%d", delimiter=",")
    done = run(path, "--json", "--max", "5", "--reverse", "q6")
    assert done.returncode == 0, done.stderr
    answers[:, 5] = 6 - answers[:, 5]
    assert json.loads(done.stdout) == same(cronbach_alpha(answers, items).as_dict())
    assert json.loads(done.stdout)["n"] == 100_000


@pytest.mark.parametrize("text,message", [
    ("a,b\n1,2\n2,inf\n", 'Row 3, column "b": "inf" is not a finite number'),
    ("a,b\n1,2\nnan,3\n", 'Row 3, column "a": "nan" is not a finite number'),
    ("a,b\n1,$x$\n2,3\n", 'Row 2, column "b": "$x$" is not a number'),
    ('a,b\n1,"=HYPERLINK(""http://evil.example"",""4"")"\n',
     'Row 2, column "b": "=HYPERLINK("http://evil.example","4")" looks like a spreadsheet formula'),
    ("a,b\n1,agree\n", 'Row 2, column "b": "agree" is not a number'),
    ("a,b\n1,1e400\n", 'Row 2, column "b": "1e400" is too large'),
    ("a,b\n1,٣\n", 'Row 2, column "b": "٣" is not a number'),
    ("a,A\n1,2\n", 'The column "A" appears twice in the header row.'),
    ("a,,b\n1,2,3\n", "Row 1, column B: no item name"),
    ("1,2\n3,4\n4,5\n", "Row 1 holds numbers (1, 2), not item names: add a header row"),
    ("a,b\n1,2\n3\n", "Row 3: 1 value, but the header row names 2 items"),
    ('a,b\n1,"2\n3,4\n', 'Line 2: a value starts with a quote (") that is never closed'),
    ("", "The file is empty"),
    ("a,b\n", "The file has a header row but no data rows."),
    ("a\n1\n2\n", "Cronbach's alpha needs at least 2 items; there is 1 item."),
    ("a,b\n1,2\n,3\n", "Cronbach's alpha needs at least 2 respondents who answered every item; there is 1 "
                     "respondent (1 left out for a missing answer)."),
    ("a,b\n1,2\n2,1\n", "Every respondent used (2) has the same total score"),
])
def test_a_bad_file_exits_2_naming_row_and_column(tmp_path, text, message):
    assert refused(write(tmp_path, text)).startswith(f"answers.csv: {message}")


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xe94\n")
    assert "byte 0xE9 on line 3 cannot be read" in refused(path)


@pytest.mark.parametrize("args,message", [
    (["--max", "5"], 'answers.csv: Row 2, column "Item_1": 10 is outside the scale, 1 to 5'),
    (["--max", "18", "--min", "4"], 'Row 3, column "Item_5": 1 is outside the scale, 4 to 18'),
    (["--reverse", "Item_1"], "--reverse needs --max, the scale's top"),
    (["--min", "0"], "--min needs --max"),
    (["--max", "nan"], "--max must be a number, such as 5; it is nan."),
    (["--max", "1"], "--max (1) must be above the scale's bottom (1;"),
    (["--max", "20", "--reverse", "Item_9"], 'answers.csv: --reverse names "Item_9", which is not an item in the '
                                             "header row; the items are Item_1, Item_2, Item_3, Item_4, Item_5."),
    (["--max", "20", "--reverse", "Item_1,item_1"], '--reverse names "item_1" twice'),
])
def test_bad_options_exit_2_with_a_message(tmp_path, args, message):
    assert message in refused(write(tmp_path, DENIS), *args)


def test_the_real_command_prints_only_the_problem(tmp_path):
    done = run(write(tmp_path, [*DENIS, [1, 2, "=1+1", 4, 5]]), "--json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ('CommandError: answers.csv: Row 12, column "Item_3": "=1+1" looks like a spreadsheet '
                           "formula, not an answer; give the number itself.\n")
    for bad in (run(tmp_path / "missing.csv"), run(write(tmp_path, "a,b\n1,2\n", name="short.csv"), "--max", "x")):
        assert bad.returncode == 2 and bad.stdout == "" and "Traceback" not in bad.stderr
    assert "There is no file at" in run(tmp_path / "missing.csv").stderr
