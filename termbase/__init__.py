"""The termbase: documents, translation memory, terms and their review history.

Everything outside this package goes through ``termbase.db.Termbase`` and the
functions of ``termbase.store`` and its sibling modules; no SQL lives elsewhere.
"""

from termbase.db import Termbase, TermbaseError

__all__ = ["Termbase", "TermbaseError"]
