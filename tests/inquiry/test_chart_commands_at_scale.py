"""`districtlab runchart` and `districtlab spc` on files of any size: read as a stream part by part, with no upload
limit, compact JSON by default (``--indent`` to read it by eye), the same numbers as the analysis functions, and
nothing printed but the problem when a row anywhere is bad."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from districtlab.analysis.runchart import run_chart
from districtlab.analysis.spc import control_chart
from districtlab.inquiry.series import MAX_POINTS

DISTRICTLAB = str(Path(sys.executable).parent / "districtlab")
ROWS = [(f"2016-{m:02d}", y, n, part) for m, (y, n, part) in enumerate(
    [(3, 20, "before"), (4, 21, "before"), (3, 19, "before"), (5, 22, "before"), (4, 20, "before"),
     (9, 20, "after idea 2"), (10, 25, "after idea 2"), (9, 18, "after idea 2"), (11, 24, "after idea 2"),
     (10, 22, "after idea 2"), (12, 23, "after idea 2")], start=1)]


def write(tmp_path, rows, name="series.csv", header="x,y,n,part"):
    path = tmp_path / name
    path.write_text(header + "\n" + "".join(",".join(str(c) for c in row) + "\n" for row in rows))
    return path


def run(path, *args):
    out = io.StringIO()
    call_command(args[0], str(path), *args[1:], stdout=out)
    return out.getvalue()


def columns(rows):
    xs, ys, ns, parts = (list(c) for c in zip(*rows))
    return xs, [float(y) for y in ys], [float(n) for n in ns], parts


@pytest.mark.parametrize("args,analysis", [
    (("runchart",), lambda xs, ys, ns, parts: run_chart(xs, ys, parts)),
    (("runchart", "--rules", "ihi"), lambda xs, ys, ns, parts: run_chart(xs, ys, parts, rules="ihi")),
    (("spc", "--chart", "i"), lambda xs, ys, ns, parts: control_chart(xs, ys, "i", ns, parts)),
    (("spc", "--chart", "p"), lambda xs, ys, ns, parts: control_chart(xs, ys, "p", ns, parts)),
    (("spc", "--chart", "up"), lambda xs, ys, ns, parts: control_chart(xs, ys, "up", ns, parts)),
    (("spc", "--chart", "g"), lambda xs, ys, ns, parts: control_chart(xs, ys, "g", ns, parts)),
])
def test_the_json_is_the_analysis_compact_or_indented(tmp_path, args, analysis):
    path = write(tmp_path, ROWS)
    expected = [part.as_dict() for part in analysis(*columns(ROWS))]
    compact = run(path, *args, "--json")
    assert json.loads(compact) == json.loads(json.dumps(expected))
    assert compact == json.dumps(expected, separators=(",", ":")) + "\n"  # one line, no spaces
    assert run(path, *args, "--json", "--indent", "2") == json.dumps(expected, indent=2) + "\n"


def test_the_readable_output_has_a_line_per_part(tmp_path):
    out = run(write(tmp_path, ROWS), "spc", "--chart", "i").splitlines()
    parts = control_chart(*columns(ROWS)[:2], "i", None, columns(ROWS)[3])
    assert [line.split(":")[0] for line in out] == ["before", "after idea 2"]
    assert out[1].startswith(f"after idea 2: 6 points, centre line {parts[1].cl:.4g};")


def test_no_upload_limit_on_the_command_line(tmp_path, settings):
    settings.DISTRICTLAB_MAX_IMPORT_BYTES = 1024  # the upload limit: the command line reads an analyst's own file
    series = MAX_POINTS // 24 + 1  # more points than a measure holds
    rows = [(f"Day {i}", i % 7, 10, f"School {i // 24}") for i in range(24 * series)]
    data = json.loads(run(write(tmp_path, rows), "runchart", "--json"))
    xs, ys, _, parts = columns(rows)
    expected = run_chart(xs, ys, parts)
    assert len(data) == len(expected) == series
    assert data[-1] == json.loads(json.dumps(expected[-1].as_dict()))


def test_a_bad_row_anywhere_prints_only_the_problem(tmp_path):
    rows = ROWS * 1 + [("2017-01", "1e400", 20, "after idea 2")]
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("spc", str(write(tmp_path, rows)), "--json", stdout=out)
    assert exc.value.returncode == 2 and 'Row 13, column "y": "1e400" is not a finite number' in str(exc.value)
    assert out.getvalue() == ""


def test_an_excel_file_gives_what_its_csv_gives(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["x", "y", "n", "part"])
    for row in ROWS:
        sheet.append(list(row))
    book.save(tmp_path / "series.xlsx")
    assert run(tmp_path / "series.xlsx", "spc", "--chart", "p", "--json") == \
        run(write(tmp_path, ROWS), "spc", "--chart", "p", "--json")


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "series.csv"
    path.write_bytes(b"x,y\nW1,3\nW\xe92,4\n")
    with pytest.raises(CommandError, match="byte 0xE9 on line 3 cannot be read"):
        run(path, "runchart")


def test_utf16_from_excel_is_read(tmp_path):
    path = tmp_path / "series.csv"
    path.write_text("x,y\nW1,3\nW2,4\nW3,5\n", encoding="utf-16")
    assert "all points: 3 points, median 4;" in run(path, "runchart")


def test_the_districtlab_command_answers_json_and_exit_codes(tmp_path):
    """The installed command, in a process of its own (it runs without setting up the whole project)."""
    path = write(tmp_path, ROWS)
    done = subprocess.run([DISTRICTLAB, "spc", str(path), "--chart", "i", "--json"], capture_output=True, text=True)
    xs, ys, ns, parts = columns(ROWS)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(json.dumps([p.as_dict() for p in control_chart(xs, ys, "i", ns,
                                                                                                 parts)]))
    bad = subprocess.run([DISTRICTLAB, "runchart", str(tmp_path / "missing.csv")], capture_output=True, text=True)
    assert bad.returncode == 2 and "There is no file at" in bad.stderr and not bad.stdout
