"""Opening Office Open XML packages (.docx, .pptx) with errors that say what the file really is."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from focuscount.errors import ReadError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.readers._textblocks import brief
from focuscount.readers._zipguard import ZIP_ERRORS, check_package

# Encrypted OOXML files and old binary .doc/.ppt files are OLE compound files.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")


@dataclass(frozen=True)
class OfficeFormat:
    """What to call a package type in messages, and how its library says "wrong type"."""

    extension: str  # "docx"
    old_extension: str  # "doc"
    application: str  # "Word"
    content: str  # "Word document"
    wrong_type: str  # the library's message for another Office file, e.g. "is not a Word file"


WORD = OfficeFormat("docx", "doc", "Word", "Word document", "is not a Word file")
POWERPOINT = OfficeFormat("pptx", "ppt", "PowerPoint", "PowerPoint presentation", "is not a PowerPoint file")


def open_package(
    path: Path,
    data: bytes,
    kind: OfficeFormat,
    load: Callable[[io.BytesIO], Any],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Any:
    """``load(data)``, or a :class:`ReadError` saying whether the file is encrypted, not a zip, broken or a bomb.

    The package is checked against ``limits`` before ``load`` (python-docx,
    python-pptx) inflates any part of it: those libraries read every part they
    meet, trusting the zip's headers.
    """
    if data.startswith(OLE_SIGNATURE):
        raise ReadError(
            path,
            f"encrypted (password-protected) .{kind.extension}, or an old .{kind.old_extension} saved with a "
            f".{kind.extension} name; remove the password in {kind.application}, or convert it: "
            f"`soffice --headless --convert-to {kind.extension} FILE`",
        )
    advice = f"open and re-save it in {kind.application}"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(path, f"not a valid .{kind.extension} file (not a zip archive); {advice}")
    try:
        check_package(path, data, limits)
    except ZIP_ERRORS as error:
        reason = f"not a valid .{kind.extension} file (broken zip archive: {brief(error)}); {advice}"
        raise ReadError(path, reason, error) from error
    try:
        return load(io.BytesIO(data))
    except Exception as error:  # the Office libraries raise many kinds for a broken package
        raise ReadError(
            path, f"not a valid .{kind.extension} file ({_why_not(error, kind)}); {advice}", error
        ) from error


_APP_PROPERTIES = "/docProps/app.xml"
_APPLICATION = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application"


def application_of(package: Any) -> str | None:
    """The ``Application`` of the package's extended properties (docProps/app.xml): what saved it, if it says."""
    from xml.etree import ElementTree

    for part in package.iter_parts():
        if str(part.partname) != _APP_PROPERTIES:
            continue
        try:
            element = ElementTree.fromstring(part.blob).find(_APPLICATION)
        except ElementTree.ParseError:  # a broken secondary part costs only the producer
            return None
        text = "".join(element.itertext()).strip() if element is not None else ""
        return text or None
    return None


def _why_not(error: Exception, kind: OfficeFormat) -> str:
    text = brief(error)
    if kind.wrong_type in text:  # the main part is of another Office type
        return f"it is not a {kind.content}; is it another Office file renamed to .{kind.extension}?"
    if "no item named" in text or "no member" in text or "PackageNotFound" in type(error).__name__:
        return f"no {kind.content} inside the zip: {text}"
    return text
