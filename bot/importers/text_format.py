"""Read a plain-text briefing laid out like the seed day: title, summary paragraphs, snippets.

The layout (DESIGN.md) tells the parts apart by line length only: one title line, then the
summary paragraphs as long lines, then one snippet per short line. In the seed day the summary
paragraphs are 407-628 characters and the snippets 125-169 (news-search excerpts, cut near 160
and ending in "..."), so a line under LONG_LINE characters is a snippet, with wide margins on
both sides. Rules, in order:

1. The title is the first non-blank line.
2. If blank lines cut the rest into blocks and one block holds two or more lines that are all
   short, the snippets start at the first such block: everything before it is summary, even a
   short paragraph the admin set apart with blank lines.
3. Otherwise the summary is the run of long lines after the title and the snippets start at the
   first short line, whatever the length of the lines after it.

Each non-blank summary line is one paragraph (the seed writes one paragraph per line).
"""

from __future__ import annotations

from datetime import date, tzinfo

from bot.importers.common import (
    DEFAULT_LIMITS,
    ContentError,
    ImportLimits,
    check_length,
    clean_line,
    date_from_filename,
    decode,
    normalise_newlines,
)
from storage.models import NewBriefing, NewSnippet

LONG_LINE = 250

Line = tuple[int, str]  # (1-based line number, cleaned text)


def parse_text(
    data: str | bytes,
    *,
    filename: str,
    day: date | None,
    tz: tzinfo,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> NewBriefing:
    """Return the briefing of a plain-text file; ``day`` wins over a date in the file name.

    ``tz`` is accepted for symmetry with parse_yaml: text snippets carry no time of their own.
    """
    text = normalise_newlines(decode(data, filename, limits))
    numbered = [(number, clean_line(raw)) for number, raw in enumerate(text.split("\n"), 1)]
    content = [line for line in numbered if line[1]]
    if not content:
        raise ContentError(
            filename,
            "is empty: write the title on the first line, then the summary paragraphs, "
            "then one snippet per line",
        )
    title_number, title = content[0]
    body = numbered[title_number:]
    if not any(text for _, text in body):
        raise ContentError(
            filename,
            "holds only a title: add the summary paragraphs and the snippets, one per line",
            title_number,
        )
    briefing_day = day or date_from_filename(filename)
    if briefing_day is None:
        raise ContentError(
            filename,
            "not found in the file name: name it like briefing-2024-10-24.txt "
            "or pass --date YYYY-MM-DD",
            field="date",
        )
    check_length(title, limits.max_title_chars, filename, "title", title_number, None)
    paragraphs, snippet_lines = split_body(body)
    return NewBriefing(
        day=briefing_day,
        title=title,
        summary=_summary(paragraphs, filename, limits),
        snippets=_snippets(snippet_lines, filename, limits),
    )


def split_body(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split the lines after the title into summary paragraphs and snippet lines."""
    blocks: list[list[Line]] = [[]]
    for line in body:
        if line[1]:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    lines = [line for block in blocks for line in block]
    start = 0
    for block in blocks:
        if len(block) >= 2 and all(_is_short(line) for line in block):
            return lines[:start], lines[start:]
        start += len(block)
    start = next((i for i, line in enumerate(lines) if _is_short(line)), len(lines))
    return lines[:start], lines[start:]


def _is_short(line: Line) -> bool:
    return len(line[1]) < LONG_LINE


def _summary(paragraphs: list[Line], filename: str, limits: ImportLimits) -> str | None:
    if not paragraphs:
        return None
    summary = "\n\n".join(text for _, text in paragraphs)
    first_line = paragraphs[0][0]
    return check_length(summary, limits.max_summary_chars, filename, "summary", first_line, None)


def _snippets(lines: list[Line], filename: str, limits: ImportLimits) -> tuple[NewSnippet, ...]:
    if len(lines) > limits.max_snippets_per_file:
        limit = limits.max_snippets_per_file
        number = lines[limit][0]
        field = f"snippets[{limit}]"
        raise ContentError(
            filename, f"is past the limit of {limit} snippets a file", number, None, field
        )
    return tuple(
        NewSnippet(
            text=check_length(
                text, limits.max_snippet_chars, filename, f"snippets[{i}].text", number, None
            )
        )
        for i, (number, text) in enumerate(lines)
    )
