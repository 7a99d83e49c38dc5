"""What every importer shares: the error an admin reads, the limits, decoding and text cleaning."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Bounds on what one file may hold, so a bad or hostile file cannot exhaust the bot."""

    max_file_bytes: int = 20_000_000
    max_snippet_chars: int = 4000
    max_title_chars: int = 500
    max_summary_chars: int = 50_000
    max_source_chars: int = 300
    max_url_chars: int = 2048
    max_snippets_per_file: int = 1_000_000


DEFAULT_LIMITS = ImportLimits()


class ContentError(Exception):
    """A file an admin must fix, as one line: ``bad.yaml:12:5: snippets[3].text: is required``."""

    def __init__(
        self,
        file: str,
        reason: str,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.reason = reason
        self.line = line
        self.column = column
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.reason}"

    def __reduce__(self) -> tuple[type[ContentError], tuple[object, ...]]:
        return (type(self), (self.file, self.reason, self.line, self.column, self.field))


def check_size(size: int, file: str, limits: ImportLimits) -> None:
    if size > limits.max_file_bytes:
        raise ContentError(file, f"is {size} bytes; the limit is {limits.max_file_bytes} bytes")


def decode(data: str | bytes, file: str, limits: ImportLimits) -> str:
    """Return the file's text, refusing oversize files and anything that is not UTF-8."""
    if isinstance(data, str):
        check_size(len(data.encode("utf-8", "surrogatepass")), file, limits)
        return data.removeprefix("\ufeff")
    check_size(len(data), file, limits)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ContentError(file, "is UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        raise ContentError(
            file, f"is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8", line, column
        ) from None


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; lone surrogates (Cs) cannot be
# stored as UTF-8. Format characters (Cf: ZWJ, variation selectors) are deliberately kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_raw_controls(text: str) -> str:
    """Drop control characters but keep tabs and line breaks: the YAML reader refuses the rest."""
    return _RAW_CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Clean a one-line field: controls dropped, tabs and line breaks become spaces, NFC."""
    text = _CONTROL.sub("", normalise_newlines(text)).replace("\t", " ").replace("\n", " ")
    return _nfc(text.strip())


def clean_summary(text: str) -> str:
    """Clean a summary: paragraphs get one blank line between them, and are reflowed.

    A YAML block wrapped at 80 columns is one paragraph to its author; kept, the hard breaks
    would show as ragged lines on a phone.
    """
    text = _CONTROL.sub("", normalise_newlines(text).replace("\t", " "))
    paragraphs = (" ".join(paragraph.split()) for paragraph in _BLANK_LINES.split(text))
    return _nfc("\n\n".join(paragraph for paragraph in paragraphs if paragraph))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def check_length(
    text: str, limit: int, file: str, field: str, line: int | None, column: int | None
) -> str:
    if len(text) > limit:
        raise ContentError(
            file, f"is {len(text)} characters long; the limit is {limit}", line, column, field
        )
    return text


_DAY_IN_NAME = re.compile(r"(?<!\d)(?=(\d{4})-(\d{2})-(\d{2})(?!\d))")


def date_from_filename(name: str) -> date | None:
    """Return the first valid YYYY-MM-DD in the file's name (not its folders), if any."""
    for match in _DAY_IN_NAME.finditer(PurePath(name).name):
        year, month, day = (int(group) for group in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
