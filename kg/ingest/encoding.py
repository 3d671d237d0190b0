"""Bytes → str: find the encoding instead of assuming one.

Chinese news files arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Windows
"Unicode" saves), GBK/GB2312/GB18030 and now and then Big5. The order below
goes from the most to the least certain signal:

1. a byte-order mark (UTF-8-SIG, UTF-16 LE/BE);
2. binary content (NUL bytes outside UTF-16, known file signatures);
3. strict UTF-8 (random non-UTF-8 bytes almost never form valid UTF-8),
   or UTF-8 with a handful of broken bytes (a truncated character must not
   turn the whole file into GB18030 mojibake);
4. a charset declared in an HTML/XML head, when it decodes cleanly;
5. GB18030 (a superset of GBK and GB2312), unless Big5 reads far more
   plausibly;
6. charset-normalizer as the last resort.

Cost: a few linear passes over the bytes; charset-normalizer only runs for
files none of the cheaper decoders accept.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import InputError

# File signatures of formats that are never articles: named in the error.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document (.doc/.xls)"),
    (b"\x7fELF", "executable"),
    (b"Rar!", "RAR archive"),
)

_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# ASCII, general punctuation, CJK symbols, Han, full-width forms.
_TEXTLIKE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# C0 controls other than tab, newline, vertical tab, form feed, carriage return; and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from a file and the name of the encoding that was used."""

    text: str
    encoding: str


def decode(data: bytes, relpath: str) -> Decoded:
    """Decode a file's bytes, or raise ``InputError`` saying why it cannot be read.

    ``relpath`` only names the file in error messages.
    """
    if not data.strip():
        raise InputError(relpath, "empty file (no text at all); remove it or give it content")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise InputError(
                    relpath, f"starts with a {name} byte-order mark but is not valid {name} ({exc.reason} "
                    f"at byte {exc.start + len(bom)}); re-save it as UTF-8"
                ) from exc
            return _checked(Decoded(text, name), relpath)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(relpath, f"binary file ({kind}), not a text article; convert it to text first")
    if b"\x00" in data:
        utf16 = _try_utf16(data)
        if utf16 is None:
            raise InputError(relpath, "binary file (contains NUL bytes and is not UTF-16 text)")
        return _checked(utf16, relpath)
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), relpath)
    except UnicodeDecodeError:
        pass
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return _checked(nearly, relpath)
    declared = _declared(data)
    if declared is not None:
        return _checked(declared, relpath)
    gb = _try(data, "gb18030")
    if gb is not None:
        big5 = _try(data, "big5")
        if big5 is not None and _plausibility(big5.text) > _plausibility(gb.text) + 0.15:
            return _checked(big5, relpath)
        return _checked(gb, relpath)
    big5 = _try(data, "big5")
    if big5 is not None:
        return _checked(big5, relpath)
    guess = _charset_normalizer(data)
    if guess is not None:
        return _checked(guess, relpath)
    raise InputError(
        relpath,
        "cannot decode the file: it is not UTF-8, UTF-16, GB18030 or Big5 and charset-normalizer "
        "found no encoding that fits; re-save it as UTF-8",
    )


def _checked(decoded: Decoded, relpath: str) -> Decoded:
    """Refuse text that decoded but is mostly control characters (binary data)."""
    text = decoded.text
    if text:
        controls = len(_CONTROL.findall(text))
        if controls > max(3, len(text) // 100):
            raise InputError(
                relpath, f"binary file ({controls} control characters in {len(text)} decoded as "
                f"{decoded.encoding}); not a text article"
            )
    return decoded


def _try(data: bytes, encoding: str) -> Decoded | None:
    try:
        return Decoded(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _try_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark: NULs sit in the high bytes of ASCII characters."""
    if len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd_nuls >= even_nuls else ("utf-16-be", "utf-16-le")
    for name in order:
        decoded = _try(data, name)
        if decoded is None:
            continue
        text = decoded.text
        if _CONTROL.search(text):
            continue
        # Any byte pairs decode as UTF-16: require what Chinese text is made of.
        expected = len(_TEXTLIKE.findall(text))
        if expected >= 0.95 * len(text):
            return decoded
    return None


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a cut-off character): keep it UTF-8.

    Valid multi-byte UTF-8 sequences almost never occur by chance in GBK text,
    so many of them and only a few errors mean UTF-8 with damage.
    """
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # One damaged character costs up to four replacement marks.
    if errors <= max(4, multibyte // 50) and multibyte >= 10 * errors:
        return Decoded(text.replace("\ufffd", ""), f"utf-8 ({errors} invalid byte sequences dropped)")
    return None


def _declared(data: bytes) -> Decoded | None:
    """A charset named in the file's head (``<meta charset=gbk>``, ``<?xml encoding=…?>``)."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("gb2312", "gbk"):
        codec = "gb18030"  # a superset: pages labelled GB2312 often use GBK characters
    if codec.startswith("utf-8"):
        return None  # strict UTF-8 already failed; the label is wrong
    return _try(data, codec)


@lru_cache(maxsize=8192)
def is_common_han(ch: str) -> bool:
    """A character of GB2312 (common simplified) or of Big5's frequent block (common traditional)."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        return 0xA440 <= int.from_bytes(ch.encode("big5"), "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _plausibility(text: str) -> float:
    """Share of Han characters that are common ones: mojibake is full of rare characters."""
    han = _HAN.findall(text)
    if not han:
        return 0.0
    return sum(1 for ch in han if is_common_han(ch)) / len(han)


def _charset_normalizer(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
