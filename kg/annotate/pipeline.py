"""Build the spaCy pipeline: blank Chinese, jieba segmentation, our components.

No statistical model is loaded: everything is rules over data files committed
in ``kg/data``, so the pipeline runs offline and gives the same output every time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate import records  # noqa: F401  (registers Doc._.lt)
from kg.data import data_path

# Component names in pipeline order. Each later component may read the records
# of the earlier ones from ``doc._.lt``.
COMPONENTS: tuple[str, ...] = (
    "lt_places",
    "lt_agencies",
    "lt_officials",
    "lt_campaigns",
    "lt_targets",
)


WARM_UP = "某市生态环境局局长王某表示，某县PM2.5平均浓度同比下降5%，坚决打赢蓝天保卫战。"


def _load_components() -> None:
    # Importing a module registers its factory with spaCy.
    from kg.annotate import agencies, campaigns, officials, places, targets  # noqa: F401


def _init_jieba() -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    # Every kg/data/jieba_*.txt is a jieba user dictionary (one word per line,
    # optional frequency and POS), loaded in name order.
    for user_dict in sorted(data_path("").glob("jieba_*.txt")):
        jieba.load_userdict(str(user_dict))


class TextKeepingTokenizer:
    """The jieba tokenizer, keeping the input text on the Doc.

    Components read the text through :func:`kg.annotate.records.doc_text`;
    spaCy rebuilds ``doc.text`` from every token on each access, which cost a
    quarter of the whole pipeline's time. The jieba tokenizer is lossless, so
    the kept text is ``doc.text``.
    """

    def __init__(self, inner: Callable[[str], Doc]) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc.user_data["lt_text"] = text
        return doc


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """Return the shared pipeline (built once per process: jieba's dictionary
    takes about a second to load)."""
    _init_jieba()
    _load_components()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    # Run once so every lazy load (jieba's tag table, compiled patterns) happens
    # here, at start-up, not inside the first article's timing.
    nlp(WARM_UP)
    return nlp
