"""Turn admin files (content YAML, plain-text briefings) into validated briefings; no I/O beyond
reading the file."""

from bot.importers.common import ContentError, ImportLimits, date_from_filename
from bot.importers.files import SUPPORTED_SUFFIXES, parse_file
from bot.importers.text_format import parse_text
from bot.importers.yaml_format import parse_yaml

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ContentError",
    "ImportLimits",
    "date_from_filename",
    "parse_file",
    "parse_text",
    "parse_yaml",
]
