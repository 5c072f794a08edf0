"""The Excel half of ``spreadsheets``: reading and writing .xlsx with openpyxl, loaded only when an Excel file is
read or written (openpyxl takes a fifth of a second to import, which every command and worker would pay)."""
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from .spreadsheets import (EXCEL_MAX_ROWS, HELD_ELEMENTS, MAX_COLUMNS, UNREADABLE_XLSX, SpreadsheetError,
                           looks_like_formula)

STRING_TAG, SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}si", f"{{{SHEET_MAIN_NS}}}sheetData"


class WorkbookReader(ExcelReader):
    """openpyxl's read-only reader, reading only what an import needs, and the big parts as a stream.

    openpyxl would size each sheet on opening (a sheet without a ``<dimension>`` is then parsed whole, and held
    in memory), read its shared strings into a tree, and hold a sheet's every row element while reading it.
    Here the workbook part, its relationships and the styles (for which numbers are dates) are read as openpyxl
    reads them, after their size is checked (``spreadsheets._check_unpacked_size``); the shared strings and the
    first sheet are streamed by ``_xml_events``. openpyxl is pinned: this follows its 3.1 reader.
    """

    def read(self):
        self.read_manifest()
        self.read_strings()
        self.read_workbook()
        apply_stylesheet(self.archive, self.wb)

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            same = {}
            with self.archive.open(part.PartName[1:]) as source:
                for event, path, element in _xml_events(source, shallow=1):
                    if event == "end" and len(path) == 1 and element.tag == STRING_TAG:
                        text = Text.from_tree(element).content.replace("x005F_", "")
                        self.shared_strings.append(same.setdefault(text, text))

    def first_sheet(self) -> str:
        for _sheet, rel in self.parser.find_sheets():
            if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                return rel.target
        raise SpreadsheetError("The Excel file has no sheet of rows to read: put the rows on its first sheet.")

    def rows(self) -> Iterator[tuple[int, list]]:
        """The first sheet's rows as ``(row number, [cell values])``, up to ``MAX_COLUMNS + 1`` cells each."""
        book, width = self.wb, MAX_COLUMNS + 1
        cells = WorkSheetParser(None, self.shared_strings, data_only=True, epoch=book.epoch,
                                date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        last = number = 0
        values = {}
        with self.archive.open(self.first_sheet()) as source:
            for event, path, element in _xml_events(source, shallow=3):
                depth = len(path)
                if depth == 1 and element.tag == SHEET_DATA_TAG and event == "end":
                    return  # what follows the rows is not needed
                if depth == 2 and element.tag == ROW_TAG and path[1].tag == SHEET_DATA_TAG:
                    if event == "start":
                        given = element.get("r")
                        number = int(float(given)) if given else number + 1
                        if number > EXCEL_MAX_ROWS or number < 1:
                            raise SpreadsheetError(f"The sheet has a row numbered {number:,}, beyond Excel's last "
                                                   f"row ({EXCEL_MAX_ROWS:,}): open it in Excel and save it again.")
                        cells.row_counter, cells.col_counter, values = number, 0, {}
                    elif number > last:  # rows out of order are skipped, as openpyxl does
                        last = number
                        yield number, [values.get(c) for c in range(1, max(values, default=0) + 1)]
                elif (depth == 3 and event == "end" and element.tag == CELL_TAG and path[2].tag == ROW_TAG
                      and path[1].tag == SHEET_DATA_TAG and cells.col_counter < width):
                    cell = cells.parse_cell(element)
                    if cell["column"] <= width and cell["value"] is not None:
                        values[cell["column"]] = cell["value"]


def _xml_events(source, shallow: int):
    """Stream XML as ``(event, open ancestors, element)`` for each element's start and end.

    Memory stays small whatever the file holds: once an element no more than ``shallow`` levels deep has
    ended (and been seen), its parent lets go of it; deeper elements are kept until their ancestor at that
    level ends, and a file needing more than ``HELD_ELEMENTS`` of them at once is refused.
    """
    path, held = [], 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            held += 1
            if held > HELD_ELEMENTS:
                raise SpreadsheetError(UNREADABLE_XLSX)
            yield event, path, element
            path.append(element)
        else:
            path.pop()
            yield event, path, element
            if 0 < len(path) <= shallow:
                path[-1].clear()
                held = len(path)


def cell(sheet, value):
    """An Excel cell: text that could start a formula is stored as text with Excel's own "quote prefix" (what
    Excel does when someone types '=...), so it shows exactly as written and never runs, even when edited."""
    if not (isinstance(value, str) and looks_like_formula(value)):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.quotePrefix = True
    return cell


def write_workbook(columns: list[str], rows: Iterable[list], file: BinaryIO) -> None:
    """Write the header and ``rows`` to the binary ``file`` as an .xlsx workbook, as the rows come."""
    book = Workbook(write_only=True)  # openpyxl writes each appended row to a temporary file
    sheet = book.create_sheet()
    sheet.append([cell(sheet, v) for v in columns])
    for row in rows:
        sheet.append([cell(sheet, v) for v in row])
    book.save(file)
