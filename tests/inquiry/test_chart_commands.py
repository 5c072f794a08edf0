"""`districtlab runchart` and `districtlab spc`: JSON per part, readable text, and exit 2 for bad files."""
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROWS = "x,y,part\n" + "".join(f"2016-10-{d:02d},{v},{p}\n" for d, v, p in zip(
    range(1, 17), [3, 4, 3, 5, 4, 3, 4, 3, 9, 10, 9, 11, 10, 12, 11, 10], ["before"] * 8 + ["after"] * 8))


def run(tmp_path, name, text, *args):
    path = tmp_path / "series.csv"
    path.write_text(text)
    out = io.StringIO()
    call_command(name, str(path), *args, stdout=out)
    return out.getvalue()


def test_runchart_json_has_one_object_per_part(tmp_path):
    data = json.loads(run(tmp_path, "runchart", ROWS, "--json"))
    assert [p["part"] for p in data] == ["before", "after"]
    before = data[0]
    # 3,4,3,5,4,3,4,3 around 3.5: signs - + - + + - + - cross 6 times; Binomial(7, 0.5): P(X<=1) = 8/128 >= 0.05
    assert {k: before[k] for k in ("n_obs", "n_useful", "median", "longest_run", "longest_run_max", "n_crossings",
                                   "n_crossings_min", "runs_signal")} == {
        "n_obs": 8, "n_useful": 8, "median": 3.5, "longest_run": 2, "longest_run_max": 6, "n_crossings": 6,
        "n_crossings_min": 1, "runs_signal": False}
    assert before["points"][0] == {"x": "2016-10-01", "y": 3.0, "cl": 3.5, "lcl": None, "ucl": None,
                                   "sigma_signal": False}


def test_runchart_without_parts_shows_the_shift(tmp_path):
    text = ROWS.replace(",before", "").replace(",after", "").replace("x,y,part", "x,y")
    data = json.loads(run(tmp_path, "runchart", text, "--json"))
    assert len(data) == 1 and data[0]["runs_signal"] and data[0]["longest_run"] == 8


def test_spc_p_chart_json_has_per_point_limits(tmp_path):
    text = "x,y,n\nOct,2,20\nNov,3,30\nDec,1,10\nJan,4,40\n"
    part = json.loads(run(tmp_path, "spc", text, "--chart", "p", "--json"))[0]
    assert part["cl"] == 0.1 and part["ucl"] is None and part["limits_vary"]
    assert round(part["points"][0]["ucl"], 4) == 0.3012 and part["points"][3]["x"] == "Jan"


def test_readable_output(tmp_path):
    assert "before: 8 points, median 3.5" in run(tmp_path, "runchart", ROWS)
    assert "centre line" in run(tmp_path, "spc", ROWS, "--chart", "i")


@pytest.mark.parametrize("text,args,problem", [
    ("x,y\n1,abc\n", ("--chart", "i"), 'Row 2, column "y": "abc" is not a number'),
    ("a,b\n1,2\n", ("--chart", "i"), 'the column "x" is missing'),
    ("x,y\n1,2\n2,3\n", ("--chart", "p"), "needs a denominator"),
    ("x,y,part\n1,2,a\n2,3,b\n3,4,a\n", ("--chart", "c"), "appears again"),
    ("", ("--chart", "i"), "empty"),
])
def test_bad_files_exit_2_with_a_clear_message(tmp_path, text, args, problem):
    with pytest.raises(CommandError) as exc:
        run(tmp_path, "spc", text, *args)
    assert exc.value.returncode == 2 and problem in str(exc.value)
