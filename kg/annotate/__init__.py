"""Annotate: a spaCy pipeline (blank ``zh`` + jieba) with one component per kind
of thing. Components write exact character-offset records to ``doc._.lt``
(see :mod:`kg.annotate.records`) and mirror them as span groups for spaCy tools.
"""
