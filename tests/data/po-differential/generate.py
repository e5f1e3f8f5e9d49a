"""Writes the PO files of this folder: tricky but valid catalogs, and broken ones, for the
differential test of our reader against GNU gettext's (tests/test_po_differential.py).

Run it from anywhere: ``python tests/data/po-differential/generate.py``. It rewrites every
``*.po`` here; the files are committed, so the test sees the same bytes on every machine.
Each file is named for what it holds; ``bad-`` files are ones GNU or we (or both) refuse.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def header(charset: str | None = "UTF-8", extra: str = "") -> str:
    content_type = "" if charset is None else f'"Content-Type: text/plain; charset={charset}\\n"\n'
    return ('# A translator comment\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
            '"Project-Id-Version: differential\\n"\n"Language: xx\\n"\n"MIME-Version: 1.0\\n"\n'
            f'{content_type}"Content-Transfer-Encoding: 8bit\\n"\n{extra}\n')


def entry(msgid: str, msgstr: str, pre: str = "") -> str:
    return f'{pre}msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'


# name -> (text, encoding of the file's bytes)
TEXT: dict[str, tuple[str, str]] = {}


def add(name: str, text: str, encoding: str = "utf-8") -> None:
    assert name not in TEXT, name
    TEXT[name] = (text, encoding)


# ---------------------------------------------------------------- valid, UTF-8

add("escapes", header() + entry("a\\tb\\nc\\\\d\\\"e", "\\a\\b\\f\\v\\r") + entry(
    "octal \\101\\102\\103", "hex \\x41\\x4a\\x6b") + entry("octal é \\303\\251", "x"))
add("wrapped-everywhere", header() + 'msgid ""\n"Split "\n"in "\n""\n"pieces"\nmsgstr ""\n'
    '"Coupé "\n"en "\n"morceaux"\n\n' + 'msgctxt ""\n"ct"\n"x"\nmsgid "one"\nmsgstr "un"\n\n')
add("contexts", header() + entry("Open", "Ouvrir") + entry("Open", "Ouvert", 'msgctxt "adj"\n')
    + entry("Open", "Ouvre", 'msgctxt ""\n'))
add("previous-and-obsolete", header() + '#, fuzzy\n#| msgctxt "old"\n#| msgid "Old text"\n'
    'msgctxt "new"\nmsgid "New text"\nmsgstr "Nouveau"\n\n'
    '#~ msgid "Gone"\n#~ msgstr "Parti"\n\n'
    '#, fuzzy\n#~| msgid "Went"\n#~ msgctxt "c"\n#~ msgid "Gone"\n#~ msgstr ""\n#~ "Parti "\n'
    '#~ "aussi"\n\n#~ msgid "Empty"\n#~ msgstr ""\n\n')
add("comment-forms", header() + "#  two spaces\n#\n#.no space\n#. b5df6-101\n#: a.md:1 b.md:2\n"
    "#: a.md:1\n#,fuzzy,c-format\n#, no-wrap\n" + entry("Comments", "Commentaires")
    + "#. only extracted\n" + entry("x", "y"))
# helper-105: '#!' is a flag line to GNU too (msgcat writes '#!fuzzy' as '#, fuzzy')
add("bang-flags", header() + "#!fuzzy\n" + entry("Draft", "Brouillon") + "#! no-wrap\n"
    + entry("Kept", "Gardé"))
add("crlf", (header() + entry("Line ends", "Fins de ligne")
             + '#~ msgid "old"\n#~ msgstr "vieux"\n').replace("\n", "\r\n"))
add("bom", "\ufeff" + header() + entry("Byte order mark", "Marque d'ordre"))
add("layout-whitespace", header() + '\tmsgid   "Tabs"  \n  msgstr\t"Tabulations"\t\n\n'
    'msgid "Trailing"\nmsgstr "Fin"   \n\n')
add("unicode-line-breaks", header() + entry("LS\u2028PS\u2029NEL\u0085", "x\u2028y")
    + entry("zero width\u200b\u200f", "\u00a0"))
add("no-header", entry("No header", "Pas d'en-tête") + entry("Second", "Deuxième"))
add("header-not-first", entry("Before", "Avant") + header() + entry("After", "Après"))
add("no-charset", header(None) + entry("ASCII", "only"))
add("charset-lowercase", header("utf-8") + entry("Lower", "Minuscule é"))
add("charset-template", header("CHARSET") + entry("Template", "ascii only"))
# helper-105: a charset GNU knows and Python has no codec for: refused, saying to convert
add("charset-euc-tw", header("EUC-TW") + entry("Taiwan", "ascii only"))
add("empty-msgstr-and-msgid-newlines", header() + entry("", "orphan", 'msgctxt "ctx"\n')
    + entry("\\n", "\\n") + entry("Untranslated", ""))
add("long-lines", header() + entry("word " * 300, "mot " * 300))
add("fuzzy-empty", header() + "#, fuzzy\n" + entry("Fuzzy empty", "") + "#, fuzzy, c-format\n"
    + entry("%s files", "%s fichiers"))

# a backslash right before a line feed is nothing to gettext's lexer, wherever it is: in any
# string (one after an escaped backslash too), inside a keyword, between two strings; the
# continued #| or #~ line keeps its mark in the string, as GNU reads it
add("backslash-newline", header() + 'msgctxt "con\\\ntext"\nmsgid "Hello \\\nworld"\n'
    'msgstr "Bonjour \\\nle monde"\n\n' + 'msg\\\nid "Keyword"\nmsgstr "Mot" \\\n"-clé"\n\n'
    + 'msgid "Escape"\nmsgstr "a\\\\\\\nnb \\\\\\\\\\\n"\n\n'
    + '#, fuzzy\n#| msgid "Old \\\n#| text"\nmsgid "New"\nmsgstr "Neuf é\\\n"\n\n'
    + '#~ msgid "Gone \\\n#~ away"\n#~ msgstr "Parti\\\n"\n')

# ---------------------------------------------------------------- valid, other charsets

add("iso-8859-1", header("ISO-8859-1") + entry("Settings", "Paramètres") + "# Commentaire é\n"
    + entry("Hello", "Grüße \\351"), "iso-8859-1")
add("iso-8859-15", header("ISO-8859-15") + entry("Euro", "€ œ"), "iso-8859-15")
add("koi8-r", header("KOI8-R") + entry("Settings", "Параметры"), "koi8-r")
add("cp1251", header("CP1251") + entry("Settings", "Параметры"), "cp1251")
add("euc-jp", header("EUC-JP") + entry("Table", "表"), "euc-jp")
add("gb2312", header("GB2312") + entry("Function", "功能"), "gb2312")
# a second byte 0x5C ("\") in a two-byte character: read by characters, not bytes
add("shift-jis-5c", header("Shift_JIS") + entry("So\\n", "ソ\\n") + entry("Table", "表")
    + entry("Ability", "能力\\t能") + entry("Octal", "\\203\\134"), "shift_jis")
add("cp932-5c", header("CP932") + entry("So", "ソ\\\\") + entry("Ten", "十"), "cp932")
add("big5-5c", header("BIG5") + entry("Function", "功能") + entry("Permit", "許\\n")
    + entry("Cover", "蓋"), "big5")
add("big5-hkscs-5c", header("BIG5-HKSCS") + entry("Function", "功能"), "big5hkscs")
add("gbk-5c", header("GBK") + entry("Ride", "乗\\n"), "gbk")
add("gb18030", header("GB18030") + entry("Ride", "乗 €"), "gb18030")
add("backslash-newline-iso-8859-1", header("ISO-8859-1")
    + entry("Settings", "Param\\\nètres é\\\n"), "iso-8859-1")
# a backslash after a character whose second byte is 0x5C continues the line; such a character
# ending a line is no backslash (the bad- file: its string is unterminated, for GNU as for us)
add("shift-jis-backslash-newline", header("Shift_JIS") + entry("Table", "表\\\nソ")
    + 'msgid "So" "ソ\\\n"\nmsgstr "x"\n', "shift_jis")
add("bad-shift-jis-5c-at-line-end", header("Shift_JIS") + 'msgid "x"\nmsgstr "ソ\n"\n',
    "shift_jis")
add("shift-jis-5c-obsolete", header("Shift_JIS") + entry("So", "ソ")
    + '#~ msgid "Old"\n#~ msgstr "表"\n', "shift_jis")

# ---------------------------------------------------------------- duplicates

add("bad-dup-active-active", header() + entry("Open", "Ouvrir") + entry("Open", "Ouvrez"))
add("bad-dup-active-obsolete", header() + entry("Open", "Ouvrir")
    + '#~ msgid "Open"\n#~ msgstr "Ouvrez"\n')
add("bad-dup-obsolete-active", header() + '#~ msgid "Open"\n#~ msgstr "Ouvrez"\n\n'
    + entry("Open", "Ouvrir"))
add("bad-dup-obsolete-obsolete", header() + '#~ msgid "Open"\n#~ msgstr "Ouvrez"\n\n'
    '#~ msgid "Open"\n#~ msgstr "Ouvrir"\n')
add("bad-dup-obsolete-header", header() + entry("Open", "Ouvrir")
    + '#~ msgid ""\n#~ msgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
add("bad-dup-context", header() + entry("Open", "Ouvert", 'msgctxt "adj"\n')
    + '#~ msgctxt "adj"\n#~ msgid "Open"\n#~ msgstr "Ouverte"\n')
add("dup-different-context", header() + entry("Open", "Ouvert", 'msgctxt "adj"\n')
    + '#~ msgctxt "verb"\n#~ msgid "Open"\n#~ msgstr "Ouvrir"\n')
add("bad-dup-header", header() + header() + entry("x", "y"))

# ---------------------------------------------------------------- broken

add("bad-unterminated", header() + 'msgid "Open"\nmsgstr "Ouvrir\n')
add("bad-unquoted", header() + "msgid \"Open\"\nmsgstr Ouvrir\n")
add("bad-text-after-quote", header() + 'msgid "Open"\nmsgstr "Ouv"rir"\n')
add("bad-escape-q", header() + entry("Open", "Ou\\qvrir"))
add("bad-escape-u", header() + entry("Open", "Ou\\u00e9"))
add("bad-escape-question", header() + entry("Open", "Ou\\?"))
add("bad-octal-beyond-byte", header() + entry("Open", "\\777"))
add("bad-msgstr-without-msgid", header() + 'msgstr "Ouvrir"\n')
add("bad-msgid-without-msgstr", header() + 'msgid "Open"\n\nmsgid "Close"\nmsgstr "Fermer"\n')
add("bad-half-obsolete", header() + 'msgid "Open"\n#~ msgstr "Ouvrir"\n')
add("bad-truncated-after-msgid", header() + 'msgid "Open"\n')
add("bad-keyword", header() + 'msgid "Open"\nmsgstring "Ouvrir"\n')
add("bad-invalid-utf8", header() + entry("Settings", "Param\udce8tres"))
add("bad-invalid-shift-jis", header("Shift_JIS") + entry("x", "\udc81 "), "shift_jis")
add("bad-unknown-charset", header("KLINGON-8") + entry("x", "y"))
add("bad-charset-space", header(" koi8-r") + entry("Settings", "Параметры"), "koi8-r")
add("charset-space-ascii", header(" koi8-r") + entry("Settings", "ASCII only"))
add("bad-nul-escape", header() + entry("Open", "Ou\\0vrir"))
add("bad-plural", header() + 'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "fichier"\n'
    'msgstr[1] "fichiers"\n')
add("bad-backslash-crlf", (header() + entry("Line\\\nends", "x")).replace("\n", "\r\n"))
add("bad-backslash-then-space", header() + entry("Space \\ \nafter", "x"))
add("bad-string-after-blank-line", header() + 'msgid "Open"\nmsgstr "Ouv"\n\n"rir"\n')


def main() -> None:
    for old in HERE.glob("*.po"):
        old.unlink()
    for name, (text, encoding) in sorted(TEXT.items()):
        # invalid bytes are written as lone surrogates (U+DC80..U+DCFF) in the text above
        data = text.encode(encoding, "surrogateescape")
        (HERE / f"{name}.po").write_bytes(data)


if __name__ == "__main__":
    main()
