"""jieba's dictionary read as a lexicon: how often a word occurs, its part of speech.

Components ask it whether a stretch of text is a common word (高度, 补齐) before
taking it for a name or a place; one module so that every component reads the
same dictionary (with Lantian's user dictionaries) the same way.
"""

from __future__ import annotations


def _dictionary():
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt


def freq(word: str) -> int:
    """The word's count in jieba's dictionary (0 for a prefix or an unknown word)."""
    return _dictionary().FREQ.get(word, 0)


def is_word(word: str, min_freq: int = 1) -> bool:
    """True when jieba's dictionary holds ``word`` at least ``min_freq`` times."""
    return freq(word) >= min_freq


def tag(word: str) -> str:
    """The word's part-of-speech tag in jieba's dictionary ("" when it has none)."""
    import jieba.posseg

    _dictionary()
    return jieba.posseg.dt.word_tag_tab.get(word) or ""
