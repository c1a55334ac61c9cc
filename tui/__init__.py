"""The review app (``glossary review``): a Textual front end on ``termbase``, where
editors decide between the competing renderings of each term.

It reads and writes only through ``termbase`` functions, never SQL, and runs every
query and save in a worker thread, so that the screen stays live however large the
termbase or however busy the database.
"""
