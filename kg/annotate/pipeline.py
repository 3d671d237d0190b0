"""Build the spaCy pipeline: blank Chinese, jieba segmentation, our components.

No statistical model is loaded: everything is rules over data files committed
in ``kg/data``, so the pipeline runs offline and gives the same output every time.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

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


class JiebaTokenizer:
    """Jieba's segmentation as a spaCy tokenizer, keeping the input text on the Doc.

    spaCy's own jieba tokenizer aligns the words with the text to turn single
    spaces into trailing whitespace, which cost an eighth of the annotation
    time; jieba is lossless (its words joined are the text), so each word,
    spaces included, becomes a token with no trailing whitespace and
    ``doc.text`` is the input. The text is also kept as it is: components read
    it through :func:`kg.annotate.records.doc_text`, because spaCy rebuilds
    ``doc.text`` from every token on each access.
    """

    def __init__(self, vocab: Vocab) -> None:
        import jieba

        self.vocab = vocab
        self._cut = jieba.cut

    def __call__(self, text: str) -> Doc:
        words = [w for w in self._cut(text) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["lt_text"] = text
        return doc


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """Return the shared pipeline (built once per process: jieba's dictionary
    takes about a second to load)."""
    _init_jieba()
    _load_components()
    nlp = spacy.blank("zh")  # its default character segmenter, replaced below
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    # Run once so every lazy load (jieba's tag table, compiled patterns) happens
    # here, at start-up, not inside the first article's timing.
    nlp(WARM_UP)
    return nlp
