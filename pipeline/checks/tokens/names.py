"""Names in text, which a translation copies unchanged: Verb-Noun cmdlets ('Set-' turned into
'Satz-' is the classic MT defect) and file names, each found from its literal part ('-X',
'.json') backwards, so that ordinary words cost nothing; and API names: members reached
through '::' or two dots at least, and PowerShell parameters ('-Confirm')."""

from __future__ import annotations

import re

CMDLET_NOUN = re.compile(r"-[A-Z][A-Za-z0-9]*+")
_VERB_BEFORE = re.compile(r"(?<![\w-])[A-Z][a-z]++(?:To|From)?$")
# A generic '.ext' scan and a set lookup: an alternation of extensions would be tried at every
# full stop of every sentence.
EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,5})(?!\w|\.\w)")
_EXTENSIONS = frozenset(
    [
        "json", "jsonc", "js", "ts", "xml", "xaml", "yml", "yaml", "ps1", "psm1", "psd1", "cs",
        "vb", "py", "md", "txt", "csv", "config", "dll", "exe", "msi", "zip", "htm", "html", "css",
        "sql", "sh", "cmd", "bat", "ini", "pfx", "cer", "pem", "resx", "csproj", "sln", "bicep",
        "cshtml", "aspx", "ipynb", "h", "hpp", "cpp", "lib", "idl", "mof", "svc"
    ])
_NAME_TAIL = re.compile(r"[\w-]+(?:\.[\w-]+)*$")
# 'Read-Only', 'Add-On', 'Set-Up': English compounds, not Verb-Noun commands.
_NOT_NOUNS = frozenset([
    "On", "Ons", "In", "Ins", "Only", "Up", "Out", "Off", "Over", "Back", "Down", "Away", "Through",
    "Time"
])
_VERBS = frozenset(
    [
        "Add", "Approve", "Assert", "Backup", "Block", "Checkpoint", "Clear", "Close", "Compare",
        "Complete", "Compress", "Confirm", "Connect", "Convert", "ConvertFrom", "ConvertTo", "Copy",
        "Debug", "Deny", "Deploy", "Disable", "Disconnect", "Dismount", "Edit", "Enable", "Enter",
        "Exit", "Expand", "Export", "Find", "Format", "Get", "Grant", "Group", "Hide", "Import",
        "Initialize", "Install", "Invoke", "Join", "Limit", "Lock", "Measure", "Merge", "Mount",
        "Move", "New", "Open", "Optimize", "Out", "Ping", "Pop", "Protect", "Publish", "Push",
        "Read", "Receive", "Redo", "Register", "Remove", "Rename", "Repair", "Request", "Reset",
        "Resize", "Resolve", "Restart", "Restore", "Resume", "Revoke", "Save", "Search", "Select",
        "Send", "Set", "Show", "Skip", "Split", "Start", "Step", "Stop", "Submit", "Suspend",
        "Switch", "Sync", "Test", "Trace", "Unblock", "Undo", "Uninstall", "Unlock", "Unprotect",
        "Unpublish", "Unregister", "Update", "Use", "Wait", "Watch", "Write"
    ])


# 'ICorProfilerInfo2::GetThreadStaticAddress', 'std::vector'
_SCOPED = re.compile(r"(?<![\w:])[A-Za-z_~]\w*+(?:::[A-Za-z_~]\w*+)++")
# 'Microsoft.Isam.Esent.Interop.EsentTooManyKeysException', 'System.IO.File': two dots at
# least, each part a name of two characters or more ('U.S.A.' and 'e.g.' are none), two parts
# capitalised: 'server.database.schema.table' is a pattern to fill in, 'www.contoso.com' a host
_DOTTED = re.compile(r"(?<![\w.@/\\-])[A-Za-z_]\w++(?:\.[A-Za-z_]\w++){2,}+(?![\w@/\\-]|\.\w)")
_CAPITALISED_PART = re.compile(r"(?:^|\.)[A-Z]")
# 'Admin.Microsoft.com', 'Portal.Azure.Net': a host name, whatever its case (a namespace that
# ends in '.Net' is taken for one too: a name missed is better than a good page held back)
_HOST_END = re.compile(r"\.(?:com|net|org|gov|edu|mil|info|cn|us|uk|de|fr|jp|ms)$", re.I)
# a dot between two names, the literal first: most sentences have none
_DOT_NAME = re.compile(r"\.[A-Za-z_]\w*+\.[A-Za-z_]")
# what may start a file name's extension or a dotted name: one search for both
DOT_CANDIDATE = re.compile(
    rf"\.(?:[A-Za-z][A-Za-z0-9]{{0,5}}(?![A-Za-z0-9]|\.\w)|{_DOT_NAME.pattern[2:]})")
# '-Confirm', '-OutVariable': a parameter stands alone, after a space, an opening mark or an
# escape (the dash first, the look-behind after it: the engine then skips to each '-')
_PARAMETER = re.compile(r"-(?<![^\s(\[*_>\"'“«\\]-)[A-Z][A-Za-z0-9]++(?![\w-])")
# A dash is a parameter's where the words beside it say so ('the -Force parameter', 'common
# parameters: -Debug, -ErrorAction, and -Verbose'), where a cmdlet comes just before it
# ('Get-Item -Path x -Force'), or in a heading of it alone ('### -Name <String>'); else it is
# prose: 'Monday -Friday', 'the folder -Similar to cd', 'Step 1 -Create'.
_WORD = r"(?:[Pp]arameters?|[Ss]witch(?:es)?|[Oo]ptions?|[Ff]lags?|[Aa]rguments?)"
# before the dash: 'parameter -Name', 'common parameters: -Debug' (a word may come between
# after a colon only: 'Option A -Use the portal', 'two options -Cancel' are prose)
_SAID_BEFORE = re.compile(r"(?:(?:[Pp]arameters?|[Ss]witch(?:es)?)\s++|" + _WORD
                          + r"\s*+:\s*+(?:\S++\s++)?)[*_`]*+$")
_SAID_AFTER = re.compile(r"[*_`]*+\s++(?:\S++\s++)?" + _WORD + r"\b")
_CMDLET_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]++(?:To|From)?)-([A-Z]\w*+)[*_]*+"
                            r"(?:\s++(?:\"[^\"\n]*+\"|[^\s-]\S*+))?\s++[*_`]*+$")
_NEXT_TO = re.compile(r"[*_`]*+[\s,]*+(?:(?:and|or)\s++|(?:\"[^\"\n]*+\"|[^\s,-]\S*+)\s++)?"
                      r"[*_`]*+")
# (a type after it: '<String>', or what the checks' reading masks it with, '\x1a')
_ALONE = re.compile(r"[\s*_`\\]*+-[A-Za-z]++"
                    r"(?:\s++(?:\\?<[^<>\n]*+>|&lt;[^&\n]*+&gt;|\[[^\]\n]*+\]|\x1a))*+[\s*_`\\]*+")
# '-This option…', '-Example: …': a dash before a word of prose, no parameter
_PROSE_AFTER_DASH = frozenset([
    "This", "These", "That", "Those", "The", "It", "Its", "If", "Then", "When", "Where", "Which",
    "What", "Who", "Why", "How", "We", "You", "Your", "They", "There", "Here", "See", "Note",
    "Example", "Examples", "For", "Not", "No", "Yes", "And", "Or", "But", "With", "Without",
])


# C constants and macros as Windows and MAPI write them ('S_OK', 'WM_NOTIFY', 'JET_SESID',
# 'MAPI_E_NOT_FOUND'), in Markdown often escaped ('S\\_OK'): capitals and digits, two parts or
# more. Machine translation splits and recases them ('S \\_ OK', 'WM \\_ Notify').
# Not a part of a longer name ('606500-OU_1-OU_3566-Training', 'X.FOO_BAR.y').
CONSTANT = re.compile(r"(?<![\w\\.-])[A-Z][A-Z0-9]*+(?:\\?_[A-Z0-9]++)++(?![\w-]|\\_|\.\w)")


def api_names(text: str) -> list[str]:
    """Names of code in prose, which a translation copies exactly, case and all: '::' and
    dotted member names, PowerShell parameters, C constants (their escapes read: 'S_OK' for
    'S\\_OK'); in order."""
    out: list[str] = _SCOPED.findall(text) if "::" in text else []
    if "_" in text:
        out += [m.replace("\\_", "_") for m in CONSTANT.findall(text)]
    if "." in text and _DOT_NAME.search(text) is not None:
        for m in _DOTTED.findall(text):
            m = m.strip("_")  # '_System.IO.File_': emphasis, not the name
            if len(_CAPITALISED_PART.findall(m)) >= 2 and _HOST_END.search(m) is None:
                out.append(m)
    if "-" in text:
        out += _parameters(text)
    return out


def _parameters(text: str) -> list[str]:
    found = [m for m in _PARAMETER.finditer(text)
             if m.group()[1:] not in _NOT_NOUNS and m.group()[1:] not in _PROSE_AFTER_DASH]
    if not found:
        return []
    if len(found) == 1 and _ALONE.fullmatch(text) is not None:
        return [found[0].group()]
    named = [_SAID_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
             or _SAID_AFTER.match(text, m.end()) is not None or _cmdlet_before(text, m.start())
             for m in found]
    # a list of them ('-Debug, -ErrorAction, and -Verbose'): all named where one is
    runs = [[0]]
    for i in range(1, len(found)):
        if _NEXT_TO.fullmatch(text, found[i - 1].end(), found[i].start()) is not None:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [found[i].group() for run in runs if any(named[i] for i in run) for i in run]


def _cmdlet_before(text: str, at: int) -> bool:
    m = _CMDLET_BEFORE.search(text, max(0, at - 80), at)
    return m is not None and m.group(1) in _VERBS and m.group(2) not in _NOT_NOUNS


# 'Install-Wmf5.1.ps1': a file's name, not a cmdlet's
_FILE_GOES_ON = re.compile(r"\.[A-Za-z0-9]")


def names(text: str) -> list[str]:
    """Verb-Noun cmdlet names (PowerShell's approved verbs) and file names with a common
    extension, in order."""
    out = []
    if "-" in text:
        for m in CMDLET_NOUN.finditer(text):
            verb = _VERB_BEFORE.search(text, max(0, m.start() - 16), m.start())
            if verb is not None and verb.group() in _VERBS and m.group()[1:] not in _NOT_NOUNS \
                    and _FILE_GOES_ON.match(text, m.end()) is None:
                out.append(text[verb.start() : m.end()])
    if "." in text:
        for m in EXTENSION.finditer(text):
            if m.group(1).lower() not in _EXTENSIONS:
                continue
            head = text[max(0, m.start() - 120) : m.start()]
            if not head or head[-1].isspace():
                continue  # '.csv file': an extension alone names no file
            # the tail of the last word (C-level rsplit, then a short regex on that word)
            name = _NAME_TAIL.search(head.rsplit(None, 1)[-1])
            if name is not None and name.group():
                out.append(name.group() + text[m.start() : m.end()])
    return out


# Scripts written without spaces between words: a name may touch their letters
_SPACELESS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3005\u3040-\u30ff\u3130-\u318f"
                        r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
                        r"\U00020000-\U0003134f]")
# Hebrew and Arabic write one-letter words and prefixes onto the word after them
# (he 'ב-policy.json', 'בpolicy.json', ar 'وSet-AzContext'): no glue before a name
_PREFIXING = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _letter(ch: str) -> bool:
    # (a letter or an ASCII digit: a superscript '¹' after a name is a footnote mark)
    return (ch.isalpha() or "0" <= ch <= "9") and _SPACELESS.match(ch) is None


def glues(text: str, i: int, step: int) -> bool:
    """Whether text[i], beside a name (before it for ``step`` -1, after it for 1), makes the
    name part of a longer word: a letter or digit of a script with spaces between words (not,
    before a name, one of Hebrew or Arabic), or '_' with one beyond it ('my_policy.json';
    '_System.IO.File_' is emphasis)."""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch == "_":
        i += step
        if not 0 <= i < len(text):
            return False
        ch = text[i]
    if ch < "\x80":  # most: ASCII
        return ch.isalnum()
    return _letter(ch) and (step > 0 or _PREFIXING.match(ch) is None)


def has_word(text: str, word: str) -> bool:
    """``word`` in ``text`` as a whole name: no letter or digit around it ('x-Set-X' and
    'x.json.bak' glue too); it may run on into Japanese, Chinese, Korean or Thai text
    ('Remove-Item과'), into a compound after it (de 'policy.json-Datei'), and after a Hebrew
    or Arabic prefix (he 'ה-policy.json')."""
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        glued_before = pos > 0 and (glues(text, pos - 1, -1) or (
            text[pos - 1] == "-" and glues(text, pos - 2, -1)))
        glued_after = glues(text, end, 1) or (
            text[end : end + 1] == "." and end + 1 < len(text) and _letter(text[end + 1]))
        if not (glued_before or glued_after):
            return True
        pos = text.find(word, pos + 1)
    return False


# a verb as after_a_verb reads it: CJK, Hebrew or Arabic letters may touch it ('将Get-Credential')
_VERB_GLUED = re.compile(r"(?<![A-Za-z0-9-])[A-Z][a-z]++(?:To|From)?$")


def after_a_verb(text: str, at: int) -> bool:
    """Whether text[at], a dash, joins a cmdlet's verb to its noun ('Get-Credential')."""
    verb = _VERB_GLUED.search(text, max(0, at - 16), at)
    return verb is not None and verb.group() in _VERBS
