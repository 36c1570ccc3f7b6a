"""The one safe reader for every input file (JSON and YAML), from a path or from uploaded bytes. No Django here.

Whatever the bytes, reading either returns plain data (dict, list, str, int, float, bool, None) or raises
`InputFileError` naming the file and the problem; never a RecursionError, UnicodeDecodeError or MemoryError:

- at most `MAX_FILE_BYTES` (20 MB; YAML `MAX_YAML_BYTES`, 2 MB), so a stray disk image is refused before
  it is parsed;
- strict UTF-8 (a leading UTF-8 byte-order mark is allowed); a bad byte is named by its offset and line;
- nesting at most `MAX_DEPTH` levels, checked before parsing and without recursion: the JSON decoder and
  the YAML composer recurse, and Python's recursion limit (1,000) must never be what stops them;
- JSON: NaN, Infinity and -Infinity are refused (JSON has no such numbers; Python's json reads them),
  so are numbers too large for a float or longer than `MAX_NUMBER_DIGITS` digits, and duplicate keys (the
  second one would silently win);
- YAML: `yaml.safe_load` semantics (no Python objects), but anchors and aliases are refused (a "billion
  laughs" file expands to gigabytes once walked), as are duplicate keys, .nan/.inf and huge numbers.

CSV (`load_csv` / `read_csv`, for imports): strict UTF-8 as above, `,` or `;` separated (spreadsheets in
many European locales save with `;`), a header row naming the columns, at most `MAX_CSV_ROWS` rows; every
problem is collected and named by spreadsheet row and column (`row 3, column B (seats)`) in one
`CsvFileError`, so a whole file can be fixed in one go.

Every CLI input path reads through `read_json` / `read_yaml` / `read_csv`; web uploads call `load_json` /
`load_yaml` / `load_csv` (or `load_text`, for the matrix's CSV) with the uploaded bytes and the file's name.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from sevenc.lib.errors import DomainError
from sevenc.lib.validation import clipped

MAX_FILE_BYTES = 20 * 1024 * 1024
# Parsing YAML is ~20 times slower than JSON (2 MB take seconds); a framework file is ~50 KB.
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NUMBER_DIGITS = 300  # far beyond any bound in sevenc.lib.bounds; Python refuses ints over 4,300 digits
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class InputFileError(DomainError):
    """An input file that cannot be read or decoded; the message starts with the file's name."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


def _short(value: str, limit: int = 40) -> str:
    return repr(value[:limit] + "…" if len(value) > limit else value)


# --- bytes and text ---------------------------------------------------------------------------------------


def read_bytes(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, or an InputFileError saying why not (missing, a folder, not readable, too big)."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # never more than the limit, even from /dev/zero
    except FileNotFoundError:
        raise InputFileError(source, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(source, "is a folder, not a file") from None
    except PermissionError:
        raise InputFileError(source, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputFileError(source, f"cannot be read ({exc.strerror or exc})") from None
    _check_size(data, source, limit)
    return data


def _check_size(data: bytes | str, source: str, limit: int = MAX_FILE_BYTES) -> None:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > limit:
        raise InputFileError(
            source, f"larger than {limit / 1024 / 1024:g} MB ({limit:,} bytes), the most sevenc reads"
        )


def decode_utf8(data: bytes, *, source: str) -> str:
    """Strict UTF-8 text (one leading byte-order mark allowed); a bad byte is named by offset and line."""
    if data.startswith(_UTF16_BOMS):
        raise InputFileError(source, "is UTF-16 text; save it as UTF-8")
    body = data[len(_BOM) :] if data.startswith(_BOM) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        line = data.count(b"\n", 0, offset) + 1
        raise InputFileError(
            source,
            f"not UTF-8 text: byte 0x{data[offset]:02X} at offset {offset:,} (line {line:,}) "
            "cannot be decoded; save the file as UTF-8",
        ) from None


def _text(source_data: bytes | str, source: str, limit: int) -> str:
    _check_size(source_data, source, limit)
    if isinstance(source_data, str):
        return source_data.removeprefix("\ufeff")
    return decode_utf8(source_data, source=source)


def load_text(data: bytes | str, *, source: str = "input", limit: int = MAX_FILE_BYTES) -> str:
    """Uploaded bytes (a CSV, say) as text: at most `limit` bytes, strict UTF-8, one byte-order mark allowed."""
    return _text(data, source, limit)


# --- JSON -------------------------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = bytes.maketrans(b"[]{}", b"\x01\xff\x01\xff")  # +1 / -1 as signed bytes


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text, counted without recursion (brackets inside
    strings do not count). Unbalanced text may give a wrong answer; the decoder then reports it."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    steps = array("b", brackets.encode("ascii").translate(_DEPTH_STEP))
    return max(0, max(accumulate(steps)))


class _Refused(Exception):
    """Raised inside the decoder's hooks; carries the problem out of json.loads."""


def _refuse_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number (JSON has no NaN or Infinity; give a number or null)")


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number of {len(text):,} characters is too long")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {_short(text)} is too large")
    return value


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number of {len(text):,} digits is too long")
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"key {_short(key)} appears twice in one object")
        result[key] = value
    return result


def load_json(data: bytes | str, *, source: str = "input", limit: int = MAX_FILE_BYTES) -> Any:
    """Decode a JSON document from bytes (or text) under every rule of this module (`limit`: the most
    bytes; a whole-MSP backup may be larger than any other input)."""
    text = _text(data, source, limit)
    depth = json_depth(text)
    if depth > MAX_DEPTH:
        raise InputFileError(source, f"nested more than {MAX_DEPTH} levels deep ({depth:,} levels)")
    try:
        return json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_float=_float,
            parse_int=_int,
            object_pairs_hook=_object,
        )
    except _Refused as exc:
        raise InputFileError(source, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(
            source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:  # cannot happen below MAX_DEPTH; kept so no input ever ends in a traceback
        raise InputFileError(source, f"nested more than {MAX_DEPTH} levels deep") from None


def read_json(path: str | Path, *, limit: int = MAX_FILE_BYTES) -> Any:
    return load_json(read_bytes(path, limit=limit), source=str(path), limit=limit)


# --- YAML -------------------------------------------------------------------------------------------------

_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


class _StrictLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """yaml.safe_load's loader, refusing duplicate keys, .nan/.inf and over-long numbers."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != len(node.value):
            seen: list[Any] = []
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    shown = _short(key) if isinstance(key, str) else repr(key)[:40]
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {shown} appears twice in one mapping", key_node.start_mark
                    )
                seen.append(key)
        return mapping

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        _check_number_length(node)
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        _check_number_length(node)
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a finite number", node.start_mark
            )
        return value  # type: ignore[no-any-return]


def _check_number_length(node: yaml.ScalarNode) -> None:
    if len(node.value) > MAX_NUMBER_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {len(node.value):,} characters is too long", node.start_mark
        )


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


def _check_yaml_events(text: str, source: str) -> None:
    """Refuse anchors, aliases and deep nesting by walking the parser's events (no tree is built yet)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise InputFileError(source, f"line {line}: YAML anchors and aliases (&, *) are not supported")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputFileError(source, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(data: bytes | str, *, source: str = "input") -> Any:
    """Decode one YAML document (JSON is YAML too) from bytes (or text) under every rule of this module."""
    text = _text(data, source, MAX_YAML_BYTES)
    try:
        _check_yaml_events(text, source)
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader (or CSafeLoader) subclass
    except yaml.MarkedYAMLError as exc:
        where = f"line {exc.problem_mark.line + 1}: " if exc.problem_mark else ""
        said = "; ".join(part for part in (exc.context, exc.problem) if part)
        raise InputFileError(source, f"not valid YAML ({where}{_one_line(said)})") from None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # ValueError: a date 2026-02-31, say
        raise InputFileError(source, f"not valid YAML ({_one_line(str(exc))})") from None


def _one_line(message: str) -> str:
    return " ".join(message.split())


def read_yaml(path: str | Path) -> Any:
    return load_yaml(read_bytes(path, limit=MAX_YAML_BYTES), source=str(path))


# --- CSV --------------------------------------------------------------------------------------------------

MAX_CSV_ROWS = 10_000
_SHOWN_PROBLEMS = 5  # on the one-line message; the web page lists every problem
_SHOWN_PROBLEM_CHARACTERS = 120


class CsvFileError(InputFileError):
    """A CSV file that cannot be imported: every problem, each naming its row and column; nothing was
    imported."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        # Each problem clipped too: a header of long unknown names repeats the list of known columns.
        shown = [clipped(problem, _SHOWN_PROBLEM_CHARACTERS) for problem in self.problems[:_SHOWN_PROBLEMS]]
        if len(self.problems) > _SHOWN_PROBLEMS:
            shown.append(f"… and {len(self.problems) - _SHOWN_PROBLEMS} more")
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        # One line (the CLI's convention); the web lists `problems` one per line.
        super().__init__(source, f"{count}, nothing imported: " + "; ".join(shown))


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@dataclass(frozen=True)
class CsvRow:
    number: int  # the spreadsheet row: the header is row 1
    cells: dict[str, str]  # column → its text, stripped ("" when the row stops short)
    letters: dict[str, str]  # column → its spreadsheet letter

    def where(self, column: str | None = None) -> str:
        if column is None:
            return f"row {self.number}"
        return f"row {self.number}, column {self.letters.get(column, '?')} ({column})"


@dataclass(frozen=True)
class CsvTable:
    source: str
    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def _column_key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def load_csv(
    data: bytes | str, *, source: str = "input", required: Iterable[str], optional: Iterable[str] = ()
) -> CsvTable:
    """A CSV file with a header naming `required` columns (and any of `optional`, in any order; names are
    matched without case, `Fiscal year start` = `fiscal_year_start`). Blank rows are skipped."""
    text = _text(data, source, MAX_FILE_BYTES)
    if "\x00" in text:
        raise InputFileError(source, "contains a NUL character: not a text file")
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        raise InputFileError(source, f"not valid CSV ({exc})") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CsvFileError(source, ["row 1: the header is missing (the first row names the columns)"])
    if len(rows) - 1 > MAX_CSV_ROWS:
        raise CsvFileError(source, [f"at most {MAX_CSV_ROWS:,} rows (this has {len(rows) - 1:,})"])
    required = tuple(required)
    known = {*required, *optional}
    problems: list[str] = []
    letters: dict[str, str] = {}
    for index, cell in enumerate(rows[0]):
        name = _column_key(cell)
        where = f"row 1, column {column_letter(index)}"
        if name not in known:
            expected = ", ".join(sorted(known))
            problems.append(f"{where}: unknown column {cell.strip()[:40]!r} (the columns are {expected})")
        elif name in letters:
            problems.append(f"{where}: {name} is also column {letters[name]}")
        else:
            letters[name] = column_letter(index)
    missing = [name for name in required if name not in letters]
    if missing:
        problems.append(f"row 1: missing column(s) {', '.join(missing)}")
    width = len(rows[0])
    names = [_column_key(cell) for cell in rows[0]]
    table = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        extra = [column_letter(i) for i in range(width, len(row)) if row[i].strip()]
        if extra:
            problems.append(f"row {number}: cells beyond the header in column(s) {', '.join(extra)}")
        cells = {name: "" for name in known}
        for index, name in enumerate(names):
            if name in letters and letters[name] == column_letter(index) and index < len(row):
                cells[name] = row[index].strip()
        table.append(CsvRow(number, cells, letters))
    if problems:
        raise CsvFileError(source, problems)
    return CsvTable(source, tuple(letters), tuple(table))


def read_csv(path: str | Path, *, required: Iterable[str], optional: Iterable[str] = ()) -> CsvTable:
    return load_csv(read_bytes(path), source=str(path), required=required, optional=optional)
