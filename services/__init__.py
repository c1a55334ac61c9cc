"""The one way into the termbase for the command line and the review app.

Each service is a plain function over a termbase handle and the plain records of
``records``: it opens the sessions it needs (and nobody above it does), calls the
language code (``glossary``), the file formats (``exports``) and the store
(``termbase``), and raises only the project's own errors (``services.errors``),
never a database driver's. Pinyin derivation for edits, conflict handling and
logging of decisions happen here once, whoever asks.

The layers, top to bottom, each importing only from the ones below it (checked by
import-linter in CI, see ``pyproject.toml``)::

    cli                      the command line
    tui                      the review app
    services                 this package
    glossary | exports | termbase   language code, file formats, store (independent)
    records                  plain records shared by all
"""
