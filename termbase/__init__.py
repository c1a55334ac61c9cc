"""The termbase: documents, translation memory, terms and their review history.

Everything outside this package goes through ``termbase.db.Termbase`` and the
functions of ``termbase.store`` and its sibling modules; no SQL lives elsewhere. The
command line and the review app reach them only through ``services``, which opens
the sessions and turns storage errors into the project's own.
"""

from termbase.db import Termbase, TermbaseError

__all__ = ["Termbase", "TermbaseError"]
