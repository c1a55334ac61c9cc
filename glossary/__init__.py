"""Reading, segmenting, aligning and extracting terms from Chinese political texts."""

__version__ = "0.1.0"
