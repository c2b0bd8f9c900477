"""Word and PowerPoint 97-2003 (.doc, .ppt): converted by LibreOffice to .docx or .pptx, then read by those readers.

The file's bytes are read once, within the limits, and a private copy is converted:
the bytes converted are the bytes the result cache hashed, whatever the file is
called.  LibreOffice runs headless in a temporary folder of its own, with a profile
of its own (``-env:UserInstallation``), so runs in parallel never share a profile
or hand the job to a LibreOffice the user has open; within :data:`CONVERSION_SECONDS`;
and its output is bounded like every reader's (``limits.max_bytes``).  It is
stopped, with every process it started, however the conversion ends.  The reading
is what the cache keeps, so a file is converted once, not on every run.

A .doc or .ppt that is really a .docx or .pptx (a zip) is read as one, and a .doc
that is really RTF (Word and WordPad often saved RTF under that name) by the RTF
reader, without LibreOffice.  Without LibreOffice, any other one is skipped with
the hint to install it.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from focuscount.errors import ReadError, UnsupportedFormatError
from focuscount.limits import DEFAULT_LIMITS, ReadLimits
from focuscount.model import Document
from focuscount.readers._textblocks import read_bytes

log = logging.getLogger(__name__)

# The names LibreOffice's program has on PATH, then where its installers put it when not on PATH.
PROGRAMS = ("soffice", "libreoffice")
INSTALLED_PROGRAMS: tuple[Path, ...] = (
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path("C:/Program Files/LibreOffice/program/soffice.exe"),
)
# A .doc of a few hundred pages converts in seconds; a file that takes longer is stuck (a password dialog, a loop).
CONVERSION_SECONDS = 60.0
_POLL_SECONDS = 0.05

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # every Word and PowerPoint 97-2003 file: an OLE compound file
ZIP_SIGNATURE = b"PK\x03\x04"
RTF_SIGNATURE = b"{\\rtf"
# LibreOffice's own lines that say nothing about the file.
_NOISE = ("warning: failed to launch javaldx", "convert ")
_MAX_REASON_CHARS = 160


@dataclass(frozen=True)
class LegacyFormat:
    """An old binary format: what LibreOffice converts it to, with which export filter, and who reads the result."""

    suffix: str  # ".doc"
    target: str  # "docx"
    export_filter: str  # LibreOffice's name for the filter that writes ``target``
    reader: str  # the module that reads ``target``
    kind: str  # "Word" (for messages)


FORMATS: dict[str, LegacyFormat] = {
    ".doc": LegacyFormat(".doc", "docx", "MS Word 2007 XML", "focuscount.readers.docx", "Word"),
    ".ppt": LegacyFormat(".ppt", "pptx", "Impress MS PowerPoint 2007 XML", "focuscount.readers.pptx", "PowerPoint"),
}


def find_office() -> str | None:
    """The LibreOffice program to convert with: ``soffice`` or ``libreoffice`` on PATH, else a usual install place."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return next((str(path) for path in INSTALLED_PROGRAMS if path.is_file()), None)


def missing_office_hint(suffix: str) -> str:
    """The reason a .doc or .ppt is skipped where LibreOffice is not installed."""
    return f"install LibreOffice to read {suffix} files (soffice not found)"


def read(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document:
    """Read a .doc or .ppt: converted by LibreOffice, then read by the docx or pptx reader.

    The document keeps its own path; its locations are those the docx or pptx reader
    gives (paragraph 3, table 1, slide 2 (notes) …), and its format names that reader.
    Raises :class:`~focuscount.errors.UnsupportedFormatError` with the hint to install
    LibreOffice when it is missing, and :class:`~focuscount.errors.ReadError` naming the
    reason when the file is not of its type, or the conversion fails, times out or
    gives more than the limits allow.
    """
    path = Path(path)
    form = FORMATS[path.suffix.lower()]
    data = read_bytes(path, limits)
    if data.startswith(ZIP_SIGNATURE):  # a .docx or .pptx saved under the old name: no conversion needed
        return _reader(form.reader)(path, limits)
    if form.suffix == ".doc" and data.startswith(RTF_SIGNATURE):
        return _reader("focuscount.readers.rtf")(path, limits)
    if not data.startswith(OLE_SIGNATURE):
        # LibreOffice would import any other bytes as plain text and count them as words.
        raise ReadError(
            path,
            f"not a {form.kind} 97-2003 file (it does not start like one); check that it really is a {form.suffix}",
        )
    program = find_office()
    if program is None:
        raise UnsupportedFormatError(path, missing_office_hint(form.suffix))
    with tempfile.TemporaryDirectory(prefix="focuscount-office-") as folder:
        converted = convert(program, data, form, Path(folder), limits, path)
        try:
            document = _reader(form.reader)(converted, limits)
        except ReadError as error:
            reason = f"the .{form.target} LibreOffice converted it to cannot be read: {error.reason}"
            raise ReadError(path, reason, error.cause) from error
    return replace(document, path=path)


def convert(program: str, data: bytes, form: LegacyFormat, folder: Path, limits: ReadLimits, path: Path) -> Path:
    """Convert ``data`` (the bytes of ``path``) to ``form.target`` inside ``folder``; the converted file.

    Raises :class:`~focuscount.errors.ReadError` (naming ``path``) when LibreOffice fails, runs past
    :data:`CONVERSION_SECONDS`, or writes more than ``limits.max_bytes``.
    """
    source = folder / f"document{form.suffix}"
    source.write_bytes(data)
    output = folder / "converted"
    output.mkdir()
    messages = folder / "soffice.log"
    command = [
        program,
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
        "--convert-to", f"{form.target}:{form.export_filter}",
        "--outdir", str(output),
        str(source),
    ]  # fmt: skip
    log.debug("%s: converting with %s", path, program)
    started = time.monotonic()
    with messages.open("wb") as sink:
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT, cwd=folder,
                env={**os.environ, "TMPDIR": str(folder), "TMP": str(folder), "TEMP": str(folder)},  # removed after
                start_new_session=True,  # its own process group: stopped with every process it starts
            )  # fmt: skip
        except OSError as error:
            raise ReadError(path, f"cannot run LibreOffice ({program}: {error.strerror or error})", error) from error
        try:
            _wait(process, (output, messages), limits, path)
        finally:
            _stop(process)
    log.debug("%s: LibreOffice exited %s after %.1f s", path, process.returncode, time.monotonic() - started)
    converted = output / f"document.{form.target}"
    if not converted.is_file():
        raise ReadError(path, f"LibreOffice could not convert it ({_failure(messages, process.returncode)})")
    return converted


def _wait(process: subprocess.Popen[bytes], written: tuple[Path, ...], limits: ReadLimits, path: Path) -> None:
    """Wait for ``process`` to end, within the time limit and without it writing more than the limit."""
    deadline = time.monotonic() + CONVERSION_SECONDS
    while True:
        try:
            process.wait(timeout=_POLL_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
        if _size(written) > limits.max_bytes:
            raise ReadError(path, limits.expands())
        if time.monotonic() > deadline:
            raise ReadError(path, f"LibreOffice took longer than {CONVERSION_SECONDS:g} s to convert it")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process`` and whatever it started (LibreOffice's launcher starts soffice.bin), then reap it."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        elif process.poll() is None:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass  # all of them have ended already
    process.wait()


def _size(paths: tuple[Path, ...]) -> int:
    """Bytes in the files and folders ``paths`` (a file gone meanwhile counts nothing)."""
    total = 0
    for path in paths:
        entries = path.rglob("*") if path.is_dir() else (path,)
        for entry in entries:
            try:
                total += entry.stat().st_size if entry.is_file() else 0
            except OSError:
                continue
    return total


def _failure(messages: Path, returncode: int | None) -> str:
    """LibreOffice's own words on why nothing was written (its last line that is about the file), bounded."""
    with messages.open("rb") as stream:
        stream.seek(max(0, messages.stat().st_size - 4096))
        tail = stream.read().decode("utf-8", "replace")
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    said = [line for line in lines if not line.lower().startswith(_NOISE)]
    if said:
        text = said[-1].removeprefix("Error: ")
        return text if len(text) <= _MAX_REASON_CHARS else text[: _MAX_REASON_CHARS - 1] + "…"
    return f"it wrote nothing and exited with status {returncode}"


def _reader(module: str) -> Callable[[Path, ReadLimits], Document]:
    read_file: Callable[[Path, ReadLimits], Document] = importlib.import_module(module).read
    return read_file
