"""The file formats there are, for the command line and the review app to offer and
describe: the format table of ``exports.registry``, read without loading any
format's code. Exporting and importing in them is ``services.exchange``."""

from __future__ import annotations

from exports.registry import FORMATS, FileFormat, Format, Holds

__all__ = ["FORMATS", "FileFormat", "Format", "Holds"]
