"""Sentence alignment of Chinese originals and English translations.

``sequences`` holds the dynamic programme, ``scoring`` what it optimises, ``documents``
how a document's structure (flow, captions, paragraph pairs) is fed to it, and
``learning`` the lexicon it teaches itself from its own confident pairs.
"""

from glossary.alignment.scoring import Sentence
from glossary.alignment.sequences import Bead, align_sentences

__all__ = ["Bead", "Sentence", "align_sentences"]
