"""Lantian (蓝天): Chinese environmental-governance news into a knowledge graph.

The data flows one way: ingest → annotate (spaCy components) → resolve →
graph (networkx, node ids are IRIs) → export / view / query.
"""

__version__ = "0.1.0"
