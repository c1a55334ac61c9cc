"""Term extraction: ranked term candidates from Chinese text, inline glosses from
English text, and recall against a gold list."""

from glossary.extraction.evaluation import missed_terms, read_gold_terms, term_recall, terms_in
from glossary.extraction.glosses import inline_glosses
from glossary.extraction.ranking import Candidate, extract_candidates

__all__ = [
    "Candidate",
    "extract_candidates",
    "inline_glosses",
    "missed_terms",
    "read_gold_terms",
    "term_recall",
    "terms_in",
]
