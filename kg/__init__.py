"""china-ai-kg: Chinese news about China's AI ecosystem, as a knowledge graph.

The pipeline runs one way, one module (or package) per stage:
`read` → `normalise` → `extract` → `resolve` → `store` → `export`.
"""

from kg.api import KnowledgeGraph, curated_queries, curated_query

__all__ = ["KnowledgeGraph", "curated_queries", "curated_query"]
__version__ = "0.1.0"
